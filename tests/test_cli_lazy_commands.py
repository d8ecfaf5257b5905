"""A shell command imports only its own module: start-up is most of what it costs."""

import argparse
import os
import subprocess
import sys

import pytest

from okrtui.cli.main import COMMAND_MODULES, _command_named, build_parser


def registered(parser: argparse.ArgumentParser) -> dict[str, str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: p.get_default("run").__module__.rsplit(".", 1)[1]
            for name, p in sub.choices.items()}


def test_every_command_is_in_the_map_with_its_module():
    assert registered(build_parser(["--help"])) == COMMAND_MODULES


@pytest.mark.parametrize("command", sorted(COMMAND_MODULES))
def test_a_named_command_registers_only_its_module(command):
    only = registered(build_parser([command]))
    assert command in only
    assert set(only.values()) == {COMMAND_MODULES[command]}


@pytest.mark.parametrize("argv, named", [
    ([], None), (["status"], "status"), (["--dir", "okrs", "checkin", "a:b", "1"], "checkin"),
    (["--today", "2026-11-22", "due", "--line"], "due"), (["--dir=okrs", "lint"], "lint"),
    (["--demo"], None), (["-h", "status"], None), (["status", "--help"], "status"),
    (["statsu"], "statsu"),
])
def test_command_named(argv, named):
    assert _command_named(argv) == named


def test_checkin_loads_no_other_command_and_no_cache_or_git_modules():
    code = ("import sys\nfrom okrtui.cli.main import build_parser\n"
            "build_parser(['checkin', 'a:b', '1'])\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('okrtui.cli.')"
            " or m in ('pickle', 'subprocess', 'okrtui.git'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    assert loaded == ["okrtui.cli.checkin_command", "okrtui.cli.common", "okrtui.cli.main"]


def test_a_misspelt_command_still_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        build_parser(["statsu"]).parse_args(["statsu"])
    assert "checkin" in capsys.readouterr().err


def test_the_collector_is_off_for_a_command_and_on_for_the_app(tmp_path):
    """start.py turns the cyclic collector off before the first import (a command lives a
    fraction of a second); the app, which lives long, turns it back on (and, as it owns
    the process, leaves its garbage at exit)."""
    from okrtui.core.example import write_example

    from .tui_helpers import TODAY

    write_example(tmp_path / "okrs", TODAY)
    code = (
        "import gc, sys\n"
        "import okrtui.cli.start as start\n"
        "print('command', gc.isenabled())\n"
        "import okrtui.tui.app as app\n"
        "app.OkrApp.run = lambda self, *a, **k: print('app', gc.isenabled(), "
        "'owns', self.owns_process)\n"
        f"start.main(['--dir', {str(tmp_path / 'okrs')!r}])\n")
    env = {**os.environ, "OKRTUI_CACHE_DIR": str(tmp_path / "cache"),
           "OKRTUI_CONFIG_DIR": str(tmp_path / "config")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env).stdout.split()
    # the app is the whole process: its garbage at exit is left to the operating system
    assert out == ["command", "False", "app", "True", "owns", "True"]
