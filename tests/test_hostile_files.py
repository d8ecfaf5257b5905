"""Hostile files: whatever bytes a file holds, the loader gives an objective or a file:line
error (never an exception, never a hang), and no output holds NaN or a progress outside
0..1. Hypothesis generates the files; a few crafted ones are always tried."""

from __future__ import annotations

import math
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrtui.core.model import Level
from okrtui.core.parse import parse_objective
from okrtui.core.report import build_report
from okrtui.core.scoring import score_objective
from okrtui.core.settings import Settings
from okrtui.present import now_and_goal, printable, progress_bar, sparkline

TODAY = date(2026, 11, 22)
GOOD = b'title = "T"\nperiod = "2026-Q4"\n\n[[key_results]]\nid = "k"\ntitle = "K"\n' \
       b'start = 0\ntarget = 10\ncheckins = [\n  { date = 2026-10-05, value = 3 },\n]\n'


def check(data: bytes) -> None:
    begin = time.monotonic()
    result = parse_objective(data, Path("hostile.toml"), "hostile")
    assert time.monotonic() - begin < 15, "the loader must not hang"
    errors = [p for p in result.problems if p.level is Level.ERROR]
    assert (result.objective is None) == bool(errors)
    for problem in result.problems:
        assert problem.line >= 1 and problem.message
    if result.objective is None:
        return
    score = score_objective(result.objective, TODAY)
    for value in (score.progress, score.expected,
                  *(s.progress for s in score.key_results.values())):
        assert value is None or (not math.isnan(value) and 0.0 <= value <= 1.0), value
    report = build_report([result.objective], Settings(), None, TODAY, "w")
    assert "nan" not in repr(report).lower().replace("'nan'", "")
    for kr in result.objective.key_results:
        kr_score = score.key_results[kr.id]
        progress_bar(kr_score.progress)
        now_and_goal(kr, kr_score.current)
        sparkline([float(c.value) for c in kr.checkins])
        assert "\x1b" not in printable(kr.title)


CRAFTED = [
    b"", b"\x00" * 10, b"\xef\xbb\xbf" + GOOD, GOOD.replace(b"\n", b"\r\n"),
    GOOD.replace(b"\n", b"\r\n", 3), GOOD + b"\x00", b"\xff\xfe" + GOOD,
    GOOD.replace(b"target = 10", b"target = 1e400"),
    GOOD.replace(b"target = 10", b"target = nan"), GOOD.replace(b"target = 10", b"target = inf"),
    GOOD.replace(b"value = 3", b"value = -inf"), GOOD.replace(b"value = 3", b"value = nan"),
    GOOD.replace(b"start = 0", b"start = 10"),  # target equal to start
    GOOD.replace(b"value = 3", b"value = 99999999999999999999"),
    GOOD.replace(b"target = 10", b"target = 170141183460469231731687303715884105727"),
    b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    b'title = "' + b"x" * 10_000_000 + b'"\n',
    b"title = 1\n", b"key_results = 3\n", b'title = "T"\nkey_results = [1, 2]\n',
    b'title = "T"\n[[key_results]]\nid = "k"\ntitle = "K"\ncheckins = "x"\n',
    b"<<<<<<< ours\n" + GOOD + b"=======\n" + GOOD + b">>>>>>> theirs\n",
    b'title = "\\u001b]52;c;aGk=\\u0007 [bold]x[/] \\u001b[31m"\n',
    GOOD.replace(b'title = "K"', b'title = "\\u001b[2J\\u0007"'),
]


@pytest.mark.parametrize("data", CRAFTED, ids=range(len(CRAFTED)))
def test_crafted_hostile_files(data):
    check(data)


toml_scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.booleans(), st.text(max_size=30), st.dates())
toml_values = st.recursive(toml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=8), inner,
                                                 max_size=4)), max_leaves=12)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes(data):
    check(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["title", "period", "owner", "kind", "key_results",
                                        "commitment", "review", "start", "end", "x"]),
                       toml_values, max_size=6),
       st.lists(st.dictionaries(st.sampled_from(["id", "title", "type", "start", "target",
                                                 "min", "max", "weight", "checkins", "unit"]),
                                toml_values, max_size=8), max_size=3))
def test_valid_toml_of_the_wrong_shape(root, key_results):
    import tomlkit

    document = dict(root)
    if key_results:
        document["key_results"] = key_results
    try:
        text = tomlkit.dumps(document)
    except Exception:  # noqa: BLE001 - values TOML cannot hold (e.g. NaN keys): not a file
        return
    check(text.encode("utf-8", errors="surrogatepass"))
