"""Add / edit key result dialog."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from okrtui.core.model import KR_TYPES, KeyResult
from okrtui.core.parse import KR_ID
from okrtui.core.workspace import slug
from okrtui.present import format_number
from okrtui.tui.dialogs.form import FormDialog, FormInvalid, parse_number

NUMBER_FIELDS = ("start", "target", "min", "max", "weight")


class KeyResultForm(FormDialog):
    """Returns the fields to write (only the changed ones when editing), or None."""

    def __init__(self, kr: KeyResult | None, taken_ids: set[str]) -> None:
        super().__init__()
        self.kr = kr
        self.taken_ids = taken_ids
        self.heading = "Edit key result" if kr else "Add key result"

    def fields(self) -> ComposeResult:
        kr = self.kr

        def number(key: str) -> str:
            value = getattr(kr, key) if kr else None
            return "" if value is None else format_number(value)

        yield self.label("Title: a measurable result, not an activity")
        yield Input(value=kr.title if kr else "", placeholder="Weekly active teams from 40 to 90",
                    id="title", compact=True)
        yield self.label("Id (a-z, 0-9, -)")
        yield Input(value=kr.id if kr else "", disabled=kr is not None, id="id",
                    placeholder="derived from the title when empty", compact=True)
        yield self.label("Type: metric (a number), milestone (done?), health (in range)")
        yield Select([(t, t) for t in KR_TYPES], value=kr.type if kr else "metric",
                     allow_blank=False, id="type", compact=True)
        yield self.label("Start → target (metric; a target below start means decrease)")
        yield Input(value=number("start"), placeholder="start", id="start", compact=True)
        yield Input(value=number("target"), placeholder="target", id="target", compact=True)
        yield self.label("Min / max (health)")
        yield Input(value=number("min"), placeholder="min", id="min", compact=True)
        yield Input(value=number("max"), placeholder="max", id="max", compact=True)
        yield self.label("Unit and weight")
        yield Input(value=kr.unit if kr else "", placeholder="unit, e.g. teams or %",
                    id="unit", compact=True)
        yield Input(value=number("weight") if kr and kr.weight != 1.0 else "",
                    placeholder="weight (default 1)", id="weight", compact=True)

    def result(self) -> dict[str, Any] | None:
        title = self.value("title")
        if not title:
            raise FormInvalid("a title is required")
        kr_type = self.choice("type")
        fields: dict[str, Any] = {"title": title}
        if self.kr is None:
            kr_id = self.value("id") or short_id(title)
            if not KR_ID.fullmatch(kr_id):
                raise FormInvalid("id may only use a-z, 0-9 and '-'")
            if kr_id in self.taken_ids:
                raise FormInvalid(f"id {kr_id!r} is taken in this objective")
            fields = {"id": kr_id, **fields}
        if kr_type != "metric":
            fields["type"] = kr_type
        numbers = {key: parse_number(self.value(key), key, required=False)
                   for key in NUMBER_FIELDS}
        if kr_type == "metric":
            if numbers["start"] is None or numbers["target"] is None:
                raise FormInvalid("a metric needs a start and a target")
            if numbers["start"] == numbers["target"]:
                raise FormInvalid("target must differ from start")
        if kr_type == "health" and numbers["min"] is None and numbers["max"] is None:
            raise FormInvalid("a health key result needs min, max or both")
        if numbers["weight"] is not None and numbers["weight"] < 0:
            raise FormInvalid("weight must be 0 or more")
        keep = {"metric": ("start", "target"), "milestone": (), "health": ("min", "max")}
        stray = [key for key in ("start", "target", "min", "max")
                 if numbers[key] is not None and key not in keep[kr_type]]
        if stray:
            uses = {"metric": "start and target", "milestone": "no numbers",
                    "health": "min and max"}[kr_type]
            raise FormInvalid(f"a {kr_type} key result takes {uses}: clear "
                              f"{' and '.join(stray)}, or change the type")
        for key in (*keep[kr_type], "weight"):
            if numbers[key] is not None:
                fields[key] = numbers[key]
        if self.value("unit"):
            fields["unit"] = self.value("unit")
        if self.kr is None:
            return fields
        return self._changes(fields)

    def _changes(self, fields: dict[str, Any]) -> dict[str, Any]:
        kr = self.kr
        assert kr is not None
        current = {"title": kr.title, "type": None if kr.type == "metric" else kr.type,
                   "unit": kr.unit or None, "weight": None if kr.weight == 1.0 else kr.weight,
                   **{k: getattr(kr, k) for k in ("start", "target", "min", "max")}}
        changes: dict[str, Any] = {}
        for key, old in current.items():
            new = fields.get(key)
            if new != old:
                changes[key] = new  # None removes it
        return changes


def short_id(title: str, limit: int = 24) -> str:
    """An id from a title, cut between words: "Audit findings from 12 to 3" -> "audit-findings"
    (the numbers say how it moves, not what it is)."""
    words = slug(title).split("-")
    for stop in ("from", "van", "to", "naar"):
        if stop in words[1:]:
            words = words[:words.index(stop, 1)]
            break
    chosen: list[str] = []
    for word in words:
        if len("-".join([*chosen, word])) > limit:
            break
        chosen.append(word)
    return "-".join(chosen) or slug(title)[:limit].strip("-") or "kr"
