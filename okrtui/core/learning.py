"""Learning goals: the log of what was tried and learned, read from check-in notes and tags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrtui.core.model import Objective


@dataclass(frozen=True)
class LogEntry:
    """One line of a learning goal's log: a check-in note, or its tag."""

    date: date
    key_result: str
    note: str
    tag: str | None = None
    by: str | None = None


def learning_log(objective: Objective, today: date) -> list[LogEntry]:
    """Every check-in with a note or a tag, up to ``today``, newest first."""
    entries = [LogEntry(c.date, kr.id, c.note or "", c.tag, c.by)
               for kr in objective.key_results for c in kr.checkins
               if (c.note or c.tag) and c.date <= today]
    return sorted(entries, key=lambda e: e.date, reverse=True)
