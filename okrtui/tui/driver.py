"""Textual's terminal driver, with an input thread that stops as soon as it is asked to.

Textual's own input thread waits in ``select()`` with a 0.1 s timeout and, once told to
stop, sleeps another 0.1 s in a ``select()`` left with nothing to watch. Quitting therefore
spends ~0.2 s joining that thread before the terminal is handed back. Here a pipe is
watched next to the terminal, and stopping writes to it, so the thread ends at once.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App


class QuickExitDriver(LinuxDriver):
    #: Seconds the input thread waits for a key before it lets the parser's timers run
    #: (an ESC alone becomes the Escape key after a moment). Textual's value.
    poll = 0.1

    def __init__(self, app: App[object], *, debug: bool = False, mouse: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self._wake: tuple[int, int] | None = _wake_pipe()

    def start_application_mode(self) -> None:
        if self._wake is None:  # closed by a suspend (Ctrl+Z, the editor key)
            self._wake = _wake_pipe()
        super().start_application_mode()

    def disable_input(self) -> None:
        """Stop reading keys, waking the input thread rather than waiting for its poll.

        The wake comes first: the thread then returns from ``select()`` at once each time
        until Textual sets the exit event, and never starts another 0.1 s wait."""
        if self._wake is not None and not self.exit_event.is_set():
            try:
                os.write(self._wake[1], b"\0")
            except OSError:
                pass
        super().disable_input()

    def close(self) -> None:
        super().close()
        if self._wake is not None:
            for fd in self._wake:
                os.close(fd)
            self._wake = None

    def run_input_thread(self) -> None:
        """Textual's input loop (``LinuxDriver.run_input_thread``), watching the wake pipe
        too. Keys typed after the stop are left to the flush that follows, as Textual's
        loop leaves them (they must not act after a suspend, e.g. the editor key)."""
        if self._wake is None:
            return
        wake_read = self._wake[0]
        try:  # a wake left over from a suspend (Ctrl+Z, an editor) before this run
            os.read(wake_read, 4096)
        except BlockingIOError:
            pass
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(wake_read, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def process(ready: list[tuple[selectors.SelectorKey, int]]) -> None:
            if any(key.fd == self.fileno for key, _mask in ready):
                data = os.read(self.fileno, 4096)
                if data:  # nothing: stdin was piped and has ended
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(self.poll))
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def _wake_pipe() -> tuple[int, int]:
    read, write = os.pipe()
    os.set_blocking(read, False)
    return read, write
