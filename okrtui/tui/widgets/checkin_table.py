"""Bottom right pane, left: the check-in history of the selected key result, newest first."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from okrtui.core.model import KeyResult
from okrtui.present import format_number, format_value
from okrtui.tui.widgets.cells import plain

#: More rows than anyone scrolls through; older check-ins are summarised in one row.
MAX_ROWS = 200


class CheckinTable(DataTable[Text]):
    DEFAULT_CSS = """
    CheckinTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("e", "app.edit_checkin", "Edit check-in", id="checkin.edit"),
        Binding("d", "app.delete_checkin", "Delete check-in", id="checkin.delete"),
        Binding("left,escape", "app.focus_pane('key-results')", "Key results",
                id="focus.back", show=False),
        # the table fits its pane: → has nothing to scroll to, so it does nothing
        Binding("right", "nothing", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]

    def selected_position(self) -> int | None:
        """The selected check-in's index in the key result's ``checkins`` (file order)."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key and key.isdigit() else None

    def show(self, kr: KeyResult | None, today: date, keep: int | None = None) -> None:
        """The check-ins of ``kr``, newest first; the cursor stays on the check-in at file
        position ``keep`` (one just edited), else on the newest."""
        self.clear(columns=True)
        self.add_column("Date", width=10, key="date")
        self.add_column("Value", width=9, key="value")
        self.add_column("Δ", width=6, key="change")
        self.add_column("Conf", width=4, key="confidence")
        self.add_column("By", width=6, key="by")
        self.add_column("Note", width=40, key="note")
        if kr is None:
            return
        ordered = sorted(enumerate(kr.checkins), key=lambda pair: (pair[1].date, pair[0]))
        rows = []
        previous = kr.start
        for position, checkin in ordered:
            change = ""
            if not isinstance(checkin.value, bool) and previous is not None \
                    and not isinstance(previous, bool):
                delta = float(checkin.value) - float(previous)
                change = ("+" if delta > 0 else "") + format_number(delta) if delta else "0"
            previous = checkin.value
            future = checkin.date > today
            rows.append((position, checkin, change, future))
        rows.reverse()
        for position, checkin, change, future in rows[:MAX_ROWS]:
            style = "dim italic" if future else ""
            self.add_row(
                Text(checkin.date.isoformat(), style=style),
                plain(format_value(kr, checkin.value), style),
                Text(change, style="dim"),
                Text("" if checkin.confidence is None else format_number(checkin.confidence)),
                plain(checkin.by or "", "dim"),
                plain(checkin.note or ""),
                key=str(position),  # the check-in's place in the file, for edits
            )
        shown = [str(position) for position, *_ in rows[:MAX_ROWS]]
        if keep is not None and str(keep) in shown:
            self.move_cursor(row=shown.index(str(keep)), animate=False)
        if len(rows) > MAX_ROWS:
            older = [row[1] for row in rows[MAX_ROWS:]]
            self.add_row(Text("…", style="dim"), Text(""), Text(""), Text(""), Text(""),
                         Text(f"{len(older)} older check-ins, back to {older[-1].date} "
                              "(open the file with E to see them)", style="dim"), key="older")

    def action_nothing(self) -> None:
        """Bound to →, which would otherwise scroll the table sideways."""
