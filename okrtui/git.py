"""Every call okrtui makes to the ``git`` program, in one place.

Nothing here imports textual; each function runs ``git`` as a subprocess with a timeout and
turns what can go wrong (no git, not a repository, a refusal) into ``GitError`` with a
one-line message.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_TIMEOUT = 30


class GitError(Exception):
    """git failed or is not there; the message is one line that says why."""


def run(args: list[str], cwd: Path, *, check: bool = True,
        input: str | None = None) -> subprocess.CompletedProcess[str]:
    """``git ARGS`` in ``cwd``; GitError when git is missing or (with ``check``) fails."""
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                                input=input, timeout=_TIMEOUT, env=env,
                                encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git {args[0]} did not run: {exc}") from None
    if check and result.returncode != 0:
        raise GitError(f"git {args[0]} failed: {first_line(result.stderr or result.stdout)}")
    return result


def first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in lines:  # git's own "fatal:"/"error:" line says more than a hint
        if line.startswith(("fatal:", "error:")):
            return line
    return lines[0] if lines else "no message"


def toplevel(folder: Path) -> Path | None:
    """The root of the git work tree ``folder`` is in, or None outside git (or no git)."""
    try:
        result = run(["rev-parse", "--show-toplevel"], folder, check=False)
    except GitError:
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return Path(result.stdout.strip())


def in_progress(top: Path) -> str | None:
    """The operation that has the repository mid-way (a rebase, a merge...), or None."""
    git_dir = run(["rev-parse", "--absolute-git-dir"], top).stdout.strip()
    for marker, what in (("rebase-merge", "a rebase"), ("rebase-apply", "a rebase or am"),
                         ("MERGE_HEAD", "a merge"), ("CHERRY_PICK_HEAD", "a cherry-pick"),
                         ("REVERT_HEAD", "a revert")):
        if (Path(git_dir) / marker).exists():
            return what
    return None


def commit_path(path: Path, message: str) -> bool:
    """Commit the current content of ``path`` (or its deletion), and nothing else that is
    staged or changed, with ``message``. False when there was nothing to commit."""
    top = toplevel(path.parent if path.parent.exists() else Path.cwd())
    if top is None:
        raise GitError(f"{path.parent} is not in a git repository")
    busy = in_progress(top)
    if busy:
        raise GitError(f"{busy} is in progress in {top}; finish it, then commit")
    rel = os.path.relpath(path.resolve() if path.exists() else path, top.resolve())
    if path.exists():
        _retry_on_lock(["add", "--", rel], top)
    elif run(["ls-files", "--error-unmatch", "--", rel], top, check=False).returncode != 0:
        return False  # never tracked and gone: nothing to record
    if not run(["status", "--porcelain", "--", rel], top).stdout.strip():
        return False
    _retry_on_lock(["commit", "--quiet", "--no-edit", "--only", "-m", message, "--", rel], top)
    return True


def _retry_on_lock(args: list[str], cwd: Path, attempts: int = 20) -> None:
    """Another git (or okrtui) holding index.lock is waited for, briefly."""
    import time

    for attempt in range(attempts):
        result = run(args, cwd, check=False)
        if result.returncode == 0:
            return
        if "index.lock" not in result.stderr or attempt == attempts - 1:
            raise GitError(f"git {args[0]} failed: {first_line(result.stderr or result.stdout)}")
        time.sleep(0.1)


def merge_file(current: Path, base: Path, other: Path, *, marker_size: int = 7,
               labels: tuple[str, str, str] = ("ours", "base", "theirs")) -> int:
    """git's own line merge of three files into ``current`` (as ``git merge-file``):
    0 when clean, the number of conflicts otherwise, negative when git failed."""
    args = ["merge-file", f"--marker-size={marker_size}"]
    for label in labels:
        args += ["-L", label]
    result = run([*args, str(current), str(base), str(other)], current.parent, check=False)
    if result.returncode < 0 or result.returncode > 127:
        raise GitError(f"git merge-file failed: {first_line(result.stderr)}")
    return result.returncode


@dataclass(frozen=True)
class LoggedCommit:
    """One commit of ``git log``: who, when, and which files it touched (renames as
    ``(old, new)`` pairs of paths relative to the repository's top)."""

    hash: str
    author: str
    day: date
    parent: str | None
    files: tuple[tuple[str | None, str | None], ...]


def log_files(top: Path, pathspec: str, *, follow: bool = False,
              limit: int | None = None) -> list[LoggedCommit]:
    """Commits touching ``pathspec``, newest first, merges left out (their changes are the
    commits they merge). ``follow`` follows one file across renames."""
    args = ["log", "-z", "--no-merges", "--find-renames", "--name-status",
            "--format=%x1e%H%x1f%P%x1f%an%x1f%ad", "--date=short"]
    if follow:
        args.append("--follow")
    if limit:
        args.append(f"-n{limit}")
    output = run([*args, "--", pathspec], top).stdout
    commits = []
    for record in output.split("\x1e")[1:]:
        header, _, rest = record.partition("\x00")
        if "\n" in header:  # with -z the header ends in a newline before the file list
            header, _, first = header.partition("\n")
            rest = first + "\x00" + rest if first else rest
        hash_, parents, author, day = header.split("\x1f")
        fields = [f for f in rest.strip("\n").split("\x00") if f != ""]
        fields = [f.lstrip("\n") for f in fields]
        files: list[tuple[str | None, str | None]] = []
        index = 0
        while index < len(fields):
            status = fields[index]
            if status[:1] in ("R", "C"):
                files.append((fields[index + 1], fields[index + 2]))
                index += 3
            else:
                path = fields[index + 1]
                files.append((None if status == "A" else path, None if status == "D" else path))
                index += 2
        commits.append(LoggedCommit(hash_, author, date.fromisoformat(day),
                                    parents.split()[0] if parents.split() else None,
                                    tuple(files)))
    return commits


def read_blobs(top: Path, specs: list[str]) -> dict[str, bytes | None]:
    """The contents of ``REV:PATH`` specs in one ``git cat-file --batch`` (None: missing)."""
    if not specs:
        return {}
    try:
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=top, capture_output=True,
                                input="".join(f"{spec}\n" for spec in specs).encode("utf-8"),
                                timeout=_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git cat-file did not run: {exc}") from None
    if result.returncode != 0:
        raise GitError(f"git cat-file failed: {first_line(result.stderr.decode(errors='replace'))}")
    out, found, at = result.stdout, {}, 0
    for spec in specs:
        line_end = out.index(b"\n", at)
        header = out[at:line_end].split()
        at = line_end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[spec] = out[at:at + size]
            at += size + 1
        else:  # "<spec> missing", "ambiguous", or not a blob
            if len(header) == 3:
                at += int(header[2]) + 1
            found[spec] = None
    return found
