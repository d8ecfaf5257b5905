"""The real app in a real terminal (tmux), as a person runs it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .tui_helpers import TODAY, example_workspace

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


class Terminal:
    def __init__(self, name: str, width: int, height: int, command: str,
                 env: dict[str, str]) -> None:
        self.name = name
        self.env = env
        self.tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
                  command)

    def tmux(self, *args: str) -> str:
        # a server of its own (-L), so that tests running in parallel never share one
        return subprocess.run(["tmux", "-L", self.name, *args], capture_output=True,
                              text=True, check=True, env=self.env).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)
            time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def wait_closed(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if subprocess.run(["tmux", "-L", self.name, "has-session", "-t", self.name],
                              capture_output=True, env=self.env).returncode != 0:
                return
            time.sleep(0.2)
        raise AssertionError(f"the app did not quit:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.name, "kill-server"], capture_output=True,
                       env=self.env)


@pytest.fixture
def terminal(tmp_path):
    opened: list[Terminal] = []
    env = {**os.environ, "TMUX_TMPDIR": str(tmp_path), "TERM": "xterm-256color"}
    env.pop("TMUX", None)
    for size in ("COLUMNS", "LINES"):  # set by some runners; the app would believe them
        env.pop(size, None)

    def open_terminal(args: list[str], width: int = 120, height: int = 40,
                      extra_env: dict[str, str] | None = None) -> Terminal:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (extra_env or {}).items())
        command = f"env {exports} {shlex.quote(sys.executable)} -m okrtui " + " ".join(
            shlex.quote(a) for a in args)
        term = Terminal(f"okrtui{os.getpid()}-{len(opened)}", width, height, command, env)
        opened.append(term)
        return term

    yield open_terminal
    for term in opened:
        term.close()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_demo_shows_three_panes_with_sparklines_and_chart(terminal, size):
    term = terminal(["--demo", "--today", TODAY.isoformat()], *size)
    screen = term.wait_for("Objectives · 2026-Q4")
    if size[0] >= 100:
        screen = term.wait_for("paying-teams")  # the chart's title, drawn after first paint
        assert "Trend" in screen
    else:  # narrow: no room for a chart; the check-ins get the width, with their notes
        screen = term.wait_for("Note")
    assert "Key results" in screen and "Check-ins" in screen
    assert any(spark in screen for spark in "▁▂▃▄▅▆▇")
    assert "Become the defa" in screen
    demo = re.search(r"(/\S*okrtui-demo-\w+)", screen)
    term.keys("q")
    term.wait_closed()
    assert demo or size[0] < 120  # the header may be cut short in a narrow terminal
    if demo:
        assert not Path(demo.group(1)).exists()  # the demo data is removed on exit


def test_checkin_typed_in_a_terminal_lands_in_the_file(terminal, tmp_path):
    root = example_workspace(tmp_path / "okrs")
    path = root / "platform/2026-Q4/grow-community.toml"
    term = terminal(["--dir", str(root), "--today", TODAY.isoformat()], 80, 24)
    term.wait_for("Objectives")
    term.keys("Down", "c")
    term.wait_for("Check in: GitHub stars")
    term.keys("4", "5", "6", "Tab", "0", ".", "8", "Tab", "from tmux", "Enter")
    term.wait_for("Checked in on stars")
    assert "{ date = 2026-11-22, value = 456, confidence = 0.8, note = \"from tmux\"" in \
        path.read_text()
    term.wait_for("456 / 500")


def test_keys_in_one_burst_keep_their_tabs(terminal, tmp_path):
    """A paste or a text expander sends '80<Tab>0.6<Tab>note' at once: each part lands in
    its own field, as when typed."""
    root = example_workspace(tmp_path / "okrs")
    path = root / "company/2026-Q4/market-share.toml"
    term = terminal(["--dir", str(root), "--today", TODAY.isoformat()])
    term.wait_for("Objectives")
    term.keys("c")
    term.wait_for("Check in: Paying teams")
    term.tmux("send-keys", "-t", term.name, "80\t0.6\tburst note")
    time.sleep(0.5)
    term.keys("Enter")
    term.wait_for("Checked in on paying-teams")
    assert '{ date = 2026-11-22, value = 80, confidence = 0.6, note = "burst note"' in \
        path.read_text()


def test_filter_typed_in_the_same_burst_as_the_slash_is_kept(terminal, tmp_path):
    """Over ssh, '/' and the letters after it often arrive in one read: the letters were
    queued for the objectives table before the filter took the focus, and were lost."""
    root = example_workspace(tmp_path / "okrs")
    term = terminal(["--dir", str(root), "--today", TODAY.isoformat()])
    term.wait_for("Objectives")
    term.tmux("send-keys", "-t", term.name, "/pricing")  # c would open the check-in dialog
    screen = term.wait_for("  pricing  ")  # in the filter field
    screen = term.wait_for("Key results · Learn what small teams will pay")
    assert "filter: pric" in screen and "Check in:" not in screen
    assert "Become the default tool" not in screen


def test_editor_key_suspends_then_reloads(terminal, tmp_path):
    root = example_workspace(tmp_path / "okrs")
    path = root / "company/2026-Q4/market-share.toml"
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s/Become the default tool/Edited in editor/" "$1"\n')
    editor.chmod(0o755)
    term = terminal(["--dir", str(root), "--today", TODAY.isoformat()],
                    extra_env={"VISUAL": str(editor)})
    term.wait_for("Become the default tool")
    term.keys("E")
    term.wait_for("Edited in editor")
    assert "Edited in editor" in path.read_text()
    term.keys("q")
    term.wait_closed()
    assert Path(path).exists()


def test_ctrl_z_suspends_to_the_shell_and_fg_comes_back(tmp_path):
    """Job control, as for any program run from a shell; the input thread is stopped and
    started again on the way (see tui/driver.py)."""
    root = example_workspace(tmp_path / "okrs")
    env = {**os.environ, "TMUX_TMPDIR": str(tmp_path), "TERM": "xterm-256color"}
    for name in ("TMUX", "COLUMNS", "LINES"):
        env.pop(name, None)
    term = Terminal(f"okrtui-jobs{os.getpid()}", 120, 40, "bash --norc --noprofile -i", env)
    try:
        app = shlex.join([sys.executable, "-m", "okrtui", "--dir", str(root), "--today",
                          TODAY.isoformat()])
        term.tmux("send-keys", "-t", term.name, app, "Enter")
        term.wait_for("Objectives · 2026-Q4")
        term.keys("C-z")
        term.wait_for("Stopped")
        term.keys("fg", "Enter")
        term.wait_for("Key results · Become the default tool")
        term.keys("Down")  # keys still reach the app
        term.wait_for("Key results · Grow an engaged")
        term.keys("q")
        term.wait_for("Stopped")  # the shell's line from before: the app's screen is gone
        term.tmux("send-keys", "-t", term.name, "echo app-ended-$?", "Enter")
        term.wait_for("app-ended-0")
    finally:
        term.close()


def test_ctrl_z_without_a_shell_to_come_back_to_keeps_the_app(terminal, tmp_path):
    """Run by tmux directly (as by ssh or a launcher), a stopped app could never be
    resumed: it says so and stays."""
    root = example_workspace(tmp_path / "okrs")
    term = terminal(["--dir", str(root), "--today", TODAY.isoformat()])
    term.wait_for("Key results · Become the default tool")
    term.keys("C-z")
    term.wait_for("not started from a shell")
    term.keys("Down")
    term.wait_for("Key results · Grow an engaged")
    term.keys("q")
    term.wait_closed()
