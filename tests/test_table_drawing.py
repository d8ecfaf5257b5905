"""The panes draw their cells their own quick way (ResizingTable): cell for cell, style for
style, what DataTable itself draws."""

from __future__ import annotations

import types

import pytest
from rich.console import Console
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.widgets import DataTable

from okrtui.tui.app import OkrApp
from okrtui.tui.widgets.cell_lines import text_lines
from okrtui.tui.widgets.checkin_table import CheckinTable
from okrtui.tui.widgets.key_result_table import KeyResultTable
from okrtui.tui.widgets.objective_table import ObjectiveTable

from .tui_helpers import TODAY, example_workspace, settle

GREEN = "#00ff00"


def styled(*parts: tuple[str, str], **options: object) -> Text:
    text = Text(**options)  # type: ignore[arg-type]
    for part, style in parts:
        text.append(part, style=style)
    return text


TEXTS = [
    Text(""),
    Text("short"),
    Text("exactly ten"),
    Text("a title much longer than any cell it is drawn in", no_wrap=True,
         overflow="ellipsis"),
    Text("a title much longer than any cell it is drawn in"),
    Text("bold on its own", style="bold"),
    Text("dim italic, cropped at the edge of the cell", style="dim italic", no_wrap=True),
    styled(("● ", GREEN), ("on track", GREEN), (" stale", "dim")),
    styled(("title\n", ""), ("  ▰▰▱▱ ", "red"), ("0.40", "")),
    Text("two\nlines\nand a third", no_wrap=True, overflow="ellipsis"),
    Text("日本語のとても長いタイトルです", no_wrap=True, overflow="ellipsis"),
    Text("🙂 emoji 🙂 and more 🙂", no_wrap=True, overflow="ellipsis"),
    Text("tab\tin\tthe note", no_wrap=True),
    Text("fold when told", overflow="fold"),
    Text("wraps when it may", no_wrap=False),
    Text("right", justify="right"),
    styled(("italic base ", ""), ("red span", "red"), style="italic"),
    Text("1234567890"),  # exactly the width of the widest cell's inside
    Text("trailing spaces    ", no_wrap=True),
    Text("two\nbold lines", style="bold", no_wrap=True),
    styled(("plain first line\n", ""), ("then red", "red")),
    Text("", style="bold"),
    Text("a\n\nb", no_wrap=True),
    Text("a\n", no_wrap=True),
    styled(("red\n", "red"), ("\n", ""), ("after a blank line", "")),
]


@pytest.mark.parametrize("text", TEXTS, ids=lambda text: repr(text.plain)[:20])
@pytest.mark.parametrize(("width", "height", "padding"),
                         [(12, 1, 1), (6, 1, 1), (30, 1, 1), (12, 2, 1), (30, 2, 1),
                          (8, 3, 0), (3, 1, 1)])
def test_a_cell_has_the_segments_rich_gives_it(text, width, height, padding):
    console = Console(width=120, color_system="truecolor", legacy_windows=False)
    options = console.options.update_dimensions(width, height)
    if height == 1:
        options = options.update(no_wrap=True)
    ours = text_lines(text.copy(), width, height, padding, console, options)
    if ours is None:  # wrapping text is left to DataTable
        assert text.no_wrap is False or (text.no_wrap is None and height > 1)
        return
    assert ours == console.render_lines(Padding(text.copy(), (0, padding)), options,
                                        style=None)


def drawn(table: DataTable) -> list[list[tuple[str, Style | None]]]:
    table._clear_caches()
    region = Region(0, 0, table.size.width, table.size.height)
    return [[(segment.text, segment.style) for segment in strip.simplify()]
            for strip in table.render_lines(region)]


def drawn_by_datatable(table: DataTable) -> list[list[tuple[str, Style | None]]]:
    """The same lines, drawn by DataTable's own methods."""
    for name in ("_render_line_in_row", "_render_cell"):
        setattr(table, name, types.MethodType(getattr(DataTable, name), table))
    try:
        return drawn(table)
    finally:
        for name in ("_render_line_in_row", "_render_cell"):
            delattr(table, name)


def add_awkward_objective(root) -> None:
    (root / "product" / "2026-Q4" / "awkward.toml").write_text('''\
title = "日本語のとても長いタイトル、もっと長く、もっともっと長く 🙂🙂🙂"
period = "2026-Q4"
owner = "名前"

[[key_results]]
id = "wide"
title = "Reach 🙂 in every column of a much too narrow pane, and then some more"
start = 0
target = 10
checkins = [
  { date = 2026-11-01, value = 3, note = "tab\\there and 日本語 after it", by = "ｗｉｄｅ" },
  { date = 2026-12-30, value = 5, note = "in the future" },
]
''')


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_every_pane_draws_what_datatable_draws(tmp_path, size):
    root = example_workspace(tmp_path / "okrs")
    add_awkward_objective(root)
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert "product/2026-Q4/awkward" in app.workspace.by_id
        tables = [app.main.query_one(kind)
                  for kind in (ObjectiveTable, KeyResultTable, CheckinTable)]
        compared = 0
        for keys in ([], ["down"], ["end"], ["right"], ["right", "down"], ["right"],
                     ["g"], ["down", "down"]):
            await pilot.press(*keys)
            await settle(pilot)
            for table in tables:
                assert table.row_count, type(table).__name__
                assert drawn(table) == drawn_by_datatable(table), (keys, type(table).__name__)
                compared += 1
        assert compared == 24
        for table in tables:  # what the panes do not use, drawn as DataTable draws it too
            table._show_hover_cursor = True
            table.hover_coordinate = Coordinate(min(1, table.row_count - 1), 0)
            assert drawn(table) == drawn_by_datatable(table), type(table).__name__
            table.zebra_stripes = True
            assert drawn(table) == drawn_by_datatable(table), type(table).__name__


async def test_cleared_caches_are_freed_at_once_not_by_the_cyclic_collector(tmp_path):
    """Textual's LRUCache links its entries in a ring: a cleared one was garbage for the
    cyclic collector, whose full collections then paused a key press every few."""
    import gc

    app = OkrApp(example_workspace(tmp_path / "okrs"), TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.main.query_one(KeyResultTable)
        drawn(table)
        assert len(table._cell_render_cache) > 5 and len(table._line_cache) > 2
        gc.collect()
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            table._clear_caches()
            gc.collect()
            rings = [entry for entry in gc.garbage if type(entry) is list and len(entry) == 4
                     and type(entry[0]) is list and type(entry[1]) is list]
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        assert rings == []
        assert drawn(table) == drawn_by_datatable(table)


def table_state(table: DataTable) -> tuple[object, ...]:
    locations = table._row_locations
    return (table.row_count, dict(locations._forward), dict(locations._reverse),
            {key: (row.height, row.label, row.auto_height) for key, row in table.rows.items()},
            {key: dict(cells) for key, cells in table._data.items()},
            set(table._new_rows), table._require_update_dimensions, table._update_count,
            table.cursor_coordinate)


@pytest.mark.parametrize("before", [0, 3])
@pytest.mark.parametrize("count", [0, 1, 40])
async def test_rows_added_at_once_are_rows_added_one_by_one(tmp_path, before, count):
    from textual.app import App, ComposeResult

    from okrtui.tui.widgets.resizing_table import ResizingTable

    highlighted: list[str | None] = []

    class Tables(App[None]):
        CSS = "ResizingTable { height: 12; width: 60; }"

        def compose(self) -> ComposeResult:
            yield ResizingTable(id="at-once")
            yield ResizingTable(id="one-by-one")

        def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
            highlighted.append(event.data_table.id)

    rows = [((Text(f"row {n}\nsecond line"), f"b{n}"), f"k{n}", 1 + n % 2)
            for n in range(count)]
    app = Tables()
    async with app.run_test(size=(80, 30)) as pilot:
        tables = [app.query_one("#at-once", ResizingTable),
                  app.query_one("#one-by-one", ResizingTable)]
        for table in tables:
            table.cursor_type = "row"
            table.add_columns(("a", "a"), ("b", "b"))
            for n in range(before):
                table.add_row(Text(f"before {n}"), key=f"before{n}")
        await pilot.pause()
        highlighted.clear()
        tables[0].add_rows_at_once(rows)
        for cells, key, height in rows:
            tables[1].add_row(*cells, key=key, height=height)
        assert table_state(tables[0]) == table_state(tables[1])
        await pilot.pause()
        assert sorted(highlighted, key=str) == sorted(
            ["at-once", "one-by-one"] if count and not before else [], key=str)
        app.screen.set_focus(None)  # the one with focus draws its cursor brighter
        await pilot.pause()
        if count:
            assert drawn(tables[0]) == drawn(tables[1])
        with pytest.raises(Exception, match="already exists"):
            tables[0].add_rows_at_once([((Text("again"),), "before0" if before else "k0", 1)]
                                       if before or count else [((Text("x"),), "x", 1)] * 2)
