"""The app in a goals folder kept in git: one line when the clone has no merge driver, and
a file left with conflict markers by plain git is shown with how to resolve it."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from okrtui.tui.app import OkrApp

from .conftest import run_okrtui
from .git_helpers import GIT_ENV, team_repo
from .tui_helpers import TODAY, settle

SIZE = (120, 40)


def git_notices(app: OkrApp) -> list[str]:
    return [n.message for n in app._notifications if n.title == "git"]


async def test_a_clone_without_the_merge_driver_is_told_once(tmp_path, monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = team_repo(tmp_path)
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        notices = git_notices(app)
        assert len(notices) == 1 and "okrtui git-setup" in notices[0]
        app.reload()
        await settle(pilot)
        assert len(git_notices(app)) == 1
    assert run_okrtui("git-setup", "--dir", str(root), env=GIT_ENV).returncode == 0
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert git_notices(app) == []


async def test_a_file_with_conflict_markers_is_not_offered_for_writing(tmp_path):
    root = team_repo(tmp_path)
    path = root / "platform/2026-Q4/grow-community.toml"
    text = path.read_text()
    path.write_text(text.replace("target = 500", "<<<<<<< ours\ntarget = 600\n=======\n"
                                                 "target = 800\n>>>>>>> theirs", 1))
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        objectives = [row.value for row in app.main.query_one("#objectives", DataTable).rows]
        assert "platform/2026-Q4/grow-community" not in objectives
        problems = str(app.main.query_one("#problems", Static).render())
        assert "grow-community.toml" in problems
        assert "unresolved git merge conflict" in problems
        assert "remove the <<<<<<< ======= >>>>>>> markers" in problems
    assert path.read_text().count("<<<<<<<") == 1
