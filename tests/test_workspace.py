"""Workspace discovery, objective ids, and the parsed-file cache."""

import os
import time
from pathlib import Path

import pytest

from okrtui.core.store import load_workspace
from okrtui.core.workspace import (
    NotFound,
    find_workspace,
    objective_file_paths,
    objective_id,
    resolve,
)

GOOD = 'title = "{title}"\nperiod = "2026-Q4"\n'


def make_workspace(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "okrtui.toml").write_text('name = "w"\n')
    return root


def test_dir_option_wins_over_everything(tmp_path):
    inside = make_workspace(tmp_path / "here")
    chosen = find_workspace(str(tmp_path / "chosen"), {"OKRTUI_DIR": str(tmp_path / "env")},
                            cwd=inside)
    assert chosen == tmp_path / "chosen"


def test_environment_comes_next(tmp_path):
    inside = make_workspace(tmp_path / "here")
    assert find_workspace(None, {"OKRTUI_DIR": str(tmp_path / "env")}, cwd=inside) == \
        tmp_path / "env"


@pytest.mark.parametrize(("workspace", "cwd", "expected"), [
    ("repo", "repo/src/deep", "repo"),
    ("repo/okrs", "repo/src/deep", "repo/okrs"),
    ("repo/okrs", "repo", "repo/okrs"),
    ("repo/okrs", "repo/okrs/team", "repo/okrs"),
])
def test_walking_up_finds_the_workspace(tmp_path, workspace, cwd, expected):
    make_workspace(tmp_path / workspace)
    (tmp_path / cwd).mkdir(parents=True, exist_ok=True)
    assert find_workspace(None, {}, cwd=tmp_path / cwd) == tmp_path / expected


def test_personal_default_is_created_on_first_use(tmp_path, isolated_user_dirs):
    (tmp_path / "nowhere").mkdir()
    found = find_workspace(None, {}, cwd=tmp_path / "nowhere")
    assert found == isolated_user_dirs / "okrtui_data_dir" / "goals"
    assert found.is_dir()


def test_ids_are_relative_paths_without_suffix(tmp_path):
    for rel in ["platform/2026-Q4/grow-community.toml", "personal.toml"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(GOOD.format(title=rel))
    assert list(objective_file_paths(tmp_path)) == ["personal", "platform/2026-Q4/grow-community"]


@pytest.mark.parametrize("spelled", ["{root}", "{root}/", ".", "./"])
def test_ids_are_the_same_however_the_root_is_spelled(tmp_path, monkeypatch, spelled):
    for rel in ["a/b/c.toml", "top.toml", "a/okrtui.toml"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(GOOD.format(title=rel))
    monkeypatch.chdir(tmp_path)
    root = Path(spelled.format(root=tmp_path))
    found = objective_file_paths(root)
    assert list(found) == ["a/b/c", "a/okrtui", "top"]
    assert all(objective_id(root, Path(path)) == oid for oid, path in found.items())


IDS = ["platform/2026-Q4/grow-community", "platform/2026-Q3/grow-community",
       "company/2026-Q4/market-share", "personal"]


@pytest.mark.parametrize(("query", "expected"), [
    ("market-share", "company/2026-Q4/market-share"),
    ("2026-Q4/grow-community", "platform/2026-Q4/grow-community"),
    ("platform/2026-Q3/grow-community", "platform/2026-Q3/grow-community"),
    ("personal", "personal"),
    ("personal.toml", "personal"),
])
def test_resolve_unique_trailing_part(query, expected):
    assert resolve(query, IDS) == expected


@pytest.mark.parametrize(("query", "message"), [
    ("grow-community", "matches 2 objectives: platform/2026-Q4/grow-community, "
                       "platform/2026-Q3/grow-community"),
    ("share", "no objective 'share' in this workspace; did you mean: company/2026-Q4/market"),
    ("community/x", "no objective"),
    ("owth-community", "no objective"),  # trailing parts are whole path segments
])
def test_resolve_errors_list_candidates(query, message):
    with pytest.raises(NotFound, match=message.replace("(", r"\(")):
        resolve(query, IDS)


def _age(path: Path, seconds: float = 60) -> None:
    """Give a file an old mtime, as files that were not just edited have."""
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_cache_reuses_unchanged_files_and_rereads_changed_ones(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(GOOD.format(title="First"))
    _age(path)
    assert load_workspace(tmp_path).by_id["a"].title == "First"

    # Same size and mtime: the cache is trusted, so the old parse is returned. This proves
    # unchanged files are not parsed again.
    mtime = path.stat().st_mtime_ns
    path.write_text(GOOD.format(title="Other"))
    os.utime(path, ns=(mtime, mtime))
    assert load_workspace(tmp_path).by_id["a"].title == "First"

    path.write_text(GOOD.format(title="Changed size"))
    assert load_workspace(tmp_path).by_id["a"].title == "Changed size"


def test_recently_changed_files_are_not_cached(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(GOOD.format(title="First"))
    load_workspace(tmp_path)
    mtime = path.stat().st_mtime_ns
    path.write_text(GOOD.format(title="Other"))  # same size, same mtime tick
    os.utime(path, ns=(mtime, mtime))
    assert load_workspace(tmp_path).by_id["a"].title == "Other"


def test_cache_keeps_errors_and_forgets_deleted_files(tmp_path):
    (tmp_path / "bad.toml").write_text("title = \n")
    (tmp_path / "gone.toml").write_text(GOOD.format(title="Gone"))
    for path in tmp_path.iterdir():
        _age(path)
    load_workspace(tmp_path)
    (tmp_path / "gone.toml").unlink()
    workspace = load_workspace(tmp_path)
    assert [p.line for p in workspace.errors] == [1]
    assert workspace.objectives == ()


def test_damaged_cache_is_ignored(tmp_path, isolated_user_dirs):
    (tmp_path / "a.toml").write_text(GOOD.format(title="A"))
    _age(tmp_path / "a.toml")
    load_workspace(tmp_path)
    for cache in (isolated_user_dirs / "okrtui_cache_dir").rglob("*.pickle"):
        cache.write_bytes(b"garbage")
    assert load_workspace(tmp_path).by_id["a"].title == "A"


def test_caches_of_workspaces_unused_for_long_are_forgotten(tmp_path, isolated_user_dirs):
    for name in ("old", "recent", "current"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.toml").write_text(GOOD.format(title=name))
        _age(tmp_path / name / "a.toml")
    load_workspace(tmp_path / "old")
    load_workspace(tmp_path / "recent")
    caches = isolated_user_dirs / "okrtui_cache_dir" / "parsed"
    old, recent = sorted(caches.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
    _age(old, 61 * 86400)
    _age(recent, 59 * 86400)
    load_workspace(tmp_path / "current")
    assert not old.exists() and recent.exists()
    assert len(list(caches.glob("*.pickle"))) == 2
