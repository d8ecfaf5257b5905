"""``okrtui convert``: turn a learning goal into a performance goal once the route is known
(or back), keeping its key results and every check-in."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from okrtui.cli.common import DataError, HelpFormatter, UsageError
from okrtui.core.model import KINDS


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "convert", parents=[common], help="turn a learning goal into a performance goal",
        formatter_class=HelpFormatter,
        description="Change an objective's kind, keeping its key results and check-ins. A "
                    "learning goal becomes a performance goal when the team knows how to reach "
                    "the result: from then on it is judged by pace against its targets.",
        epilog="examples:\n  okrtui convert learn-pricing --to performance\n"
               "  okrtui convert grow-community --to learning")
    parser.add_argument("objective", metavar="OBJECTIVE", help="objective id or unique end of it")
    parser.add_argument("--to", choices=KINDS, default="performance",
                        help="the new kind (default: performance)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.autocommit import describe
    from okrtui.cli.common import commit_if_wanted, find_objective, workspace_root
    from okrtui.core import edits
    from okrtui.core.parse import read_objective
    from okrtui.core.store import StoreError, write_edit

    root = workspace_root(args)
    oid, path = find_objective(root, args.objective)
    result = read_objective(path, oid)
    if result.objective is None:
        raise DataError(f"{result.problems[0]}\nfix the file first (okrtui lint {path})")
    if result.objective.kind == args.to:
        raise UsageError(f"{oid} is a {args.to} goal already")
    edit = edits.SetField("kind", args.to)
    try:
        write_edit(root, path, edit)
    except StoreError as exc:
        raise DataError(str(exc)) from None
    commit_if_wanted(root, path, describe(oid, edit))
    print(f"{oid} is now a {args.to} goal; its key results and check-ins are kept.")
    if args.to == "performance":
        print("It is judged by pace against its targets from now on: check that each key "
              "result has a measurable target (okrtui lint).")
    return 0
