"""Deletes that can be undone: the trash, okrtui delete / trash / restore, and d then u in
the app. Real files, real subprocesses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from okrtui.core.store import load_workspace
from okrtui.tui.app import OkrApp
from okrtui.tui.dialogs.confirm import ConfirmDialog

from .conftest import DATA, run_okrtui
from .tui_helpers import TODAY, example_workspace, settle


@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.toml"))
            if ".trash" not in p.parts}


def okrtui(root: Path, *args: str):
    return run_okrtui(*args, "--dir", str(root), "--today", "2026-11-22")


def test_deleting_a_parent_unlinks_its_supporters_and_restore_puts_everything_back(team):
    before = files(team)
    result = okrtui(team, "delete", "market-share")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Unlinked ") == 3
    assert not (team / "company").exists()  # no empty folders left behind
    workspace = load_workspace(team, use_cache=False)
    assert "company/2026-Q4/market-share" not in workspace.by_id
    assert all(not o.parent for o in workspace.objectives)
    listing = okrtui(team, "trash").stdout
    assert "delete objective company/2026-Q4/market-share (and unlink 3 supporting)" in listing
    restored = okrtui(team, "restore")
    assert restored.returncode == 0, restored.stderr
    assert files(team) == before
    assert okrtui(team, "trash").stdout == "The trash is empty.\n"
    assert okrtui(team, "restore").returncode == 1


def test_a_deleted_key_result_comes_back_byte_for_byte(team):
    before = files(team)
    assert okrtui(team, "delete", "grow-community:stars").returncode == 0
    assert load_workspace(team, use_cache=False).find("grow-community").key_result(
        "stars") is None
    assert okrtui(team, "restore").returncode == 0
    assert files(team) == before


def test_restore_refuses_when_the_file_changed_since(team):
    assert okrtui(team, "delete", "grow-community:stars").returncode == 0
    assert okrtui(team, "checkin", "grow-community:contributors", "7").returncode == 0
    changed = files(team)
    result = okrtui(team, "restore")
    assert result.returncode == 1
    assert "changed after the delete" in result.stderr and ".trash" in result.stderr
    assert files(team) == changed


def test_the_trash_is_not_loaded_as_objectives(team):
    assert okrtui(team, "delete", "grow-community").returncode == 0
    assert "grow-community" not in okrtui(team, "status").stdout


async def test_d_then_u_in_the_app(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    before = files(root)
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")  # the company objective, supported by three others
        assert isinstance(app.screen, ConfirmDialog)
        assert "3 objectives support it" in app.screen.question
        assert "u undoes it all" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        rows = [row.value for row in app.main.query_one("#objectives", DataTable).rows]
        assert "company/2026-Q4/market-share" not in rows
        assert all(not o.parent for o in app.workspace.objectives)
        await pilot.press("u")
        await settle(pilot)
        rows = [row.value for row in app.main.query_one("#objectives", DataTable).rows]
        assert "company/2026-Q4/market-share" in rows
    assert files(root) == before


async def test_a_deleted_checkin_is_undone_in_the_app(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    before = files(root)
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter")  # into the key results, then the check-ins
        await pilot.press("d")
        assert "u undoes it" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert files(root) != before
        await pilot.press("u")
        await settle(pilot)
    assert files(root) == before
