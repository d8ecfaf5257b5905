"""Which key results need a check-in: due when one check-in interval has passed since the
last one (or since the period began), overdue after two (what the app calls stale).
Pure functions of the model and ``today``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from okrtui.core.model import CADENCE_DAYS, KeyResult, Objective

DueLevel = Literal["ok", "due", "overdue"]
OVERDUE_AFTER_INTERVALS = 2


@dataclass(frozen=True)
class DueState:
    """Whether a key result's check-in is due, and since when."""

    level: DueLevel
    last: date | None
    """The latest check-in on or before today."""
    next_due: date | None
    """When the next check-in is (or was) due; None when none is expected."""
    days_late: int = 0


@dataclass(frozen=True)
class DueItem:
    """A key result and how due its check-in is."""

    objective: Objective
    key_result: KeyResult
    state: DueState
    mine: bool = False


def due_state(kr: KeyResult, objective: Objective, today: date,
              default_cadence: str = "weekly") -> DueState:
    """Due from one interval after the last check-in (the period's start when there is
    none), overdue after two. Nothing is due outside the period, nor for a milestone that
    is done."""
    latest = None  # the first of the latest, in one pass: the app asks for 2,500 at once
    for checkin in kr.checkins:
        if checkin.date <= today and (latest is None or checkin.date > latest.date):
            latest = checkin
    last = latest.date if latest is not None else None
    period = objective.period
    if period is not None and not period.contains(today):
        return DueState("ok", last, None)
    if kr.type == "milestone" and latest is not None and latest.value is True:
        return DueState("ok", last, None)
    since = last or (period.start if period else None)
    if since is None:
        return DueState("ok", last, None)
    interval = CADENCE_DAYS[objective.cadence or default_cadence]
    next_due = since + timedelta(days=interval)
    late = (today - next_due).days
    if (today - since).days > OVERDUE_AFTER_INTERVALS * interval:
        return DueState("overdue", last, next_due, late)
    if today >= next_due:
        return DueState("due", last, next_due, late)
    return DueState("ok", last, next_due)


def due_items(objectives: Iterable[Objective], today: date, default_cadence: str = "weekly",
              me: str = "") -> list[DueItem]:
    """Every key result that needs a check-in: yours first (you own the objective or made
    its last check-in), then overdue before due, the longest waiting first."""
    found = []
    for objective in objectives:
        for kr in objective.key_results:
            state = due_state(kr, objective, today, default_cadence)
            if state.level != "ok":
                found.append(DueItem(objective, kr, state, is_mine(objective, kr, me)))
    return sorted(found, key=lambda item: (not item.mine, item.state.level != "overdue",
                                           -item.state.days_late, item.objective.id,
                                           item.key_result.id))


def is_mine(objective: Objective, kr: KeyResult, me: str) -> bool:
    if not me:
        return False
    me = me.lower()
    if objective.owner.lower() == me:
        return True
    latest = None  # of the check-ins that say who made them, the first of the latest
    for checkin in kr.checkins:
        if checkin.by and (latest is None or checkin.date > latest.date):
            latest = checkin
    return latest is not None and (latest.by or "").lower() == me
