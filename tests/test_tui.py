"""The app driven through Textual's pilot, on real files."""

from __future__ import annotations

import asyncio
import threading
import tomllib
from datetime import date

import pytest
from textual.widgets import DataTable, Input, Static

from okrtui.config import load_config
from okrtui.tui.app import OkrApp
from okrtui.tui.dialogs.checkin import CheckinDialog
from okrtui.tui.dialogs.confirm import ConfirmDialog
from okrtui.tui.dialogs.key_result_form import KeyResultForm
from okrtui.tui.dialogs.objective_form import ObjectiveForm
from okrtui.tui.screens.help import HelpScreen
from okrtui.tui.widgets.key_result_table import NO_KEY_RESULTS

from .tui_helpers import TODAY, example_workspace, settle

SIZE = (120, 40)


@pytest.fixture
def workspace(tmp_path):
    return example_workspace(tmp_path / "okrs")


def table(app: OkrApp, table_id: str) -> DataTable:
    return app.main.query_one(f"#{table_id}", DataTable)


def row_keys(app: OkrApp, table_id: str) -> list[str]:
    return [row.value for row in table(app, table_id).rows]


def cell_texts(app: OkrApp, table_id: str, column: int | str = 0) -> list[str]:
    """A column's texts, by index or by key (the check-ins' columns depend on the width)."""
    t = table(app, table_id)
    index = column if isinstance(column, int) else t.get_column_index(column)
    return [str(t.get_row_at(i)[index]).strip() for i in range(t.row_count)]


async def select_objective(pilot, app: OkrApp, objective_id: str) -> None:
    keys = row_keys(app, "objectives")
    table(app, "objectives").move_cursor(row=keys.index(objective_id))
    await pilot.pause()


async def test_navigation_between_panes(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert row_keys(app, "objectives")[0] == "company/2026-Q4/market-share"
        # aligned children follow their parent
        assert row_keys(app, "objectives")[1:4] == [
            "platform/2026-Q4/grow-community", "product/2026-Q4/faster-onboarding",
            "product/2026-Q4/learn-pricing"]
        assert table(app, "objectives").has_focus
        assert row_keys(app, "key-results") == ["paying-teams", "churn", "uptime"]
        await pilot.press("down")
        assert row_keys(app, "key-results") == ["stars", "contributors", "guide"]
        assert len(row_keys(app, "checkins")) == 7
        await pilot.press("right")
        assert table(app, "key-results").has_focus
        await pilot.press("down")
        assert app.main.current_key_result().id == "contributors"
        assert len(row_keys(app, "checkins")) == 3
        await pilot.press("enter")
        assert table(app, "checkins").has_focus
        await pilot.press("left", "left")
        assert table(app, "objectives").has_focus
        await pilot.press("up")
        assert app.main.current_objective().id == "company/2026-Q4/market-share"


async def test_checkin_writes_exactly_one_line_and_updates_the_panes(workspace):
    path = workspace / "platform/2026-Q4/grow-community.toml"
    before = path.read_text().splitlines(keepends=True)
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_objective(pilot, app, "platform/2026-Q4/grow-community")
        await pilot.press("c")
        assert isinstance(app.screen, CheckinDialog)
        await pilot.press(*"480", "tab", *"0.9", "tab", *"great week")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CheckinDialog)
        after = path.read_text().splitlines(keepends=True)
        added = [line for line in after if line not in before]
        assert len(after) == len(before) + 1 and len(added) == 1
        assert added[0].startswith("  { date = 2026-11-22, value = 480, confidence = 0.9, "
                                   'note = "great week", by = ')
        assert cell_texts(app, "checkins", 1)[0] == "480 stars"
        assert cell_texts(app, "checkins", "note")[0] == "great week"
        assert cell_texts(app, "key-results", 1)[0] == "480 / 500 stars"


async def test_who_checks_in_is_found_once_before_the_first_dialog(workspace, monkeypatch):
    """Without a name in the config, the author comes from `git config user.name`: a
    subprocess, run by the warm-up after the first load, not each time c is pressed."""
    import okrtui.tui.actions.editing as editing

    asked: list[object] = []
    real = editing.author_name

    def counted(config):
        asked.append(threading.current_thread().name)
        return real(config)

    monkeypatch.setattr(editing, "author_name", counted)
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        assert len(asked) == 1 and asked[0] != threading.main_thread().name
        for _ in range(2):
            await pilot.press("c")
            assert isinstance(app.screen, CheckinDialog)
            assert app.screen.author == real(app.config)
            await pilot.press("escape")
            await settle(pilot)
        assert len(asked) == 1


@pytest.mark.parametrize(("keys", "error"), [
    (["1", "2", "k"], "plain number"),
    (["5", "tab", "2"], "between 0.0 and 1.0"),
    ([], "value is required"),
])
async def test_invalid_checkin_writes_nothing_and_says_why(workspace, keys, error):
    path = workspace / "company/2026-Q4/market-share.toml"
    before = path.read_bytes()
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", *keys, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckinDialog)
        assert error in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press("escape")
        assert not isinstance(app.screen, CheckinDialog)
    assert path.read_bytes() == before


async def test_milestone_checkin(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_objective(pilot, app, "product/2026-Q4/learn-pricing")
        await pilot.press("right", "down")
        assert app.main.current_key_result().id == "pricing-decision"
        await pilot.press("c")
        app.screen.query_one("#value").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
    text = (workspace / "product/2026-Q4/learn-pricing.toml").read_text()
    assert "{ date = 2026-11-22, value = true," in text


async def test_new_objective_then_add_edit_and_delete_key_result(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, ObjectiveForm)
        await pilot.press(*"Ship v2", "tab", "tab", *"sam")
        await pilot.press("enter")
        await settle(pilot)
        path = workspace / "sam/2026-Q4/ship-v2.toml"
        assert tomllib.loads(path.read_text()) == {
            "title": "Ship v2", "period": "2026-Q4", "owner": "sam", "kind": "performance",
            "commitment": "committed"}
        assert app.main.current_objective().id == "sam/2026-Q4/ship-v2"

        await pilot.press("a")
        assert isinstance(app.screen, KeyResultForm)
        form = app.screen
        form.query_one("#title", Input).value = "Weekly active teams from 40 to 90"
        form.query_one("#start", Input).value = "40"
        form.query_one("#target", Input).value = "90"
        form.query_one("#unit", Input).value = "teams"
        await pilot.press("ctrl+s")
        await settle(pilot)
        kr = tomllib.loads(path.read_text())["key_results"][0]
        assert kr == {"id": "weekly-active-teams",
                      "title": "Weekly active teams from 40 to 90",
                      "start": 40, "target": 90, "unit": "teams", "checkins": []}
        assert row_keys(app, "key-results") == ["weekly-active-teams"]

        await pilot.press("right", "e")
        app.screen.query_one("#target", Input).value = "120"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert tomllib.loads(path.read_text())["key_results"][0]["target"] == 120

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep it: nothing changes
        await settle(pilot)
        assert "key_results" in tomllib.loads(path.read_text())
        await pilot.press("d", "y")
        await settle(pilot)
        assert "key_results" not in tomllib.loads(path.read_text())
        assert row_keys(app, "key-results") == [NO_KEY_RESULTS]  # a hint, not a key result
        assert app.main.current_key_result() is None


async def test_edit_and_delete_objective(workspace):
    path = workspace / "people/alice/2026-Q4/half-marathon.toml"
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_objective(pilot, app, "people/alice/2026-Q4/half-marathon")
        await pilot.press("e")
        title = app.screen.query_one("#title", Input)
        title.value = "Run a half marathon in under 2 hours"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = path.read_text()
        assert 'title = "Run a half marathon in under 2 hours"\n' in text
        assert text.startswith("# An example objective")  # the rest of the file is kept
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert path.exists()
        await pilot.press("d", "y")
        await settle(pilot)
        assert not path.exists()
        assert "people/alice/2026-Q4/half-marathon" not in row_keys(app, "objectives")


async def test_period_switching(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.period.label == "2026-Q4"
        await pilot.press("left_square_bracket")
        assert app.period.label == "2026-Q3"  # the quarter alice's objective rolled over from
        assert row_keys(app, "objectives") == ["people/alice/2026-Q3/half-marathon"]
        await pilot.press("left_square_bracket")
        assert app.period.label == "2026-Q2"
        assert not table(app, "objectives").display
        empty = str(app.main.query_one("#empty", Static).render())
        assert "No objectives in 2026-Q2" in empty
        await pilot.press(*["right_square_bracket"] * 3)
        assert app.period.label == "2027-Q1"
        await pilot.press("left_square_bracket")
        assert len(row_keys(app, "objectives")) == 5
        assert "2026-Q4" in app.main.sub_title


async def test_filter_and_grouping(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"product")
        assert row_keys(app, "objectives") == ["product/2026-Q4/faster-onboarding",
                                               "product/2026-Q4/learn-pricing"]
        await pilot.press("enter")
        assert table(app, "objectives").has_focus
        await pilot.press("slash", "escape")
        assert len(row_keys(app, "objectives")) == 5
        await pilot.press("g")
        assert app.grouping == "owner"
        labels = cell_texts(app, "objectives")
        assert labels[0] == "alice"
        assert "leadership" in labels


@pytest.mark.parametrize("polling", ["", "1"], ids=["events", "polling"])
async def test_live_reload_after_an_outside_edit(workspace, monkeypatch, polling):
    monkeypatch.setenv("OKRTUI_POLL", polling)  # polling: for network shares without events
    path = workspace / "company/2026-Q4/market-share.toml"
    app = OkrApp(workspace, TODAY, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_objective(pilot, app, "platform/2026-Q4/grow-community")
        await pilot.press("right", "down")
        await asyncio.sleep(0.5)  # let the watcher start
        text = path.read_text().replace("Become the default tool", "Become THE tool")
        for attempt in range(100):
            if attempt % 30 == 0:
                # written again if nothing came of it: a poller whose first look at the
                # folder came after the write (a busy machine) takes it for the start
                path.write_text(text)
            await asyncio.sleep(0.1)
            await pilot.pause()
            if cell_texts(app, "objectives")[0].startswith("Become THE tool"):
                break
        assert cell_texts(app, "objectives")[0].startswith("Become THE tool")
        # the selection survived the reload
        assert app.main.current_objective().id == "platform/2026-Q4/grow-community"
        assert app.main.current_key_result().id == "contributors"


async def test_broken_file_is_listed_and_the_rest_works(workspace):
    (workspace / "team").mkdir()
    (workspace / "team" / "broken.toml").write_text('title = "x"\nperiod = \n')
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        problems = app.main.query_one("#problems", Static)
        assert problems.display
        assert "team/broken.toml:2: error: TOML syntax" in str(problems.render())
        assert len(row_keys(app, "objectives")) == 5


async def test_empty_workspace_explains_what_to_do(tmp_path):
    app = OkrApp(tmp_path, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = str(app.main.query_one("#empty", Static).render())
        assert "Press n to add your first objective" in text
        assert "okrtui init --example" in text
        await pilot.press("c")  # nothing to check in on: a message, no crash
        assert not isinstance(app.screen, CheckinDialog)


async def test_theme_switch_is_persisted_with_comments(workspace, user_config_dir):
    config = user_config_dir / "config.toml"
    config.write_text("# my settings\nname = \"dana\"  # me\n")
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "okrtui-dark"
        app.theme = "okrtui-light"
        await pilot.pause()
        await pilot.pause()
    assert load_config(config).theme == "okrtui-light"
    assert config.read_text().startswith("# my settings\nname = \"dana\"  # me\n")
    again = OkrApp(workspace, TODAY, watch=False)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "okrtui-light"
        again.theme = "okrtui-dark"  # and back again
        await pilot.pause()
        await pilot.pause()
    assert load_config(config).theme == "okrtui-dark"


async def test_broken_user_theme_is_reported_and_skipped(workspace, user_config_dir):
    themes = user_config_dir / "themes"
    themes.mkdir()
    (themes / "bad.toml").write_text('name = "bad"\nprimary = "not-a-colour"\n')
    (themes / "mine.toml").write_text('name = "mine"\nprimary = "#ff0000"\n')
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "mine" in app.available_themes and "bad" not in app.available_themes
        messages = [n.message for n in app._notifications]
        assert any("bad.toml" in m and "not a colour" in m for m in messages)


async def test_keymap_from_config_remaps_keys(workspace, user_config_dir):
    config = user_config_dir / "config.toml"
    config.write_text('[keymap]\ncheckin = "k"\n')
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("k")
        assert isinstance(app.screen, CheckinDialog)


async def test_help_lists_every_binding(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=(120, 90)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.export_screenshot().replace("&#160;", " ")
        for binding_id in ["checkin", "objective.new", "period.previous", "filter", "group",
                           "open-editor", "objective.edit", "key-result.delete", "quit",
                           "app.suspend"]:
            assert binding_id in text
        assert "Escape, q or ? closes" in text  # how to get out, said where one looks
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_file_text_is_shown_not_interpreted(tmp_path):
    (tmp_path / "odd.toml").write_text(
        'title = "[bold red]not markup[/] \\u001b[31mnot red"\nperiod = "2026-Q4"\n'
        '[[key_results]]\nid = "k"\ntitle = "[link=x]KR[/link]"\nstart = 0\ntarget = 1\n'
        'checkins = [{ date = 2026-11-01, value = 0.5, note = "[i]n[/i] \\u001b]0;x\\u0007" }]\n')
    app = OkrApp(tmp_path, date(2026, 11, 22), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        title = cell_texts(app, "objectives")[0]
        assert title.startswith("[bold red]not markup[/] \\x1b[31m")
        assert cell_texts(app, "key-results")[0] == "[link=x]KR[/link]"
        assert cell_texts(app, "checkins", "note")[0] == "[i]n[/i] \\x1b]0;x\\x07"


async def test_command_palette_switches_period_jumps_and_themes(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Period: all")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.period is None
        assert "all periods" in app.main.sub_title
        await pilot.press("ctrl+p", *"half marathon 2026-Q4")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.current_objective().id == "people/alice/2026-Q4/half-marathon"
        await pilot.press("ctrl+p", *"Theme: okrtui-nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "okrtui-nord"


async def test_editor_key_without_a_real_terminal_explains_instead_of_crashing(workspace):
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("cannot hand over to an editor" in m for m in messages)


async def test_edit_and_delete_a_checkin(workspace):
    path = workspace / "platform/2026-Q4/grow-community.toml"
    app = OkrApp(workspace, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_objective(pilot, app, "platform/2026-Q4/grow-community")
        await pilot.press("right", "enter")  # into the check-ins of "stars"
        assert table(app, "checkins").has_focus
        newest = cell_texts(app, "checkins", 1)[0]
        await pilot.press("e")
        assert isinstance(app.screen, CheckinDialog)
        value = app.screen.query_one("#value", Input)
        assert f"{value.value} stars" == newest  # the dialog starts from the check-in
        value.value = "299"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert cell_texts(app, "checkins", 1)[0] == "299 stars"
        lines = path.read_text().splitlines()
        assert sum("value = 299" in line for line in lines) == 1
        count = len(row_keys(app, "checkins"))
        app.main.query_one("#checkins", DataTable).focus()
        await pilot.press("d", "y")
        await settle(pilot)
        assert len(row_keys(app, "checkins")) == count - 1
        assert "value = 299" not in path.read_text()
        assert len(path.read_text().splitlines()) == len(lines) - 1


async def test_an_app_left_open_moves_to_the_new_day(workspace):
    from datetime import timedelta

    yesterday = date.today() - timedelta(days=1)
    app = OkrApp(workspace, yesterday, watch=False, follow_clock=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app._check_the_date()  # what the once-a-minute timer does
        await settle(pilot)
        assert app.today == date.today()
        assert app.period is not None and app.period.contains(date.today())
