"""The input thread of okrtui's terminal driver, on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import signal
import threading
import time
import tty
from collections.abc import AsyncIterator

import pytest
from textual import events
from textual.app import App
from textual.message import Message

from okrtui.tui.driver import QuickExitDriver


class RecordingDriver(QuickExitDriver):
    """Keeps what the input thread read instead of posting it to a running app."""

    poll = 30.0  # so long that only the wake pipe can end a wait in time

    def __init__(self, app: App[object]) -> None:
        super().__init__(app, mouse=False)  # no writer thread to turn the mouse off
        self.received: list[Message] = []

    def process_message(self, message: Message) -> None:
        self.received.append(message)


@pytest.fixture
async def driver() -> AsyncIterator[tuple[RecordingDriver, int]]:
    keyboard, terminal = pty.openpty()
    tty.setraw(terminal)  # as Textual sets it: each key is read as it is typed
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    driver = RecordingDriver(App())  # which installs its own Ctrl+Z / fg handlers
    driver.fileno = terminal
    yield driver, keyboard
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
    driver.close()
    os.close(keyboard)
    os.close(terminal)


def start_reading(driver: RecordingDriver) -> threading.Thread:
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    driver._key_thread = thread
    thread.start()
    return thread


def keys_pressed(driver: RecordingDriver) -> str:
    return "".join(m.key for m in driver.received if isinstance(m, events.Key))


def wait_for_keys(driver: RecordingDriver, expected: str) -> None:
    deadline = time.monotonic() + 10
    while keys_pressed(driver) != expected and time.monotonic() < deadline:
        time.sleep(0.01)
    assert keys_pressed(driver) == expected


async def test_keys_typed_arrive_as_key_events(driver):
    reader, keyboard = driver
    thread = start_reading(reader)
    os.write(keyboard, b"okr")
    wait_for_keys(reader, "okr")
    reader.disable_input()
    assert not thread.is_alive()


async def test_stopping_wakes_the_thread_instead_of_waiting_for_its_poll(driver):
    reader, _keyboard = driver
    thread = start_reading(reader)
    time.sleep(0.2)  # the thread is inside its 30 s select()
    began = time.monotonic()
    reader.disable_input()
    assert not thread.is_alive()
    assert time.monotonic() - began < 10, "disable_input waited for the 30 s poll"


async def test_input_reads_again_after_a_suspend(driver):
    """Ctrl+Z or the editor key stop the thread and start a new one. A wake left in the
    pipe is drained first: it would make every select() of the new thread return at once."""
    reader, keyboard = driver
    start_reading(reader)
    reader.disable_input()
    os.write(reader._wake[1], b"\0")  # a stale wake, as a race could leave one
    thread = start_reading(reader)
    os.write(keyboard, b"q")
    wait_for_keys(reader, "q")
    with pytest.raises(BlockingIOError):
        os.read(reader._wake[0], 1)
    assert thread.is_alive()
    reader.disable_input()
    assert not thread.is_alive()
