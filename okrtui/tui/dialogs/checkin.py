"""The check-in dialog: value (or done / not done), confidence, note."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from okrtui.core.model import Checkin, KeyResult
from okrtui.present import format_goal, format_number, format_value, printable
from okrtui.tui.dialogs.form import FormDialog, FormInvalid, parse_number


class CheckinDialog(FormDialog):
    """Returns the check-in as a dict for ``AddCheckin`` (or, given ``existing``, for
    ``ReplaceCheckin``), or None when cancelled."""

    def __init__(self, kr: KeyResult, current: Any, today: date, author: str,
                 existing: Checkin | None = None) -> None:
        super().__init__()
        self.kr = kr
        self.current = current
        self.today = today
        self.author = author
        self.existing = existing
        verb = "Edit check-in" if existing else "Check in"
        self.heading = f"{verb}: {printable(kr.title)}"

    def fields(self) -> ComposeResult:
        kr = self.kr
        yield self.label(f"Value (now {format_value(kr, self.current)}, "
                         f"goal {format_goal(kr)})")
        old = self.existing
        if kr.type == "milestone":
            value = old.value if old else self.current
            yield Select([("done", True), ("not done", False)], value=bool(value),
                         allow_blank=False, id="value", compact=True)
        else:
            yield Input(value=format_number(old.value) if old else "",
                        placeholder="a number, e.g. 42", id="value", compact=True)
        yield self.label("Confidence it will be reached, 0.0 – 1.0 (optional)")
        last = next((c.confidence for c in reversed(self.kr.checkins)
                     if c.confidence is not None), None)
        hint = f"last time {last:g}" if last is not None else "e.g. 0.7"
        confidence = "" if not old or old.confidence is None else format_number(old.confidence)
        yield Input(value=confidence, placeholder=hint, id="confidence", compact=True)
        yield self.label("Note (optional)")
        yield Input(value=old.note or "" if old else "", placeholder="what happened", id="note",
                    compact=True)
        yield self.label("Date")
        yield Input(value=(old.date if old else self.today).isoformat(), id="date",
                    compact=True)

    def result(self) -> dict[str, Any]:
        try:
            day = date.fromisoformat(self.value("date"))
        except ValueError:
            raise FormInvalid("date must look like 2026-10-05") from None
        if day > self.today:
            raise FormInvalid(f"{day} is after today ({self.today}): a check-in records what "
                              "is already true")
        if self.kr.type == "milestone":
            value: Any = bool(self.choice("value"))
        else:
            value = parse_number(self.value("value"), "value")
        checkin: dict[str, Any] = {"date": day, "value": value}
        confidence = parse_number(self.value("confidence"), "confidence", required=False)
        if confidence is not None:
            if not 0 <= confidence <= 1:
                raise FormInvalid("confidence must be between 0.0 and 1.0")
            checkin["confidence"] = confidence
        if self.value("note"):
            checkin["note"] = self.value("note")
        author = self.existing.by if self.existing else self.author
        if author:
            checkin["by"] = author
        return checkin
