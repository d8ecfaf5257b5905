"""SVG snapshots of the OKR cycle's screens, dark and light: the dashboard, the review form
and a learning goal's log. Update with: pytest -n 0 tests/test_snapshots_cycle.py
--snapshot-update, then look at the SVGs."""

from __future__ import annotations

from datetime import date

import pytest

from okrtui.tui.app import OkrApp

from .test_snapshots import THEMES, _ready
from .tui_helpers import TODAY, example_workspace, fixed_workspace


def _app(name: str, theme: str, today: date = TODAY) -> OkrApp:
    root = fixed_workspace(name)
    example_workspace(root)
    return OkrApp(root, today, watch=False, theme=theme)


@pytest.mark.parametrize("theme", THEMES)
def test_dashboard(snap_compare, theme):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("D")
        await pilot.pause()

    assert snap_compare(_app("dashboard", theme), terminal_size=(120, 40),
                        run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_review_form(snap_compare, theme):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("n")  # not now to the roll-over offer of the new quarter
        await pilot.press("left_square_bracket")
        await _ready(pilot)
        await pilot.press("down", "r", *"HN launch", "tab", *"docs first")
        await pilot.pause()

    assert snap_compare(_app("review", theme, date(2027, 1, 4)), terminal_size=(120, 40),
                        run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_learning_log(snap_compare, theme):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("down", "down", "down")
        await _ready(pilot)

    assert snap_compare(_app("learning", theme), terminal_size=(120, 40),
                        run_before=run_before)
