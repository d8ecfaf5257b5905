"""The floor for the app's figures: a bare Textual app showing a 1,000-row DataTable.

    python bench/bare_app.py
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

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


if __name__ == "__main__":
    BareApp().run()
