"""Who changed the selected objective or key result, and when: its git history."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from okrtui.core.history import Change
from okrtui.present import printable
from okrtui.tui.modal import Modal


class HistoryScreen(Modal[None]):
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    HistoryScreen > Vertical {
        width: 110; max-width: 100%; height: 80%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    HistoryScreen #history-title { text-style: bold; }
    HistoryScreen #history-message { color: $text-muted; height: auto; }
    HistoryScreen DataTable { height: 1fr; }
    """
    BINDINGS = [Binding("escape,q,h", "dismiss", "Close", id="history.close")]

    def __init__(self, root: Path, objective_id: str, kr_id: str | None = None) -> None:
        super().__init__()
        self.root = root
        self.objective_id = objective_id
        self.kr_id = kr_id

    def compose(self) -> ComposeResult:
        target = self.objective_id + (f":{self.kr_id}" if self.kr_id else "")
        with Vertical():
            yield Static(Text(f"History of {printable(target)}"), id="history-title")
            yield Static("Reading git history…", id="history-message", markup=False)
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("date", "who", "what", "")
        table.display = False
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        from okrtui import git
        from okrtui.git_history import workspace_history

        try:
            found = workspace_history(self.root, self.objective_id, self.kr_id)
        except git.GitError as exc:
            self.app.call_from_thread(self.show_message, str(exc))
            return
        self.app.call_from_thread(self.show, found)

    def show_message(self, message: str) -> None:
        self.query_one("#history-message", Static).update(printable(message))

    def show(self, found: list[Change]) -> None:
        if not found:
            self.show_message("No changes in git history yet.")
            return
        moved = sum(c.after_start is not None for c in found)
        self.show_message(f"{len(found)} changes, newest first"
                          + (f"; ⚑ {moved} goal post(s) moved after the period began"
                             if moved else "") + ". Escape closes.")
        table = self.query_one(DataTable)
        for change in found:
            what = (f"{change.key_result}: " if change.key_result and not self.kr_id else "") \
                + change.summary
            flag = Text(f"⚑ after {change.after_start}", style="bold red") \
                if change.after_start else Text("")
            table.add_row(str(change.commit.day), Text(printable(change.commit.author)),
                          Text(printable(what)), flag)
        table.display = True
        table.focus()
