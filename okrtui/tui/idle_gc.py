"""The app's cyclic garbage collection, timed so that it does not pause a key press.

CPython collects after so many allocations, wherever the program is: in the app, that was
in the middle of key presses: a full collection every few presses (5-9 ms on 8 quarters,
profiled with gc.callbacks), younger ones in every frame (2-4 ms of a period switch's).
Here the loaded folder is frozen, so that no collection walks it; nothing is collected
while keys come in, until nobody has typed for a moment (or for at most a second of keys
in a row); and a while after each load, the frozen objects are collected too."""

from __future__ import annotations

import asyncio
import gc
from time import monotonic

#: Seconds without input after which a collection cannot hold up what a person sees.
QUIET = 0.25
#: Seconds after a load before the garbage its freeze kept is collected.
COMPACT_AFTER = 3.0
#: ... and seconds without input before it is: that collection walks every object (~70 ms
#: on 500 objectives, more with 50,000 check-ins), too long to fit between two keys.
COMPACT_QUIET = 1.0
#: CPython starts a full collection on its own after this many younger ones (10 by
#: default): collections while nobody types come first, unless the input never pauses.
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
        young, middle, _ = self._threshold
        gc.set_threshold(young, middle, AUTOMATIC_FULL_AFTER)

    def stop(self) -> None:
        gc.set_threshold(*self._threshold)
        self._release()
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None

    def input_seen(self) -> None:
        now = self._last_input = monotonic()
        if self._held_since is None:
            if gc.isenabled():  # not while a load has it off, and will turn it back on
                gc.disable()
                self._held_since = now
        elif now - self._held_since > LONGEST_HOLD:
            gc.collect(1)
            self._held_since = now
        self._wake_in(QUIET)

    def _release(self) -> bool:
        """Collections back on; whether they were held back."""
        if self._held_since is None:
            return False
        self._held_since = None
        gc.enable()
        return True

    def loaded(self) -> None:
        """The loaded workspace lives until the next load: frozen, the collector never walks
        its (up to hundreds of thousands of) objects. Freezing also freezes what becomes
        garbage later: the tables' old rows, which Textual keeps in reference cycles (~1 MB
        a reload on 500 objectives, measured). A while after each load, the frozen objects
        are handed back, the garbage among them collected, and the rest frozen again: one
        full collection, ~70 ms on 500 objectives."""
        gc.freeze()
        self._compact_at = monotonic() + COMPACT_AFTER
        self._wake_in(COMPACT_AFTER)

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
        typing = QUIET - (now - self._last_input)
        if typing > 0:
            self._wake_in(typing)
            return
        held = self._release()
        if self._compact_at is not None:
            ready = max(self._compact_at, self._last_input + COMPACT_QUIET)
            if ready <= now:
                self._compact_at = None
                gc.unfreeze()
                gc.collect()
                gc.freeze()
                return
            self._wake_in(ready - now)
        if gc.get_count()[2]:  # a younger collection since the last full one
            gc.collect()
        elif held:  # what the keys left, young
            gc.collect(1)
