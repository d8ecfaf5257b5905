"""Rich text cells for the tables. File text always goes through ``Text`` (never markup)
and ``printable`` (never escape sequences)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.markup import escape
from textual.message import Message
from textual.widgets import DataTable

from okrtui.core.model import Status
from okrtui.present import printable

STATUS_VARIABLE = {
    Status.ON_TRACK: "okr-on-track",
    Status.AT_RISK: "okr-at-risk",
    Status.OFF_TRACK: "okr-off-track",
}


def plain(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style, no_wrap=True, overflow="ellipsis")


def markup_safe(text: str) -> str:
    """File text for the places Textual reads as markup (border titles, Static, the command
    palette): shown literally, never obeyed."""
    return escape(printable(text))


def status_style(status: Status | None, colours: dict[str, str]) -> str:
    return colours.get(STATUS_VARIABLE[status], "") if status else ""


def status_cell(status: Status | None, stale: bool, colours: dict[str, str],
                labelled: bool = True, label: str = "") -> Text:
    """``● on track`` in the status colour; ``label`` says it in other words where the
    status means something else (a learning goal, a period that is over)."""
    if status is None or label == "no check-ins yet":
        return Text(label or "–", style="dim")
    cell = Text("● ", style=status_style(status, colours))
    if labelled:
        cell.append(label or status.label, style=status_style(status, colours))
    if stale:
        cell.append(" stale" if labelled else "◌", style=colours.get("okr-stale", "dim"))
    return cell


def truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def title_width(available: int, fixed: list[int], minimum: int = 8) -> int:
    """Width left for the flexible first column when the others take ``fixed`` widths
    (each column also has one cell of padding on both sides; one cell for a scrollbar)."""
    return max(minimum, available - sum(fixed) - 2 * (len(fixed) + 1) - 1)


_P = ParamSpec("_P")
_Table = TypeVar("_Table", bound="ResizingTable")


def replaces_rows(show: Callable[Concatenate[_Table, _P], None]
                  ) -> Callable[Concatenate[_Table, _P], None]:
    """For a table's method that fills it anew: the cursor moves it makes on the way are
    not the person's, and do not call ``on_move``."""
    def filling(table: _Table, /, *args: _P.args, **kwargs: _P.kwargs) -> None:
        table._filling = True
        try:
            show(table, *args, **kwargs)
        finally:
            table._filling = False
        table.measure_rows()
    return filling


#: Where ResizingTable keeps its own style, among Textual's component styles.
_OWN_STYLE = ("-resizing-table-own-style",)


class ResizingTable(DataTable[Text]):
    """A table whose columns are sized to its width: it tells the screen when that changes.

    The scrollbar is always shown (one cell wide), so rows never shift sideways and new rows
    need no second layout pass to show or hide it.

    ``on_move`` is called as soon as the person moves the cursor, not through a message:
    the panes that follow the cursor then change in the same frame as the cursor itself,
    instead of one or two frames (16-33 ms each) later."""

    DEFAULT_CSS = """
    ResizingTable { scrollbar-size-vertical: 1; overflow-y: scroll; }
    """

    class Resized(Message):
        """The table's width changed; its rows should be laid out again."""

        def __init__(self, table: ResizingTable) -> None:
            super().__init__()
            self.table = table

    def __init__(self, on_move: Callable[[], None] | None = None, **kwargs: object) -> None:
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]
        self._laid_out_for = 0
        self._on_move = on_move
        self._filling = False

    @property
    def rich_style(self) -> Style:
        """Asked for each line drawn, and each time a walk up the DOM mixing colours (a fifth
        of drawing a table, profiled). Kept as long as Textual keeps the widget's component
        styles: until a refresh, a style change or a new theme."""
        kept = self._rich_style_cache.get(_OWN_STYLE)
        if kept is None:
            style = super().rich_style
            self._rich_style_cache[_OWN_STYLE] = kept = (style, style)
        return kept[0]

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if old != new and not self._filling and self._on_move is not None:
            self._on_move()

    def measure_rows(self) -> None:
        """Size the table for its new rows now. DataTable otherwise waits until it is idle,
        which is often after the next frame, and then lays the screen out a second time (a
        scrollbar thumb changing 16-33 ms after the rows did); and it measures every new
        cell, which our tables never need: their columns have set widths and their rows set
        heights (on 500 objectives the measuring alone took ~8 ms)."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            self._new_rows.clear()
            self._update_dimensions([])

    def move_cursor(self, **kwargs: Any) -> None:
        # measured first, DataTable scrolls the cursor into view now instead of after the
        # next frame (a scrollbar thumb moving a frame after the rows)
        self.measure_rows()
        super().move_cursor(**kwargs)

    def _usable_width(self) -> int:
        return max(0, self.outer_size.width - self.styles.gutter.width)

    def lay_out_for_width(self) -> int:
        self._laid_out_for = self._usable_width()
        return self._laid_out_for

    def needs_layout(self) -> bool:
        """Whether the rows were laid out for another width than the table has now."""
        return self._usable_width() != self._laid_out_for

    def on_resize(self, event: events.Resize) -> None:
        if self.needs_layout():
            self.post_message(self.Resized(self))
