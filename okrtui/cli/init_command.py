"""``okrtui init``: create a workspace, optionally with example OKRs."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from okrtui.cli.common import HelpFormatter, UsageError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "init", parents=[common], help="create a workspace (a goals folder)",
        formatter_class=HelpFormatter,
        description="Create a workspace: a folder with a commented okrtui.toml.",
        epilog="examples:\n  okrtui init                 creates ./okrs\n"
               "  okrtui init --example okrs  also writes example OKRs with check-ins")
    parser.add_argument("path", nargs="?", default="okrs", help="folder to create (default ./okrs)")
    parser.add_argument("--example", action="store_true",
                        help="also write example objectives for the current quarter")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.core.settings import SETTINGS_FILE, TEMPLATE
    from okrtui.core.store import atomic_write

    root = Path(args.path).expanduser()
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} exists and is not a folder: choose another path")
    settings = root / SETTINGS_FILE
    if settings.exists() and not args.example:
        raise UsageError(f"{settings} already exists: this folder is a workspace already")
    root.mkdir(parents=True, exist_ok=True)
    if args.example:
        from okrtui.core.example import write_example

        try:
            written = write_example(root, today)
        except FileExistsError as exc:
            raise UsageError(str(exc)) from None
        print(f"Wrote an example workspace in {root} ({len(written)} files).")
    else:
        atomic_write(settings, TEMPLATE.format(name=root.resolve().name).encode())
        print(f"Created the workspace {root} with {settings.name}.")
    _set_up_git(root)
    print(f"Open it with: okrtui --dir {root}", file=sys.stdout)
    return 0


def _set_up_git(root: Path) -> None:
    """Inside a git work tree, a new workspace merges by meaning from the start."""
    from okrtui import git
    from okrtui.cli.git_setup_command import set_up_or_explain

    if git.toplevel(root) is None:
        return
    for line in set_up_or_explain(root):
        print(line)
