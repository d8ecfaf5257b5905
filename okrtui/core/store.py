"""Reading a whole workspace fast (with a cache of parsed files) and writing files safely.

Writes keep every byte they do not change (``edits``), are checked with tomllib before they
replace a file, replace it atomically, and re-apply the edit when the file changed on disk
meanwhile, so an outside edit (an editor, git, a teammate) is never overwritten.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from okrtui.core import edits
from okrtui.core.filelock import LockTimeout, locked
from okrtui.core.model import FileResult, Level, Objective, Problem
from okrtui.core.parse import build_objective, decode, load_toml, read_objective
from okrtui.core.periods import Period, shown_in
from okrtui.core.settings import SETTINGS_FILE, Settings, load_settings
from okrtui.core.workspace import NotFound, objective_files, objective_id, resolve

CACHE_FORMAT = 2
#: Files changed this recently are not cached: a second change within the file system's
#: timestamp granularity could keep the same mtime and size (git's "racy" problem).
_RACY_SECONDS = 2.0
_WRITE_ATTEMPTS = 5
_FORGET_AFTER_DAYS = 60
#: Names Windows keeps for devices; a shared folder must work there too.
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                   *(f"LPT{n}" for n in range(1, 10))}


class StoreError(Exception):
    """A write that was refused; nothing was written. The message says what to do."""


@dataclass(frozen=True)
class Workspace:
    root: Path
    settings: Settings
    objectives: tuple[Objective, ...]
    problems: tuple[Problem, ...]
    by_id: dict[str, Objective] = field(default_factory=dict, compare=False, repr=False)
    left_out: int = 0
    """How many objectives ``load_workspace(only=...)`` left out, being of other periods."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level is Level.ERROR)

    def find(self, query: str) -> Objective:
        """The objective whose id is ``query`` or ends with ``/query`` (raises NotFound)."""
        return self.by_id[resolve(query, self.by_id)]


def load_workspace(root: Path, *, use_cache: bool = True,
                   only: Period | None = None) -> Workspace:
    """Load every objective file below ``root``; a bad file becomes a problem, never an
    exception, and the rest still loads.

    With ``only``, the objectives are those whose period overlaps it (as ``outline.visible``
    shows them): files of other periods are indexed by the cache, their problems reported,
    but their objectives are not built. A folder of years then costs what one period costs.
    """
    return _Folder(root, use_cache).workspace(only)


def load_in_steps(root: Path, first: Period | None, *,
                  use_cache: bool = True) -> Iterator[Workspace]:
    """``load_workspace(only=first)``, then, if that left objectives out, the whole
    workspace, from one reading of the folder and the cache: the objectives of the first
    step are the very same objects in the second."""
    folder = _Folder(root, use_cache)
    partial = folder.workspace(first)
    yield partial
    if partial.left_out:
        yield folder.workspace(None)


class _Folder:
    """Every objective file's problems and period, from the cache or a fresh parse, read
    once; objectives are built (unpickled) when a workspace asks for them, once each."""

    def __init__(self, root: Path, use_cache: bool) -> None:
        self.root = root
        self.settings = load_settings(root)
        files = objective_files(root)
        cache = _Cache(root) if use_cache else None
        self.entries: dict[str, _Entry] = {}
        self.built: dict[str, Objective] = {}
        for oid, path in files.items():
            try:
                stat = path.stat()  # before reading, so a change while reading is never cached
            except OSError:
                stat = None
            entry = cache.get(oid, stat) if cache and stat else None
            if entry is None:
                result = read_objective(path, oid)
                if cache and stat:
                    cache.put(oid, stat, result)
                entry = _Entry.of(result, stat)
                if result.objective is not None:
                    self.built[oid] = result.objective
            self.entries[oid] = entry
        if cache:
            cache.save(set(files))

    def workspace(self, only: Period | None) -> Workspace:
        objectives: list[Objective] = []
        problems: list[Problem] = list(self.settings.problems)
        left_out = 0
        for oid, entry in self.entries.items():
            problems += entry.problems
            if entry.pickled is None and oid not in self.built:
                continue  # the file has errors: no objective
            if not shown_in(entry.period, only):
                left_out += 1
                continue
            if oid not in self.built:
                self.built[oid] = entry.objective()
            objectives.append(self.built[oid])
        return Workspace(self.root, self.settings, tuple(objectives), tuple(problems),
                         {o.id: o for o in objectives}, left_out)


def find_objective_path(root: Path, query: str) -> tuple[str, Path]:
    """Resolve an objective reference from file names alone, without parsing any file."""
    files = objective_files(root)
    oid = resolve(query, files)
    return oid, files[oid]


def write_edit(root: Path, path: Path, edit: edits.Edit,
               before_replace: Callable[[], None] | None = None) -> Objective:
    """Apply ``edit`` to the file as it is on disk now and return the objective it becomes.

    Refuses (StoreError) when the file does not load cleanly now or would not after the edit.
    ``before_replace`` runs just before the file is replaced; tests use it to change the file
    at that moment, as an editor or a teammate might.
    """
    oid = objective_id(root, path)
    for _ in range(_WRITE_ATTEMPTS):
        with _lock(path):
            original = _read_bytes(path)
            text, data = _loadable(original, path, oid)
            try:
                new_text, new_data = edits.apply_edit(text, edit, data)
            except edits.EditError as exc:
                raise StoreError(f"{path}: {exc}") from None
            objective = _checked(new_text, path, oid, new_data)
            if before_replace is not None:
                before_replace()
            if _read_bytes(path) != original:
                continue  # an editor or git changed it meanwhile: apply the edit again
            if new_text != text:
                _remove_leftovers(path)
                _write(path, new_text.encode("utf-8"))
            return objective
    raise StoreError(f"{path} kept changing while okrtui tried to write it; try again")


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """okrtui's writers take turns on a file (see filelock); the message says what to do
    when the file is gone or another writer holds it too long."""
    try:
        with locked(path):
            yield
    except FileNotFoundError:
        raise StoreError(f"{path} no longer exists") from None
    except LockTimeout:
        raise StoreError(f"{path} is being written by another program (another okrtui?); "
                         "nothing was written: try again") from None
    except PermissionError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None


def create_objective(root: Path, rel_path: str, fields: dict[str, Any],
                     key_results: list[dict[str, Any]] | None = None) -> Objective:
    """Write a new objective file at ``root/rel_path`` (``.toml`` added); never overwrites."""
    rel = rel_path if rel_path.endswith(".toml") else rel_path + ".toml"
    path = root / rel
    if path.resolve() != root.resolve() and root.resolve() not in path.resolve().parents:
        raise StoreError(f"{rel_path}: objective files must be inside the workspace {root}")
    if any(part.startswith((".", "_")) for part in Path(rel).parts):
        raise StoreError(f"{rel_path}: names starting with '.' or '_' are ignored by okrtui; "
                         "choose another name")
    reserved = [part for part in Path(rel).parts
                if part.split(".")[0].upper() in _RESERVED_NAMES]
    if reserved or Path(rel).as_posix() == SETTINGS_FILE:
        raise StoreError(f"{rel_path}: {reserved[0] if reserved else SETTINGS_FILE} is a "
                         "reserved name; choose another name")
    if path.exists():
        raise StoreError(f"{path} already exists: choose another name or edit that objective")
    text = edits.objective_text(fields, key_results or [])
    objective = _checked(text, path, objective_id(root, path))
    _write(path, text.encode("utf-8"), exclusive=True)
    return objective


def delete_objective(path: Path) -> None:
    try:
        with _lock(path):
            path.unlink()
    except StoreError:
        if path.exists():
            raise
    except OSError as exc:
        raise StoreError(f"cannot delete {path}: {exc.strerror}") from None


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write via a temporary file in the same folder, fsync, then rename over ``path``."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if exclusive:
            _link_exclusive(tmp, path)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _link_exclusive(tmp: str, path: Path) -> None:
    """Move ``tmp`` to ``path`` unless ``path`` exists (also where hard links are not
    supported, as on some network shares)."""
    try:
        os.link(tmp, path)  # fails if the path appeared meanwhile
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """atomic_write, with what went wrong said as a StoreError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data, exclusive=exclusive)
    except FileExistsError:
        raise StoreError(f"{path} already exists: choose another name") from None
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}; nothing was "
                         "changed") from None


def _remove_leftovers(path: Path) -> None:
    """Temporary files of earlier writes of ``path`` that were killed before their rename.
    Only called with the file's lock held, so none of them belongs to a live writer."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{path} no longer exists") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None


def _loadable(data: bytes, path: Path, oid: str) -> tuple[str, dict[str, Any]]:
    """The file's text and parsed data, or StoreError when the file has errors."""
    text, problem = decode(data, path)
    raw: dict[str, Any] | None = None
    if text is not None:
        raw, problem = load_toml(text, path)
    if raw is not None:
        errors = [p for p in build_objective(raw, text or "", path, oid).problems
                  if p.level is Level.ERROR]
        problem = errors[0] if errors else None
    if problem is not None or raw is None or text is None:
        raise StoreError(f"{problem}\nokrtui does not write to a file with errors: fix it "
                         "first (okrtui lint shows every problem)")
    return text, raw


def _checked(text: str, path: Path, oid: str, raw: dict[str, Any] | None = None) -> Objective:
    """The objective ``text`` describes; StoreError if it is not a valid objective file."""
    if raw is None:
        raw, problem = load_toml(text, path)
        if raw is None:
            raise StoreError(f"okrtui would write invalid TOML ({problem}); nothing was written")
    result = build_objective(raw, text, path, oid)
    errors = [p for p in result.problems if p.level is Level.ERROR]
    if result.objective is None or errors:
        raise StoreError(errors[0].message if errors else f"{path}: invalid objective")
    return result.objective


@dataclass(frozen=True)
class _Entry:
    """One file in the cache: its stat, the period and problems it had (an index every load
    reads), and its objective, pickled apart so that only the objectives asked for are
    unpickled."""

    mtime_ns: int
    size: int
    period: Period | None
    problems: tuple[Problem, ...]
    pickled: bytes | None

    @classmethod
    def of(cls, result: FileResult, stat: os.stat_result | None) -> _Entry:
        """The entry for a file just parsed; its objective is pickled only when cached."""
        objective = result.objective
        return cls(stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0,
                   objective.period if objective else None, result.problems, None)

    def objective(self) -> Objective:
        import pickle

        assert self.pickled is not None
        objective: Objective = pickle.loads(self.pickled)
        return objective


class _Cache:
    """Parsed files of one workspace in one file, keyed by id and checked by (mtime_ns, size)."""

    def __init__(self, root: Path) -> None:
        import hashlib
        import pickle

        from okrtui import paths

        digest = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
        self.path = paths.cache_dir() / "parsed" / f"{digest}.pickle"
        self.tag = (CACHE_FORMAT, sys.version_info[:2], str(root.resolve()))
        self.entries: dict[str, _Entry] = {}
        self.dirty = False
        self.now = time.time()
        with contextlib.suppress(Exception):  # a missing, old or damaged cache is just empty
            with open(self.path, "rb") as handle:
                tag, entries = pickle.load(handle)
            if tag == self.tag:
                self.entries = entries

    def get(self, oid: str, stat: os.stat_result) -> _Entry | None:
        entry = self.entries.get(oid)
        if entry is None or (stat.st_mtime_ns, stat.st_size) != (entry.mtime_ns, entry.size):
            return None
        return entry

    def put(self, oid: str, stat: os.stat_result, result: FileResult) -> None:
        import pickle

        if self.now - stat.st_mtime_ns / 1e9 < _RACY_SECONDS:
            self.entries.pop(oid, None)
        else:
            objective = result.objective
            self.entries[oid] = replace(
                _Entry.of(result, stat),
                pickled=None if objective is None else pickle.dumps(objective, protocol=5))
        self.dirty = True

    def save(self, ids: set[str]) -> None:
        import pickle

        gone = set(self.entries) - ids
        for oid in gone:
            del self.entries[oid]
        if not (self.dirty or gone):
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, pickle.dumps((self.tag, self.entries), protocol=5))
            self._forget_old_workspaces()

    def _forget_old_workspaces(self) -> None:
        """Drop the caches of workspaces not opened for a long time (moved, deleted, demos)."""
        too_old = self.now - _FORGET_AFTER_DAYS * 86400
        for other in self.path.parent.glob("*.pickle"):
            with contextlib.suppress(OSError):
                if other != self.path and other.stat().st_mtime < too_old:
                    other.unlink()


__all__ = [
    "NotFound", "StoreError", "Workspace", "atomic_write", "create_objective",
    "delete_objective", "find_objective_path", "load_in_steps", "load_workspace",
    "write_edit",
]
