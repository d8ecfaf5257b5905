"""The OKR cycle in the app: the objective read aloud, a learning goal's log, the review
form, the git history screen, and converting a learning goal. Real files, real git."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static

from okrtui.core.store import load_workspace
from okrtui.tui.app import OkrApp
from okrtui.tui.dialogs.review_form import ReviewForm
from okrtui.tui.screens.history import HistoryScreen

from .git_helpers import GIT_ENV, git, team_repo
from .tui_helpers import TODAY, example_workspace, settle

SIZE = (120, 40)


async def select(pilot, app: OkrApp, objective_id: str) -> None:
    table = app.main.query_one("#objectives", DataTable)
    keys = [row.value for row in table.rows]
    table.move_cursor(row=keys.index(objective_id))
    await pilot.pause()


def text_of(app: OkrApp, widget_id: str) -> str:
    return str(app.main.query_one(f"#{widget_id}", Static).render())


async def test_the_objective_is_read_aloud_with_its_description(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select(pilot, app, "platform/2026-Q4/grow-community")
        statement = text_of(app, "statement")
        assert statement.startswith("I will grow an engaged open-source community, as "
                                    "measured by GitHub stars from 120 to 500")


async def test_a_learning_goal_shows_its_log_instead_of_a_trend(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select(pilot, app, "product/2026-Q4/learn-pricing")
        log = app.main.query_one("#learning-log", Static)
        assert log.display and not app.main.query_one("#chart").display
        objective = app.workspace.find("learn-pricing")
        notes = sorted(((c.date, c.note) for kr in objective.key_results for c in kr.checkins
                        if c.note), reverse=True)
        assert notes and notes[0][1] in text_of(app, "learning-log")
        await select(pilot, app, "platform/2026-Q4/grow-community")
        assert not log.display and app.main.query_one("#chart").display


async def test_the_review_form_stores_the_answers(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    path = root / "platform/2026-Q4/grow-community.toml"
    before = path.read_text()
    app = OkrApp(root, date(2027, 1, 4), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # not now to the roll-over the new, empty quarter offers
        app.period = app.current_period.previous()
        await settle(pilot)
        await select(pilot, app, "platform/2026-Q4/grow-community")
        await pilot.press("r")
        assert isinstance(app.screen, ReviewForm)
        await pilot.press(*"HN launch", "tab", *"docs first", "tab", *"demos beat posts")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewForm)
        after = path.read_text()
        assert after.startswith(before)
        assert 'went_well = "HN launch"' in after and 'learned = "demos beat posts"' in after
        review = load_workspace(root, use_cache=False).find("grow-community").review
        assert review.adjust == "docs first" and review.date == date(2027, 1, 4)
        assert "Review: went well: HN launch" in text_of(app, "statement")


async def test_a_review_before_the_end_of_the_period_says_when(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        assert not isinstance(app.screen, ReviewForm)
        assert any("review it from its last day on" in n.message
                   for n in app._notifications)


async def test_history_shows_who_moved_a_target(tmp_path, monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = team_repo(tmp_path)
    path = root / "platform/2026-Q4/grow-community.toml"
    path.write_text(path.read_text().replace("target = 500", "target = 800", 1))
    git(root.parent, "commit", "-qam", "stretch", env={
        "GIT_AUTHOR_NAME": "bob", "GIT_AUTHOR_DATE": "2026-11-20T12:00:00"})
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select(pilot, app, "platform/2026-Q4/grow-community")
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][:3] == ["2026-11-20", "bob", "stars: target 500 -> 800"]
        assert rows[0][3] == "⚑ after 2026-10-01"
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_history_outside_git_says_so(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = str(app.screen.query_one("#history-message", Static).render())
        assert "not in a git repository" in message


async def test_a_learning_goal_becomes_a_performance_goal(tmp_path):
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select(pilot, app, "product/2026-Q4/learn-pricing")
        app.action_convert_to_performance()
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    objective = load_workspace(root, use_cache=False).find("learn-pricing")
    assert objective.kind == "performance" and objective.key_results[0].checkins


async def test_the_header_counts_what_is_due_and_f_shows_due_then_mine(tmp_path,
                                                                       user_config_dir):
    (user_config_dir / "config.toml").write_text('name = "alice"\n')
    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, date(2026, 11, 25), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from okrtui.core.due import due_items

        due = due_items(app.workspace.objectives, app.today, "weekly", "alice")
        assert due and f"· {len(due)} due" in app.main.sub_title
        table = app.main.query_one("#objectives", DataTable)
        everything = [row.value for row in table.rows]
        await pilot.press("f")
        await settle(pilot)
        needing = [row.value for row in table.rows]
        assert set(needing) == {item.objective.id for item in due} and len(needing) >= 1
        await pilot.press("f")
        await settle(pilot)
        mine = [row.value for row in table.rows]
        assert mine and all(app.workspace.find(oid).owner == "alice" or any(
            c.by == "alice" for kr in app.workspace.find(oid).key_results for c in kr.checkins)
            for oid in mine)
        await pilot.press("f")
        await settle(pilot)
        assert [row.value for row in table.rows] == everything


async def test_an_empty_new_period_offers_the_rollover(tmp_path):
    from okrtui.tui.dialogs.confirm import ConfirmDialog

    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, date(2027, 1, 5), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "2026-Q4 has" in app.screen.question and "2027-Q1" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        rows = [row.value for row in app.main.query_one("#objectives", DataTable).rows]
        assert "platform/2027-Q1/grow-community" in rows
        # offered once: going back and forth does not ask again
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
    moved = load_workspace(root, use_cache=False).find("platform/2027-Q1/grow-community")
    assert moved.rolled_from == "platform/2026-Q4/grow-community"


async def test_the_offer_can_be_declined(tmp_path):
    from okrtui.tui.dialogs.confirm import ConfirmDialog

    root = example_workspace(tmp_path / "okrs")
    app = OkrApp(root, date(2027, 1, 5), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        # keys go to the app again, not to the hidden filter field
        await pilot.press("left_square_bracket")
        assert app.period.label == "2026-Q4"
        assert app.main.query_one("#filter").value == ""
    assert not (root / "platform/2027-Q1").exists()
