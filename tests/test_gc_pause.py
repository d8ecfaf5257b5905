"""Holds on the cyclic garbage collector are counted: it is off while any is held, and back
to what it was once the last is let go, whichever thread holds and lets go."""

from __future__ import annotations

import gc
import threading

import pytest

from okrtui.core import gc_pause


@pytest.fixture(autouse=True)
def collector_restored():
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


# (collector on before?, steps, on after each step)
CASES = [
    (True, ["hold", "release"], [False, True]),
    (False, ["hold", "release"], [False, False]),
    (True, ["hold", "hold", "release", "release"], [False, False, False, True]),
    # the typing and the load overlapping, in either order
    (True, ["hold", "hold", "release", "hold", "release", "release"],
     [False, False, False, False, False, True]),
]


@pytest.mark.parametrize(("on_before", "steps", "on_after"), CASES)
def test_holds_are_counted(on_before, steps, on_after):
    gc.enable() if on_before else gc.disable()
    seen = []
    for step in steps:
        getattr(gc_pause, step)()
        seen.append(gc.isenabled())
    assert seen == on_after


def test_a_release_without_a_hold_is_a_mistake_said_out_loud():
    with pytest.raises(RuntimeError):
        gc_pause.release()


def test_holds_from_many_threads_leave_it_as_it_was():
    gc.enable()
    start = threading.Barrier(8)

    def load() -> None:
        start.wait()
        for _ in range(500):
            with gc_pause.held():
                pass

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()


def test_held_lets_go_when_the_body_raises():
    gc.enable()
    with pytest.raises(ValueError), gc_pause.held():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
