"""The workarounds for Textual bugs still apply to the Textual installed, and work."""

from __future__ import annotations

import gc

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

from okrtui.tui import upstream_fixes
from okrtui.tui.app import OkrApp

from .tui_helpers import TODAY, example_workspace, settle


def styles_caches() -> int:
    gc.unfreeze()  # the app freezes what a load leaves alive
    gc.collect()
    return sum(isinstance(o, StylesCache) for o in gc.get_objects())


async def test_dialogs_opened_and_closed_leave_no_styles_caches_behind(tmp_path):
    """textual#6665: each closed dialog's widgets stayed in memory, 0.9 MB a dialog."""
    app = OkrApp(example_workspace(tmp_path / "okrs"), TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        async def dialogs(count: int) -> None:
            for _ in range(count):
                await pilot.press("c")
                await pilot.pause(0.05)
                assert type(app.screen).__name__ == "CheckinDialog"
                await pilot.press("escape")
                await pilot.pause(0.05)

        await dialogs(2)
        before = styles_caches()
        await dialogs(10)
        assert styles_caches() - before <= 3  # 13 widgets a dialog: 130 without the fix


def test_the_fix_applies_to_this_textual_and_computes_what_textual_does():
    upstream_fixes.apply()
    upstream_fixes.apply()  # twice changes nothing
    # fails once Textual has its own fix: then drop this one
    assert upstream_fixes.APPLIED == {"textual#6665"}
    assert not hasattr(StylesCache.get_inner_outer, "__wrapped__")  # patched, once
    base, background = Color(10, 20, 30), Color(200, 100, 0, 0.5)
    inner, outer = StylesCache().get_inner_outer(base, background)
    assert (inner, outer) == (Style(background=base + background),
                              Style(background=base))
