"""Learning goals from the shell: tagged check-ins, the route question when creating an
objective, converting a learning goal once the route is known, and the learning log."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okrtui.core.store import load_workspace

from .conftest import DATA, run_okrtui

TODAY = "2026-11-22"


@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def okrtui(root: Path, *args: str):
    return run_okrtui(*args, "--dir", str(root), "--today", TODAY, input="")


def test_a_tagged_checkin_shows_in_the_learning_log_and_restarts_learning(team):
    before = okrtui(team, "status")
    assert "[no notes]" in before.stdout  # check-ins, but nothing written down lately
    result = okrtui(team, "checkin", "learn-pricing:interviews", "9", "--tag", "validated",
                    "-m", "teams pay per seat", "--by", "lee")
    assert result.returncode == 0, result.stderr
    assert ('{ date = 2026-11-22, value = 9, note = "teams pay per seat", tag = "validated", '
            'by = "lee" }') in (team / "product/2026-Q4/learn-pricing.toml").read_text()
    after = okrtui(team, "status").stdout
    interviews = next(line for line in after.splitlines() if "Customer" in line)
    assert interviews.endswith(" learning")
    log = [line.strip() for line in after.splitlines() if line.strip().startswith("log ")]
    assert log[0] == "log  2026-11-22  interviews [validated]: teams pay per seat"
    assert len(log) == 3  # newest three


def test_an_unknown_tag_is_refused(team):
    result = okrtui(team, "checkin", "learn-pricing:interviews", "9", "--tag", "guess")
    assert result.returncode == 2 and "invalid choice" in result.stderr


@pytest.mark.parametrize(("args", "kind"), [
    (["--route-known", "no"], "learning"),
    (["--route-known", "yes"], "performance"),
    (["--kind", "learning"], "learning"),
    ([], "performance"),
])
def test_the_route_question_suggests_the_kind(team, args, kind):
    result = okrtui(team, "new", "Find what teams pay for", "--owner", "x", *args)
    assert result.returncode == 0, result.stderr
    assert f'kind = "{kind}"' in Path(result.stdout.strip()).read_text()
    if not args:
        assert "--route-known no" in result.stderr


def test_convert_keeps_the_history(team):
    path = team / "product/2026-Q4/learn-pricing.toml"
    before = path.read_text()
    result = okrtui(team, "convert", "learn-pricing", "--to", "performance")
    assert result.returncode == 0, result.stderr
    after = path.read_text()
    assert after == before.replace('kind = "learning"', 'kind = "performance"')
    objective = load_workspace(team).find("learn-pricing")
    assert objective.kind == "performance"
    assert sum(len(kr.checkins) for kr in objective.key_results) == 14
    again = okrtui(team, "convert", "learn-pricing", "--to", "performance")
    assert again.returncode == 2 and "performance goal already" in again.stderr
