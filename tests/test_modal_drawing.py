"""Modal screens draw the dimmed screen behind them their own quick way (okrtui.tui.modal):
cell for cell and style for style, what Textual's ModalScreen draws."""

from __future__ import annotations

import pytest
from textual.renderables.background_screen import BackgroundScreen
from textual.visual import Visual

from okrtui.tui.app import OkrApp
from okrtui.tui.dialogs.confirm import ConfirmDialog
from okrtui.tui.modal import Modal, dimmed

from .tui_helpers import TODAY, example_workspace, settle


def cells(strips) -> list[list[tuple[str, object]]]:
    return [[(char, segment.style) for segment in strip for char in segment.text]
            for strip in strips]


def both_ways(modal: Modal) -> tuple[list, list]:
    visual = modal._render()
    behind = visual._renderable
    assert isinstance(behind, BackgroundScreen)
    textual = Visual.to_strips(modal, visual, *modal.size, modal.visual_style)
    ours = dimmed(behind.screen, behind.color, modal.size, modal.visual_style.rich_style)
    modal._render_content()  # what the modal draws its lines from
    assert cells(modal._render_cache.lines) == cells(ours)
    return cells(textual), cells(ours)


@pytest.mark.parametrize("theme", ["okrtui-dark", "textual-light"])
@pytest.mark.parametrize("keys", [["c"], ["question_mark"], ["D"], ["right", "e"]])
async def test_a_modal_draws_the_screen_behind_as_textual_does(tmp_path, monkeypatch, theme,
                                                             keys):
    tinted = []
    textual_tint = BackgroundScreen.process_segments.__func__

    def counted(cls, segments, color):
        tinted.append(color)
        return textual_tint(cls, segments, color)

    monkeypatch.setattr(BackgroundScreen, "process_segments", classmethod(counted))
    app = OkrApp(example_workspace(tmp_path / "okrs"), TODAY, watch=False, theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, Modal), keys
        assert tinted == []  # drawn, and not by Textual's BackgroundScreen
        textual, ours = both_ways(modal)
        assert len(ours) == 40 and any(char != " " for line in ours for char, _ in line)
        assert ours == textual


async def test_a_modal_over_a_modal_dims_the_one_below(tmp_path):
    app = OkrApp(example_workspace(tmp_path / "okrs"), TODAY, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("1", "2")
        app.push_screen(ConfirmDialog("Save it anyway?"))
        await settle(pilot)
        lower = app.screen_stack[-2]
        assert isinstance(app.screen, Modal) and isinstance(lower, Modal)
        textual, ours = both_ways(app.screen)
        assert ours == textual
