"""An exclusive lock on an objective file while okrtui reads, changes and replaces it, so
two writers (the app and a shell, two shells, two people on a shared drive) never lose
each other's change.

The lock is ``flock`` on the file itself: no lock files to clean up, and the kernel drops
it when a writer dies. Because okrtui replaces a file by renaming a new one over it, a
writer that waited on the old file checks, once it holds the lock, that the name still
points to the file it locked, and otherwise locks the new one. Where ``fcntl`` does not
exist (Windows), writers fall back to okrtui's compare-before-replace check alone.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

WAIT_SECONDS = 15.0
_POLL = 0.01


class LockTimeout(Exception):
    """Another writer held the file for longer than we wait."""


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (which must exist) for the ``with`` block, waiting
    up to ``wait`` seconds (default WAIT_SECONDS) for another writer. FileNotFoundError when
    it does not exist (or is deleted while we wait), LockTimeout when the wait is over."""
    if fcntl is None:
        yield
        return
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    while True:
        fd = os.open(path, os.O_RDONLY)
        try:
            _acquire(fd, deadline, path)
            if _same_file(fd, path):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # replaced while we waited: lock the file that has the name now
    try:
        yield
    finally:
        os.close(fd)  # closing drops the lock


def _acquire(fd: int, deadline: float, path: Path) -> None:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise LockTimeout(f"{path} is being written by another program") from None
            time.sleep(_POLL)
        except OSError:
            return  # a file system without locks: compare-before-replace still guards it


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        raise
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
