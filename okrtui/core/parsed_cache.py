"""The parsed-file cache: every objective file of a workspace, parsed, in one file.

Entries are found by the file's stat (mtime and size), as git's index does, and are also
checked by a digest of the bytes parsed: a file touched but not changed (a checkout, a
copy) is not parsed again, and a writer can trust that bytes it reads are ones a full
parse accepted (see ``store.read_for_edit``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from okrtui.core.cache_file import CacheFile
from okrtui.core.model import FileResult, Objective, Problem
from okrtui.core.periods import Period

if TYPE_CHECKING:
    from okrtui.core.append import ArrayEnd

CACHE_FORMAT = 5
#: Files changed this recently are not found by their stat: a second change within the file
#: system's timestamp granularity could keep the same mtime and size (git's "racy" problem).
_RACY_SECONDS = 2.0
_NO_STAT = -1
Value = TypeVar("Value")
Data = TypeVar("Data", bytes, memoryview)


class _LastOne(Generic[Data, Value]):
    """``compute(data)``, kept for the last ``data`` it was asked about, whichever thread
    asks: comparing the bytes is ~20x cheaper than computing again."""

    __slots__ = ("_compute", "_last")

    def __init__(self, compute: Callable[[Data], Value]) -> None:
        self._compute: Callable[[Data], Value] = compute
        self._last: tuple[Data, Value] | None = None

    def __call__(self, data: Data) -> Value:
        last = self._last  # one read: another thread may replace it meanwhile
        if last is not None and last[0] == data:
            return last[1]
        value = self._compute(data)
        self._last = (data, value)
        return value


def _blake2b(data: bytes) -> bytes:
    import hashlib  # only for files read or written now, not for those found by their stat

    return hashlib.blake2b(data, digest_size=16).digest()


def _pickled(objective: Objective) -> memoryview:
    import pickle

    return memoryview(pickle.dumps(objective, protocol=5))


class DamagedEntry(Exception):
    """The cache file is damaged where this objective's pickle is: loading checks only the
    index (checking every pickle would cost what the index saves), so it shows here."""


def _unpickle(data: memoryview) -> Objective:
    import pickle

    try:
        objective = pickle.loads(data)
    except Exception as exc:
        raise DamagedEntry from exc
    if not isinstance(objective, Objective):
        raise DamagedEntry
    return objective


#: A check-in into a long file asks for the digest of the same bytes when it reads them and
#: again under the write's lock.
digest_of = _LastOne(_blake2b)
#: By its pickle (which holds its id and path: two files with the same bytes are two
#: objectives): a check-in reads a long file's objective, then writes it, and unpickling
#: 5,000 check-ins twice costs 5 ms. Objectives are immutable.
_unpickled = _LastOne(_unpickle)


@dataclass(frozen=True)
class Entry:
    """One file: its stat and digest, the period and problems it had (an index every load
    reads), and its objective, pickled apart so that only the objectives asked for are
    unpickled (a view, which the cache file keeps after its index: see ``CacheFile``)."""

    mtime_ns: int
    size: int
    period: Period | None
    problems: tuple[Problem, ...]
    pickled: memoryview | None
    digest: bytes = b""
    array_ends: dict[str, ArrayEnd] | None = None
    """Where each key result's check-in array ends in these bytes (see ``append``)."""

    @classmethod
    def of(cls, result: FileResult, stat: os.stat_result | None) -> Entry:
        """The entry for a file just parsed; its objective is pickled only when cached."""
        objective = result.objective
        return cls(stat.st_mtime_ns if stat else _NO_STAT, stat.st_size if stat else _NO_STAT,
                   objective.period if objective else None, result.problems, None)

    def objective(self) -> Objective:
        assert self.pickled is not None
        return _unpickled(self.pickled)


class ParsedCache(CacheFile[Entry]):
    """Parsed files of one workspace, keyed by objective id."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, "parsed", (CACHE_FORMAT,))
        self._periods: dict[Period, Period] | None = None

    def get(self, oid: str, stat: os.stat_result) -> Entry | None:
        entry = self.entries.get(oid)
        if entry is None or (stat.st_mtime_ns, stat.st_size) != (entry.mtime_ns, entry.size):
            return None
        return entry

    def same_bytes(self, oid: str, stat: os.stat_result, digest: bytes) -> Entry | None:
        """The entry of a file whose stat changed but whose bytes (``digest``) did not; it
        is found by its stat again from now on."""
        entry = self.entries.get(oid)
        if entry is None or not entry.digest or entry.digest != digest:
            return None
        mtime_ns, size = self._stat_fields(stat)
        if (mtime_ns, size) != (entry.mtime_ns, entry.size):  # else still too new to trust
            self.entries[oid] = replace(entry, mtime_ns=mtime_ns, size=size)
            self.dirty = True
        return entry

    def trusted(self, oid: str, data: bytes) -> tuple[Entry, Objective] | None:
        """The entry and objective for exactly these bytes, when they parsed without any
        problem."""
        entry = self.entries.get(oid)
        if (entry is None or entry.pickled is None or entry.problems
                or entry.digest != digest_of(data)):
            return None
        try:
            return entry, entry.objective()
        except DamagedEntry:
            return None

    def put(self, oid: str, stat: os.stat_result, digest: bytes, result: FileResult) -> Entry:
        """Keep a file just parsed, whose bytes have ``digest``; returns its entry."""
        objective = result.objective
        mtime_ns, size = self._stat_fields(stat)
        entry = Entry.of(result, stat)
        entry = self.entries[oid] = replace(
            entry, mtime_ns=mtime_ns, size=size, digest=digest, period=self._one(entry.period),
            pickled=None if objective is None else _pickled(objective))
        self.dirty = True
        return entry

    def remember(self, oid: str, data: bytes, objective: Objective,
                 array_ends: dict[str, ArrayEnd] | None = None) -> None:
        """Bytes okrtui just read or wrote and found free of problems. They are found by
        their digest only: their stat is too new to be trusted."""
        self.entries[oid] = Entry(_NO_STAT, _NO_STAT, self._one(objective.period), (),
                                  _pickled(objective), digest_of(data), array_ends)
        self.dirty = True

    def _one(self, period: Period | None) -> Period | None:
        """One object for each period: a folder of years has 500 files in a few periods,
        and the pickled index then holds each period once (unpickling a period costs as much
        as the rest of an entry)."""
        if period is None:
            return None
        if self._periods is None:
            self._periods = {e.period: e.period for e in self.entries.values() if e.period}
        return self._periods.setdefault(period, period)

    def _stat_fields(self, stat: os.stat_result) -> tuple[int, int]:
        if self.now - stat.st_mtime_ns / 1e9 < _RACY_SECONDS:
            return _NO_STAT, _NO_STAT
        return stat.st_mtime_ns, stat.st_size
