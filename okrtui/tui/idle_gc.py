"""The app's cyclic garbage collection, timed so that it does not pause a key press.

CPython starts a full collection after so many allocations, wherever the program is: in
the app, that was in the middle of a key press every few presses (5-9 ms on 8 quarters,
profiled with gc.callbacks). Here the loaded folder is frozen, so that no collection walks
it; full collections wait until nobody has typed for a moment; and a while after each
load, the frozen objects are collected too."""

from __future__ import annotations

import asyncio
import gc
from time import monotonic

#: Seconds without input after which a collection cannot hold up what a person sees.
QUIET = 0.25
#: Seconds after a load before the garbage its freeze kept is collected.
COMPACT_AFTER = 3.0
#: CPython starts a full collection on its own after this many younger ones (10 by
#: default): collections while nobody types come first, unless the input never pauses.
AUTOMATIC_FULL_AFTER = 100


class IdleCollector:
    """Call ``start`` once the event loop runs, ``input_seen`` for every key or mouse event
    and ``loaded`` after each load."""

    def __init__(self) -> None:
        self._last_input = 0.0
        self._compact_at: float | None = None
        self._wake: asyncio.TimerHandle | None = None
        self._threshold = gc.get_threshold()

    def start(self) -> None:
        young, middle, _ = self._threshold
        gc.set_threshold(young, middle, AUTOMATIC_FULL_AFTER)

    def stop(self) -> None:
        gc.set_threshold(*self._threshold)
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None

    def input_seen(self) -> None:
        self._last_input = monotonic()
        self._wake_in(QUIET)

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
        if self._wake is None:
            self._wake = asyncio.get_running_loop().call_later(seconds, self._collect)

    def _collect(self) -> None:
        self._wake = None
        now = monotonic()
        typing = QUIET - (now - self._last_input)
        if typing > 0:
            self._wake_in(typing)
        elif self._compact_at is not None and self._compact_at > now:
            self._wake_in(self._compact_at - now)
        elif self._compact_at is not None:
            self._compact_at = None
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        elif gc.get_count()[2]:  # a younger collection since the last full one
            gc.collect()
