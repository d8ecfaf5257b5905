"""What every form dialog shares: labelled fields, an inline error line, Enter / Escape."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static

from okrtui.tui.modal import Modal


class FormInvalid(Exception):
    """Input that cannot be saved; the message is shown in the dialog."""


class FormDialog(Modal[Any]):
    """A modal form: ``fields()`` yields the widgets, ``result()`` checks and builds the value
    to return, raising FormInvalid with a message to show instead of closing."""

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > VerticalScroll {
        width: 70; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormDialog .form-title { text-style: bold; margin-bottom: 1; }
    FormDialog Label.field { color: $text-muted; margin-top: 0; }
    FormDialog Input { background: $boost; }
    FormDialog Input:focus, FormDialog Select:focus > SelectCurrent { background: $primary 30%; }
    FormDialog .error { color: $error; height: auto; }
    FormDialog .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
        # priority: decided when the key arrives, so that keys right behind a tab (a paste,
        # a text expander) already go to the next field
        Binding("tab", "next_field", "Next field", id="dialog.next", show=False,
                priority=True),
        Binding("shift+tab", "previous_field", "Previous field", id="dialog.previous",
                show=False, priority=True),
    ]
    heading = ""
    """The line at the top of the dialog."""
    AUTO_FOCUS = "Input, Select"

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.heading, classes="form-title", markup=False)
            yield from self.fields()
            yield Static("", classes="error", id="form-error", markup=False)
            yield Static("Enter: save · Escape: cancel", classes="hint")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def result(self) -> Any:
        raise NotImplementedError

    @staticmethod
    def label(text: str) -> Label:
        return Label(text, classes="field", markup=False)

    def value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def choice(self, field_id: str) -> Any:
        selected = self.query_one(f"#{field_id}", Select).value
        return None if selected is Select.NULL else selected

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            value = self.result()
        except FormInvalid as invalid:
            self.show_error(str(invalid))
            return
        self.dismiss(value)

    def action_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def action_cancel(self) -> None:
        self.dismiss(None)


def parse_number(text: str, what: str, required: bool = True) -> float | int | None:
    """A plain number; units and suffixes are not guessed."""
    if not text:
        if required:
            raise FormInvalid(f"{what} is required")
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        raise FormInvalid(f"{what} must be a plain number like 42 or 3.5 "
                          f"(not {text!r}: leave units out)") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise FormInvalid(f"{what} must be a finite number")
    return number
