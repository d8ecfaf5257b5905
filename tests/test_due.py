"""Due and overdue check-ins from every cadence: plain tables, and `okrtui due` as a real
subprocess."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from okrtui.core.due import due_items, due_state
from okrtui.core.model import Checkin, KeyResult, Objective
from okrtui.core.periods import parse_period

from .conftest import DATA, run_okrtui

Q4 = parse_period("2026-Q4")  # starts 2026-10-01


def objective(*checkins: str, cadence=None, kind="metric", value=1, owner="ann",
              by=None) -> Objective:
    kr = KeyResult(id="kr", title="t", type=kind, start=0, target=10,
                   checkins=tuple(Checkin(date.fromisoformat(d), value, by=by)
                                  for d in checkins))
    return Objective(id="o", path=Path("o.toml"), title="O", period=Q4, cadence=cadence,
                     owner=owner, key_results=(kr,))


@pytest.mark.parametrize(("checkins", "cadence", "today", "level"), [
    # weekly: due 7 days after the last check-in, overdue after 14
    (["2026-11-10"], "weekly", "2026-11-16", "ok"),
    (["2026-11-10"], "weekly", "2026-11-17", "due"),
    (["2026-11-10"], "weekly", "2026-11-24", "due"),
    (["2026-11-10"], "weekly", "2026-11-25", "overdue"),
    # biweekly: 14 and 28 days
    (["2026-11-01"], "biweekly", "2026-11-14", "ok"),
    (["2026-11-01"], "biweekly", "2026-11-15", "due"),
    (["2026-11-01"], "biweekly", "2026-11-30", "overdue"),
    # monthly: 31 and 62 days
    (["2026-10-01"], "monthly", "2026-10-31", "ok"),
    (["2026-10-01"], "monthly", "2026-11-01", "due"),
    (["2026-10-01"], "monthly", "2026-12-03", "overdue"),
    # never checked in: counted from the period's start; nothing due on the first day
    ([], "weekly", "2026-10-01", "ok"),
    ([], "weekly", "2026-10-08", "due"),
    ([], "weekly", "2026-10-16", "overdue"),
    # outside the period nothing is due
    ([], "weekly", "2026-09-20", "ok"),
    (["2026-10-01"], "weekly", "2027-01-10", "ok"),
    # a check-in dated after today does not count yet
    (["2026-11-01", "2026-11-30"], "weekly", "2026-11-10", "due"),
])
def test_due_state(checkins, cadence, today, level):
    state = due_state(objective(*checkins, cadence=cadence).key_results[0],
                      objective(*checkins, cadence=cadence), date.fromisoformat(today))
    assert state.level == level


def test_the_workspace_cadence_applies_when_the_objective_has_none():
    o = objective("2026-11-01")
    assert due_state(o.key_results[0], o, date(2026, 11, 10), "weekly").level == "due"
    assert due_state(o.key_results[0], o, date(2026, 11, 10), "monthly").level == "ok"


def test_a_done_milestone_is_never_due():
    done = objective("2026-10-02", kind="milestone", value=True)
    assert due_state(done.key_results[0], done, date(2026, 12, 1)).level == "ok"
    open_ = objective("2026-10-02", kind="milestone", value=False)
    assert due_state(open_.key_results[0], open_, date(2026, 12, 1)).level == "overdue"


def test_mine_first_then_overdue_then_longest_waiting():
    items = due_items([
        replace(objective("2026-11-01", owner="ben"), id="b-due"),
        replace(objective("2026-10-01", owner="ben"), id="b-overdue"),
        replace(objective("2026-11-05", owner="ann"), id="a-mine"),
        replace(objective("2026-11-05", owner="cat", by="Ann"), id="c-by-me"),
    ], date(2026, 11, 14), me="ann")
    assert [(i.objective.id, i.mine) for i in items] == [
        ("a-mine", True), ("c-by-me", True), ("b-overdue", False), ("b-due", False)]


# -- okrtui due ------------------------------------------------------------------------------

@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def due(root: Path, today: str, *args: str, **kwargs):
    return run_okrtui("due", *args, "--dir", str(root), "--today", today, **kwargs)


def test_due_lists_what_needs_a_checkin_with_the_command(team):
    result = due(team, "2026-11-24")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("overdue  platform/2026-Q4/grow-community:contributors")
    assert "okrtui checkin platform/2026-Q4/grow-community:contributors VALUE" in lines[1]
    assert sum(line.startswith("due ") for line in lines) >= 5


def test_due_mine_first_and_owner(team, user_config_dir):
    (user_config_dir / "config.toml").write_text('name = "alice"\n')
    result = due(team, "2026-11-24")
    assert "people/alice/2026-Q4/half-marathon" in result.stdout.splitlines()[0]
    assert "· yours" in result.stdout.splitlines()[0]
    only = due(team, "2026-11-24", "--owner", "platform-team").stdout
    assert only and all("platform/" in line for line in only.splitlines()
                        if line.startswith(("due", "overdue")))


def test_due_line_for_a_shell_prompt(team):
    assert due(team, "2026-11-22", "--line").stdout == "okr: 1 overdue · 4 off track\n"
    assert due(team, "2026-11-24", "--line").stdout.startswith("okr: ")


def test_due_line_is_empty_when_all_is_well(tmp_path):
    assert run_okrtui("init", str(tmp_path / "okrs")).returncode == 0
    result = due(tmp_path / "okrs", "2026-11-22", "--line")
    assert (result.returncode, result.stdout) == (0, "")


def test_due_json(team):
    data = json.loads(due(team, "2026-11-22", "--json").stdout)
    assert data == [{"objective": "platform/2026-Q4/grow-community", "key_result": "contributors",
                     "state": "overdue", "last_checkin": "2026-10-19",
                     "due_since": "2026-10-26", "mine": False}]
