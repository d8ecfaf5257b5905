"""``[git] autocommit = true``: each change okrtui makes is committed on its own, with a
message that says what happened. A git failure never undoes the change on disk; it is
reported in one line. Nothing is ever pushed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from okrtui.core import edits
from okrtui.core.settings import load_settings


def describe(objective_id: str, edit: edits.Edit) -> str:
    """A commit subject for ``edit`` on an objective, e.g.
    ``checkin platform/2026-Q4/grow-community:stars 210``."""
    if isinstance(edit, edits.AddCheckin):
        return f"checkin {objective_id}:{edit.kr_id} {_value(edit.checkin.get('value'))}"
    if isinstance(edit, edits.ReplaceCheckin):
        return (f"edit check-in {objective_id}:{edit.kr_id} of {edit.checkin.get('date')}: "
                f"{_value(edit.checkin.get('value'))}")
    if isinstance(edit, edits.RemoveCheckin):
        return f"delete check-in {edit.position + 1} of {objective_id}:{edit.kr_id}"
    if isinstance(edit, edits.AddKeyResult):
        return f"add key result {objective_id}:{edit.fields.get('id')}"
    if isinstance(edit, edits.RemoveKeyResult):
        return f"remove key result {objective_id}:{edit.kr_id}"
    if isinstance(edit, edits.SetField):
        where = objective_id + (f":{edit.kr_id}" if edit.kr_id else "")
        if edit.value is None:
            return f"unset {where} {edit.key}"
        return f"set {where} {edit.key} = {_value(edit.value)}"
    if isinstance(edit, edits.Several):
        parts = [describe(objective_id, e) for e in edit.edits]
        if len(parts) == 1:
            return parts[0]
        fields = [e.key for e in edit.edits if isinstance(e, edits.SetField)]
        if len(fields) == len(parts):
            kr = {e.kr_id for e in edit.edits if isinstance(e, edits.SetField)}.pop()
            return f"edit {objective_id}{f':{kr}' if kr else ''}: {', '.join(fields)}"
        return f"edit {objective_id}: " + "; ".join(parts)
    return f"edit {objective_id}"


def commit_change(root: Path, path: Path, message: str) -> str | None:
    """Commit ``path`` alone when the workspace has autocommit on. Returns a one-line
    warning when that was wanted but git could not do it, else None."""
    if not load_settings(root).autocommit:
        return None
    from okrtui import git

    try:
        git.commit_path(path, message)
    except git.GitError as exc:
        return f"saved, but not committed: {exc}"
    return None


def _value(value: Any) -> str:
    if value is True:
        return "done"
    if value is False:
        return "undone"
    if isinstance(value, str):
        return repr(value)
    return str(value)
