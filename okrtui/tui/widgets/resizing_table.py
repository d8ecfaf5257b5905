"""The table behind the three panes: DataTable, sized to its pane, following the cursor
at once, and drawing its cells the quick way (``cell_lines``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import zip_longest
from typing import Any, Concatenate, ParamSpec, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import DuplicateKey, Row, RowKey

from okrtui.tui.widgets.cell_lines import text_lines
from okrtui.tui.widgets.cells import LazyText

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


def free_now(cache: LRUCache[Any, Any]) -> None:
    """Empty ``cache`` so that what it held is freed at once. LRUCache links its entries
    in a ring, so a cleared one is left to the cyclic garbage collector: on a period
    switch, some 4,000 segments, strips and lines a press, collected in a full collection
    every few presses that paused one of them for ~9 ms (profiled on 8 quarters)."""
    for entry in getattr(cache, "_cache", {}).values():
        entry.clear()  # [previous, next, key, value]: the ring broken
    cache.clear()


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
        # a cell's segments before the table's styles, by (row, column, width, update count):
        # the cursor moving over a row changes its styles, not its text
        self._cell_segments: LRUCache[tuple[RowKey, int, int, int], list[list[Segment]]] = \
            LRUCache(2000)
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

    def add_rows_at_once(self, rows: Sequence[tuple[Sequence[Any], str, int]]) -> None:
        """``add_row(*cells, key=key, height=height)`` for each of ``rows``, with DataTable's
        bookkeeping done once for them all: its ``add_row`` sets the cursor reactive and
        checks for idle on every row (505 rows: 4.4 -> 0.8 ms, measured, of a period
        switch's ~30). A test compares the table with one filled by ``add_row``."""
        columns = self.ordered_columns
        start = self.row_count
        for offset, (cells, key, height) in enumerate(rows):
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            self._row_locations[row_key] = start + offset
            self._data[row_key] = {
                column.key: cell for column, cell in zip_longest(columns, cells)}
            self.rows[row_key] = Row(row_key, height, None, False)
            self._new_rows.add(row_key)
        if not rows:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if start == 0 and columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # a cell to highlight now, where there was none
        self._update_count += len(rows)
        self.check_idle()

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

    # Drawing. DataTable draws a cell through rich's Styled(Padding(cell)): ~24 µs of
    # generators and option copies for one line of text (profiled), and it looks up the
    # styles of row labels and fixed columns for every line, which these tables never have.
    # The two methods below give the same segments (a test compares them with DataTable's
    # own on every pane) for the rows these tables hold: a third less time to draw a pane
    # anew, as on a period switch. Anything else is left to DataTable.

    def _draws_plain_rows(self) -> bool:
        return (self.cursor_type == "row" and not self.fixed_rows and not self.fixed_columns
                and not (self._labelled_row_exists and self.show_row_labels))

    def _clear_caches(self) -> None:
        for cache in (self._row_render_cache, self._cell_render_cache, self._line_cache,
                      self._row_renderable_cache, self._offset_cache,
                      self._ordered_row_cache, self._cell_segments):
            free_now(cache)
        super()._clear_caches()

    def _render_line_in_row(self, row_key: RowKey, line_no: int, base_style: Style,
                            cursor_location: Coordinate, hover_location: Coordinate
                            ) -> tuple[list[list[Segment]], list[list[Segment]]]:
        if not self._draws_plain_rows():
            return super()._render_line_in_row(row_key, line_no, base_style, cursor_location,
                                               hover_location)
        cache_key = (row_key, line_no, base_style, cursor_location, hover_location,
                     self.cursor_type, self.show_cursor, self._show_hover_cursor,
                     self._update_count, self._pseudo_class_state)
        drawn = self._row_render_cache.get(cache_key)
        if drawn is not None:
            return drawn
        row_index = self._row_locations.get(row_key) if row_key in self._row_locations else -1
        row_style = self._get_row_style(row_index, base_style)
        cursor = cursor_location.row == row_index
        hover = hover_location.row == row_index
        cells: list[list[Segment]] = []
        table_width = self._row_label_column_width
        for column_index, column in enumerate(self.ordered_columns):
            width = column.get_render_width(self)
            table_width += width
            cells.append(self._render_cell(row_index, column_index, row_style, width,
                                           cursor=cursor, hover=hover)[line_no])
        # the row's style carried to the table's right edge
        extend_style, _ = self._get_styles_to_render_cell(
            row_index == -1, False, False, hover, cursor, self.show_cursor,
            self._show_hover_cursor, False, False)
        extend_style = row_style + extend_style + Style.from_meta(
            {"row": row_index, "column": 0, "out_of_bounds": True})
        cells.append([Segment(" " * max(0, self.size.width - table_width), extend_style)])
        drawn = ([], cells)
        self._row_render_cache[cache_key] = drawn
        return drawn

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> list[list[Segment]]:
        if row_index < 0 or column_index < 0 or not self._draws_plain_rows():
            return super()._render_cell(row_index, column_index, base_style, width, cursor,
                                        hover)
        row_key = self._row_locations.get_key(row_index)
        cache_key = (row_key, self._column_locations.get_key(column_index), base_style,
                     cursor, hover, self._show_hover_cursor, self._update_count,
                     self._pseudo_class_state)
        drawn = self._cell_render_cache.get(cache_key)
        if drawn is not None:
            return drawn
        lines = self._cell_lines(row_key, row_index, column_index, width)
        if lines is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor,
                                        hover)
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
        style = base_style + Style.from_meta({"row": row_index, "column": column_index}) \
            + component_style
        drawn = [list(Segment.apply_style(line, style, post_style)) for line in lines]
        self._cell_render_cache[cache_key] = drawn
        return drawn

    def _cell_lines(self, row_key: RowKey, row_index: int, column_index: int, width: int
                    ) -> list[list[Segment]] | None:
        key = (row_key, column_index, width, self._update_count)
        lines = self._cell_segments.get(key)
        if lines is None:
            height = self.rows[row_key].height
            cell = self._get_row_renderables(row_index)[1][column_index]
            if isinstance(cell, LazyText):
                cell = cell.text
            if not isinstance(cell, Text) or height < 1:
                return None
            lines = text_lines(cell, width, height, self.cell_padding, self.app.console,
                               self.app.console_options)
            if lines is None:
                return None
            self._cell_segments[key] = lines
        return lines
