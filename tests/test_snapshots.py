"""SVG snapshots of what a person sees, on fixed data and a fixed date, in a dark and a
light theme. Update after an intended change with: pytest tests/test_snapshots.py
--snapshot-update, then look at the SVGs before committing them."""

from __future__ import annotations

import pytest

from okrtui.tui.app import OkrApp

from .tui_helpers import TODAY, example_workspace, fixed_workspace, settle

THEMES = ["okrtui-dark", "okrtui-light"]


async def _ready(pilot) -> None:
    await settle(pilot)
    await pilot.pause(0.2)  # the chart mounts after the first paint
    await settle(pilot)


def _app(name: str, theme: str, example: bool = True) -> OkrApp:
    root = fixed_workspace(name)
    if example:
        example_workspace(root)
    return OkrApp(root, TODAY, watch=False, theme=theme)


@pytest.mark.parametrize("theme", THEMES)
def test_main_screen(snap_compare, theme):
    assert snap_compare(_app("main", theme), terminal_size=(120, 40), run_before=_ready)


@pytest.mark.parametrize("theme", THEMES)
def test_main_screen_small_terminal(snap_compare, theme):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("down", "right")

    assert snap_compare(_app("small", theme), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_checkin_dialog(snap_compare, theme):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("down", "c", *"12k", "enter")
        await pilot.pause()

    assert snap_compare(_app("checkin", theme), terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_help(snap_compare, theme):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(_app("help", theme), terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_empty_workspace(snap_compare, theme):
    assert snap_compare(_app("empty", theme, example=False), terminal_size=(120, 40),
                        run_before=_ready)
