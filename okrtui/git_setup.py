"""Registering okrtui's merge driver in a repository, and noticing when it is missing.

Git config is not cloned, so every clone must register the driver once; the
``.gitattributes`` entry that routes objective files to it is committed and travels with
the repository.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from okrtui.core.settings import SETTINGS_FILE

DRIVER = "okrtui"
ATTRIBUTES_COMMENT = "# okrtui merges objective files by meaning (okrtui git-setup)"
ATTRIBUTES_LINES = ("*.toml merge=okrtui", f"/{SETTINGS_FILE} !merge")
FIX = "run okrtui git-setup"


def driver_command() -> str:
    """The command git runs: this very Python, so it works with no virtual environment
    activated (git runs it through a shell; paths are quoted)."""
    return f"{shlex.quote(sys.executable)} -m okrtui merge-driver %O %A %B %P"


def set_up(root: Path) -> list[str]:
    """Register the driver in the repository's local config and route the workspace's
    objective files to it. Returns what was done, in words; GitError outside git."""
    from okrtui import git

    top = git.toplevel(root)
    if top is None:
        raise git.GitError(f"{root} is not inside a git work tree: run git init first")
    done = []
    git.run(["config", "--local", f"merge.{DRIVER}.name",
             "okrtui: merge objective files by meaning"], top)
    git.run(["config", "--local", f"merge.{DRIVER}.driver", driver_command()], top)
    done.append(f"registered the merge driver in the local git config of {top}")
    attributes = root / ".gitattributes"
    if _add_lines(attributes, ATTRIBUTES_COMMENT, ATTRIBUTES_LINES):
        done.append(f"routed objective files to it in {attributes} (commit this file)")
    if _add_lines(root / ".gitignore", "# okrtui: deletes that can be undone", ("/.trash/",)):
        done.append(f"kept okrtui's trash out of git in {root / '.gitignore'}")
    return done


def missing_driver(root: Path) -> str | None:
    """One line saying how to fix it when ``root`` is in a git work tree whose objective
    files will not merge by meaning; None when all is well or outside git. Costs nothing
    outside git (no subprocess unless a ``.git`` is found above ``root``)."""
    if not any((folder / ".git").exists() for folder in (root, *root.absolute().parents)):
        return None
    from okrtui import git

    try:
        result = git.run(["config", "--get", f"merge.{DRIVER}.driver"], root, check=False)
    except git.GitError:
        return None
    if result.returncode == 1 and not result.stdout:
        if git.toplevel(root) is None:
            return None
        return (f"goals in git without okrtui's merge driver: check-ins can conflict on "
                f"pull; {FIX}")
    command = shlex.split(result.stdout.strip() or "x")
    if command and command[0].startswith("/") and not Path(command[0]).exists():
        return f"okrtui's merge driver points to a Python that is gone ({command[0]}); {FIX}"
    if not _has_attributes(root):
        return f"objective files are not routed to okrtui's merge driver; {FIX}"
    return None


def _has_attributes(root: Path) -> bool:
    from okrtui import git

    top = git.toplevel(root)
    folders = [root.absolute(), *root.absolute().parents]
    for folder in folders:
        try:
            if f"merge={DRIVER}" in (folder / ".gitattributes").read_text(encoding="utf-8"):
                return True
        except (OSError, UnicodeDecodeError):
            pass
        if top is None or folder == top:
            break
    return False


def _add_lines(path: Path, comment: str, lines: tuple[str, ...]) -> bool:
    """Append okrtui's ``lines`` to a git file such as ``.gitattributes``, keeping what is
    there; False when they are there already."""
    from okrtui.core.store import atomic_write

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in present]
    if not missing:
        return False
    nl = "\r\n" if "\r\n" in text else "\n"
    block = ([comment] if comment not in present else []) + missing
    separator = "" if not text or text.endswith("\n") else nl
    gap = nl if text.strip() else ""
    atomic_write(path, (text + separator + gap + nl.join(block) + nl).encode("utf-8"))
    return True
