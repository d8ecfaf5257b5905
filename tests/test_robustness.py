"""Damaged files never crash the parser, and edits of odd files are either exact or refused.

Seeded random mutations of the fixture files: deterministic, so a failure reproduces."""

import random
from datetime import date
from pathlib import Path

from okrtui.core import edits
from okrtui.core.edits import EditError
from okrtui.core.parse import parse_objective

from .conftest import DATA

TOKENS = [b"[", b"]", b"{", b"}", b'"', b"'", b"\n", b"\r\n", b"=", b",", b"#", b".",
          b"[[key_results]]\n", b"checkins = [", b'"""', b"'''", b"\xff", b"2026-10-01",
          b"true", b'id = "x"\n']


def mutations(count: int, seed: int = 7):
    sources = sorted(DATA.rglob("*.toml"))
    contents = [p.read_bytes() for p in sources]
    rng = random.Random(seed)
    for _ in range(count):
        data = bytearray(rng.choice(contents))
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(data) + 1)
            roll = rng.random()
            if roll < 0.4:
                data[pos:pos] = rng.choice(TOKENS)
            elif roll < 0.7:
                del data[pos:pos + rng.randint(1, 8)]
            else:
                data[pos:pos + 1] = bytes([rng.randrange(256)])
        yield bytes(data)


def test_parser_never_raises_and_edits_are_exact_or_refused():
    loaded = 0
    for data in mutations(3000):
        result = parse_objective(data, Path("x.toml"), "x")
        assert (result.objective is None) == any(p.level.value == "error"
                                                  for p in result.problems)
        if result.objective is None or not result.objective.key_results:
            continue
        loaded += 1
        text = data.decode()
        kr = result.objective.key_results[0]
        value = True if kr.type == "milestone" else 3
        more = [edits.RemoveCheckin(kr.id, 0), edits.ReplaceCheckin(
            kr.id, 0, {"date": date(2026, 11, 2), "value": value})] if kr.checkins else []
        for edit in (*more,
                     edits.AddCheckin(kr.id, {"date": date(2026, 11, 1), "value": value}),
                     edits.SetField("title", "New title"), edits.SetField("unit", "u", kr.id),
                     edits.AddKeyResult({"id": "zz", "title": "T", "start": 0, "target": 1}),
                     edits.RemoveKeyResult(kr.id)):
            try:
                edits.apply_edit(text, edit)  # checks its own result; raises if not exact
            except EditError as refused:
                assert any(reason in str(refused) for reason in (
                    "nothing was written", "already exists", "inline array", "by hand"))
    assert loaded > 50  # the mutations also exercise files that still load
