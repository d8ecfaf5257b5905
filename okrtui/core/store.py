"""Reading a whole workspace fast (with a cache of parsed files) and writing files safely.

Writes keep every byte they do not change (``edits``), are checked with tomllib before they
replace a file, replace it atomically, and re-apply the edit when the file changed on disk
meanwhile, so an outside edit (an editor, git, a teammate) is never overwritten.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrtui.core.atomic import atomic_write
from okrtui.core.filelock import LockTimeout, locked
from okrtui.core.model import FileResult, Level, Objective, Problem
from okrtui.core.parse import (
    build_objective,
    load_toml,
    parse_objective,
    parse_objective_data,
    read_objective,
)
from okrtui.core.periods import Period, shown_in
from okrtui.core.settings import SETTINGS_FILE, Settings, load_settings
from okrtui.core.workspace import (
    NotFound,
    objective_file_paths,
    objective_id,
    resolve,
)

if TYPE_CHECKING:  # imported when used: reading never needs them, a small file not the cache
    from okrtui.core import edits
    from okrtui.core.append import Appended
    from okrtui.core.parsed_cache import Entry, ParsedCache

_WRITE_ATTEMPTS = 5
#: From this size on, reading the workspace's cache costs less than parsing a file (tomllib
#: takes ~10 ms per 64 KiB), so a writer trusts bytes the cache has seen parsed.
TRUST_CACHE_FROM = 64 * 1024
#: Names Windows keeps for devices; a shared folder must work there too.
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                   *(f"LPT{n}" for n in range(1, 10))}


class StoreError(Exception):
    """A write that was refused; nothing was written. The message says what to do."""


@dataclass(frozen=True)
class Workspace:
    """The objectives of a workspace folder, as loaded, with the problems of its files."""

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
    return Folder(root, use_cache).workspace(only)


def load_in_steps(root: Path, first: Period | None, *,
                  use_cache: bool = True) -> Iterator[Workspace]:
    """``load_workspace(only=first)``, then, if that left objectives out, the whole
    workspace, from one reading of the folder and the cache: the objectives of the first
    step are the very same objects in the second."""
    folder = Folder(root, use_cache)
    partial = folder.workspace(first)
    yield partial
    if partial.left_out:
        yield folder.workspace(None)


class Folder:
    """Every objective file's problems and period, from the cache or a fresh parse, read
    once; objectives are built (unpickled) when asked for, once each."""

    def __init__(self, root: Path, use_cache: bool) -> None:
        from okrtui.core.parsed_cache import ParsedCache

        self.root = root
        self.settings = load_settings(root)
        self.paths = paths = objective_file_paths(root)
        self.entries: dict[str, Entry] = {}
        self.built: dict[str, Objective] = {}
        with _no_cyclic_collection():
            cache = ParsedCache(root) if use_cache else None
            for oid, path in paths.items():
                try:
                    stat = os.stat(path)  # before reading: a change while reading is never cached
                except OSError:
                    stat = None
                entry = cache.get(oid, stat) if cache and stat else None
                self.entries[oid] = entry or self._read(oid, Path(path), stat if cache else None,
                                                        cache)
        if cache:
            cache.save(set(paths))

    @functools.cached_property
    def files(self) -> dict[str, Path]:
        """Each objective file by id."""
        return {oid: Path(path) for oid, path in self.paths.items()}

    def _read(self, oid: str, path: Path, stat: os.stat_result | None,
              cache: ParsedCache | None) -> Entry:
        from okrtui.core.parsed_cache import Entry, digest_of

        try:
            data = path.read_bytes()
        except OSError:
            return Entry.of(read_objective(path, oid), None)  # which says why
        if cache is None or stat is None:
            result = parse_objective(data, path, oid)
            entry = Entry.of(result, stat)
        else:
            digest = digest_of(data)
            known = cache.same_bytes(oid, stat, digest)
            if known is not None:
                return known
            result = parse_objective(data, path, oid)
            entry = cache.put(oid, stat, digest, result)
        if result.objective is not None:
            self.built[oid] = result.objective
        return entry

    @property
    def problems(self) -> list[Problem]:
        """The settings' problems and every file's, in file order."""
        return [*self.settings.problems,
                *(problem for entry in self.entries.values() for problem in entry.problems)]

    def has_objective(self, oid: str) -> bool:
        """False when the file has errors."""
        return oid in self.built or self.entries[oid].pickled is not None

    def objective(self, oid: str) -> Objective:
        """The objective of a file that has one (``has_objective``)."""
        if oid not in self.built:
            from okrtui.core.parsed_cache import DamagedEntry

            try:
                self.built[oid] = self.entries[oid].objective()
            except DamagedEntry:
                self.built[oid] = self._parsed_again(oid)
        return self.built[oid]

    def _parsed_again(self, oid: str) -> Objective:
        path = Path(self.paths[oid])  # not self.files: a Path for every file of the folder
        objective = read_objective(path, oid).objective
        if objective is None:  # the file broke since it was listed: its problems are unknown
            raise StoreError(f"{path} changed while okrtui read it; try again")
        return objective

    def workspace(self, only: Period | None) -> Workspace:
        objectives: list[Objective] = []
        left_out = 0
        with _no_cyclic_collection():
            for oid, entry in self.entries.items():
                if not self.has_objective(oid):
                    continue
                if not shown_in(entry.period, only):
                    left_out += 1
                    continue
                objectives.append(self.objective(oid))
        return Workspace(self.root, self.settings, tuple(objectives), tuple(self.problems),
                         {o.id: o for o in objectives}, left_out)


def _no_cyclic_collection() -> contextlib.AbstractContextManager[None]:
    """Objectives are built by the ten thousand (a check-in is an object, and its date) and
    none of them is garbage: the cyclic collector would walk them all, again and again, as
    they pile up (unpickling 505 objectives with 50,000 check-ins: 70 ms with it, 45 ms
    without, measured)."""
    from okrtui.core import gc_pause

    return gc_pause.held()


def find_objective_path(root: Path, query: str) -> tuple[str, Path]:
    """Resolve an objective reference from file names alone, without parsing any file."""
    files = objective_file_paths(root)  # strings: a Path for each of 500 files costs 1.5 ms
    oid = resolve(query, files)
    return oid, Path(files[oid])


def read_for_edit(root: Path, path: Path, oid: str) -> FileResult:
    """``read_objective``, except that a large file whose exact bytes the cache has seen
    parsed without problems is not parsed again (and one parsed now is remembered)."""
    try:
        data = path.read_bytes()
    except OSError:
        return read_objective(path, oid)
    cache = _cache_if_large(root, data)
    if cache is None:
        global _last_read
        result, text, raw = parse_objective_data(data, path, oid)
        if _first_error(result) is None and text is not None and raw is not None:
            _last_read = (path, data, text, raw)
        return result
    known = cache.trusted(oid, data)
    if known is not None:
        return FileResult(known[1], ())
    result = parse_objective(data, path, oid)
    if result.objective is not None and not result.problems:
        cache.remember(oid, data, result.objective)
        cache.save()
    return result


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
            cache = _cache_if_large(root, original)
            quick = _append_quickly(cache, oid, original, edit) if cache else None
            if quick is not None:
                text, new_text, objective = quick.old_text, quick.text, quick.objective
                clean = True  # the trusted text had no problem, nor has the check-in
            else:
                text, data = _loadable(original, path, oid)
                from okrtui.core import edits

                try:
                    new_text, new_data = edits.apply_edit(text, edit, data)
                except edits.EditError as exc:
                    raise StoreError(f"{path}: {exc}") from None
                objective, warnings = _checked(new_text, path, oid, new_data)
                clean = not warnings
            if before_replace is not None:
                before_replace()
            if _read_bytes(path) != original:
                continue  # an editor or git changed it meanwhile: apply the edit again
            new_bytes = new_text.encode("utf-8")
            if new_text != text:
                _remove_leftovers(path)
                _write(path, new_bytes)
            if cache is not None and clean:  # bytes with warnings are read in full, always
                cache.remember(oid, new_bytes, objective, quick.ends if quick else None)
                cache.save()
            return objective
    raise StoreError(f"{path} kept changing while okrtui tried to write it; try again")


def _cache_if_large(root: Path, data: bytes) -> ParsedCache | None:
    if len(data) < TRUST_CACHE_FROM:
        return None
    from okrtui.core.parsed_cache import ParsedCache

    return ParsedCache(root)


def _append_quickly(cache: ParsedCache, oid: str, original: bytes,
                    edit: edits.Edit) -> Appended | None:
    """A check-in added to bytes the cache has seen parsed, proved without parsing them
    again (see ``append``); None when that does not apply."""
    from okrtui.core import append, edits

    if not isinstance(edit, edits.AddCheckin):
        return None
    known = cache.trusted(oid, original)
    if known is None:
        return None
    entry, objective = known
    text = original.decode("utf-8")
    ends = entry.array_ends if entry.array_ends is not None else append.array_ends(text)
    return append.append_checkin(text, objective, edit.kr_id, edit.checkin, ends)


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
    from okrtui.core import edits

    text = edits.objective_text(fields, key_results or [])
    objective, _ = _checked(text, path, objective_id(root, path))
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


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{path} no longer exists") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None


#: The file ``read_for_edit`` last parsed without errors: its bytes, text and TOML data.
#: The write that follows (a check-in) finds the same bytes under its lock and need not
#: parse them again. The data is never changed (edits read it; ``expect`` takes a copy).
_last_read: tuple[Path, bytes, str, dict[str, Any]] | None = None


def _loadable(data: bytes, path: Path, oid: str) -> tuple[str, dict[str, Any]]:
    """The file's text and parsed data, or StoreError when the file has errors."""
    last = _last_read  # one read: another thread may replace it meanwhile
    if last is not None and last[0] == path and last[1] == data:
        return last[2], last[3]
    result, text, raw = parse_objective_data(data, path, oid)
    error = _first_error(result)
    if error is not None or text is None or raw is None:
        raise StoreError(f"{error}\nokrtui does not write to a file with errors: fix it "
                         "first (okrtui lint shows every problem)")
    return text, raw


def _checked(text: str, path: Path, oid: str, raw: dict[str, Any] | None = None
             ) -> tuple[Objective, tuple[Problem, ...]]:
    """The objective ``text`` describes and its warnings; StoreError if it is not a valid
    objective file."""
    if raw is None:
        raw, problem = load_toml(text, path)
        if raw is None:
            raise StoreError(f"okrtui would write invalid TOML ({problem}); nothing was written")
    result = build_objective(raw, text, path, oid)
    error = _first_error(result)
    if result.objective is None or error is not None:
        raise StoreError(error.message if error else f"{path}: invalid objective")
    return result.objective, result.problems


def _first_error(result: FileResult) -> Problem | None:
    """What keeps a file from being written: its first error (warnings do not)."""
    return next((p for p in result.problems if p.level is Level.ERROR), None)


__all__ = [
    "Folder", "NotFound", "StoreError", "Workspace", "atomic_write", "create_objective",
    "delete_objective", "find_objective_path", "load_in_steps", "load_workspace",
    "read_for_edit", "write_edit",
]
