"""Bottom right pane, left: the check-in history of the selected key result, newest first."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding

from okrtui.core.model import KeyResult
from okrtui.present import format_number, format_value
from okrtui.tui.widgets.cells import plain, title_width
from okrtui.tui.widgets.resizing_table import ResizingTable, replaces_rows

#: More rows than anyone scrolls through; older check-ins are summarised in one row.
MAX_ROWS = 200
#: The note is what a person reads first after the value; the other columns make room.
NOTE_MIN = 16


class CheckinTable(ResizingTable):
    DEFAULT_CSS = """
    CheckinTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("e", "app.edit_checkin", "Edit", id="checkin.edit"),
        Binding("d", "app.delete_checkin", "Delete", id="checkin.delete"),
        Binding("left,escape", "app.focus_pane('key-results')", "Key results",
                id="focus.back", show=False),
        # the table fits its pane: → has nothing to scroll to, so it does nothing
        Binding("right", "nothing", show=False),
    ]

    def selected_position(self) -> int | None:
        """The selected check-in's index in the key result's ``checkins`` (file order)."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key and key.isdigit() else None

    @replaces_rows
    def show(self, kr: KeyResult | None, today: date, keep: int | None = None) -> None:
        """The check-ins of ``kr``, newest first; the cursor stays on the check-in at file
        position ``keep`` (one just edited), else on the newest."""
        self.clear(columns=True)
        columns = self._columns(self.lay_out_for_width() or 80)
        for name, (label, width) in columns.items():
            self.add_column(label, width=width, key=name)
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
        added: list[tuple[list[Text], str, int]] = []
        for position, checkin, change, future in rows[:MAX_ROWS]:
            style = "dim italic" if future else ""
            cells = {
                "date": Text(checkin.date.isoformat(), style=style),
                "value": plain(format_value(kr, checkin.value), style),
                "note": plain((f"[{checkin.tag}] " if checkin.tag else "")
                              + (checkin.note or "")),
                "change": Text(change, style="dim"),
                "confidence": Text("" if checkin.confidence is None
                                   else format_number(checkin.confidence)),
                "by": plain(checkin.by or "", "dim"),
            }
            # the check-in's place in the file is its key, for edits
            added.append(([cells[name] for name in columns], str(position), 1))
        if len(rows) > MAX_ROWS:
            older = [row[1] for row in rows[MAX_ROWS:]]
            summary = {name: Text("") for name in columns}
            summary["date"] = Text("…", style="dim")
            summary["note"] = Text(f"{len(older)} older check-ins, back to {older[-1].date} "
                                   "(open the file with E to see them)", style="dim")
            added.append((list(summary.values()), "older", 1))
        self.add_rows_at_once(added)
        shown = [str(position) for position, *_ in rows[:MAX_ROWS]]
        if keep is not None and str(keep) in shown:
            self.move_cursor(row=shown.index(str(keep)), animate=False)

    @staticmethod
    def _columns(width: int) -> dict[str, tuple[str, int]]:
        """Date and value always, and the note with the width that is left; the
        confidence, the change and who checked in only while the note keeps NOTE_MIN
        cells."""
        columns = {"date": ("Date", 10), "value": ("Value", 9)}
        extras = [("confidence", ("Conf", 4)), ("change", ("Δ", 6)), ("by", ("By", 6))]
        chosen = []
        for name, column in extras:
            fixed = [10, 9, *(c[1] for _, c in chosen), column[1]]
            if title_width(width, fixed, minimum=0) >= NOTE_MIN:
                chosen.append((name, column))
        fixed = [10, 9, *(c[1] for _, c in chosen)]
        columns.update(chosen)
        columns["note"] = ("Note", title_width(width, fixed, minimum=6))
        return columns

    def action_nothing(self) -> None:
        """Bound to →, which would otherwise scroll the table sideways."""
