"""``okrtui edit``: open an objective in your editor, then lint it."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from okrtui.cli.common import UsageError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "edit", parents=[common], help="open an objective in $VISUAL / $EDITOR, then lint it",
        description="Open the objective's file in $VISUAL (else $EDITOR, else vi) and lint it "
                    "when the editor exits.",
        epilog="example: okrtui edit grow-community")
    parser.add_argument("objective", metavar="OBJECTIVE", help="objective id or unique end of it")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli import lint_command
    from okrtui.cli.common import find_objective, workspace_root
    from okrtui.config import EditorError, open_in_editor

    root = workspace_root(args)
    _, path = find_objective(root, args.objective)
    try:
        open_in_editor(path)
    except EditorError as exc:
        raise UsageError(str(exc)) from None
    lint_args = argparse.Namespace(paths=[str(path)], strict=False, dir=str(root))
    return lint_command.run(lint_args, today)
