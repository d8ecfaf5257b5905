"""The team dashboard: one row per owner (or per objective that others support) with red /
amber / green counts, what is due and mean progress; Enter drills in."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from okrtui.core import rollup
from okrtui.core.model import Objective, Status
from okrtui.core.scoring import ObjectiveScore
from okrtui.present import printable, progress_bar
from okrtui.tui.modal import Modal
from okrtui.tui.widgets.cells import status_style

NAME_WIDTH = 40
Choice = tuple[str, str]
"""("owner", name) or ("objective", id): where Enter leads."""


class DashboardScreen(Modal[Choice | None]):
    DEFAULT_CSS = """
    DashboardScreen { align: center middle; }
    DashboardScreen > Vertical {
        width: 112; max-width: 100%; height: 80%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    DashboardScreen #dashboard-title { text-style: bold; }
    DashboardScreen #dashboard-hint { color: $text-muted; }
    DashboardScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q,D", "dismiss(None)", "Close", id="dashboard.close"),
        Binding("p", "toggle", "By owner / parent", id="dashboard.toggle"),
        Binding("enter", "choose", "Show", id="dashboard.choose", show=False),
    ]

    def __init__(self, objectives: list[Objective], scores: dict[str, ObjectiveScore],
                 today: date, period_label: str, cadence: str = "weekly",
                 colours: dict[str, str] | None = None) -> None:
        super().__init__()
        self.objectives = objectives
        self.scores = scores
        self.today = today
        self.period_label = period_label
        self.cadence = cadence
        self.colours = colours or {}
        self.by = "owner"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="dashboard-title", markup=False)
            yield DataTable(id="dashboard", cursor_type="row", zebra_stripes=True)
            yield Static("Enter: show these objectives · p: by owner / by supported objective "
                         "· Escape: close", id="dashboard-hint", markup=False)

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        title = self.query_one("#dashboard-title", Static)
        title.update(f"Dashboard · {self.period_label} · by "
                     f"{'owner' if self.by == 'owner' else 'supported objective'}")
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns("owner" if self.by == "owner" else "supported objective",
                          "objectives", "on track", "at risk", "off track", "due", "progress")
        group = rollup.by_owner if self.by == "owner" else rollup.by_parent
        self.rows = group(self.objectives, self.scores, self.today, self.cadence)
        for index, row in enumerate(self.rows):
            colour = status_style(row.worst, self.colours)
            name = "  " * row.depth + printable(row.name)
            if len(name) > NAME_WIDTH:
                name = name[:NAME_WIDTH - 1] + "…"
            table.add_row(
                Text(name),
                Text(str(row.objectives), justify="right"),
                self._count(row.on_track, Status.ON_TRACK),
                self._count(row.at_risk, Status.AT_RISK),
                self._count(row.off_track, Status.OFF_TRACK),
                Text(str(row.due), justify="right"),
                Text(progress_bar(row.progress, 6), style=colour)
                + Text(" –" if row.progress is None else f" {row.progress:.2f}"),
                key=str(index))
        table.focus()

    def _count(self, count: int, status: Status) -> Text:
        return Text(str(count), style=status_style(status, self.colours) if count else "dim",
                    justify="right")

    def action_toggle(self) -> None:
        self.by = "parent" if self.by == "owner" else "owner"
        self.show()

    def action_choose(self) -> None:
        table = self.query_one(DataTable)
        if not self.rows:
            return
        row = self.rows[table.cursor_row]
        if self.by == "owner":
            self.dismiss(("owner", "" if row.name == rollup.NO_OWNER else row.name))
            return
        parent = next((o for o in self.objectives if o.title == row.name and rollup.supporters(
            o, self.objectives)), None)
        self.dismiss(("objective", parent.id) if parent else None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()
