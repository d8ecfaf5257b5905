"""Nothing outside the workspace: paths with .., absolute paths, links that lead outside
and reserved names are refused, and no command reads, writes or removes a file outside
the workspace (and its trash)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from okrtui.core.store import load_workspace

from .conftest import DATA, run_okrtui


@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def okrtui(root: Path, *args: str):
    return run_okrtui(*args, "--dir", str(root), "--today", "2026-11-22")


@pytest.mark.parametrize("path", ["../escaped", "a/../../escaped", "/tmp/okrtui-escaped",
                                  "platform/CON", "nul.toml", "okrtui", ".hidden/x"])
def test_new_refuses_paths_that_leave_or_misuse_the_workspace(team, path):
    outside = sorted(p.name for p in team.parent.iterdir())
    result = okrtui(team, "new", "Escape", "--path", path)
    assert result.returncode == 2, result.stdout
    assert "inside the workspace" in result.stderr or "reserved name" in result.stderr \
        or "ignored by okrtui" in result.stderr or "already exists" in result.stderr
    assert sorted(p.name for p in team.parent.iterdir()) == outside
    assert not Path("/tmp/okrtui-escaped.toml").exists()


def test_a_folder_linked_outside_is_not_written_through(team, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, team / "linked")
    result = okrtui(team, "new", "Through the link", "--path", "linked/x")
    assert result.returncode == 2 and "inside the workspace" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_an_objective_file_linked_outside_is_never_read_or_written(team, tmp_path):
    secret = tmp_path / "secret.toml"
    secret.write_text((DATA / "team/platform/2026-Q4/grow-community.toml").read_text())
    before = secret.read_bytes()
    os.symlink(secret, team / "platform/2026-Q4/stolen.toml")
    assert "stolen" not in str(sorted(load_workspace(team, use_cache=False).by_id))
    result = okrtui(team, "checkin", "stolen:stars", "999")
    assert result.returncode == 2 and "no objective 'stolen'" in result.stderr
    assert secret.read_bytes() == before
    assert okrtui(team, "delete", "stolen").returncode == 2
    assert secret.exists()


def test_a_tampered_trash_entry_cannot_write_outside(team, tmp_path):
    assert okrtui(team, "delete", "grow-community").returncode == 0
    (entry,) = (team / ".trash").iterdir()
    manifest = entry / "deleted.toml"
    manifest.write_text(manifest.read_text().replace(
        '"platform/2026-Q4/grow-community.toml" = ', '"../evil.toml" = '))
    result = okrtui(team, "restore")
    assert result.returncode == 1 and "outside the workspace" in result.stderr
    assert not (team.parent / "evil.toml").exists()


def test_dir_pointing_at_a_file_says_so(team):
    result = run_okrtui("status", "--dir", str(team / "okrtui.toml"))
    assert result.returncode == 2
    assert "is a file: --dir takes the workspace folder" in result.stderr
    assert "okrtui init" not in result.stderr
