"""Left pane: the objectives of the period, aligned under their parents."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from okrtui.core.outline import OutlineRow
from okrtui.core.scoring import ObjectiveScore
from okrtui.present import progress_bar
from okrtui.tui.widgets.cells import ResizingTable, plain, status_cell, status_style, title_width

LEARNING_MARK = "◇ "


class ObjectiveTable(ResizingTable):
    DEFAULT_CSS = """
    ObjectiveTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("e", "app.edit_objective", "Edit", id="objective.edit"),
        Binding("d", "app.delete_objective", "Delete", id="objective.delete"),
        Binding("a", "app.add_key_result", "Add KR", id="key-result.add"),
        Binding("right,enter", "app.focus_pane('key-results')", "Key results",
                id="focus.key-results", show=False),
    ]

    def show(self, rows: list[OutlineRow], scores: dict[str, ObjectiveScore],
             colours: dict[str, str], keep: str | None) -> None:
        """Replace the rows, keeping the cursor on ``keep`` when it is still shown."""
        width = self.lay_out_for_width() or 48
        owner_width = 12 if width >= 56 else 0
        bar_width = 5 if width >= 48 else 0
        fixed = ([owner_width] if owner_width else []) + [bar_width + 5, 2]
        self.clear(columns=True)
        self.add_column("Objective", width=title_width(width, fixed), key="title")
        if owner_width:
            self.add_column("Owner", width=owner_width, key="owner")
        self.add_column("Score", width=bar_width + 5, key="progress")
        self.add_column("", width=2, key="status")
        cursor = 0
        for index, row in enumerate(rows):
            if row.objective is None:
                cells = [plain(row.label, "bold")] + [Text("")] * (2 + bool(owner_width))
                self.add_row(*cells, key=f"group:{row.label}:{index}")
                continue
            objective = row.objective
            score = scores[objective.id]
            title = plain("  " * row.depth + (LEARNING_MARK if objective.kind == "learning"
                                               else "") + objective.title)
            bar = Text(progress_bar(score.progress, bar_width) + " " if bar_width else "",
                       style=status_style(score.status, colours))
            bar.append(f"{score.progress:.2f}" if score.progress is not None else "  – ")
            cells = [title] + ([plain(objective.owner, "dim")] if owner_width else []) + [
                bar, status_cell(score.status, score.stale, colours, labelled=False)]
            self.add_row(*cells, key=objective.id)
            if objective.id == keep:
                cursor = index
        if rows:
            self.move_cursor(row=cursor, animate=False)

    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key is None or key.startswith("group:") else key
