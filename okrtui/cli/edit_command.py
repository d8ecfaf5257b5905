"""``okrtui edit``: open an objective in your editor, then lint it."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
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

    root = workspace_root(args)
    _, path = find_objective(root, args.objective)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        raise UsageError(f"cannot run the editor {editor!r}: {exc.strerror}; set $VISUAL or "
                         "$EDITOR") from None
    lint_args = argparse.Namespace(paths=[str(path)], strict=False, dir=str(root))
    return lint_command.run(lint_args, today)
