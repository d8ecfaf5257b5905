"""Replacing a file so that a crash or a full disk never leaves it half written."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False,
                 durable: bool = True) -> None:
    """Write via a temporary file in the same folder, fsync, then rename over ``path``.
    Not ``durable``: no fsync, for a file that only saves time (a cache): readers still
    never see it half written, but a power cut may lose it."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = _new_temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
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
    if not durable:
        return
    with contextlib.suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _new_temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path``, open for writing, as ``tempfile.mkstemp`` makes one
    (whose import, with shutil and random, is 3 ms of a check-in)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(
        os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = os.path.join(os.path.abspath(path.parent), f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise OSError(f"no free temporary name beside {path}")  # not "the file exists"


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


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
