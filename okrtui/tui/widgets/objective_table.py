"""Left pane: the objectives of the period, aligned under their parents."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from okrtui.core.model import Objective
from okrtui.core.outline import OutlineRow
from okrtui.core.scorebook import Scorebook
from okrtui.core.scoring import ObjectiveScore
from okrtui.present import printable, progress_bar
from okrtui.tui.widgets.cells import LazyText, plain, status_cell, status_style, truncate
from okrtui.tui.widgets.resizing_table import ResizingTable, replaces_rows

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

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rows: list[OutlineRow] | None = None
        # what the cells were built with: scores (the very object), colours and width
        self._built_with: tuple[dict[str, ObjectiveScore], dict[str, str], int] | None = None
        self._cells: dict[str, tuple[Objective, int, LazyText]] = {}

    def _built_alike(self, scores: dict[str, ObjectiveScore], colours: dict[str, str],
                     width: int) -> bool:
        if self._built_with is None:
            return False
        built_scores, built_colours, built_width = self._built_with
        return (same_scores(built_scores, scores) and built_colours == colours
                and built_width == width)

    def _showing(self, rows: list[OutlineRow]) -> bool:
        """Whether these rows are already shown: the same objects at the same places."""
        shown = self._rows
        return shown is not None and len(shown) == len(rows) and all(
            a.objective is b.objective and a.label == b.label and a.depth == b.depth
            for a, b in zip(shown, rows, strict=True))

    @replaces_rows
    def show(self, rows: list[OutlineRow], scores: dict[str, ObjectiveScore],
             colours: dict[str, str], keep: str | None) -> None:
        """Replace the rows, keeping the cursor on ``keep`` when it is still shown.

        Each objective takes two lines: its title, then progress, score, status and owner,
        so that titles stay readable in a narrow pane."""
        width = max(20, (self.lay_out_for_width() or 48) - 3)
        alike = self._built_alike(scores, colours, width)
        if not alike:
            self._cells.clear()
        self._built_with = (scores, dict(colours), width)  # alike: the newer of the two
        if alike and self._showing(rows):
            # a filter letter that leaves the same rows: 500 rows are not built again
            keys = [row.objective.id if row.objective else None for row in rows]
            if keep in keys:
                self.move_cursor(row=keys.index(keep), animate=False)
            return
        self._rows = rows
        self.clear(columns=True)
        self.show_header = False
        self.add_column("Objective", width=width, key="objective")
        cursor = 0
        added: list[tuple[tuple[Text | LazyText], str, int]] = []
        for index, row in enumerate(rows):
            if row.objective is None:
                added.append(((plain(truncate(row.label, width), "bold"),),
                              f"group:{row.label}:{index}", 1))
                continue
            added.append(((self._cell(row, scores, colours, width),), row.objective.id, 2))
            if row.objective.id == keep:
                cursor = index
        self.add_rows_at_once(added)
        if rows:
            self.move_cursor(row=cursor, animate=False)

    def _cell(self, row: OutlineRow, scores: dict[str, ObjectiveScore],
              colours: dict[str, str], width: int) -> LazyText:
        """The objective's two lines; kept while its object and depth stay the same, so that
        switching back to a period of 500 objectives does not build 500 cells again."""
        objective = row.objective
        assert objective is not None
        kept = self._cells.get(objective.id)
        if kept is not None and kept[0] is objective and kept[1] == row.depth:
            return kept[2]
        cell = LazyText(lambda: self._lines(objective, row.depth, scores, colours, width))
        self._cells[objective.id] = (objective, row.depth, cell)
        return cell

    @staticmethod
    def _lines(objective: Objective, depth: int, scores: dict[str, ObjectiveScore],
               colours: dict[str, str], width: int) -> Text:
        indent = "  " * depth
        marker = LEARNING_MARK if objective.kind == "learning" else ""
        cell = plain(truncate(indent + marker + printable(objective.title), width))
        cell.append("\n" + indent + "  ")
        score = scores[objective.id]
        if not objective.key_results:
            cell.append("no key results yet (a adds one)", style="dim italic")
        else:
            colour = status_style(score.status, colours)
            cell.append(progress_bar(score.progress, 6), style=colour)
            cell.append(" –   " if score.progress is None else f" {score.progress:.2f} ")
            cell.append_text(status_cell(score.status, score.stale, colours, label=score.label))
            if objective.owner:
                cell.append(" · ", style="dim")
                cell.append(printable(objective.owner), style="dim")
        return cell

    def selected_key(self) -> str | None:
        """The objective under the cursor; None when the table is hidden (an empty period
        or filter keeps the rows of the last one, hidden)."""
        if not self.row_count or not self.display:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key is None or key.startswith("group:") else key


def same_scores(old: dict[str, ObjectiveScore], new: dict[str, ObjectiveScore]) -> bool:
    """Whether ``new`` scores every objective that both hold as ``old`` does: the same book,
    or one that took over from it (the whole folder loaded after the period shown first)."""
    return new is old or (isinstance(new, Scorebook) and new.scores_alike(old))
