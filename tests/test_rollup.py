"""The team dashboard: roll-ups by owner and by supported objective (tables), `okrtui status
--by`, and the dashboard screen in the app."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable

from okrtui.core.model import Checkin, KeyResult, Objective, Status
from okrtui.core.periods import parse_period
from okrtui.core.rollup import by_owner, by_parent, supporters
from okrtui.core.scoring import score_objective
from okrtui.tui.app import OkrApp
from okrtui.tui.screens.dashboard import DashboardScreen

from .conftest import DATA, run_okrtui
from .tui_helpers import TODAY, example_workspace, settle

Q4 = parse_period("2026-Q4")
DAY = date(2026, 11, 15)  # half-way: committed objectives are expected at 0.5


def objective(oid: str, owner: str, value: float, parent: str = "",
              last: str = "2026-11-14") -> Objective:
    kr = KeyResult(id="k", title="t", start=0, target=10,
                   checkins=(Checkin(date.fromisoformat(last), value),))
    return Objective(id=oid, path=Path(f"{oid}.toml"), title=oid.upper(), period=Q4,
                     owner=owner, parent=parent, key_results=(kr,))


OBJECTIVES = [
    objective("top", "lead", 5),                    # on track
    objective("a", "ann", 4, parent="top"),         # at risk (0.4 of 0.5)
    objective("b", "ann", 1, parent="top"),         # off track
    objective("c", "ben", 5, parent="a", last="2026-11-01"),  # on track, due
    objective("d", "", 1),                          # off track, no owner
]
SCORES = {o.id: score_objective(o, DAY) for o in OBJECTIVES}


def test_by_owner_worst_first():
    rows = by_owner(OBJECTIVES, SCORES, DAY)
    assert [(r.name, r.objectives, r.on_track, r.at_risk, r.off_track, r.due)
            for r in rows] == [
        ("ann", 2, 0, 1, 1, 0), ("(no owner)", 1, 0, 0, 1, 0), ("ben", 1, 1, 0, 0, 1),
        ("lead", 1, 1, 0, 0, 0)]
    assert rows[0].progress == pytest.approx(0.25)
    assert rows[0].worst is Status.OFF_TRACK


def test_supporters_are_found_through_every_level_and_cycles_end():
    assert [o.id for o in supporters(OBJECTIVES[0], OBJECTIVES)] == ["a", "b", "c"]
    looped = [objective("x", "", 1, parent="y"), objective("y", "", 1, parent="x")]
    assert [o.id for o in supporters(looped[0], looped)] == ["y"]


def test_by_parent_is_the_alignment_tree():
    rows = by_parent(OBJECTIVES, SCORES, DAY)
    assert [(r.name, r.depth, r.objectives, r.on_track, r.at_risk, r.off_track)
            for r in rows] == [
        ("TOP", 0, 3, 1, 1, 1), ("A", 1, 1, 1, 0, 0), ("(supports nothing shown)", 0, 1, 0,
                                                         0, 1)]


@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def test_status_by_owner_and_parent(team):
    result = run_okrtui("status", "--by", "owner", "--dir", str(team), "--today", "2026-11-22")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2].split() == ["owner", "objectives", "on", "track", "at", "risk", "off",
                                "track", "due", "progress"]
    assert lines[3].split()[:6] == ["product-team", "2", "0", "1", "1", "0"]
    data = json.loads(run_okrtui("status", "--by", "parent", "--json", "--dir", str(team),
                                 "--today", "2026-11-22").stdout)
    assert data[0]["name"] == "Become the default tool for small engineering teams"
    assert data[0]["objectives"] == 3 and data[0]["objective_ids"] == [
        "platform/2026-Q4/grow-community", "product/2026-Q4/faster-onboarding",
        "product/2026-Q4/learn-pricing"]
    bad = run_okrtui("status", "--by", "folder", "--dir", str(team))
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


async def test_the_dashboard_drills_into_an_owner(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one(DataTable)
        owners = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert set(owners) == {o.owner for o in app.workspace.objectives}
        target = owners.index("product-team")
        table.move_cursor(row=target)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, DashboardScreen)
        rows = [row.value for row in app.main.query_one("#objectives", DataTable).rows]
        assert rows and all(app.workspace.find(r).owner == "product-team" for r in rows)
        # a parent objective shows how the objectives supporting it do
        await pilot.press("escape")
        await settle(pilot)
        objectives = app.main.query_one("#objectives", DataTable)
        keys = [row.value for row in objectives.rows]
        objectives.move_cursor(row=keys.index("company/2026-Q4/market-share"))
        await pilot.pause()
        statement = str(app.main.query_one("#statement").render())
        assert "Supported by 3:" in statement
