"""``okrtui`` entry point: parse the command line and dispatch to a command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from okrtui import __version__
from okrtui.cli.common import DataError, HelpFormatter, UsageError, parse_day

EPILOG = """\
examples:
  okrtui --demo                          open the app on a fresh copy of the example data
  okrtui init --example okrs             create a workspace with example OKRs
  okrtui --dir okrs                      open the app on a workspace
  okrtui checkin grow-community:stars 320 -m "HN post" -c 0.7
  okrtui status --owner alice
  okrtui report --format markdown -o report.md
  okrtui lint --strict

exit codes: 0 success, 1 problems in the goals data, 2 usage errors
"""


def common_options(*, in_command: bool) -> argparse.ArgumentParser:
    """--dir and --today, accepted before and after the command name. After it, an option
    left out must not replace the value given before it, hence SUPPRESS there."""
    common = argparse.ArgumentParser(add_help=False, formatter_class=HelpFormatter)
    default = argparse.SUPPRESS if in_command else None
    common.add_argument("--dir", metavar="PATH", default=default,
                        help="workspace folder (default: $OKRTUI_DIR, then the nearest folder "
                             "with okrtui.toml or okrs/okrtui.toml, then your personal goals)")
    common.add_argument("--today", metavar="YYYY-MM-DD", type=parse_day, default=default,
                        help="compute progress and status as of this day (default: today)")
    return common


#: Each command's module: a command imports and registers only its own (start-up time is
#: most of what a shell command costs); help and unknown names register them all.
COMMAND_MODULES = {
    "init": "init_command", "checkin": "checkin_command", "status": "status_command",
    "report": "report_command", "lint": "lint_command", "new": "new_command",
    "add-kr": "new_command", "edit": "edit_command", "git-setup": "git_setup_command",
    "review": "review_command", "convert": "convert_command", "log": "log_command",
    "merge-driver": "merge_driver_command", "due": "due_command",
    "rollover": "rollover_command", "delete": "trash_command", "trash": "trash_command",
    "restore": "trash_command",
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv``: with every command, or only the one ``argv`` names."""
    import importlib

    common = common_options(in_command=True)
    parser = argparse.ArgumentParser(
        prog="okrtui", parents=[common_options(in_command=False)], epilog=EPILOG,
        formatter_class=HelpFormatter,
        description="Personal and team OKRs as TOML files in a folder. With no command, "
                    "opens the terminal app.")
    parser.add_argument("--version", action="version", version=f"okrtui {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a fresh temporary copy of the example workspace")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = _command_named(sys.argv[1:] if argv is None else argv)
    wanted = [COMMAND_MODULES[named]] if named in COMMAND_MODULES else list(
        dict.fromkeys(COMMAND_MODULES.values()))
    for name in wanted:
        importlib.import_module(f"okrtui.cli.{name}").register(commands, common)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The first word of ``argv`` that is not an option or an option's value."""
    words = iter(argv)
    for word in words:
        if word in ("--dir", "--today"):
            next(words, None)
        elif word in ("-h", "--help"):
            return None
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    today = args.today or date.today()
    try:
        if args.command is None:
            return _open_app(args, today)
        return int(args.run(args, today))
    except UsageError as exc:
        print(f"okrtui: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"okrtui: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. okrtui report | head: the reader has gone, that is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _open_app(args: argparse.Namespace, today: date) -> int:
    if args.demo:
        import tempfile

        from okrtui.core.example import write_example

        with tempfile.TemporaryDirectory(prefix="okrtui-demo-") as folder:
            root = Path(folder) / "okrs"
            write_example(root, today)
            return _run_app(root, today, use_cache=False, follow_clock=args.today is None)
    from okrtui.cli.common import workspace_root

    return _run_app(workspace_root(args), today, use_cache=True,
                    follow_clock=args.today is None)


def _run_app(root: Path, today: date, *, use_cache: bool, follow_clock: bool) -> int:
    import gc

    from okrtui.tui.app import OkrApp

    # Off for a shell command (see start.py), on for the app, which lives long. Whatever
    # was created so far (modules, classes) lives as long as the process: frozen, the
    # collector never walks it again.
    gc.freeze()
    gc.enable()
    OkrApp(root, today, use_cache=use_cache, follow_clock=follow_clock,
           owns_process=True).run()
    return 0
