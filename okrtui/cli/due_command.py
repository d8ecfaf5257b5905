"""``okrtui due``: which key results need a check-in; ``--line`` for a shell prompt."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from okrtui.cli.common import HelpFormatter, add_period_option, paint, wants_colour


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "due", parents=[common], help="what needs a check-in",
        formatter_class=HelpFormatter,
        description="List the key results that need a check-in: due when one check-in "
                    "interval (the objective's cadence, else the workspace's) has passed since "
                    "the last one, overdue after two. Yours first when your config sets name. "
                    "--line prints one short line for a shell prompt, or nothing when all is "
                    "well.",
        epilog="examples:\n  okrtui due\n  okrtui due --owner platform-team\n"
               "  okrtui due --line            e.g. in PS1: okr: 3 due · 1 overdue · 2 off "
               "track\n  okrtui due --json")
    parser.add_argument("--owner", metavar="NAME", help="only this owner's objectives")
    parser.add_argument("--line", action="store_true",
                        help="one line for a shell prompt; nothing when nothing is due")
    parser.add_argument("--json", action="store_true", help="the list as JSON")
    add_period_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import period_of, workspace_root
    from okrtui.core.due import due_items
    from okrtui.core.outline import visible
    from okrtui.core.store import load_workspace

    root = workspace_root(args)
    period = period_of(args, today)
    workspace = load_workspace(root, only=period)
    settings = workspace.settings
    shown = visible(workspace.objectives, period)
    if args.owner:
        shown = [o for o in shown if o.owner.lower() == args.owner.lower()]
    items = due_items(shown, today, settings.cadence, _me())
    if args.line:
        line = _prompt_line(items, shown, today, settings)
        if line:
            print(line)
        return 0
    if args.json:
        import json  # only for --json: 1 ms of every other run

        json.dump([{"objective": i.objective.id, "key_result": i.key_result.id,
                    "state": i.state.level, "last_checkin": _iso(i.state.last),
                    "due_since": _iso(i.state.next_due), "mine": i.mine} for i in items],
                  sys.stdout, indent=2)
        print()
        return 0
    from okrtui.present import printable

    if not items:
        print("Nothing is due: every key result has a recent check-in.")
        return 0
    colour = wants_colour()
    for item in items:
        state = paint(f"{item.state.level:<7}", "31" if item.state.level == "overdue" else "33",
                      colour)
        last = f"last {item.state.last}" if item.state.last else "never checked in"
        ref = f"{item.objective.id}:{item.key_result.id}"
        print(f"{state}  {printable(ref)}  {printable(item.key_result.title)}  ({last})"
              + ("  · yours" if item.mine else ""))
        print(f"         okrtui checkin {printable(ref)} VALUE")
    return 0


def _prompt_line(items: list[Any], shown: list[Any], today: date, settings: Any) -> str:
    from okrtui.core.model import Status
    from okrtui.core.scoring import score_objective

    overdue = sum(i.state.level == "overdue" for i in items)
    due = len(items) - overdue
    off_track = sum(
        1 for objective in shown
        for kr_score in score_objective(objective, today, settings.thresholds,
                                        settings.cadence).key_results.values()
        if kr_score.status is Status.OFF_TRACK)
    parts = [f"{n} {label}" for n, label in ((due, "due"), (overdue, "overdue"),
                                             (off_track, "off track")) if n]
    return ("okr: " + " · ".join(parts)) if parts else ""


def _me() -> str:
    from okrtui.cli.common import warn_about_config
    from okrtui.config import load_config

    warn_about_config()
    return load_config().name


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
