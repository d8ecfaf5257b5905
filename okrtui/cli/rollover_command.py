"""``okrtui rollover``: carry unfinished objectives into the next period."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from okrtui.cli.common import DataError, HelpFormatter, UsageError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "rollover", parents=[common], help="carry unfinished objectives into the next period",
        formatter_class=HelpFormatter,
        description="Copy unfinished objectives (not achieved by their commitment) into a new "
                    "period as new files: same title, owner, parent and key results, each "
                    "metric starting from its latest value, no check-ins, and rolled_from "
                    "pointing back. Key results already done stay behind. The original gets "
                    "one line, rolled_to, and nothing else. With no objective named, every "
                    "unfinished objective of the period before --to is rolled over; running "
                    "it twice is harmless.",
        epilog="examples:\n  okrtui rollover --to 2027-Q1 --dry-run\n"
               "  okrtui rollover --to 2027-Q1\n"
               "  okrtui rollover grow-community --to 2027-Q1")
    parser.add_argument("objectives", nargs="*", metavar="OBJECTIVE",
                        help="objectives to roll over (default: every unfinished one)")
    parser.add_argument("--to", required=True, metavar="PERIOD",
                        help="the period to roll into, e.g. 2027-Q1")
    parser.add_argument("--from", dest="source", metavar="PERIOD",
                        help="the period to roll from (default: the one before --to)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what would be written, and write nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import commit_if_wanted, find_objective, workspace_root
    from okrtui.core import rollover
    from okrtui.core.periods import PeriodError, parse_period
    from okrtui.core.store import StoreError, load_workspace
    from okrtui.core.workspace import objective_file_paths

    try:
        to = parse_period(args.to)
        source = parse_period(args.source) if args.source else to.previous()
    except PeriodError as exc:
        raise UsageError(str(exc)) from None
    root = workspace_root(args)
    workspace = load_workspace(root)
    if args.objectives:
        chosen = [workspace.by_id[find_objective(root, ref)[0]] for ref in args.objectives
                  if find_objective(root, ref)[0] in workspace.by_id]
        already = [o.id for o in chosen if o.rolled_to]
        if already:
            raise UsageError(f"{', '.join(already)} was rolled over already (see rolled_to)")
    else:
        chosen = rollover.candidates(workspace.objectives, source, today)
    plans = rollover.plan(chosen, to, frozenset(objective_file_paths(root)))
    if not plans:
        print(f"Nothing to roll over from {source.label}: every objective was achieved or "
              "rolled over already.")
        return 0
    for item in plans:
        print(f"{item.source.id} -> {item.new_id}")
        for kr in item.key_results:
            moved = kr.fields.get("start")
            note = f"start {_n(kr.old_start)} -> {_n(moved)} (latest value)" \
                if kr.old_start is not None else "as it was"
            print(f"  {kr.fields['id']}: {note}")
        for done in item.finished:
            print(f"  {done}: done, left behind")
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    try:
        written = rollover.write(root, plans)
    except StoreError as exc:
        raise DataError(str(exc)) from None
    for item in written:
        commit_if_wanted(root, root / f"{item.new_id}.toml",
                         f"rollover {item.source.id} -> {item.new_id}")
        commit_if_wanted(root, item.source.path, f"rollover {item.source.id} -> {item.new_id}")
    print(f"Rolled over {len(written)} objective(s) into {to.label}.")
    return 0


def _n(value: Any) -> str:
    from okrtui.present import format_number

    return "–" if value is None else format_number(value)
