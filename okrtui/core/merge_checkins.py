"""Merging one key result's check-ins: which of THEIRS's additions, edits and deletions
apply to OURS, which conflict, and the one splice that applies them all (one scan of the
file however many check-ins it holds)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from okrtui.core import edits, toml_text

Key = tuple[tuple[str, Any], ...]


def checkin_key(checkin: dict[str, Any]) -> Key:
    """A check-in as a hashable value; 3 and 3.0 are the same measurement."""
    def plain(value: Any) -> Any:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value

    return tuple(sorted((k, plain(v)) for k, v in checkin.items()))


@dataclass(frozen=True)
class CheckinConflict:
    """The same check-in changed differently on both sides (None: deleted on that side)."""

    ours: dict[str, Any] | None
    theirs: dict[str, Any] | None


@dataclass(frozen=True)
class _Side:
    """What one side did to the base's check-ins."""

    edited: dict[Key, dict[str, Any]]
    """A base check-in's key -> what this side changed it to (same date)."""
    deleted: Counter[Key]
    added: list[dict[str, Any]]


def _changes(base: list[dict[str, Any]], base_keys: list[Key], side: list[dict[str, Any]]
             ) -> _Side:
    side_keys = [checkin_key(c) for c in side]
    in_base, in_side = Counter(base_keys), Counter(side_keys)
    gone, came = in_base - in_side, in_side - in_base
    added = []
    for checkin, key in zip(side, side_keys, strict=True):
        if came[key] > 0:
            came[key] -= 1
            added.append(checkin)
    edited: dict[Key, dict[str, Any]] = {}
    deleted: Counter[Key] = Counter()
    by_key = dict(zip(base_keys, base, strict=True))
    for key in sorted(gone.elements(), key=lambda k: str(by_key[k].get("date"))):
        day = by_key[key].get("date")
        twin = next((c for c in added if c.get("date") == day), None)
        if twin is not None and key not in edited:
            added.remove(twin)
            edited[key] = twin
        else:
            deleted[key] += 1
    return _Side(edited, deleted, added)


def merge_checkins(kr_id: str, base: list[dict[str, Any]], ours: list[dict[str, Any]],
                   theirs: list[dict[str, Any]]) -> tuple[CheckinBatch, list[CheckinConflict]]:
    """THEIRS's changes to the check-ins that apply to OURS, and the true conflicts."""
    base_keys = [checkin_key(c) for c in base]
    mine, their = _changes(base, base_keys, ours), _changes(base, base_keys, theirs)
    changes: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]] = []
    conflicts = []
    by_key = dict(zip(base_keys, base, strict=True))
    for key, count in their.deleted.items():
        for _ in range(count):
            if key in mine.edited:
                conflicts.append(CheckinConflict(mine.edited[key], None))
            elif mine.deleted[key] > 0:
                mine.deleted[key] -= 1
            else:
                changes.append(("remove", by_key[key], None))
    for key, new in their.edited.items():
        if key in mine.edited:
            if checkin_key(mine.edited[key]) != checkin_key(new):
                conflicts.append(CheckinConflict(mine.edited[key], new))
        elif mine.deleted[key] > 0:
            conflicts.append(CheckinConflict(None, new))
        else:
            changes.append(("replace", by_key[key], new))
    ours_added = Counter(checkin_key(c) for c in mine.added)
    for new in their.added:
        if ours_added[checkin_key(new)] > 0:
            ours_added[checkin_key(new)] -= 1  # both added the same check-in: keep one
        else:
            changes.append(("insert", None, new))
    return CheckinBatch(kr_id, tuple(changes)), conflicts


@dataclass(frozen=True)
class CheckinBatch(edits.Edit):
    """Remove, replace and insert (in date order) check-ins of one key result at once."""

    kr_id: str
    changes: tuple[tuple[str, dict[str, Any] | None, dict[str, Any] | None], ...]

    def splice(self, text: str, data: dict[str, Any]) -> str:
        current = _checkins(data, self.kr_id)
        plan = _positions(current, self.changes)
        layout = toml_text.scan(text)
        section = edits.kr_section(layout, data, self.kr_id)
        entry = layout.entry(section, ("checkins",))
        if entry is None or text[entry.value_start] != "[":
            return self._one_by_one(text, data)
        array = toml_text.array_items(text, entry.value_start)
        multiline = "\n" in text[entry.value_start:array.close]
        if not multiline or not array.items:
            return self._one_by_one(text, data)
        nl = edits.newline_of(text)
        splices: list[tuple[int, int, str]] = []
        removed = {p for p, kind in plan.at.items() if kind[0] == "remove"}
        for position, (kind, new) in plan.at.items():
            start, end = array.items[position]
            if kind == "replace":
                assert new is not None
                splices.append((start, end, edits.inline_table(new)))
            else:
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                line_end = len(text) if line_end < 0 else line_end + 1
                rest = text[end:line_end].strip().lstrip(",").strip()
                if text[line_start:start].strip() or (rest and not rest.startswith("#")):
                    return self._one_by_one(text, data)
                splices.append((line_start, line_end, ""))
        for position, news in plan.before.items():
            start = array.items[position][0]
            line_start = text.rfind("\n", 0, start) + 1
            if text[line_start:start].strip():
                return self._one_by_one(text, data)
            indent = text[line_start:start]
            splices.append((line_start, line_start, "".join(
                f"{indent}{edits.inline_table(c)},{nl}" for c in news)))
        if plan.end:
            last = max(p for p in range(len(array.items)) if p not in removed) \
                if len(removed) < len(array.items) else None
            close_line = text.rfind("\n", 0, array.close) + 1
            if last is None or text[close_line:array.close].strip():
                return self._one_by_one(text, data)
            last_start, last_end = array.items[last]
            line_start = text.rfind("\n", 0, last_start) + 1
            indent = re.match(r"[ \t]*", text[line_start:]).group()  # type: ignore[union-attr]
            has_comma = text[last_end:].lstrip(" \t").startswith(",")
            if not has_comma:
                splices.append((last_end, last_end, ","))
            splices.append((close_line, close_line, "".join(
                f"{indent}{edits.inline_table(c)},{nl}" for c in plan.end)))
        for start, end, new_text in sorted(splices, key=lambda s: (s[0], s[1]), reverse=True):
            text = text[:start] + new_text + text[end:]
        return text

    def _one_by_one(self, text: str, data: dict[str, Any]) -> str:
        """Other layouts ([[key_results.checkins]] tables, one-line arrays): one existing
        edit per change, slower but just as exact."""
        import copy

        data = copy.deepcopy(data)
        for kind, old, new in self.changes:
            current = _checkins(data, self.kr_id)
            if kind == "insert":
                assert new is not None
                position = _insert_position(current, new)
                edit: edits.Edit = edits.AddCheckin(self.kr_id, new) \
                    if position == len(current) else _InsertBefore(self.kr_id, position, new)
            else:
                assert old is not None
                position = [checkin_key(c) for c in current].index(checkin_key(old))
                edit = edits.RemoveCheckin(self.kr_id, position) if kind == "remove" else \
                    edits.ReplaceCheckin(self.kr_id, position, new or {})
            text = edit.splice(text, data)
            data = edit.expect(data)
        return text

    def expect(self, data: dict[str, Any]) -> dict[str, Any]:
        kr = _kr(data, self.kr_id)
        current = kr.get("checkins", [])
        plan = _positions(current, self.changes)
        result = []
        for position, checkin in enumerate(current):
            result += plan.before.get(position, [])
            kind, new = plan.at.get(position, ("keep", None))
            if kind == "keep":
                result.append(checkin)
            elif kind == "replace" and new is not None:
                result.append(new)
        result += plan.end
        kr["checkins"] = result
        return data


@dataclass
class _Placed:
    """Where each change lands among the current check-ins."""

    at: dict[int, tuple[str, dict[str, Any] | None]]
    before: dict[int, list[dict[str, Any]]]
    end: list[dict[str, Any]]


def _positions(current: list[dict[str, Any]],
               changes: tuple[tuple[str, dict[str, Any] | None, dict[str, Any] | None], ...],
               ) -> _Placed:
    keys = [checkin_key(c) for c in current]
    used: set[int] = set()
    at: dict[int, tuple[str, dict[str, Any] | None]] = {}
    inserts = []
    for kind, old, new in changes:
        if kind == "insert":
            inserts.append(new)
            continue
        assert old is not None
        key = checkin_key(old)
        position = next(i for i, k in enumerate(keys) if k == key and i not in used)
        used.add(position)
        at[position] = (kind, new)
    before: dict[int, list[dict[str, Any]]] = {}
    end: list[dict[str, Any]] = []
    kept = [i for i in range(len(current)) if at.get(i, ("keep",))[0] != "remove"]
    for new in sorted((c for c in inserts if c is not None), key=_day):
        later = next((i for i in kept if _day(current[i]) > _day(new)), None)
        (before.setdefault(later, []) if later is not None else end).append(new)
    return _Placed(at, before, end)


def _insert_position(current: list[dict[str, Any]], new: dict[str, Any]) -> int:
    return next((i for i, c in enumerate(current) if _day(c) > _day(new)), len(current))


def _day(checkin: dict[str, Any]) -> date:
    day = checkin.get("date")
    return day if isinstance(day, date) else date.min


@dataclass(frozen=True)
class _InsertBefore(edits.Edit):
    """One check-in before the one at ``position``, in either layout."""

    kr_id: str
    position: int
    checkin: dict[str, Any]

    def splice(self, text: str, data: dict[str, Any]) -> str:
        layout = toml_text.scan(text)
        section = edits.kr_section(layout, data, self.kr_id)
        nl = edits.newline_of(text)
        entry = layout.entry(section, ("checkins",))
        if entry is not None:
            start = toml_text.array_items(text, entry.value_start).items[self.position][0]
            line_start = text.rfind("\n", 0, start) + 1
            if text[line_start:start].strip():
                return text[:start] + edits.inline_table(self.checkin) + ", " + text[start:]
            indent = text[line_start:start]
            return (text[:line_start] + f"{indent}{edits.inline_table(self.checkin)},{nl}"
                    + text[line_start:])
        tables = [i for i in layout.owned_sections(section)
                  if layout.sections[i].header == ("key_results", "checkins")]
        if self.position >= len(tables):
            raise edits.EditError("check-ins not written right after their key result")
        at = layout.sections[tables[self.position]].lead
        lines = ["[[key_results.checkins]]"]
        lines += [f"{k} = {edits.toml_value(v)}" for k, v in self.checkin.items()]
        return text[:at] + nl.join(lines) + nl + nl + text[at:]

    def expect(self, data: dict[str, Any]) -> dict[str, Any]:
        _kr(data, self.kr_id).setdefault("checkins", []).insert(self.position,
                                                                dict(self.checkin))
        return data


def _kr(data: dict[str, Any], kr_id: str) -> dict[str, Any]:
    kr: dict[str, Any] = next(k for k in data["key_results"] if k.get("id") == kr_id)
    return kr


def _checkins(data: dict[str, Any], kr_id: str) -> list[dict[str, Any]]:
    checkins: list[dict[str, Any]] = _kr(data, kr_id).get("checkins", [])
    return checkins
