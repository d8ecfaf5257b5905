"""The history of a workspace's objective files from git, as ``core.history`` changes:
one ``git log`` and one ``git cat-file --batch`` for all the versions it names."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from okrtui import git
from okrtui.core.history import Change, Commit, changes
from okrtui.core.model import Objective
from okrtui.core.parse import parse_objective
from okrtui.core.settings import SETTINGS_FILE

NOT_IN_GIT = ("{root} is not in a git repository, so there is no history to show: keep the "
              "goals folder in git (git init, then commit) and okrtui log tells who changed what")


def workspace_history(root: Path, objective_id: str | None = None, kr_id: str | None = None,
                      limit: int | None = None) -> list[Change]:
    """Changes to the workspace's objective files (or one objective, or one key result),
    newest first. GitError outside git, with what to do."""
    top = git.toplevel(root)
    if top is None:
        raise git.GitError(NOT_IN_GIT.format(root=root))
    prefix = PurePosixPath(os.path.relpath(root.resolve(), top.resolve()).replace(os.sep, "/"))
    if prefix == PurePosixPath("."):
        prefix = PurePosixPath("")
    if objective_id is not None:
        commits = git.log_files(top, str(prefix / f"{objective_id}.toml"), follow=True,
                                limit=limit)
    else:
        commits = git.log_files(top, str(prefix) or ".", limit=limit)
    touched = [(commit, old, new) for commit in commits for old, new in commit.files
               if _is_objective(old, prefix) or _is_objective(new, prefix)]
    specs = []
    for commit, old, new in touched:
        if old is not None and commit.parent:
            specs.append(f"{commit.parent}:{old}")
        if new is not None:
            specs.append(f"{commit.hash}:{new}")
    blobs = git.read_blobs(top, specs)
    found: list[Change] = []
    for commit, old, new in touched:
        meta = Commit(commit.hash, commit.author, commit.day)
        oid = _objective_id(new or old or "", prefix)
        if objective_id is not None:
            oid = objective_id  # the name it has now, also for commits before a rename
        before = _version(blobs.get(f"{commit.parent}:{old}"), oid) if old and commit.parent \
            else (None, True)
        after = _version(blobs.get(f"{commit.hash}:{new}"), oid) if new else (None, True)
        if not before[1] or not after[1]:
            found.append(Change(meta, oid, None, "unreadable"))
            continue
        if old and new and old != new and objective_id is None:
            found.append(Change(meta, oid, None, "renamed", old=_objective_id(old, prefix)))
        found += changes(meta, oid, before[0], after[0])
    if kr_id is not None:
        found = [c for c in found if c.key_result == kr_id]
    return found


def _is_objective(path: str | None, prefix: PurePosixPath) -> bool:
    if path is None or not path.endswith(".toml"):
        return False
    rel = PurePosixPath(path)
    if prefix.parts:
        if rel.parts[:len(prefix.parts)] != prefix.parts:
            return False
        rel = PurePosixPath(*rel.parts[len(prefix.parts):])
    if str(rel) == SETTINGS_FILE:
        return False
    return not any(part.startswith((".", "_")) for part in rel.parts)


def _objective_id(path: str, prefix: PurePosixPath) -> str:
    rel = PurePosixPath(path)
    if prefix.parts:
        rel = PurePosixPath(*rel.parts[len(prefix.parts):])
    return str(rel.with_suffix(""))


def _version(data: bytes | None, oid: str) -> tuple[Objective | None, bool]:
    """The objective in a blob, and whether it could be read (a missing blob is absent)."""
    if data is None:
        return None, True
    result = parse_objective(data, Path(f"{oid}.toml"), oid)
    return result.objective, result.objective is not None
