"""Which objectives a view shows, and in what order: period, filter, grouping, alignment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from okrtui.core.model import Objective
from okrtui.core.periods import Period, shown_in

GroupBy = Literal["none", "owner", "folder"]
GROUPINGS: tuple[GroupBy, ...] = ("none", "owner", "folder")


@dataclass(frozen=True)
class OutlineRow:
    """A group heading (``objective`` None) or an objective indented under its parent."""

    label: str
    objective: Objective | None = None
    depth: int = 0


def in_period(objective: Objective, period: Period | None) -> bool:
    """Objectives whose period overlaps the one shown; those without a period always show."""
    return shown_in(objective.period, period)


def matches(objective: Objective, query: str) -> bool:
    """Case-insensitive match of every word of ``query`` on title, owner or id."""
    haystack = f"{objective.title} {objective.owner} {objective.id}".lower()
    return all(word in haystack for word in query.lower().split())


def visible(objectives: Iterable[Objective], period: Period | None,
            query: str = "") -> list[Objective]:
    return [o for o in objectives if in_period(o, period) and matches(o, query)]


def outline(objectives: list[Objective], group_by: GroupBy = "none") -> list[OutlineRow]:
    """Rows in display order. Within a group, an objective whose parent is also shown comes
    right after it, one level deeper."""
    if group_by == "none":
        return _aligned(objectives)
    groups: dict[str, list[Objective]] = {}
    for objective in objectives:
        groups.setdefault(group_key(objective, group_by), []).append(objective)
    rows: list[OutlineRow] = []
    for key in sorted(groups, key=lambda k: (k == "", k.lower())):
        rows.append(OutlineRow(key or ("(no owner)" if group_by == "owner" else "(top)")))
        rows.extend(_aligned(groups[key], depth=1))
    return rows


def group_key(objective: Objective, group_by: GroupBy) -> str:
    if group_by == "owner":
        return objective.owner
    folder, _, _ = objective.id.rpartition("/")
    return folder


def _aligned(objectives: list[Objective], depth: int = 0) -> list[OutlineRow]:
    shown = {o.id for o in objectives}
    children: dict[str, list[Objective]] = {}
    roots = []
    for objective in objectives:
        if objective.parent in shown and objective.parent != objective.id:
            children.setdefault(objective.parent, []).append(objective)
        else:
            roots.append(objective)
    rows: list[OutlineRow] = []
    seen: set[str] = set()

    def walk(objective: Objective, level: int) -> None:
        if objective.id in seen:  # a parent cycle: show each objective once
            return
        seen.add(objective.id)
        rows.append(OutlineRow(objective.title, objective, level))
        for child in children.get(objective.id, []):
            walk(child, level + 1)

    for objective in roots:
        walk(objective, depth)
    for objective in objectives:  # objectives only reachable through a cycle
        walk(objective, depth)
    return rows
