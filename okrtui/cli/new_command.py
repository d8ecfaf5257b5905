"""``okrtui new`` and ``okrtui add-kr``: create an objective file, add a key result."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from okrtui.cli.common import DataError, HelpFormatter, UsageError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    new = commands.add_parser(
        "new", parents=[common], help="create an objective file",
        formatter_class=HelpFormatter,
        description="Create an objective file and print its path.",
        epilog="examples:\n  okrtui new \"Grow an engaged community\" --owner platform\n"
               "  okrtui new \"Learn what teams pay for\" --kind learning "
               "--commitment aspirational --parent market-share --path product/pricing")
    new.add_argument("title", help="what you want to achieve")
    new.add_argument("--period", metavar="P", help="default: the current quarter")
    new.add_argument("--owner", metavar="O", default="", help="person or team")
    new.add_argument("--kind", choices=["performance", "learning"],
                     help="learning when the route to the result is still unknown (default: "
                          "from --route-known, else asked in a terminal, else performance)")
    new.add_argument("--route-known", choices=["yes", "no"], metavar="yes|no",
                     help=f"{ROUTE_QUESTION} no makes a learning goal: judged on what is "
                          "learned (experiments, decisions), not on a target")
    new.add_argument("--commitment", choices=["committed", "aspirational"],
                     default="committed", help="committed: 1.0 expected; aspirational: 0.7")
    new.add_argument("--parent", metavar="ID", help="the objective this one supports")
    new.add_argument("--path", metavar="REL",
                     help="file path in the workspace, .toml added (default: OWNER/PERIOD/"
                          "title-as-slug)")
    new.set_defaults(run=run_new)

    add = commands.add_parser(
        "add-kr", parents=[common], help="add a key result to an objective",
        formatter_class=HelpFormatter,
        description="Add a key result: a measurable result, not an activity.",
        epilog="examples:\n"
               "  okrtui add-kr grow-community stars \"GitHub stars from 120 to 500\" "
               "--start 120 --target 500 --unit stars\n"
               "  okrtui add-kr grow-community guide \"User guide published\" --type milestone\n"
               "  okrtui add-kr grow-community uptime \"Uptime at least 99.5%\" --type health "
               "--min 99.5 --unit %")
    add.add_argument("objective", metavar="OBJECTIVE", help="objective id or unique end of it")
    add.add_argument("id", metavar="ID", help="key result id: a-z, 0-9 and -")
    add.add_argument("title", metavar="TITLE")
    add.add_argument("--type", choices=["metric", "milestone", "health"], default="metric")
    add.add_argument("--start", type=float, metavar="N")
    add.add_argument("--target", type=float, metavar="N")
    add.add_argument("--unit", metavar="U", default="")
    add.add_argument("--min", type=float, metavar="N")
    add.add_argument("--max", type=float, metavar="N")
    add.add_argument("--weight", type=float, metavar="N")
    add.set_defaults(run=run_add)


ROUTE_QUESTION = "Do you already know how to reach this?"


def _kind(args: argparse.Namespace) -> str:
    """--kind, else the answer to the route question (asked in a terminal), else
    performance, with a hint on stderr."""
    import sys

    if args.kind:
        return str(args.kind)
    answer = args.route_known
    if answer is None and sys.stdin.isatty():
        try:
            answer = input(f"{ROUTE_QUESTION} [Y/n] ").strip().lower()[:1] or "y"
        except EOFError:
            answer = "y"
        answer = "no" if answer == "n" else "yes"
    if answer == "no":
        return "learning"
    if answer is None:
        print("okrtui: a performance goal; if you do not yet know how to reach it, make it a "
              "learning goal: --route-known no", file=sys.stderr)
    return "performance"


def _plain(number: float | None) -> float | int | None:
    """Keep 120 as 120 in the file, not 120.0."""
    if number is None:
        return None
    return int(number) if number.is_integer() else number


def run_new(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import commit_if_wanted, workspace_root
    from okrtui.core.periods import PeriodError, current_period, parse_period
    from okrtui.core.store import StoreError, create_objective
    from okrtui.core.workspace import (
        NotFound,
        default_objective_path,
        objective_file_paths,
        resolve,
    )

    if not args.title.strip():
        raise UsageError("the title must not be empty")
    try:
        period = parse_period(args.period) if args.period else current_period(today)
    except PeriodError as exc:
        raise UsageError(str(exc)) from None
    root = workspace_root(args)
    fields: dict[str, Any] = {"title": args.title.strip(), "period": period.label}
    if args.owner:
        fields["owner"] = args.owner
    fields["kind"] = _kind(args)
    fields["commitment"] = args.commitment
    if args.parent:
        try:
            fields["parent"] = resolve(args.parent, objective_file_paths(root))
        except NotFound as exc:
            raise UsageError(f"--parent: {exc}") from None
    rel = args.path or default_objective_path(args.title, args.owner, period.label)
    try:
        objective = create_objective(root, rel, fields)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    commit_if_wanted(root, objective.path, f"new objective {objective.id}")
    print(objective.path)
    return 0


def run_add(args: argparse.Namespace, today: date) -> int:
    from okrtui.autocommit import describe
    from okrtui.cli.common import commit_if_wanted, find_objective, workspace_root
    from okrtui.core import edits
    from okrtui.core.parse import KR_ID
    from okrtui.core.store import StoreError, write_edit

    if not KR_ID.fullmatch(args.id):
        raise UsageError(f"key result id {args.id!r} may only use a-z, 0-9 and '-'")
    if args.type == "metric" and (args.start is None or args.target is None):
        raise UsageError("a metric key result needs --start and --target "
                         "(or --type milestone / health)")
    if args.type == "health" and args.min is None and args.max is None:
        raise UsageError("a health key result needs --min, --max or both")
    fields: dict[str, Any] = {"id": args.id, "title": args.title}
    if args.type != "metric":
        fields["type"] = args.type
    keys = {"metric": ("start", "target"), "health": ("min", "max"), "milestone": ()}
    for key in keys[args.type]:
        if getattr(args, key) is not None:
            fields[key] = _plain(getattr(args, key))
    if args.unit:
        fields["unit"] = args.unit
    if args.weight is not None:
        fields["weight"] = _plain(args.weight)
    root = workspace_root(args)
    oid, path = find_objective(root, args.objective)
    edit = edits.AddKeyResult(fields)
    try:
        write_edit(root, path, edit)
    except StoreError as exc:
        message = str(exc)
        if "already exists" in message or "target equal to start" in message:
            raise UsageError(message) from None
        raise DataError(message) from None
    commit_if_wanted(root, path, describe(oid, edit))
    print(f"Added {oid}:{args.id}")
    return 0
