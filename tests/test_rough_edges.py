"""The rough edges a new user hit, each with the test that failed before its fix."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from okrtui.tui.app import OkrApp

from .conftest import DATA, run_okrtui
from .tui_helpers import TODAY, example_workspace, settle


@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def okrtui(root: Path, *args: str, **kwargs):
    return run_okrtui(*args, "--dir", str(root), "--today", "2026-11-22", **kwargs)


def test_confidence_keeps_its_two_decimals(team):
    assert okrtui(team, "checkin", "grow-community:stars", "300", "-c", "0.75").returncode == 0
    line = next(ln for ln in okrtui(team, "status").stdout.splitlines() if "GitHub" in ln)
    assert "conf 0.75 " in line


def test_report_to_a_csv_file_writes_csv(team, tmp_path):
    out = tmp_path / "q4.csv"
    assert okrtui(team, "report", "-o", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and rows[0]["objective"]
    out_json = tmp_path / "q4.json"
    assert okrtui(team, "report", "-o", str(out_json)).returncode == 0
    assert out_json.read_text().startswith("{")


def test_status_shows_broken_files_relative_like_lint(team):
    (team / "broken.toml").write_text("title = \n")
    status = run_okrtui("status", "--dir", "okrs", "--today", "2026-11-22", cwd=team.parent)
    lint = run_okrtui("lint", "--dir", "okrs", cwd=team.parent)
    assert "okrs/broken.toml:1: error:" in status.stderr
    assert str(team) not in status.stderr
    assert "okrs/broken.toml:1: error:" in lint.stdout


def test_a_broken_config_is_reported_by_the_shell(team, user_config_dir):
    (user_config_dir / "config.toml").write_text("name = \n")
    result = okrtui(team, "checkin", "grow-community:stars", "300")
    assert result.returncode == 0
    assert "config.toml" in result.stderr and "using the defaults" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_editor_that_fails_is_reported(team):
    result = okrtui(team, "edit", "grow-community", env={"EDITOR": "false", "VISUAL": ""})
    assert result.returncode == 2
    assert "the editor 'false' failed (exit code 1)" in result.stderr


async def test_arrows_move_between_the_panes_as_the_readme_says(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right")
        assert app.focused.id == "key-results"
        await pilot.press("right")
        assert app.focused.id == "checkins"
        table = app.main.query_one("#checkins", DataTable)
        await pilot.press("right")
        assert app.focused.id == "checkins" and table.scroll_x == 0
        await pilot.press("left")
        assert app.focused.id == "key-results"
        await pilot.press("left")
        assert app.focused.id == "objectives"


async def test_confidence_in_the_app_keeps_its_two_decimals(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    path = root / "company/2026-Q4/market-share.toml"
    path.write_text(path.read_text().replace("confidence = 0.6", "confidence = 0.75"))
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        checkins = app.main.query_one("#checkins", DataTable)
        column = checkins.get_column_index("confidence")
        cells = [str(checkins.get_row_at(i)[column]) for i in range(checkins.row_count)]
        assert "0.75" in cells


async def test_help_lists_the_palette_and_lines_up_its_columns(tmp_path):
    from okrtui.tui.screens.help import HelpScreen

    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        groups = app.screen._groups()
        everything = [b for _, bindings in groups for b in bindings]
        assert any(b.key == "ctrl+p" for b in everything)
        assert all(b.action != "nothing" for b in everything)
        widths = {tuple(c.width for c in app.screen._table(title, bindings).columns)
                  for title, bindings in groups}
        assert len(widths) == 1  # every section has the same column widths


async def test_after_editing_a_checkin_the_cursor_stays_on_it(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right", "right", "down", "down")  # the third newest check-in
        table = app.main.query_one("#checkins", DataTable)
        position = table.selected_position()
        date_before = str(table.get_row_at(2)[0])
        await pilot.press("e")
        app.screen.query_one("#confidence").value = "0.55"
        await pilot.press("enter")
        await settle(pilot)
        assert table.cursor_row == 2 and table.selected_position() == position
        assert str(table.get_row_at(2)[0]) == date_before
        assert str(table.get_row_at(2)[table.get_column_index("confidence")]) == "0.55"


@pytest.mark.parametrize(("title", "kr_id"), [
    ("Audit findings from 12 to 3", "audit-findings"),
    ("Weekly active teams from 40 to 90", "weekly-active-teams"),
    ("Signups per month for the enterprise plan", "signups-per-month-for"),
    ("Uptime", "uptime"),
])
def test_a_generated_key_result_id_is_cut_between_words(title, kr_id):
    from okrtui.tui.dialogs.key_result_form import short_id

    assert short_id(title) == kr_id


async def test_the_key_result_form_says_when_numbers_do_not_fit_the_type(tmp_path):
    from okrtui.tui.dialogs.key_result_form import KeyResultForm

    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, KeyResultForm)
        assert form.query_one("#id").compact  # one line like the other fields
        for field, value in (("title", "Audit findings from 12 to 3"), ("start", "12"),
                             ("target", "3"), ("min", "1")):
            form.query_one(f"#{field}").value = value
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KeyResultForm)
        assert "a metric key result takes start and target: clear min" in str(
            form.query_one("#form-error").render())


async def test_the_parent_choice_shows_titles_not_ids(tmp_path):
    from textual.widgets import Select

    from okrtui.tui.dialogs.objective_form import ObjectiveForm

    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, ObjectiveForm)
        options = [str(prompt) for prompt, _ in app.screen.query_one("#parent", Select)._options]
        assert any(o.startswith("Become the default tool for small engineering") for o in options)
        assert all("/" not in o for o in options if o != "none")
        assert all(len(o) <= 56 for o in options)


@pytest.mark.parametrize("final_newline", [True, False])
def test_deleting_the_last_key_result_leaves_no_blank_line(final_newline):
    from okrtui.core import edits

    text = ('title = "T"\n\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 0\ntarget = 1\n\n'
            '[[key_results]]\nid = "b"\ntitle = "B"\ntype = "milestone"')
    text += "\n" if final_newline else ""
    new, _ = edits.apply_edit(text, edits.RemoveKeyResult("b"))
    assert new == 'title = "T"\n\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 0\n' \
                  'target = 1' + ("\n" if final_newline else "")


def test_a_checkin_table_is_indented_like_its_neighbours():
    from datetime import date

    from okrtui.core import edits

    text = ('title = "T"\n\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 0\ntarget = 9\n\n'
            '  [[key_results.checkins]]\n  date = 2026-10-01\n  value = 1\n')
    new, _ = edits.apply_edit(text, edits.AddCheckin("a", {"date": date(2026, 10, 2),
                                                           "value": 2}))
    assert new == text + "\n  [[key_results.checkins]]\n  date = 2026-10-02\n  value = 2\n"


async def test_load_errors_take_one_line_and_bang_lists_them_all(tmp_path):
    from textual.widgets import Static

    from okrtui.tui.screens.problems import ProblemsScreen

    root = example_workspace(tmp_path / "okrs")
    (root / "bad1.toml").write_text("title = \n")
    (root / "bad2.toml").write_text("x")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        problems = app.main.query_one("#problems", Static)
        assert problems.size.height == 1
        assert "2 files could not be loaded (! lists them" in str(problems.render())
        shown_keys = {key for key, active in app.screen.active_bindings.items()
                      if active.binding.show}
        assert {"question_mark", "q"} <= shown_keys
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "bad1.toml:1:" in shown and "bad2.toml:1:" in shown


@pytest.mark.parametrize("press", ["a", "n", "c"])
async def test_form_labels_fit_their_dialog(tmp_path, press):
    from textual.widgets import Label

    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(press)
        await pilot.pause()
        labels = list(app.screen.query(Label))
        assert labels
        for label in labels:
            assert label.size.height == 1, f"{label.render()!s} wraps or is cut"
