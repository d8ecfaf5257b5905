"""``okrtui log``: who changed what, and when, from the git history of the goals."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from okrtui.cli.common import DataError, HelpFormatter, UsageError, paint, wants_colour


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "log", parents=[common], help="who changed what, from git history",
        formatter_class=HelpFormatter,
        description="Read the git history of the objective files and say who changed what "
                    "and when: targets, starts, titles, key results added or removed, "
                    "check-ins edited or deleted after the fact (new check-ins are summed "
                    "up). A target or start moved after the period began is flagged with ⚑: "
                    "a review should see moved goal posts. Newest first.",
        epilog="examples:\n  okrtui log\n  okrtui log grow-community\n"
               "  okrtui log grow-community:stars --json\n  okrtui log -n 20")
    parser.add_argument("reference", nargs="?", metavar="OBJECTIVE[:KR]",
                        help="one objective, or one of its key results (default: all)")
    parser.add_argument("-n", "--limit", type=int, metavar="N", help="at most N commits")
    parser.add_argument("--json", action="store_true", help="the changes as a JSON list")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui import git
    from okrtui.cli.common import find_objective, workspace_root
    from okrtui.git_history import workspace_history

    root = workspace_root(args)
    objective_id = kr_id = None
    if args.reference:
        reference, _, kr_id = args.reference.partition(":")
        objective_id, _ = find_objective(root, reference)
        kr_id = kr_id or None
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit takes a whole number from 1")
    try:
        found = workspace_history(root, objective_id, kr_id, args.limit)
    except git.GitError as exc:
        raise DataError(str(exc)) from None
    if args.json:
        json.dump([change.as_dict() for change in found], sys.stdout, indent=2,
                  ensure_ascii=False, default=str)
        print()
        return 0
    if not found:
        print("No changes to these goals in git history yet.")
        return 0
    for line in format_changes(found, wants_colour()):
        print(line)
    return 0


def format_changes(found: list[Any], colour: bool = False) -> list[str]:
    """One line per change: date, author, objective[:key result], what, and the flag."""
    from okrtui.present import printable

    width = min(16, max(len(printable(c.commit.author)) for c in found))
    lines = []
    for change in found:
        where = change.objective + (f":{change.key_result}" if change.key_result else "")
        flag = ""
        if change.after_start is not None:
            flag = "  " + paint(f"⚑ moved after the period began ({change.after_start})", "31",
                                colour)
        lines.append(f"{change.commit.day}  {printable(change.commit.author)[:width]:<{width}}  "
                     f"{printable(where)}  {printable(change.summary)}{flag}")
    return lines
