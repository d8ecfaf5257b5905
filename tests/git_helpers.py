"""Real git repositories in temporary folders, for the tests of okrtui's git features."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .conftest import DATA

#: Fixed identity and dates, and no user or system config leaking into the tests.
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Alice", "GIT_AUTHOR_EMAIL": "alice@example.org",
    "GIT_COMMITTER_NAME": "Alice", "GIT_COMMITTER_EMAIL": "alice@example.org",
}


def git(cwd: Path, *args: str, check: bool = True,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV, **(env or {})}, timeout=60)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def team_repo(tmp_path: Path, *, autocommit: bool = False) -> Path:
    """A git repository with the team fixture in ``okrs/``, all committed; returns okrs/."""
    repo = tmp_path / "repo"
    root = repo / "okrs"
    shutil.copytree(DATA / "team", root)
    if autocommit:
        settings = root / "okrtui.toml"
        text = settings.read_text()
        assert "autocommit = false" in text
        settings.write_text(text.replace("autocommit = false", "autocommit = true"))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Alice")
    git(repo, "config", "user.email", "alice@example.org")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "goals")
    return root


def commit_count(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD").stdout)


def last_commit_files(repo: Path) -> list[str]:
    out = git(repo, "show", "--name-only", "--format=", "HEAD").stdout
    return [line for line in out.splitlines() if line]
