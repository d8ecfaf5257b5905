"""``okrtui git-setup``: make objective files merge by meaning in this clone."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from okrtui.cli.common import HelpFormatter, UsageError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "git-setup", parents=[common], help="merge goals files by meaning in this git clone",
        formatter_class=HelpFormatter,
        description="Register okrtui's merge driver in this repository's local git config and "
                    "route the workspace's objective files to it in a .gitattributes file "
                    "(okrtui.toml keeps git's own merge). Git config is not cloned: run this "
                    "once in every clone. Running it again is harmless; after moving or "
                    "recreating your virtual environment, run it again.",
        epilog="example:\n  git clone git@example.org:team/goals.git && cd goals && "
               "okrtui git-setup")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import workspace_root

    root = workspace_root(args)
    for line in set_up_or_explain(root):
        print(line)
    return 0


def set_up_or_explain(root: Any) -> list[str]:
    """What set-up did, as lines to print; a usage error outside git."""
    from okrtui import git, git_setup

    try:
        done = git_setup.set_up(root)
    except git.GitError as exc:
        raise UsageError(str(exc)) from None
    return [f"Git set-up: {line}." for line in done]
