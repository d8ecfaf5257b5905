"""OKR periods: years, halves, quarters, months, and custom date ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PeriodKind = Literal["year", "half", "quarter", "month", "custom"]

_PATTERNS: list[tuple[PeriodKind, re.Pattern[str]]] = [
    ("year", re.compile(r"(\d{4})")),
    ("half", re.compile(r"(\d{4})-H([12])", re.IGNORECASE)),
    ("quarter", re.compile(r"(\d{4})-Q([1-4])", re.IGNORECASE)),
    ("month", re.compile(r"(\d{4})-(0[1-9]|1[0-2])")),
]
_MONTHS_PER: dict[PeriodKind, int] = {"year": 12, "half": 6, "quarter": 3, "month": 1}


class PeriodError(ValueError):
    """A period that cannot be understood; the message says which forms are accepted."""


@dataclass(frozen=True, order=True)
class Period:
    """A closed date range [start, end] with a label such as ``2026-Q4``."""

    start: date
    end: date
    kind: PeriodKind
    label: str

    def __str__(self) -> str:
        return self.label

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def elapsed(self, today: date) -> float:
        """Fraction of the period gone by at the end of ``today``: 0.0 before it, 1.0 after it.

        elapsed = (today - start + 1 day) / (end - start + 1 day), clamped to 0..1.
        """
        done = (today - self.start).days + 1
        return min(1.0, max(0.0, done / self.days))

    def next(self) -> Period:
        if self.kind == "custom":
            return custom_period(self.end + timedelta(days=1), self.end + timedelta(days=self.days))
        return _calendar_period(self.kind, _add_months(self.start, _MONTHS_PER[self.kind]))

    def previous(self) -> Period:
        if self.kind == "custom":
            before = self.start - timedelta(days=1)
            return custom_period(self.start - timedelta(days=self.days), before)
        return _calendar_period(self.kind, _add_months(self.start, -_MONTHS_PER[self.kind]))


def parse_period(text: str) -> Period:
    """Parse ``YYYY``, ``YYYY-H1``/``H2``, ``YYYY-Q1``..``Q4`` or ``YYYY-MM``."""
    cleaned = text.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            year = int(match.group(1))
            part = int(match.group(2)) if kind != "year" else 1
            first_month = 1 + (part - 1) * _MONTHS_PER[kind] if kind != "month" else part
            return _calendar_period(kind, date(year, first_month, 1))
    raise PeriodError(
        f"unknown period {text!r}: use YYYY, YYYY-H1, YYYY-Q1..Q4 or YYYY-MM "
        "(or start/end dates in the file)"
    )


def custom_period(start: date, end: date) -> Period:
    if end < start:
        raise PeriodError(f"period end {end} is before its start {start}")
    return Period(start, end, "custom", f"{start.isoformat()}..{end.isoformat()}")


def current_period(today: date, kind: PeriodKind = "quarter") -> Period:
    """The calendar period of the given kind that contains ``today``."""
    if kind == "custom":
        raise PeriodError("a custom period has no 'current' one")
    months = _MONTHS_PER[kind]
    first_month = ((today.month - 1) // months) * months + 1
    return _calendar_period(kind, date(today.year, first_month, 1))


def _calendar_period(kind: PeriodKind, start: date) -> Period:
    months = _MONTHS_PER[kind]
    last = _add_months(start, months - 1)
    # the day before the next month (calendar costs 2 ms to import); December ends on
    # the 31st, also in 9999, whose next month is past date.max
    end = last.replace(day=31) if last.month == 12 else (
        _add_months(last, 1) - timedelta(days=1))
    if kind == "year":
        label = f"{start.year}"
    elif kind == "half":
        label = f"{start.year}-H{(start.month - 1) // 6 + 1}"
    elif kind == "quarter":
        label = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    else:
        label = f"{start.year}-{start.month:02d}"
    return Period(start, end, kind, label)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def shown_in(period: Period | None, view: Period | None) -> bool:
    """Whether what belongs to ``period`` shows in a view of ``view``: a view of every
    period (None) shows everything, and what has no period shows in every view."""
    return view is None or period is None or period.overlaps(view)
