"""Dates that make sense: a check-in after today is refused, one outside its objective's
period needs --force (shell) or a confirmation (app), and only check-ins inside the period
count (a final value up to 14 days after its end does)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from okrtui.core.model import Checkin, KeyResult, Objective
from okrtui.core.periods import parse_period
from okrtui.core.scoring import checkins_until, score_objective
from okrtui.tui.app import OkrApp
from okrtui.tui.dialogs.checkin import CheckinDialog
from okrtui.tui.dialogs.confirm import ConfirmDialog

from .conftest import DATA, run_okrtui
from .tui_helpers import TODAY, example_workspace, settle

Q4 = parse_period("2026-Q4")


@pytest.mark.parametrize(("day", "counts"), [
    ("2026-09-30", False), ("2026-10-01", True), ("2026-12-31", True),
    ("2027-01-14", True), ("2027-01-15", False),
])
def test_only_checkins_in_the_period_count(day, counts):
    kr = KeyResult(id="k", title="t", start=0, target=10, checkins=(
        Checkin(date(2026, 11, 1), 2), Checkin(date.fromisoformat(day), 9)))
    assert (len(checkins_until(kr, date(2027, 3, 1), Q4)) == 2) is counts
    objective = Objective(id="o", path=Path("o.toml"), title="O", period=Q4,
                          key_results=(kr,))
    expected = 0.9 if counts and day > "2026-11-01" else 0.2  # the latest one that counts
    assert score_objective(objective, date(2027, 3, 1)).progress == pytest.approx(expected)


@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


@pytest.mark.parametrize(("day", "message"), [
    ("2027-02-01", "is after today (2026-11-22)"),
    ("2026-11-23", "is after today"),
    ("2026-01-01", "is outside 2026-Q4"),
])
def test_the_shell_refuses_dates_that_make_no_sense(team, day, message):
    path = team / "platform/2026-Q4/grow-community.toml"
    before = path.read_bytes()
    result = run_okrtui("checkin", "grow-community:stars", "300", "--date", day, "--dir",
                        str(team), "--today", "2026-11-22")
    assert result.returncode == 2 and message in result.stderr
    assert path.read_bytes() == before


def test_force_records_a_checkin_outside_the_period(team):
    result = run_okrtui("checkin", "grow-community:stars", "300", "--date", "2026-01-01",
                        "--force", "--dir", str(team), "--today", "2026-11-22")
    assert result.returncode == 0, result.stderr
    assert "date = 2026-01-01" in (team / "platform/2026-Q4/grow-community.toml").read_text()


async def test_the_app_refuses_a_future_date_and_asks_about_one_outside_the_period(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    path = root / "company/2026-Q4/market-share.toml"
    before = path.read_text()
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, CheckinDialog)
        app.screen.query_one("#date").value = "2026-12-01"
        await pilot.press(*"80", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinDialog)
        assert "after today" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#date").value = "2026-09-15"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "outside 2026-Q4" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert path.read_text() == before
        await pilot.press("c")
        app.screen.query_one("#date").value = "2026-09-15"
        await pilot.press(*"80", "enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    assert "date = 2026-09-15, value = 80" in path.read_text()
