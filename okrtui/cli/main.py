"""``okrtui`` entry point: parse the command line and dispatch to a command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from okrtui import __version__
from okrtui.cli.common import DataError, UsageError, parse_day

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
    common = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if in_command else None
    common.add_argument("--dir", metavar="PATH", default=default,
                        help="workspace folder (default: $OKRTUI_DIR, then the nearest folder "
                             "with okrtui.toml or okrs/okrtui.toml, then your personal goals)")
    common.add_argument("--today", metavar="YYYY-MM-DD", type=parse_day, default=default,
                        help="compute progress and status as of this day (default: today)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options(in_command=True)
    parser = argparse.ArgumentParser(
        prog="okrtui", parents=[common_options(in_command=False)], epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Personal and team OKRs as TOML files in a folder. With no command, "
                    "opens the terminal app.")
    parser.add_argument("--version", action="version", version=f"okrtui {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a fresh temporary copy of the example workspace")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    from okrtui.cli import (
        checkin_command,
        convert_command,
        due_command,
        edit_command,
        git_setup_command,
        init_command,
        lint_command,
        log_command,
        merge_driver_command,
        new_command,
        report_command,
        review_command,
        rollover_command,
        status_command,
        trash_command,
    )

    for command in (init_command, checkin_command, status_command, report_command,
                    lint_command, new_command, edit_command, git_setup_command,
                    review_command, convert_command, log_command, merge_driver_command,
                    due_command, rollover_command, trash_command):
        command.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
    from okrtui.tui.app import OkrApp

    OkrApp(root, today, use_cache=use_cache, follow_clock=follow_clock).run()
    return 0
