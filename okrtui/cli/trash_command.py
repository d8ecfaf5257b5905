"""``okrtui delete``, ``okrtui trash`` and ``okrtui restore``: deletes that can be undone."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from okrtui.cli.common import DataError, HelpFormatter, UsageError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    delete = commands.add_parser(
        "delete", parents=[common], help="delete an objective or a key result (undoable)",
        formatter_class=HelpFormatter,
        description="Delete an objective (its file) or one key result. What is deleted goes "
                    "to the workspace's .trash/ folder first: okrtui restore puts it back. "
                    "Objectives that name a deleted objective as parent are unlinked in the "
                    "same step, and restored with it.",
        epilog="examples:\n  okrtui delete grow-community\n  okrtui delete grow-community:stars\n"
               "  okrtui restore                 undo the last delete")
    delete.add_argument("target", metavar="OBJECTIVE[:KR]")
    delete.set_defaults(run=run_delete)
    listing = commands.add_parser(
        "trash", parents=[common], help="list deletes that can be undone",
        description="List what okrtui deleted (newest first), with the id okrtui restore "
                    "takes.", epilog="example:\n  okrtui trash")
    listing.set_defaults(run=run_trash)
    restore = commands.add_parser(
        "restore", parents=[common], help="undo a delete",
        description="Put back what a delete removed: the newest one, or the one named. "
                    "Refused, changing nothing, when a file changed again since the delete.",
        epilog="examples:\n  okrtui restore\n  okrtui restore 20261124-101500")
    restore.add_argument("entry", nargs="?", metavar="ID", help="from okrtui trash")
    restore.set_defaults(run=run_restore)


def run_delete(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import commit_if_wanted, find_objective, workspace_root
    from okrtui.core import edits, trash
    from okrtui.core.parse import read_objective
    from okrtui.core.store import StoreError, load_workspace

    root = workspace_root(args)
    reference, _, kr_id = args.target.partition(":")
    oid, path = find_objective(root, reference)
    result = read_objective(path, oid)
    if result.objective is None:
        raise DataError(f"{result.problems[0]}\nfix the file first (okrtui lint {path})")
    objective = result.objective
    try:
        if kr_id:
            if objective.key_result(kr_id) is None:
                raise UsageError(f"{oid} has no key result {kr_id!r}")
            description = f"delete key result {oid}:{kr_id}"
            trash.delete_in_file(root, objective, edits.RemoveKeyResult(kr_id), description)
            changed = [path]
        else:
            children = [o for o in load_workspace(root).objectives if o.parent == oid]
            description = f"delete objective {oid}"
            trash.delete_objective(root, objective, children)
            changed = [path, *(c.path for c in children)]
            for child in children:
                print(f"Unlinked {child.id} (its parent was {oid})")
    except (StoreError, OSError) as exc:
        raise DataError(str(exc)) from None
    for changed_path in changed:
        commit_if_wanted(root, changed_path, description)
    print(f"Deleted {oid}{':' + kr_id if kr_id else ''}; undo with: okrtui restore")
    return 0


def run_trash(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import workspace_root
    from okrtui.core import trash
    from okrtui.present import printable

    entries = trash.entries(workspace_root(args))
    if not entries:
        print("The trash is empty.")
    for entry in entries:
        print(f"{entry.id}  {entry.when:%Y-%m-%d %H:%M}  {printable(entry.description)}")
    return 0


def run_restore(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import commit_if_wanted, workspace_root
    from okrtui.core import trash
    from okrtui.present import printable

    root = workspace_root(args)
    try:
        entry = trash.restore(root, args.entry)
    except trash.TrashError as exc:
        raise DataError(str(exc)) from None
    for rel in entry.files:
        commit_if_wanted(root, root / rel, f"undo: {entry.description}")
    print(f"Restored: {printable(entry.description)}")
    return 0
