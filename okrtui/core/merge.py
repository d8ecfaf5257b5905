"""A three-way merge of objective files by meaning: text in, text out.

THEIRS's changes against BASE are replayed onto OURS's text as the same byte-keeping
splices the store uses, so OURS's bytes stay wherever nothing changed. Check-ins added on
either side are all kept (once when both added the same one), in date order; a field, a
key result or a check-in changed on one side only takes that side. The same thing changed
differently on both sides is a conflict: git's markers around that one line (or that one
check-in, or that key result), and nothing else is marked.

``CannotMerge`` means "let git's line merge do it": a side that does not load, or a file
shaped in a way these splices do not handle.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrtui.core import edits, toml_text
from okrtui.core.merge_checkins import (
    CheckinBatch,
    CheckinConflict,
    checkin_key,
    merge_checkins,
)
from okrtui.core.model import Level
from okrtui.core.parse import build_objective, load_toml

MISSING: Any = object()
MARKER = 7


class CannotMerge(Exception):
    """Not something to merge by meaning; the message says why (for the user's log)."""


@dataclass
class MergeResult:
    """The merged text, and how many conflicts it marks."""

    text: str
    conflicts: int = 0


@dataclass
class _Conflict:
    """A place in OURS (a root or key-result line, a check-in, a key result) to mark."""

    where: tuple[Any, ...]
    theirs: str
    """THEIRS's lines for the place, in OURS's line endings ("" when THEIRS has none)."""


@dataclass
class _Plan:
    """The edits that bring THEIRS's changes into OURS, and the conflicts to mark."""

    ops: list[edits.Edit] = field(default_factory=list)
    conflicts: list[_Conflict] = field(default_factory=list)


def merge(base: str, ours: str, theirs: str) -> MergeResult:
    """Merge THEIRS's changes since BASE into OURS (see the module docstring)."""
    data = {name: _objective_data(text, name)
            for name, text in (("base", base), ("ours", ours), ("theirs", theirs))}
    if ours == theirs or theirs == base:
        return MergeResult(ours)
    if ours == base:
        return MergeResult(theirs)
    b, o, t = data["base"], data["ours"], data["theirs"]
    nl = edits.newline_of(ours)
    plan = _Plan()
    _merge_fields(plan, (), b, o, t, theirs, nl)
    _merge_key_results(plan, b, o, t, theirs, nl)
    text, merged = ours, _copy(o)
    for op in plan.ops:
        try:
            text = op.splice(text, merged)
        except edits.EditError as exc:
            raise CannotMerge(str(exc)) from None
        merged = op.expect(merged)
    if not plan.conflicts:
        _check(text, merged)
        return MergeResult(text)
    return MergeResult(_mark(text, merged, plan.conflicts, nl), len(plan.conflicts))


def _objective_data(text: str, name: str) -> dict[str, Any]:
    raw, problem = load_toml(text, Path(f"{name}.toml"))
    if raw is None:
        raise CannotMerge(f"{name} does not parse: {problem.message if problem else ''}")
    result = build_objective(raw, text, Path(f"{name}.toml"), name)
    if result.objective is None or any(p.level is Level.ERROR for p in result.problems):
        raise CannotMerge(f"{name} is not an objective file")
    return raw


def _copy(data: dict[str, Any]) -> dict[str, Any]:
    import copy

    return copy.deepcopy(data)


def _check(text: str, expected: dict[str, Any]) -> None:
    """The merged text must mean exactly the merged data, and load as an objective."""
    try:
        actual = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CannotMerge(f"the merge made invalid TOML ({exc})") from None
    if edits.normalised(actual) != edits.normalised(expected):
        raise CannotMerge("the merged text does not mean the merged data")
    result = build_objective(actual, text, Path("merged.toml"), "merged")
    if result.objective is None:
        raise CannotMerge("the merged file does not load")


# -- fields ----------------------------------------------------------------------------------

def _merge_fields(plan: _Plan, kr: tuple[str, ...], base: dict[str, Any], ours: dict[str, Any],
                  theirs: dict[str, Any], theirs_text: str, nl: str) -> None:
    """Scalar fields of the objective (``kr == ()``) or of one key result."""
    kr_id = kr[0] if kr else None
    for key in _keys(base, ours, theirs):
        if key in ("key_results", "checkins"):
            continue
        b, o, t = (side.get(key, MISSING) for side in (base, ours, theirs))
        if _same(t, b) or _same(o, t):
            continue
        if isinstance(o, dict) or isinstance(t, dict):
            if key == "review" and isinstance(t, dict) and isinstance(o, dict | type(MISSING)):
                _merge_review(plan, b, o, t, theirs_text, nl)
                continue
            raise CannotMerge(f"{key} is a table")
        if _same(o, b):
            plan.ops.append(edits.SetField(key, None if t is MISSING else t, kr_id))
        else:
            plan.conflicts.append(_Conflict(
                ("field", kr_id, key), _theirs_line(theirs_text, kr_id, key, nl)))


def _merge_review(plan: _Plan, base: Any, ours: Any, theirs: dict[str, Any], theirs_text: str,
                  nl: str) -> None:
    from okrtui.core.review import SetReview

    base = base if isinstance(base, dict) else {}
    ours = ours if isinstance(ours, dict) else {}
    changes = {}
    for key in _keys(base, ours, theirs):
        b, o, t = (side.get(key, MISSING) for side in (base, ours, theirs))
        if _same(t, b) or _same(o, t):
            continue
        if t is MISSING:
            raise CannotMerge("a review field was removed")
        if _same(o, b):
            changes[key] = t
        else:
            plan.conflicts.append(_Conflict(("review", key),
                                            _theirs_line(theirs_text, "[review]", key, nl)))
    if changes:
        plan.ops.append(SetReview(changes))


def _keys(*sides: dict[str, Any]) -> list[str]:
    seen: dict[str, None] = {}
    for side in sides:
        seen.update(dict.fromkeys(side))
    return list(seen)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same kind (1 and 1.0 and true are different spellings in TOML)."""
    if a is MISSING or b is MISSING:
        return a is b
    return type(a) is type(b) and a == b


# -- key results -------------------------------------------------------------------------------

def _merge_key_results(plan: _Plan, base: dict[str, Any], ours: dict[str, Any],
                       theirs: dict[str, Any], theirs_text: str, nl: str) -> None:
    b, o, t = (_by_id(side) for side in (base, ours, theirs))
    for kr_id, their_kr in t.items():
        base_kr, our_kr = b.get(kr_id), o.get(kr_id)
        if our_kr is None and base_kr is None:
            plan.ops.append(_AddKeyResultText(_kr_block(theirs_text, kr_id, nl), their_kr))
        elif our_kr is None:  # we removed it
            if _kr_same(base_kr, their_kr):
                continue
            plan.conflicts.append(_Conflict(("kr-removed-by-ours", kr_id),
                                            _kr_block(theirs_text, kr_id, nl)))
        else:
            _merge_one_kr(plan, kr_id, base_kr or {}, our_kr, their_kr, theirs_text, nl)
    for kr_id, base_kr in b.items():
        if kr_id in t or kr_id not in o:
            continue
        if _kr_same(base_kr, o[kr_id]):
            plan.ops.append(edits.RemoveKeyResult(kr_id))
        else:  # they removed it, we changed it
            plan.conflicts.append(_Conflict(("kr", kr_id), ""))


def _merge_one_kr(plan: _Plan, kr_id: str, base: dict[str, Any], ours: dict[str, Any],
                  theirs: dict[str, Any], theirs_text: str, nl: str) -> None:
    _merge_fields(plan, (kr_id,), base, ours, theirs, theirs_text, nl)
    batch, conflicts = merge_checkins(kr_id, base.get("checkins", []),
                                      ours.get("checkins", []), theirs.get("checkins", []))
    if batch.changes:
        plan.ops.append(batch)
    for conflict in conflicts:
        plan.conflicts.append(_Conflict(("checkin", kr_id, conflict),
                                        _theirs_checkin(theirs_text, kr_id, conflict, nl)))


def _by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {kr["id"]: kr for kr in data.get("key_results", []) if isinstance(kr, dict)}


def _kr_same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if a is None or b is None:
        return a is b
    return edits.normalised({"key_results": [a]}) == edits.normalised({"key_results": [b]}) \
        and [checkin_key(c) for c in a.get("checkins", [])] == \
        [checkin_key(c) for c in b.get("checkins", [])]


@dataclass(frozen=True)
class _AddKeyResultText(edits.Edit):
    """Add a key result as THEIRS wrote it (its table and check-ins), after OURS's last one."""

    block: str
    data: dict[str, Any]

    def splice(self, text: str, data: dict[str, Any]) -> str:
        layout = toml_text.scan(text)
        tables = layout.array_tables(("key_results",))
        nl = edits.newline_of(text)
        if tables:
            end = layout.section_end(layout.owned_sections(tables[-1]).stop - 1)
        else:
            end = len(text)
        before, after = text[:end], text[end:]
        if before and not before.endswith("\n"):
            before += nl
        if before.strip() and not before.endswith(nl + nl) and not before.endswith("\n\n"):
            before += nl
        gap = nl if after.strip() else ""
        return before + self.block + gap + after

    def expect(self, data: dict[str, Any]) -> dict[str, Any]:
        data.setdefault("key_results", []).append(_copy(self.data))
        return data


# -- THEIRS's text for a conflict ----------------------------------------------------------------

def _lines(text: str, start: int, end: int, nl: str) -> str:
    chunk = text[start:end].replace("\r\n", "\n")
    if not chunk.endswith("\n"):
        chunk += "\n"
    return chunk.replace("\n", nl)


def _section_of(layout: toml_text.Layout, data: dict[str, Any], kr_id: str | None) -> int | None:
    if kr_id is None:
        return 0
    if kr_id == "[review]":
        return next((i for i, s in enumerate(layout.sections)
                     if s.header == ("review",) and not s.array), None)
    ids = [kr.get("id") for kr in data.get("key_results", [])]
    tables = layout.array_tables(("key_results",))
    if len(tables) != len(ids):
        raise CannotMerge("key_results is written as an inline array")
    return tables[ids.index(kr_id)] if kr_id in ids else None


def _theirs_line(text: str, kr_id: str | None, key: str, nl: str) -> str:
    layout, data = toml_text.scan(text), tomllib.loads(text)
    section = _section_of(layout, data, kr_id)
    entry = layout.entry(section, (key,)) if section is not None else None
    return "" if entry is None else _lines(text, entry.line_start, entry.end, nl)


def _kr_block(text: str, kr_id: str, nl: str) -> str:
    layout, data = toml_text.scan(text), tomllib.loads(text)
    section = _section_of(layout, data, kr_id)
    assert section is not None
    owned = layout.owned_sections(section)
    block = text[layout.sections[owned.start].lead:layout.section_end(owned.stop - 1)]
    return block.replace("\r\n", "\n").rstrip("\n").replace("\n", nl) + nl


def _theirs_checkin(text: str, kr_id: str, conflict: CheckinConflict, nl: str) -> str:
    if conflict.theirs is None:
        return ""
    return _checkin_lines(text, kr_id, conflict.theirs, nl)


def _checkin_lines(text: str, kr_id: str, checkin: dict[str, Any], nl: str) -> str:
    """The line (or ``[[key_results.checkins]]`` table) where ``checkin`` is written."""
    span = _checkin_span(text, kr_id, checkin)
    return _lines(text, *span, nl)


def _checkin_span(text: str, kr_id: str, checkin: dict[str, Any]) -> tuple[int, int]:
    data = tomllib.loads(text)
    kr = _by_id(data)[kr_id]
    keys = [checkin_key(c) for c in kr.get("checkins", [])]
    position = keys.index(checkin_key(checkin))
    layout = toml_text.scan(text)
    section = _section_of(layout, data, kr_id)
    assert section is not None
    entry = layout.entry(section, ("checkins",))
    if entry is not None:
        start, end = toml_text.array_items(text, entry.value_start).items[position]
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end + 1
        if text[line_start:start].strip() or text[end:line_end].strip(" \t\r\n,").split("#")[0]:
            raise CannotMerge("a conflicting check-in shares its line with others")
        return line_start, line_end
    tables = [i for i in layout.owned_sections(section)
              if layout.sections[i].header == ("key_results", "checkins")]
    return layout.sections[tables[position]].start, layout.section_end(tables[position])


# -- marking conflicts in OURS ---------------------------------------------------------------------

def _mark(text: str, merged: dict[str, Any], conflicts: list[_Conflict], nl: str) -> str:
    """Wrap each conflicting place in git's markers; places are found in the merged text."""
    layout = toml_text.scan(text)
    regions = []
    for conflict in conflicts:
        kind = conflict.where[0]
        if kind == "field":
            _, kr_id, key = conflict.where
            section = _section_of(layout, merged, kr_id)
            entry = layout.entry(section, (key,)) if section is not None else None
            if entry is not None:
                regions.append((entry.line_start, entry.end, conflict.theirs))
            else:
                at = _after_entries(text, layout, section)
                regions.append((at, at, conflict.theirs))
        elif kind == "review":
            section = _section_of(layout, merged, "[review]")
            entry = layout.entry(section, (conflict.where[1],)) if section is not None else None
            if entry is None:
                raise CannotMerge("a review conflict with no line of ours")
            regions.append((entry.line_start, entry.end, conflict.theirs))
        elif kind == "checkin":
            _, kr_id, checkin_conflict = conflict.where
            if checkin_conflict.ours is None:
                at = _checkins_end(text, layout, merged, kr_id)
                regions.append((at, at, conflict.theirs))
            else:
                start, end = _checkin_span(text, kr_id, checkin_conflict.ours)
                regions.append((start, end, conflict.theirs))
        elif kind == "kr":
            section = _section_of(layout, merged, conflict.where[1])
            assert section is not None
            owned = layout.owned_sections(section)
            regions.append((layout.sections[owned.start].lead,
                            layout.section_end(owned.stop - 1), conflict.theirs))
        else:  # a key result we removed and they changed: theirs alone, at the end
            end = len(text)
            regions.append((end, end, conflict.theirs))
    for start, end, theirs in sorted(regions, key=lambda r: (r[0], r[1]), reverse=True):
        ours_part = text[start:end]
        if ours_part and not ours_part.endswith("\n"):
            ours_part += nl
        prefix = "" if start == 0 or text[:start].endswith("\n") else nl
        block = (f"{prefix}{'<' * MARKER} ours{nl}{ours_part}{'=' * MARKER}{nl}{theirs}"
                 f"{'>' * MARKER} theirs{nl}")
        text = text[:start] + block + text[end:]
    return text


def _after_entries(text: str, layout: toml_text.Layout, section: int | None) -> int:
    if section is None:
        return len(text)
    entries = layout.sections[section].entries
    if entries:
        return entries[-1].end
    newline = text.find("\n", layout.sections[section].start)
    return len(text) if newline < 0 else newline + 1


def _checkins_end(text: str, layout: toml_text.Layout, merged: dict[str, Any],
                  kr_id: str) -> int:
    section = _section_of(layout, merged, kr_id)
    assert section is not None
    entry = layout.entry(section, ("checkins",))
    if entry is None:
        return layout.section_end(layout.owned_sections(section).stop - 1)
    close = toml_text.array_items(text, entry.value_start).close
    line_start = text.rfind("\n", 0, close) + 1
    if text[line_start:close].strip():
        raise CannotMerge("the check-ins array closes on a line with content")
    return line_start


__all__ = ["CannotMerge", "MergeResult", "CheckinBatch", "merge"]
