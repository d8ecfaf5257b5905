"""The floor for the app's figures: a bare Textual app showing a 1,000-row DataTable, and
``c`` opening a form like okrtui's check-in dialog (the same widgets, dimming the screen).

    python bench/bare_app.py
"""

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static


class BareForm(ModalScreen[None]):
    DEFAULT_CSS = """
    BareForm { align: center middle; }
    BareForm > VerticalScroll {
        width: 70; height: auto; border: thick $primary; background: $surface;
    }
    """
    BINDINGS = [("escape", "dismiss", "Cancel")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Check in: bare form")
            for field in ("Value", "Confidence", "Note", "Date"):
                yield Label(field)
                yield Input(placeholder=field.lower(), compact=True)
            yield Static("")
            yield Static("Enter: save · Escape: cancel")


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit"), ("c", "form", "Form")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="rows")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Row", "Title", "Progress", "Status")
        for n in range(1000):
            table.add_row(f"bare row {n:04d}", f"Objective number {n}", f"{n % 100 / 100:.2f}",
                          "on track")
        table.focus()

    def action_form(self) -> None:
        self.push_screen(BareForm())


if __name__ == "__main__":
    BareApp().run()
