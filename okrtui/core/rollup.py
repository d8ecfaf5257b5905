"""The team dashboard: objectives rolled up by owner, or by the objective they support,
with red / amber / green counts, what is due, and mean progress."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from okrtui.core.due import due_state
from okrtui.core.model import Objective, Status
from okrtui.core.scoring import ObjectiveScore

NO_OWNER = "(no owner)"


@dataclass(frozen=True)
class Rollup:
    """One row of the dashboard."""

    name: str
    objectives: int = 0
    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    due: int = 0
    """Key results that need a check-in (due or overdue)."""
    progress: float | None = None
    """Mean progress of its objectives that have any."""
    depth: int = 0
    ids: tuple[str, ...] = field(default=())

    @property
    def worst(self) -> Status | None:
        for status, count in ((Status.OFF_TRACK, self.off_track),
                              (Status.AT_RISK, self.at_risk), (Status.ON_TRACK, self.on_track)):
            if count:
                return status
        return None


def rollup(name: str, objectives: list[Objective], scores: dict[str, ObjectiveScore],
           today: date, cadence: str = "weekly", depth: int = 0) -> Rollup:
    """The counts of ``objectives`` under one heading."""
    statuses = [scores[o.id].status for o in objectives]
    progress = [p for o in objectives if (p := scores[o.id].progress) is not None]
    due = sum(due_state(kr, o, today, cadence).level != "ok"
              for o in objectives for kr in o.key_results)
    return Rollup(name, len(objectives), statuses.count(Status.ON_TRACK),
                  statuses.count(Status.AT_RISK), statuses.count(Status.OFF_TRACK), due,
                  sum(progress) / len(progress) if progress else None, depth,
                  tuple(o.id for o in objectives))


def by_owner(objectives: Iterable[Objective], scores: dict[str, ObjectiveScore], today: date,
             cadence: str = "weekly") -> list[Rollup]:
    """One row per owner, the worst off first (most off track, then at risk), then by name."""
    groups: dict[str, list[Objective]] = {}
    for objective in objectives:
        groups.setdefault(objective.owner or NO_OWNER, []).append(objective)
    rows = [rollup(name, members, scores, today, cadence) for name, members in groups.items()]
    return sorted(rows, key=lambda r: (-r.off_track, -r.at_risk, r.name == NO_OWNER,
                                       r.name.lower()))


def supporters(objective: Objective, objectives: Iterable[Objective]) -> list[Objective]:
    """Every objective that supports ``objective``, directly or through others."""
    children: dict[str, list[Objective]] = {}
    for other in objectives:
        if other.parent:
            children.setdefault(other.parent, []).append(other)
    found: list[Objective] = []
    stack = list(children.get(objective.id, []))
    while stack:
        child = stack.pop(0)
        if child in found or child.id == objective.id:
            continue  # a cycle of parents is not followed twice
        found.append(child)
        stack += children.get(child.id, [])
    return found


def by_parent(objectives: Iterable[Objective], scores: dict[str, ObjectiveScore], today: date,
              cadence: str = "weekly") -> list[Rollup]:
    """The alignment tree: each objective that others support, with the roll-up of all its
    supporters under it (indented by depth), then the objectives that support nothing
    shown."""
    objectives = list(objectives)
    shown = {o.id for o in objectives}
    rows: list[Rollup] = []

    def visit(objective: Objective, depth: int, seen: set[str]) -> None:
        below = supporters(objective, objectives)
        if not below:
            return
        rows.append(rollup(objective.title, below, scores, today, cadence, depth))
        for child in (o for o in objectives if o.parent == objective.id):
            if child.id not in seen:
                visit(child, depth + 1, seen | {child.id})

    for top in (o for o in objectives if not o.parent or o.parent not in shown):
        visit(top, 0, {top.id})
    lone = [o for o in objectives if (not o.parent or o.parent not in shown)
            and not supporters(o, objectives)]
    if lone:
        rows.append(rollup("(supports nothing shown)", lone, scores, today, cadence))
    return rows
