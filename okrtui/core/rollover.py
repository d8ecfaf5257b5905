"""Roll-over: carry the unfinished objectives of a period into the next one. What to carry
is a function of the model and ``today`` (``plan``); ``write`` creates the new files and
links the originals forward, through the store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from okrtui.core import edits
from okrtui.core.model import KeyResult, Objective
from okrtui.core.periods import Period
from okrtui.core.scoring import achieved, progress, score_objective
from okrtui.core.workspace import default_objective_path


@dataclass(frozen=True)
class CarriedKeyResult:
    """A key result as it carries on into the next period."""

    fields: dict[str, Any]
    old_start: float | None = None
    """The start it had, when it now starts from its latest value."""


@dataclass(frozen=True)
class Rollover:
    """One objective carried into ``to``: where the new file goes and what it holds."""

    source: Objective
    rel_path: str
    fields: dict[str, Any]
    key_results: list[CarriedKeyResult] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    """Key results left behind because they were done."""

    @property
    def new_id(self) -> str:
        return self.rel_path


def is_unfinished(objective: Objective, today: date) -> bool:
    """Not achieved by its commitment at the period's end (1.0 committed, 0.7 aspirational);
    a learning goal while any of its key results is not done."""
    end = objective.period.end if objective.period else today
    score = score_objective(objective, min(today, end))
    if score.progress is None:
        return False
    if objective.kind == "learning":
        return any((s.progress or 0) < 1.0 for s in score.key_results.values()
                   if s.progress is not None)
    return not achieved(score.progress, objective.commitment)


def candidates(objectives: Iterable[Objective], period: Period, today: date) -> list[Objective]:
    """The unfinished objectives of ``period`` not rolled over yet."""
    return [o for o in objectives if o.period is not None and o.period.label == period.label
            and not o.rolled_to and is_unfinished(o, today)]


def plan(objectives: list[Objective], to: Period,
         taken: frozenset[str] = frozenset()) -> list[Rollover]:
    """What rolling each objective into ``to`` writes. ``taken`` are the ids in use; a
    parent rolled over in the same run is pointed to in its new period."""
    new_ids = {o.id: _new_id(o, to) for o in objectives}
    plans = []
    for objective in objectives:
        rel = new_ids[objective.id]
        fields: dict[str, Any] = {"title": objective.title, "period": to.label}
        for name in ("owner", "kind", "commitment", "cadence", "description"):
            value = getattr(objective, name)
            if value and not (name == "kind" and value == "performance"):
                fields[name] = value
        if objective.parent:
            fields["parent"] = new_ids.get(objective.parent, objective.parent)
        fields["rolled_from"] = objective.id
        carried, finished = [], []
        for kr in objective.key_results:
            done = progress(kr, _latest(kr, objective)) if kr.scored else None
            if done is not None and done >= 1.0:
                finished.append(kr.id)
            else:
                carried.append(_carry(kr, objective))
        if not carried:  # all done yet not achieved (weights): carry them all
            carried, finished = [_carry(kr, objective) for kr in objective.key_results], []
        plans.append(Rollover(objective, rel, fields, carried, finished))
    return [p for p in plans if p.rel_path not in taken]


def write(root: Path, plans: list[Rollover]) -> list[Rollover]:
    """Create the new files and add ``rolled_to`` to each original; returns those written.
    StoreError (from the store) when a file cannot be written; nothing half-done is left
    for that objective."""
    from okrtui.core.store import create_objective, write_edit

    written = []
    for rollover in plans:
        create_objective(root, rollover.rel_path, rollover.fields,
                         [kr.fields for kr in rollover.key_results])
        write_edit(root, rollover.source.path, edits.SetField("rolled_to", rollover.new_id))
        written.append(rollover)
    return written


def _new_id(objective: Objective, to: Period) -> str:
    """The same place in the new period (``platform/2026-Q4/x`` -> ``platform/2027-Q1/x``),
    else where a new objective would go."""
    old = objective.period.label if objective.period else ""
    parts = objective.id.split("/")
    if old and old in parts:
        return "/".join(to.label if part == old else part for part in parts)
    return default_objective_path(objective.title, objective.owner, to.label)


def _latest(kr: KeyResult, objective: Objective) -> Any:
    """The last value recorded by the period's end (a check-in after it does not count),
    else the start."""
    end = objective.period.end if objective.period else None
    seen = sorted((c for c in kr.checkins if end is None or c.date <= end),
                  key=lambda c: c.date)
    return seen[-1].value if seen else kr.start


def _carry(kr: KeyResult, objective: Objective) -> CarriedKeyResult:
    fields: dict[str, Any] = {"id": kr.id, "title": kr.title}
    if kr.type != "metric":
        fields["type"] = kr.type
    old_start = None
    start = kr.start
    if kr.type == "metric":
        latest = _latest(kr, objective)
        if isinstance(latest, int | float) and not isinstance(latest, bool) and \
                latest != kr.start:
            old_start, start = kr.start, float(latest)
    if old_start is not None and start is not None:  # "from 120 to 500" -> "from 297 to 500"
        fields["title"] = kr.title.replace(f"from {_number(old_start)} ",
                                           f"from {_number(start)} ", 1)
    for name, value in (("start", start), ("target", kr.target), ("unit", kr.unit),
                        ("min", kr.min), ("max", kr.max),
                        ("weight", kr.weight if kr.weight != 1.0 else None)):
        if value is not None and value != "":
            fields[name] = _plain(value)
    return CarriedKeyResult(fields, old_start)


def _number(value: float) -> str:
    return str(_plain(value))


def _plain(value: Any) -> Any:
    """120.0 is written as 120."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
