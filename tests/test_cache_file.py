"""The cache file: an index, then the pickled objectives it refers to. A damaged file is an
empty cache, never an error, and loading one reads the index, not every objective."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from okrtui.core.cache_file import CacheFile
from okrtui.core.parsed_cache import ParsedCache
from okrtui.core.store import load_workspace

OBJECTIVE = ('title = "Objective {n}"\nperiod = "{period}"\n\n[[key_results]]\nid = "k"\n'
             'title = "Users from 0 to 6"\nstart = 0\ntarget = 6\n'
             'checkins = [{{ date = 2026-07-0{day}, value = {n} }}]\n')


def folder_of(root: Path, periods: list[str]) -> Path:
    (root / "okrtui.toml").write_text("")
    old = time.time() - 60  # older than the cache's "racy" window: found by their stat
    for n, period in enumerate(periods):
        path = root / f"o{n}.toml"
        path.write_text(OBJECTIVE.format(n=n, period=period, day=n % 9 + 1))
        os.utime(path, (old, old))
    return root


def test_objectives_come_back_from_the_cache_as_parsed(tmp_path):
    root = folder_of(tmp_path, ["2026-Q3", "2026-Q4", "2026-Q3"])
    fresh = load_workspace(root, use_cache=False)
    load_workspace(root)  # writes the cache
    cache = ParsedCache(root)
    assert sorted(cache.entries) == ["o0", "o1", "o2"]
    assert load_workspace(root).objectives == fresh.objectives
    assert [cache.entries[o.id].objective() for o in fresh.objectives] == list(fresh.objectives)


def test_the_pickled_objectives_are_views_into_one_reading_of_the_file(tmp_path):
    root = folder_of(tmp_path, ["2026-Q3"] * 4)
    load_workspace(root)
    views = [entry.pickled for entry in ParsedCache(root).entries.values()]
    assert all(isinstance(view, memoryview) for view in views)
    assert len({id(view.obj) for view in views}) == 1  # not a bytes object each


def test_each_period_is_one_object_in_the_index(tmp_path):
    periods = ["2026-Q3", "2026-Q4", "2026-Q3", "2026-Q4", "2026-Q3", "2026"]
    root = folder_of(tmp_path, periods)
    load_workspace(root)
    entries = ParsedCache(root).entries.values()
    assert len({id(entry.period) for entry in entries}) == len(set(periods))


def test_an_edited_file_is_read_again_and_the_rest_still_come_from_the_cache(tmp_path):
    root = folder_of(tmp_path, ["2026-Q3", "2026-Q3"])
    load_workspace(root)
    (root / "o1.toml").write_text(OBJECTIVE.format(n=7, period="2026-Q4", day=3))
    assert load_workspace(root).by_id["o1"].title == "Objective 7"
    cache = ParsedCache(root)
    assert cache.entries["o1"].objective().title == "Objective 7"
    assert cache.entries["o0"].objective().title == "Objective 0"


def _cut_views(data: bytes) -> bytes:
    return data[:-5]


def _long_index(data: bytes) -> bytes:
    return (len(data) * 2).to_bytes(8, "little") + data[8:]


def _swapped_view(data: bytes) -> bytes:
    return data[:-10] + bytes(reversed(data[-10:]))


@pytest.mark.parametrize("damage", [
    lambda data: b"",
    lambda data: b"garbage",
    lambda data: data[:4],
    _cut_views,
    _long_index,
    lambda data: data[:8] + b"\x00" * (len(data) - 8),
    lambda data: data[8:],  # the format before the index came first
], ids=["empty", "garbage", "cut header", "cut objectives", "index past the end", "zeroes",
        "old format"])
def test_a_damaged_file_is_an_empty_cache(tmp_path, damage):
    root = folder_of(tmp_path, ["2026-Q3", "2026-Q4"])
    fresh = load_workspace(root, use_cache=False)
    load_workspace(root)
    path = ParsedCache(root).path
    path.write_bytes(damage(path.read_bytes()))
    assert ParsedCache(root).entries == {}
    assert load_workspace(root).objectives == fresh.objectives


def test_a_damaged_objective_is_found_out_when_the_file_is_read(tmp_path):
    """Only the index is checked on loading: an objective's pickle damaged inside its bounds
    fails to unpickle, and the file is parsed again then (see store.Folder)."""
    root = folder_of(tmp_path, ["2026-Q3"])
    fresh = load_workspace(root, use_cache=False)
    load_workspace(root)
    path = ParsedCache(root).path
    path.write_bytes(_swapped_view(path.read_bytes()))
    assert load_workspace(root).objectives == fresh.objectives


class Plain(CacheFile[tuple[str, memoryview]]):
    def __init__(self, root: Path) -> None:
        super().__init__(root, "plain", (1,))


@pytest.mark.parametrize("values", [
    {},
    {"a": ("x", memoryview(b""))},
    {"a": ("x", memoryview(b"one")), "b": ("y", memoryview(b"two")),
     "c": ("z", memoryview(b"one"))},
    {f"k{n}": (str(n), memoryview(bytes([n]) * n)) for n in range(40)},
])
def test_any_values_with_views_round_trip(tmp_path, values):
    cache = Plain(tmp_path)
    cache.entries = dict(values)
    cache.dirty = True
    cache.save()
    again = Plain(tmp_path).entries
    assert {k: (s, bytes(v)) for k, (s, v) in again.items()} == \
        {k: (s, bytes(v)) for k, (s, v) in values.items()}


# -- the changes file: what changed since the main file was written ---------------------------

def _edit(root: Path, n: int, title_n: int, age: float = 60) -> None:
    path = root / f"o{n}.toml"
    path.write_text(OBJECTIVE.format(n=title_n, period="2026-Q3", day=2))
    when = time.time() - age
    os.utime(path, (when, when))


def _written(path: Path) -> tuple[int, bytes] | None:
    """Which file, with what in it (its time changes: it is touched while in use)."""
    return (path.stat().st_ino, path.read_bytes()) if path.exists() else None


def test_one_changed_file_writes_only_the_changes_file(tmp_path):
    root = folder_of(tmp_path, ["2026-Q3"] * 30)
    load_workspace(root)
    cache = ParsedCache(root)
    main = _written(cache.path)
    assert main is not None and not cache.changes_path.exists()
    _edit(root, 1, 71)
    assert load_workspace(root).by_id["o1"].title == "Objective 71"
    assert _written(cache.path) == main  # the 2.6 MB of a folder of years: not written
    assert cache.changes_path.exists()
    again = ParsedCache(root)
    assert again.entries["o1"].objective().title == "Objective 71"
    assert again.entries["o2"].objective().title == "Objective 2"
    _edit(root, 2, 72)  # a second change joins the first in the changes file
    assert load_workspace(root).by_id["o2"].title == "Objective 72"
    assert _written(cache.path) == main
    changes = ParsedCache(root)
    assert [changes.entries[o].objective().title for o in ("o1", "o2")] == [
        "Objective 71", "Objective 72"]
    assert load_workspace(root).objectives == load_workspace(root, use_cache=False).objectives


@pytest.mark.parametrize("change", ["many files", "a file gone"])
def test_many_changes_or_a_file_gone_write_the_main_file_anew(tmp_path, change):
    root = folder_of(tmp_path, ["2026-Q3"] * 30)
    load_workspace(root)
    _edit(root, 0, 70)
    load_workspace(root)
    cache = ParsedCache(root)
    main = _written(cache.path)
    assert cache.changes_path.exists()
    if change == "many files":
        for n in range(1, 18):  # 18 changed, more than 16 (and an eighth of 30)
            _edit(root, n, 70 + n)
    else:
        (root / "o5.toml").unlink()
    fresh = load_workspace(root, use_cache=False)
    assert load_workspace(root).objectives == fresh.objectives
    assert _written(cache.path) != main and not cache.changes_path.exists()
    assert load_workspace(root).objectives == fresh.objectives
    assert sorted(ParsedCache(root).entries) == sorted(o.id for o in fresh.objectives)


@pytest.mark.parametrize("damage", [lambda data: b"garbage", _cut_views, _swapped_view],
                         ids=["garbage", "cut objectives", "damaged objective"])
def test_a_damaged_changes_file_costs_a_reading_never_a_wrong_objective(tmp_path, damage):
    root = folder_of(tmp_path, ["2026-Q3"] * 20)
    load_workspace(root)
    _edit(root, 3, 73)
    load_workspace(root)
    changes = ParsedCache(root).changes_path
    changes.write_bytes(damage(changes.read_bytes()))
    assert load_workspace(root).by_id["o3"].title == "Objective 73"
    assert load_workspace(root).objectives == load_workspace(root, use_cache=False).objectives


def test_a_file_changed_just_now_is_read_again_but_nothing_is_written_again(tmp_path):
    """Within the racy window a file is found by its bytes, not its stat: reading it again
    is right, writing the cache again for it each time is not."""
    root = folder_of(tmp_path, ["2026-Q3"] * 20)
    load_workspace(root)
    _edit(root, 4, 74, age=0)  # changed now: its stat cannot be trusted for 2 s
    load_workspace(root)
    cache = ParsedCache(root)
    written = (_written(cache.path), _written(cache.changes_path))
    for _ in range(3):
        assert load_workspace(root).by_id["o4"].title == "Objective 74"
    assert (_written(cache.path), _written(cache.changes_path)) == written


def test_forgetting_an_old_workspace_forgets_its_changes_too(tmp_path):
    old_root, new_root = tmp_path / "old", tmp_path / "new"
    for root in (old_root, new_root):
        root.mkdir()
        folder_of(root, ["2026-Q3"] * 20)
        load_workspace(root)
    _edit(old_root, 1, 71)
    load_workspace(old_root)
    old = ParsedCache(old_root)
    assert old.changes_path.exists()
    long_ago = time.time() - 61 * 86400
    for path in (old.path, old.changes_path):
        os.utime(path, (long_ago, long_ago))
    _edit(new_root, 1, 71)
    load_workspace(new_root)  # saving one workspace forgets the others not used for long
    assert not old.path.exists() and not old.changes_path.exists()
    assert ParsedCache(new_root).path.exists()
