"""What changed between two versions of an objective file, in plain words: who moved a
target, renamed a key result, or edited a check-in after the fact. Pure: versions in,
changes out; reading them from git is ``okrtui.git``'s job."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from okrtui.core.model import Checkin, KeyResult, Objective

OBJECTIVE_FIELDS = ("title", "period", "owner", "kind", "commitment", "parent", "cadence",
                    "description")
KR_FIELDS = ("title", "type", "start", "target", "unit", "weight", "min", "max")
#: Moving these after the period began moves the goal posts.
GOAL_POSTS = ("start", "target", "min", "max")


@dataclass(frozen=True)
class Commit:
    """One git commit, as the history shows it."""

    hash: str
    author: str
    day: date


@dataclass(frozen=True)
class Change:
    """What one commit changed in one objective."""

    commit: Commit
    objective: str
    key_result: str | None
    kind: str
    """created, deleted, renamed, field, key-result-added, key-result-removed,
    check-ins-added, check-in-edited, check-in-deleted, unreadable."""
    field: str | None = None
    old: Any = None
    new: Any = None
    after_start: date | None = None
    """The period's start, when a goal post moved after it."""

    @property
    def summary(self) -> str:
        """The change in plain words (text from files is not made printable here)."""
        kind = self.kind
        if kind == "field":
            return f"{self.field} {_show(self.old)} -> {_show(self.new)}"
        if kind == "check-ins-added":
            return f"{self.new} check-in{'s' if self.new != 1 else ''} added ({self.old})"
        if kind == "check-in-edited":
            return f"check-in of {self.old.date} edited: {_checkin(self.old)} -> " \
                   f"{_checkin(self.new)}"
        if kind == "check-in-deleted":
            return f"check-in of {self.old.date} deleted ({_checkin(self.old)})"
        if kind == "key-result-added":
            return f"key result added: {self.new}"
        if kind == "key-result-removed":
            return f"key result removed: {self.old}"
        if kind == "renamed":
            return f"file renamed from {self.old}"
        if kind == "unreadable":
            return "the file could not be read at this commit"
        return {"created": "objective created", "deleted": "objective deleted"}.get(kind, kind)

    def as_dict(self) -> dict[str, Any]:
        return {
            "commit": self.commit.hash, "author": self.commit.author,
            "date": self.commit.day.isoformat(), "objective": self.objective,
            "key_result": self.key_result, "kind": self.kind, "field": self.field,
            "old": _plain(self.old), "new": _plain(self.new),
            "after_start": self.after_start is not None, "summary": self.summary,
        }


def changes(commit: Commit, objective_id: str, old: Objective | None,
            new: Objective | None) -> list[Change]:
    """The changes one commit made to one objective file (None: the file did not exist)."""
    if old is None and new is None:
        return []
    if old is None:
        return [Change(commit, objective_id, None, "created", new=new.title if new else None)]
    if new is None:
        return [Change(commit, objective_id, None, "deleted", old=old.title)]
    found = []
    for name in OBJECTIVE_FIELDS:
        before, after = _field(old, name), _field(new, name)
        if before != after:
            found.append(Change(commit, objective_id, None, "field", name, before, after))
    old_krs = {kr.id: kr for kr in old.key_results}
    new_krs = {kr.id: kr for kr in new.key_results}
    for kr_id in old_krs.keys() - new_krs.keys():
        found.append(Change(commit, objective_id, kr_id, "key-result-removed",
                            old=old_krs[kr_id].title))
    for kr in new.key_results:
        if kr.id not in old_krs:
            found.append(Change(commit, objective_id, kr.id, "key-result-added", new=kr.title))
            continue
        found += _kr_changes(commit, objective_id, old_krs[kr.id], kr, new)
    return found


def _kr_changes(commit: Commit, objective_id: str, old: KeyResult, new: KeyResult,
                objective: Objective) -> list[Change]:
    found = []
    period = objective.period
    for name in KR_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            moved = period.start if name in GOAL_POSTS and period and \
                commit.day > period.start else None
            found.append(Change(commit, objective_id, new.id, "field", name, before, after,
                                after_start=moved))
    gone = Counter(old.checkins) - Counter(new.checkins)
    came = Counter(new.checkins) - Counter(old.checkins)
    added = list(came.elements())
    for checkin in sorted(gone.elements(), key=lambda c: c.date):
        # the same day on both sides is an edit of that check-in; otherwise it was deleted
        twin = next((c for c in added if c.date == checkin.date), None)
        if twin is not None:
            added.remove(twin)
            found.append(Change(commit, objective_id, new.id, "check-in-edited",
                                old=checkin, new=twin))
        else:
            found.append(Change(commit, objective_id, new.id, "check-in-deleted", old=checkin))
    if added:
        latest = max(added, key=lambda c: c.date)
        found.append(Change(commit, objective_id, new.id, "check-ins-added",
                            old=f"latest {_value(latest.value)} on {latest.date}",
                            new=len(added)))
    return found


def _field(objective: Objective, name: str) -> Any:
    value = getattr(objective, name)
    return value.label if name == "period" and value is not None else value


def _value(value: Any) -> str:
    if value is True:
        return "done"
    if value is False:
        return "not done"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, str):
        return repr(value)
    return _value(value)


def _checkin(checkin: Checkin) -> str:
    parts = [_value(checkin.value)]
    if checkin.confidence is not None:
        parts.append(f"confidence {checkin.confidence:g}")
    if checkin.note:
        parts.append(repr(checkin.note))
    return ", ".join(parts)


def _plain(value: Any) -> Any:
    """JSON-ready: check-ins as tables, dates as text."""
    if isinstance(value, Checkin):
        return {"date": value.date.isoformat(), "value": value.value,
                "confidence": value.confidence, "note": value.note, "by": value.by}
    if isinstance(value, date):
        return value.isoformat()
    return value
