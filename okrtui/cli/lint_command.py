"""``okrtui lint``: file errors and OKR quality warnings, for editors, pre-commit and CI."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from okrtui.cli.common import HelpFormatter, UsageError, paint, shown_path, wants_colour


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "lint", parents=[common], help="check files and OKR quality",
        formatter_class=HelpFormatter,
        description="Check objective files and the quality of the OKRs in them. Prints "
                    "file:line: level: message. Errors (what okrtui cannot load) exit with 1; "
                    "warnings only with --strict.",
        epilog="examples:\n  okrtui lint\n  okrtui lint okrs/platform --strict\n"
               "  okrtui lint okrs/team/growth.toml   (in a pre-commit hook)")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to check (default: the whole workspace)")
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import workspace_root
    from okrtui.core.lint import across
    from okrtui.core.lint_cache import LintCache
    from okrtui.core.model import Level
    from okrtui.core.store import Folder
    from okrtui.core.workspace import find_workspace
    from okrtui.present import printable

    paths = [Path(p).absolute() for p in args.paths]
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} does not exist")
    root = workspace_root(args)
    if paths and not args.dir and not _inside(paths[0], root):
        root = find_workspace(None, cwd=paths[0] if paths[0].is_dir() else paths[0].parent)
    for path in paths:
        if not _inside(path, root):
            raise UsageError(f"{path} is not inside the workspace {root}: use --dir")
    folder = Folder(root, use_cache=True)

    def selected(file: Path) -> bool:
        return not paths or any(_inside(file, p) for p in paths)

    ids = [oid for oid in folder.files if folder.has_objective(oid)]
    kept = LintCache(root, folder.settings, today)
    found = [kept.findings(folder, oid) for oid in ids if selected(folder.files[oid])]
    kept.save(set(ids))
    problems = [p for p in folder.problems if selected(p.path)]
    problems += across(found, folder.settings, ids)
    problems.sort(key=lambda p: (str(p.path), p.line, p.level.value))
    colour = wants_colour()
    for problem in problems:
        level = paint(problem.level.value, "31" if problem.level is Level.ERROR else "33",
                      colour)
        print(f"{shown_path(problem.path)}:{problem.line}: {level}: "
              f"{printable(problem.message)}")
    errors = sum(p.level is Level.ERROR for p in problems)
    warnings = len(problems) - errors
    checked = len({f.path for f in found}) + len(
        {p.path for p in problems if p.level is Level.ERROR})
    print(f"{checked} file(s) checked: {errors} error(s), {warnings} warning(s)",
          file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents
