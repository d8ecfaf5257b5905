"""What the shell commands share: errors and exit codes, the workspace, the period, colour."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from okrtui.core.model import Status
from okrtui.core.periods import Period, PeriodError, current_period, parse_period


class UsageError(Exception):
    """Bad command-line input: exit code 2."""


class DataError(Exception):
    """A problem in the goals data: exit code 1."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's, as wide as the terminal without importing shutil, as argparse would for
    every parser built (shutil brings bz2, lzma and fnmatch: ~1.5 ms of each command)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns(80) - 2 if width is None else width)


def parse_day(text: str) -> date:
    """An argparse type for YYYY-MM-DD dates."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD") from None


def workspace_root(args: argparse.Namespace) -> Path:
    from okrtui.core.workspace import find_workspace

    root = find_workspace(args.dir)
    if root.is_file():
        raise UsageError(f"{root} is a file: --dir takes the workspace folder (the one that "
                         "holds okrtui.toml)")
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder: create a workspace there with "
                         f"okrtui init {root}")
    return root


def warn_about_config() -> None:
    """A broken config.toml is used as the defaults; say so, in one line."""
    from okrtui.config import load_config

    problem = load_config().problem
    if problem:
        from okrtui.present import printable

        print(f"okrtui: {printable(problem)}", file=sys.stderr)


def find_objective(root: Path, reference: str) -> tuple[str, Path]:
    """The objective file a reference names, reading no file; a usage error names the
    workspace searched, since a wrong folder is the usual cause."""
    from okrtui.core.store import find_objective_path
    from okrtui.core.workspace import NotFound

    try:
        return find_objective_path(root, reference)
    except NotFound as exc:
        raise UsageError(f"{exc} (workspace: {root}; use --dir for another)") from None


def commit_if_wanted(root: Path, path: Path, message: str) -> None:
    """Autocommit (when the workspace asks for it); a git failure is one line on stderr and
    never undoes the change on disk."""
    from okrtui.autocommit import commit_change

    warning = commit_change(root, path, message)
    if warning:
        print(f"okrtui: {warning}", file=sys.stderr)


def period_of(args: argparse.Namespace, today: date) -> Period | None:
    """``--period P``, ``--period all`` (None), or the current quarter."""
    text = getattr(args, "period", None)
    if not text:
        return current_period(today)
    if text.lower() == "all":
        return None
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise UsageError(f"{exc}, or all") from None


def add_period_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", metavar="P",
                        help="period to show: 2026-Q4, 2026-H2, 2026, 2026-11 or all "
                             "(default: the current quarter)")


def shown_path(path: Path) -> str:
    """A path as the person typing commands here would write it: relative when it is below
    the current folder."""
    folder, name = os.path.split(path)
    shown = _shown_folder(folder, os.getcwd())
    return str(path) if shown is None else os.path.join(shown, name)


@functools.lru_cache(maxsize=256)
def _shown_folder(folder: str, cwd: str) -> str | None:
    """``folder`` relative to ``cwd`` ("" for itself), both with symlinks resolved; None when
    it is not below it. Once per folder: lint prints a path per problem, hundreds of them in
    fewer folders."""
    here, real = _real_folder(cwd), _real_folder(os.path.join(cwd, folder))
    if real == here:
        return ""
    return os.path.relpath(real, here) if real.startswith(here.rstrip(os.sep) + os.sep) \
        else None


@functools.lru_cache(maxsize=512)
def _real_folder(folder: str) -> str:
    """``os.path.realpath``, from the parent's: one system call per folder, where realpath
    makes one per part of the path (seven for a file in a folder of years)."""
    folder = os.path.normpath(folder)
    parent, name = os.path.split(folder)
    if not name or parent == folder:
        return os.path.realpath(folder)
    joined = os.path.join(_real_folder(parent), name)
    return os.path.realpath(joined) if os.path.islink(joined) else joined


def problem_line(problem: object) -> str:
    """``file:line: level: message`` with the file as shown_path gives it, made printable."""
    from okrtui.present import printable

    text = str(problem)
    path = str(getattr(problem, "path", ""))
    if path and text.startswith(path):
        text = shown_path(Path(path)) + text[len(path):]
    return printable(text)


def terminal_columns(fallback: int) -> int:
    """What shutil.get_terminal_size gives (COLUMNS, then the terminal, then ``fallback``),
    without importing shutil: 1.7 ms of a command that takes 60."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or fallback
    except (AttributeError, ValueError, OSError):
        return fallback


def wants_colour(stream: TextIO = sys.stdout) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


_STATUS_COLOUR = {Status.ON_TRACK: "32", Status.AT_RISK: "33", Status.OFF_TRACK: "31"}


def paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour and code else text


def status_colour(status: Status | None) -> str:
    return _STATUS_COLOUR.get(status, "") if status else ""
