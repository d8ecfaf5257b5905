"""A program in a real terminal (a private tmux server), measured as a person sees it.

Launch: from starting the program until a marker text is on screen. A key: from
``send-keys`` until ``capture-pane -e -p`` (text and colours) stops changing, not counting
a text cursor's blinking, and apart from that, until the box titled ``Trend`` stops
changing: the target lets a chart follow the panes (within 150 ms). Quit: from the key
until the process has exited. Memory: the process's peak RSS (VmHWM).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

#: The screen counts as settled once it has not changed for this long.
QUIET = 0.3
#: A key that changes nothing within this long is reported as unchanged.
NO_CHANGE = 2.0


class TerminalError(Exception):
    pass


#: The box whose changes may follow the rest of the screen's.
CHART_TITLE = "Trend"


@dataclass
class KeyTiming:
    key: str
    seconds: float | None
    """Until the last change outside the chart's box; None when nothing there changed."""
    chart_seconds: float | None = None
    """Until the last change anywhere, the chart included."""


class Terminal:
    def __init__(self, command: Sequence[str], env: dict[str, str], width: int = 120,
                 height: int = 40) -> None:
        self.socket = f"bench-{uuid.uuid4().hex[:8]}"
        self.command = command
        self.env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES", "TMUX")}
        self.width, self.height = width, height
        self.pid = 0

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, env=self.env, check=False)
        if done.returncode != 0:
            raise TerminalError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-e", "-p", "-t", "bench")

    def start(self, marker: str, timeout: float = 30) -> float:
        """Start the program; seconds until ``marker`` is on screen."""
        begin = time.perf_counter()
        self._tmux("new-session", "-d", "-s", "bench", "-x", str(self.width), "-y",
                   str(self.height), "exec " + shlex.join(self.command), ";",
                   "set-option", "-t", "bench", "remain-on-exit", "on")
        while marker not in self._tmux("capture-pane", "-p", "-t", "bench"):
            dead = self._tmux("display-message", "-p", "-t", "bench", "#{pane_dead}")
            if time.perf_counter() - begin > timeout or dead.strip() == "1":
                raise TerminalError(f"{marker!r} not on screen:\n"
                                    + self._tmux("capture-pane", "-p", "-t", "bench"))
            time.sleep(0.002)
        shown = time.perf_counter() - begin
        self.pid = int(self._tmux("display-message", "-p", "-t", "bench", "#{pane_pid}"))
        return shown

    def settle(self, quiet: float = 1.0) -> str:
        """Wait until the screen has not changed for ``quiet`` seconds."""
        last = self.screen()
        since = time.perf_counter()
        while time.perf_counter() - since < quiet:
            time.sleep(0.01)
            now = self.screen()
            if now != last:
                last, since = now, time.perf_counter()
        return last

    def press(self, key: str) -> KeyTiming:
        before = self.screen()
        begin = time.perf_counter()
        self._tmux("send-keys", "-t", "bench", key)
        last_change: float | None = None  # outside the chart
        last_any: float | None = None
        current = before
        while True:
            now = time.perf_counter()
            if last_any is None and now - begin > NO_CHANGE:
                return KeyTiming(key, None)
            if last_any is not None and now - last_any > QUIET:
                return KeyTiming(key, None if last_change is None else last_change - begin,
                                 last_any - begin)
            screen = self.screen()
            if screen != current:
                if not blink_only(current, screen):
                    last_any = time.perf_counter()
                    if outside_chart(current) != outside_chart(screen):
                        last_change = last_any
                current = screen

    def peak_memory(self) -> int:
        """Peak resident memory of the program, in bytes."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
        raise TerminalError("no VmHWM")

    def quit(self, key: str, timeout: float = 10) -> float:
        """Seconds from ``key`` until the process has exited."""
        begin = time.perf_counter()
        self._tmux("send-keys", "-t", "bench", key)
        while self._tmux("display-message", "-p", "-t", "bench", "#{pane_dead}").strip() != "1":
            if time.perf_counter() - begin > timeout:
                raise TerminalError(f"still running {timeout} s after {key}")
            time.sleep(0.002)
        return time.perf_counter() - begin

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       check=False)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


_ESCAPE = re.compile(r"\x1b\[[0-9;:]*[A-Za-z]")


def blink_only(before: str, after: str) -> bool:
    """A change of colours alone on one line: a text cursor blinking (Input blinks every
    0.5 s, whatever the keys do), not the app answering a key."""
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=False)
               if a != b]
    return (len(changed) == 1 and before.count("\n") == after.count("\n")
            and _ESCAPE.sub("", changed[0][0]) == _ESCAPE.sub("", changed[0][1]))


Box = tuple[int, int, int, int]
"""First and last row, first and last column."""


def find_box(screen: str, title: str) -> Box | None:
    """Where the box with ``title`` in its top border is on ``screen``; None if nowhere."""
    lines = [_ESCAPE.sub("", line) for line in screen.split("\n")]
    for row, line in enumerate(lines):
        at = line.find(f"─ {title} ")
        left = line.rfind("╭", 0, at) if at >= 0 else -1
        right = line.find("╮", at) if at >= 0 else -1
        if left < 0 or right < 0:
            continue
        first, last = _column(line, left), _column(line, right)
        for bottom in range(row + 1, len(lines)):
            if _char_at(lines[bottom], first) == "╰":
                return row, bottom, first, last
    return None


def outside_chart(screen: str) -> str:
    """``screen`` less the chart's box, wherever the box is on it (a layout can move it)."""
    return without(screen, find_box(screen, CHART_TITLE))


def without(screen: str, box: Box | None) -> str:
    """``screen`` (with colours) less the cells of ``box``, and the colour codes among them."""
    if box is None:
        return screen
    top, bottom, first, last = box
    lines = screen.split("\n")
    for row in range(top, min(bottom, len(lines) - 1) + 1):
        kept, column = [], 0
        for token in _TOKEN.findall(lines[row]):
            inside = first <= column <= last
            if not token.startswith("\x1b"):
                column += _width(token)
            if not inside:
                kept.append(token)
        lines[row] = "".join(kept)
    return "\n".join(lines)


_TOKEN = re.compile(r"\x1b\[[0-9;:]*[A-Za-z]|.", re.S)


def _width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _column(line: str, index: int) -> int:
    return sum(_width(char) for char in line[:index])


def _char_at(line: str, column: int) -> str:
    at = 0
    for char in line:
        if at == column:
            return char
        at += _width(char)
    return ""


def environment(extra: dict[str, str]) -> dict[str, str]:
    """The environment of a person's shell: bytecode is cached (as after pip install), so
    the figures do not include compiling Python source on every run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "TERM": "xterm-256color", **extra}
