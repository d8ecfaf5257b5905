"""The merge driver in real git: two clones of one goals repository, each changing the same
objective file, then pulling. No mocks."""

from __future__ import annotations

import tomllib
from pathlib import Path

from okrtui.core.store import load_workspace

from .conftest import run_okrtui
from .git_helpers import GIT_ENV, git, team_repo

STARS = "okrs/platform/2026-Q4/grow-community.toml"


def clones(tmp_path: Path, crlf: bool = False) -> tuple[Path, Path]:
    """A bare origin with the team goals (set up for okrtui) and two clones, alice and bob,
    each with the merge driver registered as a new clone would (okrtui git-setup)."""
    root = team_repo(tmp_path / "seed")
    seed = root.parent
    if crlf:
        path = seed / STARS
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run_okrtui("git-setup", "--dir", str(root), env=GIT_ENV).returncode == 0
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "okrtui merge driver")
    git(tmp_path, "clone", "-q", "--bare", str(seed), "origin.git")
    made = []
    for name in ("alice", "bob"):
        git(tmp_path, "clone", "-q", "origin.git", name)
        clone = tmp_path / name
        git(clone, "config", "user.name", name)
        git(clone, "config", "user.email", f"{name}@example.org")
        git(clone, "config", "pull.rebase", "false")
        assert run_okrtui("git-setup", "--dir", str(clone / "okrs"), env=GIT_ENV).returncode == 0
        made.append(clone)
    return made[0], made[1]


def okrtui(clone: Path, *args: str):
    result = run_okrtui(*args, "--dir", str(clone / "okrs"), "--today", "2026-11-22",
                        env=GIT_ENV)
    assert result.returncode == 0, result.stderr
    return result


def push(clone: Path, message: str) -> None:
    git(clone, "commit", "-qam", message)
    git(clone, "push", "-q", "origin", "HEAD")


def stars(clone: Path) -> list[dict]:
    data = tomllib.loads((clone / STARS).read_text())
    return next(kr for kr in data["key_results"] if kr["id"] == "stars")["checkins"]


def test_two_checkins_on_one_key_result_merge_cleanly_keeping_crlf(tmp_path):
    alice, bob = clones(tmp_path, crlf=True)
    okrtui(alice, "checkin", "grow-community:stars", "310", "--by", "alice")
    push(alice, "alice checks in")
    okrtui(bob, "checkin", "grow-community:stars", "305", "--by", "bob", "--date",
           "2026-11-21")
    git(bob, "commit", "-qam", "bob checks in")
    pulled = git(bob, "pull", "-q", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    merged = (bob / STARS).read_bytes()
    assert b"\r\n" in merged and b"\n" not in merged.replace(b"\r\n", b"")
    values = [(c["date"].isoformat(), c["value"], c.get("by")) for c in stars(bob)]
    assert values[-2:] == [("2026-11-21", 305, "bob"), ("2026-11-22", 310, "alice")]
    assert load_workspace(bob / "okrs", use_cache=False).errors == ()
    assert git(bob, "status", "--porcelain").stdout == ""


def test_comments_survive_and_a_title_change_meets_a_checkin(tmp_path):
    alice, bob = clones(tmp_path)
    path = alice / STARS
    path.write_text(path.read_text().replace(
        'title = "Grow an engaged open-source community"',
        'title = "Grow a community that contributes"'))
    push(alice, "rename the objective")
    ours = bob / STARS
    ours.write_text(ours.read_text().replace(
        'unit = "stars"', 'unit = "stars"   # counted on the 1st of the month', 1))
    okrtui(bob, "checkin", "grow-community:stars", "320")
    git(bob, "commit", "-qam", "check in")
    assert git(bob, "pull", "-q", "--no-edit", "origin", "main", check=False).returncode == 0
    text = (bob / STARS).read_text()
    assert 'unit = "stars"   # counted on the 1st of the month\n' in text
    assert 'title = "Grow a community that contributes"' in text
    assert stars(bob)[-1]["value"] == 320


def test_a_renamed_file_and_a_checkin_are_both_kept(tmp_path):
    alice, bob = clones(tmp_path)
    git(alice, "mv", STARS, "okrs/platform/2026-Q4/community.toml")
    push(alice, "rename the file")
    okrtui(bob, "checkin", "grow-community:stars", "321")
    git(bob, "commit", "-qam", "check in")
    assert git(bob, "pull", "-q", "--no-edit", "origin", "main", check=False).returncode == 0
    moved = tomllib.loads((bob / "okrs/platform/2026-Q4/community.toml").read_text())
    assert next(kr for kr in moved["key_results"] if kr["id"] == "stars")["checkins"][-1][
        "value"] == 321
    assert not (bob / STARS).exists()


def test_the_same_target_set_twice_conflicts_on_that_line_only(tmp_path):
    alice, bob = clones(tmp_path)
    for clone, target, value in ((alice, "600", "311"), (bob, "800", "312")):
        path = clone / STARS
        path.write_text(path.read_text().replace("target = 500", f"target = {target}", 1))
        okrtui(clone, "checkin", "grow-community:stars", value)
    push(alice, "target 600")
    git(bob, "commit", "-qam", "target 800")
    pulled = git(bob, "pull", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode != 0
    assert git(bob, "diff", "--name-only", "--diff-filter=U").stdout.split() == [STARS]
    text = (bob / STARS).read_text()
    assert text.count("<<<<<<<") == 1
    block = text.split("<<<<<<< ours\n", 1)[1].split(">>>>>>> theirs\n", 1)[0]
    assert block == "target = 800\n=======\ntarget = 600\n"
    # both check-ins are there, outside the markers
    assert "value = 311" in text and "value = 312" in text


def test_a_key_result_added_on_each_side_keeps_both(tmp_path):
    alice, bob = clones(tmp_path)
    okrtui(alice, "add-kr", "grow-community", "talks", "Conference talks from 0 to 3",
           "--start", "0", "--target", "3")
    push(alice, "talks")
    okrtui(bob, "add-kr", "grow-community", "posts", "Blog posts from 2 to 10",
           "--start", "2", "--target", "10")
    git(bob, "commit", "-qam", "posts")
    assert git(bob, "pull", "-q", "--no-edit", "origin", "main", check=False).returncode == 0
    objective = load_workspace(bob / "okrs", use_cache=False).find("grow-community")
    assert [kr.id for kr in objective.key_results][-2:] == ["posts", "talks"]
