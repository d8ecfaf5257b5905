"""[git] autocommit: one commit per change, touching only that file; git failures are one
line and never undo the change on disk. Real git repositories, real subprocesses."""

from __future__ import annotations

import pytest

from okrtui.autocommit import describe
from okrtui.core import edits

from .conftest import run_okrtui
from .git_helpers import GIT_ENV, commit_count, git, last_commit_files, team_repo

TODAY = "2026-11-22"
STARS = "platform/2026-Q4/grow-community.toml"


def okrtui(root, *args):
    return run_okrtui(*args, "--dir", str(root), "--today", TODAY, env=GIT_ENV)


@pytest.mark.parametrize(("edit", "message"), [
    (edits.AddCheckin("stars", {"date": "2026-11-22", "value": 210}),
     "checkin o/1:stars 210"),
    (edits.AddCheckin("guide", {"value": True}), "checkin o/1:guide done"),
    (edits.RemoveCheckin("stars", 2), "delete check-in 3 of o/1:stars"),
    (edits.ReplaceCheckin("stars", 0, {"date": "2026-10-05", "value": 7.5}),
     "edit check-in o/1:stars of 2026-10-05: 7.5"),
    (edits.AddKeyResult({"id": "nps", "title": "NPS"}), "add key result o/1:nps"),
    (edits.RemoveKeyResult("nps"), "remove key result o/1:nps"),
    (edits.SetField("target", 800, "stars"), "set o/1:stars target = 800"),
    (edits.SetField("owner", None), "unset o/1 owner"),
    (edits.Several((edits.SetField("title", "New"),)), "set o/1 title = 'New'"),
    (edits.Several((edits.SetField("title", "N"), edits.SetField("owner", "x"))),
     "edit o/1: title, owner"),
])
def test_commit_messages_say_what_happened(edit, message):
    assert describe("o/1", edit) == message


def test_checkin_is_committed_alone_with_a_message(tmp_path):
    root = team_repo(tmp_path, autocommit=True)
    repo = root.parent
    other = root / "company/2026-Q4/market-share.toml"
    other.write_text(other.read_text() + "# staged, not mine to commit\n")
    git(repo, "add", str(other))
    before = commit_count(repo)
    result = okrtui(root, "checkin", "grow-community:stars", "210", "--by", "sam")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert commit_count(repo) == before + 1
    assert last_commit_files(repo) == [f"okrs/{STARS}"]
    subject = git(repo, "log", "-1", "--format=%s").stdout.strip()
    assert subject == "checkin platform/2026-Q4/grow-community:stars 210"
    assert git(repo, "status", "--porcelain").stdout.splitlines() == [
        "M  okrs/company/2026-Q4/market-share.toml"]  # still staged, still not committed


def test_new_objective_and_key_result_are_committed(tmp_path):
    root = team_repo(tmp_path, autocommit=True)
    repo = root.parent
    before = commit_count(repo)
    created = okrtui(root, "new", "Ship the docs", "--owner", "docs")
    assert created.returncode == 0, created.stderr
    added = okrtui(root, "add-kr", "ship-the-docs", "pages", "Pages from 0 to 20",
                   "--start", "0", "--target", "20")
    assert added.returncode == 0, added.stderr
    assert commit_count(repo) == before + 2
    log = git(repo, "log", "-2", "--format=%s").stdout.splitlines()
    assert log == ["add key result docs/2026-Q4/ship-the-docs:pages",
                   "new objective docs/2026-Q4/ship-the-docs"]
    assert git(repo, "status", "--porcelain").stdout == ""


def test_no_commit_when_autocommit_is_off(tmp_path):
    root = team_repo(tmp_path, autocommit=False)
    before = commit_count(root.parent)
    assert okrtui(root, "checkin", "grow-community:stars", "210").returncode == 0
    assert commit_count(root.parent) == before
    assert git(root.parent, "status", "--porcelain").stdout.strip() == f"M okrs/{STARS}"


def test_outside_git_the_change_is_kept_and_one_line_says_why(tmp_path):
    root = team_repo(tmp_path, autocommit=True)
    import shutil

    shutil.rmtree(root.parent / ".git")
    result = okrtui(root, "checkin", "grow-community:stars", "211")
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1
    assert "saved, but not committed" in result.stderr and "not in a git repository" in \
        result.stderr
    assert "value = 211" in (root / STARS).read_text()


def test_a_refusing_hook_keeps_the_change_on_disk(tmp_path):
    root = team_repo(tmp_path, autocommit=True)
    repo = root.parent
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'no commits today' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = commit_count(repo)
    result = okrtui(root, "checkin", "grow-community:stars", "212")
    assert result.returncode == 0
    assert result.stderr.startswith("okrtui: saved, but not committed: git commit failed")
    assert result.stderr.count("\n") == 1
    assert commit_count(repo) == before
    assert "value = 212" in (root / STARS).read_text()


def test_no_commit_in_the_middle_of_a_rebase(tmp_path):
    root = team_repo(tmp_path, autocommit=True)
    repo = root.parent
    notes = repo / "notes.txt"
    notes.write_text("base\n")
    git(repo, "add", "notes.txt")
    git(repo, "commit", "-qm", "notes")
    git(repo, "checkout", "-qb", "other")
    notes.write_text("other\n")
    git(repo, "commit", "-qam", "other notes")
    git(repo, "checkout", "-q", "main")
    notes.write_text("main\n")
    git(repo, "commit", "-qam", "main notes")
    assert git(repo, "rebase", "other", check=False).returncode != 0  # stops on the conflict
    head = git(repo, "rev-parse", "HEAD").stdout
    result = okrtui(root, "checkin", "grow-community:stars", "213")
    assert result.returncode == 0
    assert "a rebase is in progress" in result.stderr
    assert git(repo, "rev-parse", "HEAD").stdout == head
    assert "value = 213" in (root / STARS).read_text()


async def test_a_checkin_in_the_app_is_committed(tmp_path, monkeypatch):
    from textual.widgets import DataTable

    from okrtui.tui.app import OkrApp
    from okrtui.tui.dialogs.checkin import CheckinDialog

    from .tui_helpers import TODAY as APP_TODAY
    from .tui_helpers import settle

    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = team_repo(tmp_path, autocommit=True)
    repo = root.parent
    before = commit_count(repo)
    app = OkrApp(root, APP_TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        objectives = app.main.query_one("#objectives", DataTable)
        keys = [row.value for row in objectives.rows]
        objectives.move_cursor(row=keys.index("platform/2026-Q4/grow-community"))
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(app.screen, CheckinDialog)
        await pilot.press(*"480", "enter")
        await settle(pilot)
    assert commit_count(repo) == before + 1
    assert git(repo, "log", "-1", "--format=%s").stdout.strip() == \
        "checkin platform/2026-Q4/grow-community:stars 480"
    assert last_commit_files(repo) == [f"okrs/{STARS}"]
