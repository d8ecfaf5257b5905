"""Full garbage collections wait until nobody types, with the real collector and a real
event loop; in the app, key presses are what counts as typing."""

from __future__ import annotations

import asyncio
import gc
from time import monotonic

import pytest

from okrtui.tui import idle_gc
from okrtui.tui.app import OkrApp
from okrtui.tui.idle_gc import QUIET, IdleCollector

from .tui_helpers import TODAY, example_workspace, settle


@pytest.fixture
def full_collections():
    """When each full collection started, and how many the collector held."""
    started: list[float] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            started.append(monotonic())

    gc.callbacks.append(note)
    yield started
    gc.callbacks.remove(note)


@pytest.fixture
def any_collections():
    """The generation of each collection as it started."""
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(note)
    yield started
    gc.callbacks.remove(note)


@pytest.fixture
def collector():
    collector = IdleCollector()
    collector.start()
    yield collector
    collector.stop()


async def type_for(collector: IdleCollector, seconds: float) -> float:
    """Input every 50 ms for ``seconds``; when the last came."""
    begin = monotonic()
    while monotonic() - begin < seconds:
        collector.input_seen()
        last = monotonic()
        await asyncio.sleep(0.05)
    return last


async def test_a_due_full_collection_waits_until_input_pauses(collector, full_collections):
    gc.collect(1)  # a younger collection since the last full one: a full one is due
    last_input = await type_for(collector, 3 * QUIET)
    assert full_collections == []
    await asyncio.sleep(QUIET + 0.25)
    assert len(full_collections) == 1
    assert full_collections[0] - last_input >= QUIET - 0.02


async def test_no_collection_at_all_runs_while_input_comes_in(collector, any_collections,
                                                              monkeypatch):
    monkeypatch.setattr(idle_gc, "LONGEST_HOLD", 10.0)
    garbage_makers = []
    begin = monotonic()
    while monotonic() - begin < 3 * QUIET:
        collector.input_seen()
        garbage_makers.append([[] for _ in range(2000)])  # far past the young threshold
        await asyncio.sleep(0.02)
    assert any_collections == []
    assert not gc.isenabled()
    await asyncio.sleep(QUIET + 0.25)
    assert gc.isenabled()
    assert any_collections  # the young garbage, collected once the input paused


async def test_a_key_held_down_still_has_its_garbage_collected(collector, any_collections,
                                                              monkeypatch):
    monkeypatch.setattr(idle_gc, "LONGEST_HOLD", 0.3)
    begin = monotonic()
    while monotonic() - begin < 1.0:
        collector.input_seen()
        await asyncio.sleep(0.02)
    assert 2 <= any_collections.count(1) <= 4
    assert 2 not in any_collections


async def test_nothing_is_collected_when_nothing_is_due(collector, full_collections):
    gc.collect()
    full_collections.clear()
    await type_for(collector, 0.1)
    await asyncio.sleep(QUIET + 0.25)
    assert full_collections == []


async def test_cpython_collects_in_full_on_its_own_only_far_later(collector):
    young, middle, full = gc.get_threshold()
    assert full == idle_gc.AUTOMATIC_FULL_AFTER
    collector.stop()
    assert gc.get_threshold()[2] < idle_gc.AUTOMATIC_FULL_AFTER


async def test_garbage_frozen_by_a_load_is_collected_once_input_pauses(collector,
                                                                       monkeypatch):
    monkeypatch.setattr(idle_gc, "COMPACT_AFTER", 0.2)
    monkeypatch.setattr(idle_gc, "COMPACT_QUIET", 0.8)
    cycles = [[] for _ in range(2000)]
    for cycle in cycles:
        cycle.append(cycle)
    collector.loaded()  # freezes the cycles with everything else alive
    frozen = gc.get_freeze_count()
    del cycles, cycle  # garbage now, but frozen
    await type_for(collector, 0.5)  # past COMPACT_AFTER, still typing
    assert gc.get_freeze_count() > frozen - 2000
    await asyncio.sleep(QUIET + 0.2)  # a pause between keys: too short for it
    assert gc.get_freeze_count() > frozen - 2000
    await asyncio.sleep(0.8 - QUIET)
    assert gc.get_freeze_count() <= frozen - 2000


async def test_in_the_app_key_presses_hold_the_full_collection_back(tmp_path, monkeypatch,
                                                                   full_collections):
    monkeypatch.setattr(idle_gc, "COMPACT_AFTER", 0.1)
    app = OkrApp(example_workspace(tmp_path / "okrs"), TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(QUIET + 0.2)  # the load's own collection done
        full_collections.clear()
        gc.collect(1)
        begin = monotonic()
        while monotonic() - begin < 3 * QUIET:
            last_press = monotonic()  # the app sees the keys after this
            await pilot.press("down", "up")
        assert full_collections == []
        await pilot.pause(QUIET + 0.25)
        assert len(full_collections) == 1
        assert full_collections[0] - last_press >= QUIET
