"""The check-in dialog: value (or done / not done), confidence, note."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from okrtui.core.model import KeyResult
from okrtui.present import format_goal, format_value, printable
from okrtui.tui.dialogs.form import FormDialog, FormInvalid, parse_number


class CheckinDialog(FormDialog):
    """Returns the check-in as a dict for ``AddCheckin``, or None when cancelled."""

    def __init__(self, kr: KeyResult, current: Any, today: date, author: str) -> None:
        super().__init__()
        self.kr = kr
        self.current = current
        self.today = today
        self.author = author
        self.TITLE = f"Check in: {printable(kr.title)}"

    def fields(self) -> ComposeResult:
        kr = self.kr
        yield self.label(f"Value (now {format_value(kr, self.current)}, "
                         f"goal {format_goal(kr)})")
        if kr.type == "milestone":
            yield Select([("done", True), ("not done", False)], value=bool(self.current),
                         allow_blank=False, id="value", compact=True)
        else:
            yield Input(placeholder="a number, e.g. 42", id="value", compact=True)
        yield self.label("Confidence it will be reached, 0.0 – 1.0 (optional)")
        last = next((c.confidence for c in reversed(self.kr.checkins)
                     if c.confidence is not None), None)
        hint = f"last time {last:g}" if last is not None else "e.g. 0.7"
        yield Input(placeholder=hint, id="confidence", compact=True)
        yield self.label("Note (optional)")
        yield Input(placeholder="what happened", id="note", compact=True)
        yield self.label("Date")
        yield Input(value=self.today.isoformat(), id="date", compact=True)

    def result(self) -> dict[str, Any]:
        try:
            day = date.fromisoformat(self.value("date"))
        except ValueError:
            raise FormInvalid("date must look like 2026-10-05") from None
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
        if self.author:
            checkin["by"] = self.author
        return checkin
