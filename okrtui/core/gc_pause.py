"""Holding the cyclic garbage collector off, from any thread, with one owner.

A folder being loaded (a worker thread) and keys being typed (the app) both hold it off
for a while. Each on its own, "turn it off, then back on if it was on" breaks when they
overlap: one turns it back on in the middle of the other, or one sees it off because of
the other and then never turns it back on. Here holds are counted: the collector is off
while any is held, and back to what it was before the first once the last is let go.
"""

from __future__ import annotations

import _thread  # threading's own lock, without importing threading into every command
import contextlib
import gc
from collections.abc import Iterator

_lock = _thread.allocate_lock()
_holds = 0
_was_enabled = False


def hold() -> None:
    global _holds, _was_enabled
    with _lock:
        if _holds == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holds += 1


def release() -> None:
    global _holds
    with _lock:
        if _holds == 0:
            raise RuntimeError("gc_pause.release() without a hold")
        _holds -= 1
        if _holds == 0 and _was_enabled:
            gc.enable()


@contextlib.contextmanager
def held() -> Iterator[None]:
    hold()
    try:
        yield
    finally:
        release()
