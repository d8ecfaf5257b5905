"""Adding a check-in to a long key result without parsing the whole file again.

A file kept for years can hold thousands of check-ins in one array, and tomllib takes
~50 ms per 5,000 of them. When the file's bytes are ones a full parse accepted (the
parsed-file cache knows their digest) and where each check-in array ends is known, a new
check-in is added and proved locally: the bytes before the array's last check-in and from
its closing bracket on are unchanged, and the text between is parsed on its own, in the
same place (inside the array), and must mean the old last check-in and exactly the new one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from typing import Any

from okrtui.core import edits, toml_text
from okrtui.core.model import Objective
from okrtui.core.parse import clean_checkin


@dataclass(frozen=True)
class ArrayEnd:
    """Where a key result's ``checkins = [ ... ]`` is, in one exact text."""

    value_start: int
    """Offset of its ``[``."""
    last_item: int
    """Offset where its last check-in starts; -1 when it is empty."""


@dataclass(frozen=True)
class Appended:
    """A check-in appended to a file's text: the text before and after, and what it now holds."""

    old_text: str
    text: str
    objective: Objective
    ends: dict[str, ArrayEnd]
    """The ``ArrayEnd`` of every key result in the new text."""


def array_ends(text: str) -> dict[str, ArrayEnd]:
    """Every key result whose check-ins are an inline array, by id (one full scan)."""
    layout = toml_text.scan(text)
    ends = {}
    for index in layout.array_tables(("key_results",)):
        id_entry = layout.entry(index, ("id",))
        checkins = layout.entry(index, ("checkins",))
        if id_entry is None or checkins is None or text[checkins.value_start] != "[":
            continue
        kr_id = tomllib.loads("id = " + text[id_entry.value_start:id_entry.value_end])["id"]
        items = toml_text.array_items(text, checkins.value_start).items
        ends[str(kr_id)] = ArrayEnd(checkins.value_start, items[-1][0] if items else -1)
    return ends


def append_checkin(text: str, objective: Objective, kr_id: str, checkin: dict[str, Any],
                   ends: dict[str, ArrayEnd]) -> Appended | None:
    """``text``, the exact text ``objective`` was read from without problems, with
    ``checkin`` added to key result ``kr_id``: the same text and objective a full edit and
    parse would give. None when that cannot be proved locally; the caller then does the
    full edit, which also says what is wrong."""
    index = next((i for i, kr in enumerate(objective.key_results) if kr.id == kr_id), None)
    end = ends.get(kr_id)
    if index is None or end is None or text[end.value_start:end.value_start + 1] != "[":
        return None
    kr = objective.key_results[index]
    anchor = end.last_item if end.last_item >= 0 else end.value_start + 1
    try:
        old = toml_text.array_items(text, end.value_start,
                                    from_item=end.last_item if end.last_item >= 0 else None)
        if len(old.items) != (1 if end.last_item >= 0 else 0):
            return None  # the hint is not this text's: never guess
        new_text = edits.splice_into_array(text, end.value_start, old,
                                           edits.inline_table(checkin), edits.newline_of(text))
        growth = len(new_text) - len(text)
        new_close = old.close + growth
        if not (new_text.startswith(text[:anchor]) and new_text.endswith(text[old.close:])):
            return None
        old_items = tomllib.loads("checkins = [" + text[anchor:old.close + 1])["checkins"]
        new_items = tomllib.loads("checkins = [" + new_text[anchor:new_close + 1])["checkins"]
        new_tail = toml_text.array_items(new_text, end.value_start,
                                         from_item=anchor if end.last_item >= 0 else None)
    except (tomllib.TOMLDecodeError, edits.EditError, IndexError, ValueError):
        return None
    added = clean_checkin(new_items[-1], kr.type) if new_items else None
    if added is None or new_items != [*old_items, checkin]:
        return None

    insert_line = text.count("\n", 0, anchor) + 1
    new_lines = new_text.count("\n", anchor, new_close) - text.count("\n", anchor, old.close)
    key_results = [
        replace(other, line=other.line + new_lines) if other.line > insert_line else other
        for other in objective.key_results]
    key_results[index] = replace(key_results[index], checkins=(*kr.checkins, added))
    new_ends = {other_id: _moved(other, anchor, growth) for other_id, other in ends.items()}
    new_ends[kr_id] = ArrayEnd(end.value_start, new_tail.items[-1][0])
    return Appended(text, new_text, replace(objective, key_results=tuple(key_results)),
                    new_ends)


def _moved(end: ArrayEnd, at: int, growth: int) -> ArrayEnd:
    """``end`` after ``growth`` characters were inserted at ``at``."""
    if end.value_start < at:
        return end
    return ArrayEnd(end.value_start + growth, end.last_item + growth if end.last_item >= 0 else -1)
