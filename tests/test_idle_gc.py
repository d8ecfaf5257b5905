"""Garbage collections wait until nobody types, with the real collector and a real event
loop; in the app, key presses are what counts as typing.

The pauses here are longer than the app's (QUIET 0.25 s, LONG_QUIET 1 s), so that a busy
test machine stalling the event loop for a moment does not look like a pause."""

from __future__ import annotations

import asyncio
import gc
from time import monotonic

import pytest

from okrtui.tui import idle_gc
from okrtui.tui.app import OkrApp
from okrtui.tui.idle_gc import IdleCollector

from .tui_helpers import TODAY, example_workspace, settle

QUIET = 0.5
LONG_QUIET = 1.2


@pytest.fixture(autouse=True)
def slower_pauses(monkeypatch):
    monkeypatch.setattr(idle_gc, "QUIET", QUIET)
    monkeypatch.setattr(idle_gc, "LONG_QUIET", LONG_QUIET)


@pytest.fixture
def collector():
    collector = IdleCollector()
    collector.start()
    yield collector
    collector.stop()
    gc.unfreeze()


def full(collections_seen) -> list[float]:
    return [when for generation, when in collections_seen if generation == 2]


async def type_for(collector: IdleCollector, seconds: float, garbage: int = 0) -> float:
    """Input every 50 ms for ``seconds``, each making ``garbage`` cycles; when the last
    input came."""
    begin = monotonic()
    while monotonic() - begin < seconds:
        collector.input_seen()
        last = monotonic()
        for _ in range(garbage):
            cycle: list[object] = []
            cycle.append(cycle)
        await asyncio.sleep(0.05)
    return last


def make_a_full_collection_due() -> None:
    for _ in range(idle_gc.FULL_AFTER):
        gc.collect(1)


async def test_no_collection_at_all_runs_while_input_comes_in(collector, collections_seen,
                                                              monkeypatch):
    monkeypatch.setattr(idle_gc, "LONGEST_HOLD", 10.0)
    collections_seen.clear()
    await type_for(collector, 2 * QUIET, garbage=2000)  # far past the young threshold
    assert collections_seen == []
    assert not gc.isenabled()
    await asyncio.sleep(QUIET + 0.3)
    assert gc.isenabled()
    assert [generation for generation, _ in collections_seen] == [1]  # what the keys left


async def test_a_due_full_collection_waits_for_a_long_pause(collector, collections_seen):
    make_a_full_collection_due()
    collections_seen.clear()
    last_input = await type_for(collector, 2 * QUIET)
    await asyncio.sleep(QUIET + 0.3)  # a pause between words: young garbage only
    assert full(collections_seen) == []
    await asyncio.sleep(LONG_QUIET - QUIET)
    assert len(full(collections_seen)) == 1
    assert full(collections_seen)[0] - last_input >= LONG_QUIET


async def test_no_full_collection_when_none_is_due(collector, collections_seen):
    gc.collect()
    collections_seen.clear()
    await type_for(collector, 0.2)
    await asyncio.sleep(LONG_QUIET + 0.3)
    assert full(collections_seen) == []


async def test_a_key_held_down_still_has_its_garbage_collected(collector, collections_seen,
                                                              monkeypatch):
    monkeypatch.setattr(idle_gc, "LONGEST_HOLD", 0.3)
    collections_seen.clear()
    await type_for(collector, 1.0)
    young = [generation for generation, _ in collections_seen]
    assert 2 <= young.count(1) <= 4 and 2 not in young


async def test_start_raises_cpythons_own_full_threshold_and_stop_restores_it():
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (*before[:2], idle_gc.AUTOMATIC_FULL_AFTER)
    finally:
        collector.stop()
    assert gc.get_threshold() == before


async def test_garbage_frozen_by_a_load_is_collected_after_a_long_pause(collector,
                                                                       monkeypatch):
    monkeypatch.setattr(idle_gc, "COMPACT_AFTER", 0.2)
    cycles = [[] for _ in range(2000)]
    for cycle in cycles:
        cycle.append(cycle)
    collector.loaded()  # freezes the cycles with everything else alive
    frozen = gc.get_freeze_count()
    del cycles, cycle  # garbage now, but frozen
    await type_for(collector, 0.5)  # past COMPACT_AFTER, still typing
    assert gc.get_freeze_count() > frozen - 2000
    await asyncio.sleep(QUIET + 0.3)  # a pause between words: too short for it
    assert gc.get_freeze_count() > frozen - 2000
    await asyncio.sleep(LONG_QUIET - QUIET)
    assert gc.get_freeze_count() <= frozen - 2000


async def test_in_the_app_key_presses_hold_every_collection_back(tmp_path, monkeypatch,
                                                                 collections_seen):
    monkeypatch.setattr(idle_gc, "COMPACT_AFTER", 0.1)
    monkeypatch.setattr(idle_gc, "LONGEST_HOLD", 10.0)
    app = OkrApp(example_workspace(tmp_path / "okrs"), TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(LONG_QUIET + 0.3)  # the load's own collections done
        make_a_full_collection_due()
        collections_seen.clear()
        begin = monotonic()
        while monotonic() - begin < 2 * QUIET:
            last_press = monotonic()  # the app sees the keys after this
            await pilot.press("down", "up")
        assert collections_seen == []
        await pilot.pause(LONG_QUIET + 0.3)
        assert len(full(collections_seen)) == 1
        assert full(collections_seen)[0] - last_press >= LONG_QUIET


async def test_reloads_while_typing_leave_the_collector_on(tmp_path):
    """A load holds the collector off in its thread while the keys hold it off in the app:
    however the two overlap, it is on again once both are done."""
    app = OkrApp(example_workspace(tmp_path / "okrs"), TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(6):
            app.reload()
            await pilot.press("down")
            await pilot.press("up")
        await settle(pilot)
        await pilot.pause(QUIET + 0.3)
        assert gc.isenabled()


@pytest.mark.parametrize("leave_garbage", [False, True])
async def test_stop_leaves_the_keys_garbage_frozen_when_the_process_ends_next(
        leave_garbage, monkeypatch):
    monkeypatch.setattr(idle_gc, "LONGEST_HOLD", 10.0)
    collector = IdleCollector()
    collector.start()
    gc.collect()
    gc.unfreeze()
    try:
        await type_for(collector, 0.2, garbage=2000)  # held: nothing collected
        collector.stop(leave_garbage=leave_garbage)
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    if leave_garbage:
        assert frozen >= 2000
        assert gc.collect() >= 2000  # garbage indeed, left for the operating system
    else:
        assert frozen == 0


async def test_the_app_leaves_its_garbage_at_exit_only_when_it_owns_the_process(
        tmp_path, monkeypatch):
    stops: list[bool] = []
    stop = IdleCollector.stop

    def recorded(self, *, leave_garbage=False):
        stops.append(leave_garbage)
        stop(self, leave_garbage=leave_garbage)

    monkeypatch.setattr(IdleCollector, "stop", recorded)
    for owns in (False, True):
        app = OkrApp(example_workspace(tmp_path / f"okrs-{owns}"), TODAY, watch=False,
                     owns_process=owns)
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
        finally:
            gc.unfreeze()
    assert stops == [False, True]
