"""The app's cyclic garbage collection, timed so that it does not pause a key press.

CPython collects after so many allocations, wherever the program is: in the app, that was
in the middle of key presses: a full collection every few presses (5-9 ms on 8 quarters,
profiled with gc.callbacks), younger ones in every frame (2-4 ms of a period switch's).
Here nothing is collected while keys come in; the young garbage they left is collected
once nobody has typed for a moment, and the rest (full collections, as often as CPython
would run them) once nobody has typed for a second. The loaded folder is frozen, so that
no collection walks it, and a while after each load the frozen objects are collected
too."""

from __future__ import annotations

import asyncio
import gc
from time import monotonic

from okrtui.core import gc_pause

#: Seconds without input after which a young collection (~1-2 ms) cannot hold up a key.
QUIET = 0.25
#: Seconds without input before a collection that walks more: a full one (5-10 ms), or the
#: compaction after a load (~70 ms on 500 objectives, more with 50,000 check-ins).
LONG_QUIET = 1.0
#: Seconds after a load before the garbage its freeze kept is collected.
COMPACT_AFTER = 3.0
#: Young collections between full ones: CPython's own cadence (its third threshold).
FULL_AFTER = 10
#: CPython starts a full collection on its own only after this many young ones, should
#: the input never pause for LONG_QUIET.
AUTOMATIC_FULL_AFTER = 100
#: Seconds of keys in a row after which the young garbage is collected anyway (~1-2 ms):
#: a key held down must not grow the heap without end.
LONGEST_HOLD = 1.0


class IdleCollector:
    """Call ``start`` once the event loop runs, ``input_seen`` for every key or mouse event
    and ``loaded`` after each load."""

    def __init__(self) -> None:
        self._last_input = 0.0
        self._held_since: float | None = None
        self._compact_at: float | None = None
        self._wake: asyncio.TimerHandle | None = None
        self._threshold = gc.get_threshold()

    def start(self) -> None:
        self._threshold = young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, AUTOMATIC_FULL_AFTER)

    def stop(self, *, leave_garbage: bool = False) -> None:
        """Collections as they were before ``start``. ``leave_garbage`` when the process
        ends next: what the keys left is then frozen, for the operating system to free, not
        collected on the way out (after 20 dialogs typed without a pause, that full
        collection held up quitting by 160 ms, measured)."""
        if leave_garbage:
            gc.freeze()
        gc.set_threshold(*self._threshold)
        self._release()
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None

    def input_seen(self) -> None:
        now = self._last_input = monotonic()
        if self._held_since is None:
            gc_pause.hold()
            self._held_since = now
        elif now - self._held_since > LONGEST_HOLD:
            gc.collect(1)
            self._held_since = now
        self._wake_in(QUIET)

    def loaded(self) -> None:
        """The loaded workspace lives until the next load: frozen, the collector never walks
        its (up to hundreds of thousands of) objects. Freezing also freezes what becomes
        garbage later: the tables' old rows, which Textual keeps in reference cycles (~1 MB
        a reload on 500 objectives, measured). A while after each load, the frozen objects
        are handed back, the garbage among them collected, and the rest frozen again."""
        gc.freeze()
        self._compact_at = monotonic() + COMPACT_AFTER
        self._wake_in(COMPACT_AFTER)

    def _release(self) -> bool:
        """Collections back on; whether the input had held them."""
        if self._held_since is None:
            return False
        self._held_since = None
        gc_pause.release()
        return True

    def _wake_in(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        if self._wake is not None:
            if self._wake.when() <= loop.time() + seconds:
                return
            self._wake.cancel()
        self._wake = loop.call_later(seconds, self._collect)

    def _collect(self) -> None:
        self._wake = None
        now = monotonic()
        if now < self._last_input + QUIET:
            self._wake_in(self._last_input + QUIET - now)
            return
        if self._release():
            gc.collect(1)  # what the keys left, young
        ready = self._last_input + LONG_QUIET
        if self._compact_at is not None:
            ready = max(ready, self._compact_at)
        elif gc.get_count()[2] < FULL_AFTER:
            return
        if ready > now:
            self._wake_in(ready - now)
        elif self._compact_at is not None:
            self._compact_at = None
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        else:
            gc.collect()
