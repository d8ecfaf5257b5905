"""okrtui log on real git repositories: who moved the goal posts, and when."""

from __future__ import annotations

import json
import re

from .conftest import run_okrtui
from .git_helpers import GIT_ENV, git, team_repo

STARS = "platform/2026-Q4/grow-community.toml"


def commit_as(repo, who: str, day: str, message: str) -> None:
    when = f"{day}T12:00:00"
    git(repo, "commit", "-qam", message, env={
        "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": f"{who}@example.org",
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})


def log(root, *args):
    return run_okrtui("log", *args, "--dir", str(root), env=GIT_ENV)


def test_log_shows_a_mid_period_target_change_with_author_and_values(tmp_path):
    root = team_repo(tmp_path)
    repo = root.parent
    path = root / STARS
    path.write_text(path.read_text().replace("target = 500", "target = 800", 1))
    commit_as(repo, "bob", "2026-11-20", "stretch")
    text = path.read_text()
    path.write_text(re.sub(r"\{ date = 2026-10-05, value = (\d+)",
                           r"{ date = 2026-10-05, value = 999", text, count=1))
    commit_as(repo, "carol", "2026-11-21", "fix an old check-in")
    result = log(root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2026-11-21  carol")
    assert "grow-community:stars  check-in of 2026-10-05 edited" in lines[0]
    assert lines[1] == ("2026-11-20  bob    platform/2026-Q4/grow-community:stars  target 500 -> "
                        "800  ⚑ moved after the period began (2026-10-01)")
    data = json.loads(log(root, "grow-community:stars", "--json").stdout)
    moved = next(c for c in data if c["field"] == "target")
    assert (moved["author"], moved["old"], moved["new"], moved["after_start"]) == (
        "bob", 500, 800, True)
    assert all(c["key_result"] == "stars" for c in data)


def test_log_of_a_renamed_objective_follows_the_file(tmp_path):
    root = team_repo(tmp_path)
    repo = root.parent
    git(repo, "mv", f"okrs/{STARS}", "okrs/platform/2026-Q4/community.toml")
    commit_as(repo, "alice", "2026-11-02", "rename")
    path = root / "platform/2026-Q4/community.toml"
    path.write_text(path.read_text().replace("target = 500", "target = 600", 1))
    commit_as(repo, "bob", "2026-11-03", "target")
    result = log(root, "community")
    assert result.returncode == 0, result.stderr
    assert "target 500 -> 600" in result.stdout
    assert "objective created" in result.stdout  # the history before the rename is there


def test_a_deleted_checkin_and_a_removed_key_result(tmp_path):
    root = team_repo(tmp_path)
    repo = root.parent
    path = root / STARS
    lines = path.read_text().splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if "date = 2026-10-05" in line)
    path.write_text("".join(lines[:first] + lines[first + 1:]))
    commit_as(repo, "bob", "2026-11-10", "oops")
    assert run_okrtui("checkin", "--dir", str(root), "grow-community:stars", "1").returncode == 0
    result = log(root, "grow-community")
    assert "check-in of 2026-10-05 deleted" in result.stdout


def test_outside_git_log_says_so_plainly(tmp_path):
    assert run_okrtui("init", "--example", str(tmp_path / "okrs")).returncode == 0
    result = log(tmp_path / "okrs")
    assert result.returncode == 1
    assert "not in a git repository" in result.stderr and "git init" in result.stderr
    assert result.stderr.count("\n") == 1
