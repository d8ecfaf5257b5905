"""The panes that follow a key change before the next frame is painted, and nothing that
did not change is built again: what keeps a key press to one frame (see bench/run.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

import okrtui.tui.app
import okrtui.tui.idle_gc
from okrtui.tui.app import OkrApp
from okrtui.tui.widgets.checkin_table import CheckinTable
from okrtui.tui.widgets.key_result_table import KeyResultTable
from okrtui.tui.widgets.objective_table import ObjectiveTable

from .tui_helpers import TODAY, example_workspace, settle

SIZE = (120, 40)


@pytest.fixture
def workspace(tmp_path):
    return example_workspace(tmp_path / "okrs")


def keys_of(table) -> list[str]:
    return [row.value for row in table.rows]


async def test_a_cursor_move_updates_the_other_panes_at_once(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        objectives = app.main.query_one(ObjectiveTable)
        krs = app.main.query_one(KeyResultTable)
        first = app.workspace.by_id[objectives.selected_key()]
        objectives.action_cursor_down()  # no await: no message, no frame in between
        second = app.workspace.by_id[objectives.selected_key()]
        assert second is not first
        assert keys_of(krs) == [kr.id for kr in second.key_results]
        checkins = app.main.query_one(CheckinTable)
        kr = second.key_results[0]
        assert len(keys_of(checkins)) == len(kr.checkins)


async def test_key_results_cursor_updates_the_check_ins_at_once(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        objective = app.main.current_objective()
        assert len(objective.key_results) > 1
        krs = app.main.query_one(KeyResultTable)
        krs.action_cursor_down()
        assert app.main.current_key_result() is objective.key_results[1]
        assert app.main.query_one("#checkins").border_title.endswith(
            objective.key_results[1].id)


async def test_new_rows_are_measured_before_the_next_frame(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        checkins = app.main.query_one(CheckinTable)
        krs = [kr for o in app.workspace.objectives for kr in o.key_results]
        fewest = min(krs, key=lambda kr: len(kr.checkins))
        most = max(krs, key=lambda kr: len(kr.checkins))
        assert len(most.checkins) > len(fewest.checkins)
        for kr in (fewest, most):
            checkins.show(kr, TODAY)
            # the virtual size (scrollbar) is right now, not once the table is next idle
            assert checkins.virtual_size.height == checkins.row_count + checkins.header_height


async def test_a_filter_letter_filters_at_once_and_keeps_unchanged_rows(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        objectives = app.main.query_one(ObjectiveTable)
        before = keys_of(objectives)
        cells = [objectives.get_row_at(i)[0] for i in range(objectives.row_count)]
        krs = app.main.query_one(KeyResultTable)
        kr_cell = krs.get_row_at(0)[0]
        await pilot.press("slash")
        field = app.main.query_one("#filter", Input)
        field.value = " "  # matches everything: the very same rows stay
        assert keys_of(objectives) == before
        assert all(objectives.get_row_at(i)[0] is cell for i, cell in enumerate(cells))
        assert krs.get_row_at(0)[0] is kr_cell  # the same objective: its panes not rebuilt
        field.value = "zzz-no-such-objective"  # no await: filtered now
        assert objectives.row_count == 0 or not objectives.display
        field.value = "pricing"
        assert keys_of(objectives) == ["product/2026-Q4/learn-pricing"]
        assert "filter: pricing" in app.main.query_one("#objectives-pane").border_title


async def test_a_slash_in_the_filter_is_typed_not_a_new_filter(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"platform", "slash", *"2026")
        assert app.main.query_one("#filter", Input).value == "platform/2026"
        assert keys_of(app.main.query_one(ObjectiveTable)) == [
            "platform/2026-Q4/grow-community"]


async def test_the_keys_line_changes_with_the_focus_at_once(workspace):
    from okrtui.tui.widgets.key_bar import KeyBar

    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.main.query_one(KeyBar)
        shown = [key.key for key in bar.keys]
        assert {"c", "e", "q"} <= set(shown)
        app.main.action_filter()  # no await: the keys line follows before the next frame
        # in the filter, letters are typed: their keys are not shown as if they worked
        assert not {"c", "e", "q"} & {key.key for key in bar.keys}
        await pilot.press("escape")
        assert [key.key for key in bar.keys] == shown


async def test_a_click_on_a_key_in_the_keys_line_presses_it(workspace):
    from okrtui.tui.dialogs.checkin import CheckinDialog
    from okrtui.tui.widgets.key_bar import KeyBar

    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.main.query_one(KeyBar)
        line = bar.render().plain
        await pilot.click(KeyBar, offset=(line.index(" c Check in") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, CheckinDialog)


async def test_the_other_periods_load_once_the_shown_one_is_on_screen(workspace):
    """Building the rest of a folder of years while the app painted its first part held
    the interpreter lock: the shown period came ~100 ms later."""
    older = workspace / "archive" / "old.toml"
    older.parent.mkdir()
    older.write_text('title = "Last year"\nperiod = "2025"\n')
    arrived = []

    class Watched(OkrApp):
        CSS_PATH = str(Path(okrtui.tui.app.__file__).with_name("app.tcss"))

        def on_workspace_loaded(self, message):
            earlier = [m.painted.is_set() for m in arrived]
            arrived.append(message)
            assert all(earlier), "the rest of the folder came before the first was shown"
            super().on_workspace_loaded(message)

    app = Watched(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [bool(m.workspace.left_out) for m in arrived] == [True, False]
        assert app.workspace.left_out == 0 and "archive/old" in app.workspace.by_id


async def test_only_the_objectives_drawn_are_scored(tmp_path):
    """Of 500 objectives in a period the screen shows about twenty: scoring them all took
    45 ms of the launch."""
    from okrtui.core.scoring import score_objective

    root = tmp_path / "okrs"
    (root / "team").mkdir(parents=True)
    (root / "okrtui.toml").write_text("")
    for n in range(80):
        (root / "team" / f"o{n:02d}.toml").write_text(
            f'title = "Objective {n:02d}"\nperiod = "2026-Q4"\n\n[[key_results]]\nid = "k"\n'
            f'title = "Users from 0 to 10"\nstart = 0\ntarget = 10\n'
            f'checkins = [{{ date = 2026-11-02, value = {n % 10} }}]\n')
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        scored = set(dict(app.scores))
        assert 5 < len(scored) < 40
        table = app.main.query_one(ObjectiveTable)
        last = table.row_count - 1
        table.move_cursor(row=last)
        await settle(pilot)
        oid = table.selected_key()
        assert oid not in scored and oid in dict(app.scores)
        expected = score_objective(app.workspace.by_id[oid], TODAY)
        assert f"{expected.progress:.2f}" in str(table.get_row_at(last)[0])


async def test_a_statement_of_the_same_height_lays_nothing_out(tmp_path):
    """A layout costs every pane a second frame and the scrollbars a third (40 ms of a
    cursor move on 500 objectives): only a statement of another height needs one."""
    root = tmp_path / "okrs"
    (root / "team").mkdir(parents=True)
    (root / "okrtui.toml").write_text("")
    kr = '\n[[key_results]]\nid = "k"\ntitle = "Users from 0 to 10"\nstart = 0\ntarget = 10\n'
    for name, extra in (("a", ""), ("b", ""), ("c", 'description = """one\ntwo\nthree"""\n')):
        (root / "team" / f"{name}.toml").write_text(
            f'title = "Teams love {name}{", and say so" * 8}"\nperiod = "2026-Q4"\n'
            f'{extra}{kr}')  # a statement wrapped on two lines
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        layouts = []
        app.main.screen_layout_refresh_signal.subscribe(app.main, layouts.append)
        statement = app.main.query_one("#statement")
        table = app.main.query_one(ObjectiveTable)
        assert table.selected_key() == "team/a"
        height = statement.size.height
        assert height == 2
        await pilot.press("down")
        await settle(pilot)
        assert table.selected_key() == "team/b" and statement.size.height == height
        assert "teams love b" in str(statement.render())
        assert layouts == []
        await pilot.press("down")
        await settle(pilot)
        assert statement.size.height > height and layouts


async def test_back_from_an_empty_period_no_row_is_built_again(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.main.query_one(ObjectiveTable)
        rows = list(table.rows.values())  # a rebuilt table has new Row objects
        for _ in range(2):
            await pilot.press("right_square_bracket")  # 2027-Q1: nothing planned yet
        await settle(pilot)
        assert not table.display and app.main.current_objective() is None
        assert app.main.current_key_result() is None
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert table.display
        assert all(a is b for a, b in zip(table.rows.values(), rows, strict=True))
        assert app.main.current_objective() is not None


async def test_the_panes_are_filled_at_once_not_row_by_row(workspace, monkeypatch):
    """DataTable.add_row sets the cursor reactive and checks for idle on every row."""
    from textual.widgets import DataTable

    one_by_one: list[str] = []
    add_row = DataTable.add_row

    def counted(table, *cells, **options):
        one_by_one.append(type(table).__name__)
        return add_row(table, *cells, **options)

    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(DataTable, "add_row", counted)
        table = app.main.query_one(ObjectiveTable)
        rows = len(table.rows)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await pilot.press("down")  # the key results and check-ins of the next objective
        await settle(pilot)
        assert len(table.rows) == rows > 3
        assert app.main.query_one(KeyResultTable).rows
        assert app.main.query_one(CheckinTable).rows
        assert one_by_one == []


async def test_a_period_switch_repaints_the_panes_not_the_whole_screen(workspace):
    """The header's period is shown without setting the screen's sub_title reactive, which
    would repaint every cell of the screen (~35 ms on 120x40, profiled)."""
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        period = app.period
        app.action_step_period(-1)
        assert app.period != period
        assert not app.main._repaint_required
        await settle(pilot)
        assert app.period.label in str(app.main.query_one("HeaderTitle").render())


async def test_a_table_keeps_its_style_only_until_the_theme_changes(workspace):
    from textual.dom import DOMNode

    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.main.query_one(CheckinTable)
        before = table.rich_style
        assert before == DOMNode.rich_style.fget(table)
        app.theme = next(name for name in ("textual-light", "solarized-light")
                         if name in app.available_themes and name != app.theme)
        await settle(pilot)
        assert table.rich_style == DOMNode.rich_style.fget(table)
        assert table.rich_style != before


async def test_the_chart_follows_the_panes_once_for_where_the_cursor_stops(workspace):
    """Three key results passed in one go draw one chart, the last one's, after the frame
    that shows the tables."""
    from okrtui.tui.widgets.kr_chart import KRChart

    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chart = app.main.query_one(KRChart)
        plot = chart.query_one("#chart-plot")
        drawn = plot._version
        objectives = app.main.query_one(ObjectiveTable)
        for _ in range(3):
            objectives.action_cursor_down()  # no await: no frame in between
        assert plot._version == drawn  # the tables first
        await settle(pilot)
        assert plot._version == drawn + 1
        kr = app.main.current_key_result()
        assert chart._drawn[0] is kr


async def test_a_chart_about_to_be_replaced_is_not_built_again_for_a_new_size(workspace):
    """The panes laid out again in a key press give the chart a new size in the frame before
    its new plot: the old one is shown cut to fit, not built again; then the new plot, or
    the old one fitted again, at the size the chart has."""
    from textual_plotext import PlotextPlot

    from okrtui.tui.widgets.kr_chart import KRChart

    builds: list[object] = []

    class Counted(PlotextPlot):
        def render(self):
            builds.append(self.size)
            return super().render()

    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chart = app.main.query_one(KRChart)
        plot = chart.query_one("#chart-plot")
        plot.__class__ = type("CountedPlot", (type(plot), Counted), {})
        old_size = plot.size
        plot.hold()
        await pilot.resize_terminal(SIZE[0] - 10, SIZE[1] - 4)
        await settle(pilot)
        assert plot.size != old_size and builds == []
        plot.release()
        await settle(pilot)
        assert builds == [plot.size]

        # a draw scheduled, then called off (the cursor back where it was): fitted again
        builds.clear()
        drawn = chart._drawn
        kr, objective, today = drawn
        chart.show(None, None, today)
        chart.show(kr, objective, today)
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert chart._drawn is drawn
        assert builds == [plot.size] and plot.size == old_size


async def test_the_rest_of_the_folder_arriving_rebuilds_no_pane(workspace):
    """The whole folder follows the period shown first, with a scorebook that took over the
    first one's scores: the same objectives on screen are not built again."""
    from okrtui.core.scorebook import Scorebook

    older = workspace / "archive" / "old.toml"
    older.parent.mkdir()
    older.write_text('title = "Last year"\nperiod = "2025"\n')
    tables: dict[str, list[object]] = {"objectives": [], "key results": []}

    class Watched(OkrApp):
        CSS_PATH = str(Path(okrtui.tui.app.__file__).with_name("app.tcss"))

        def on_workspace_loaded(self, message):
            super().on_workspace_loaded(message)
            assert isinstance(message.scores, Scorebook)
            tables["objectives"].append(list(self.main.query_one(ObjectiveTable).rows.values()))
            tables["key results"].append(list(self.main.query_one(KeyResultTable).rows.values()))

    app = Watched(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "archive/old" in app.workspace.by_id  # both steps came
        for name, shown in tables.items():
            first, second = shown
            assert first and all(a is b for a, b in zip(first, second, strict=True)), name


def test_the_editing_code_is_imported_after_the_folder_is_shown(tmp_path):
    """Not at launch (before the first paint), and not by the first key that needs it."""
    import subprocess
    import sys

    example_workspace(tmp_path / "okrs")
    code = f"""
import asyncio, sys
from datetime import date
from pathlib import Path
from okrtui.tui.app import OkrApp

async def main():
    app = OkrApp(Path({str(tmp_path / "okrs")!r}), date.fromisoformat({str(TODAY)!r}),
                 watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        print("at launch", "okrtui.core.edits" in sys.modules)
        for _ in range(100):
            await pilot.pause(0.05)
            if "okrtui.tui.dialogs.checkin" in sys.modules:
                break
        print("later", "okrtui.core.edits" in sys.modules,
              "okrtui.tui.dialogs.checkin" in sys.modules)

asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[:2] == ["at launch False", "later True True"]


async def test_reloads_leave_no_garbage_frozen(workspace, monkeypatch):
    """Each load freezes what is alive (the workspace, so that the collector never walks
    it); the tables' old rows, in Textual's reference cycles, become garbage after that.
    A while after the load the frozen are collected again, so nothing piles up."""
    import gc

    monkeypatch.setattr(okrtui.tui.idle_gc, "COMPACT_AFTER", 0.05)
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        frozen = []
        for _ in range(3):
            for _ in range(5):
                app.reload()
                await settle(pilot)
            await pilot.pause(0.3)
            frozen.append(gc.get_freeze_count())
        assert frozen[2] <= frozen[0] + 200, frozen
