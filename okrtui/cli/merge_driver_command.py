"""``okrtui merge-driver``: git's merge driver for objective files (see okrtui git-setup)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from okrtui.cli.common import DataError, HelpFormatter


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "merge-driver", help="git merge driver for objective files (set up by git-setup)",
        formatter_class=HelpFormatter,
        description="Merge two versions of an objective file by meaning and write the result "
                    "into OURS, as a git merge driver does. Check-ins added on either side are "
                    "all kept, in date order; a field, key result or check-in changed on one "
                    "side takes that side; the same thing changed differently on both sides "
                    "gets conflict markers around that one line, and the exit code is 1. A "
                    "file that is not an objective file, or does not load, is merged by "
                    "git's own line merge instead. You do not run this yourself: okrtui "
                    "git-setup registers it with git.",
        epilog="registered by okrtui git-setup as:\n"
               "  [merge \"okrtui\"]\n"
               "      driver = /path/to/python -m okrtui merge-driver %O %A %B %P")
    parser.add_argument("base", metavar="BASE", help="the common ancestor (%%O)")
    parser.add_argument("ours", metavar="OURS", help="our version; the result is written here "
                                                     "(%%A)")
    parser.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")
    parser.add_argument("path", metavar="PATH", nargs="?", default="",
                        help="the file's path in the repository, for messages (%%P)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui import git
    from okrtui.core.merge import CannotMerge, merge
    from okrtui.core.parse import decode
    from okrtui.core.store import atomic_write

    paths = [Path(args.base), Path(args.ours), Path(args.theirs)]
    try:
        contents = [path.read_bytes() for path in paths]
    except OSError as exc:
        raise DataError(f"merge-driver: cannot read {exc.filename}: {exc.strerror}") from None
    name = args.path or args.ours
    texts = [decode(data, path)[0] for data, path in zip(contents, paths, strict=True)]
    reason = "a side is not UTF-8 text"
    if all(text is not None for text in texts):
        base, ours, theirs = (str(text) for text in texts)
        try:
            result = merge(base, ours, theirs)
        except CannotMerge as exc:
            reason = str(exc)
        else:
            if result.text != ours:
                atomic_write(paths[1], result.text.encode("utf-8"))
            if result.conflicts:
                print(f"okrtui: {name}: {result.conflicts} conflict(s) marked; keep the lines "
                      "you want, remove the markers, then git add", file=sys.stderr)
                return 1
            return 0
    try:
        conflicts = git.merge_file(paths[1], paths[0], paths[2])
    except git.GitError as exc:
        raise DataError(f"merge-driver: {exc}") from None
    print(f"okrtui: {name}: merged line by line by git ({reason})", file=sys.stderr)
    return 0 if conflicts == 0 else 1
