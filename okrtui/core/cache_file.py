"""One pickle file per workspace under the user's cache folder, holding values by
objective id. Losing it only costs time: a missing, old or damaged file is just empty."""

from __future__ import annotations

import contextlib
import pickle
import sys
import time
import zlib
from pathlib import Path
from typing import Any, Generic, TypeVar

from okrtui.core.atomic import atomic_write

_FORGET_AFTER_DAYS = 60
Value = TypeVar("Value")


class CacheFile(Generic[Value]):
    """``entries`` of one workspace, valid for ``tag`` (a different tag empties them)."""

    def __init__(self, root: Path, kind: str, tag: tuple[Any, ...]) -> None:
        from okrtui import paths

        resolved = str(root.resolve())
        # a name, not a proof (the tag is): zlib loads in a tenth of hashlib's time
        name = f"{zlib.crc32(resolved.encode()):08x}{zlib.adler32(resolved.encode()):08x}"
        self.path = paths.cache_dir() / kind / f"{name}.pickle"
        self.tag = (*tag, sys.version_info[:2], resolved)
        self.entries: dict[str, Value] = {}
        self.dirty = False
        self.now = time.time()
        with contextlib.suppress(Exception):
            with open(self.path, "rb") as handle:
                tag_read, entries = pickle.load(handle)
            if tag_read == self.tag:
                self.entries = entries

    def save(self, ids: set[str] | None = None) -> None:
        """Write the file if it changed; with ``ids``, entries of files gone are dropped."""
        gone = set(self.entries) - ids if ids is not None else set()
        for oid in gone:
            del self.entries[oid]
        if not (self.dirty or gone):
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, pickle.dumps((self.tag, self.entries), protocol=5),
                         durable=False)
            self._forget_old_workspaces()

    def _forget_old_workspaces(self) -> None:
        """Drop the files of workspaces not opened for a long time (moved, deleted, demos)."""
        too_old = self.now - _FORGET_AFTER_DAYS * 86400
        for other in self.path.parent.glob("*.pickle"):
            with contextlib.suppress(OSError):
                if other != self.path and other.stat().st_mtime < too_old:
                    other.unlink()
