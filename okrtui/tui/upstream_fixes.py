"""Textual bugs okrtui works around, each with its upstream issue: drop a fix once the
Textual okrtui requires has its own (a test fails once a fix no longer applies)."""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

#: The upstream issues whose fix was applied to the Textual installed.
APPLIED: set[str] = set()


def apply() -> None:
    """Apply every fix; applying them again changes nothing."""
    _key_inner_outer_by_colours()


def _key_inner_outer_by_colours() -> None:
    """textual#6665: ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method, so its
    keys hold up to 1,024 StylesCache objects, with the lines they rendered, of widgets long
    removed: 0.9 MB for each dialog opened and closed (20 dialogs: +13 MiB of peak memory,
    and quitting after them took 128 ms instead of 54, measured). What it computes depends
    on the two colours alone: they are the key here."""
    cached = StylesCache.get_inner_outer
    compute = getattr(cached, "__wrapped__", None)
    if compute is None:  # not an lru_cache (any more), or fixed here already
        return

    @lru_cache(1024)
    def by_colours(base_background: Color, background: Color) -> tuple[Style, Style]:
        result: tuple[Style, Style] = compute(None, base_background, background)
        return result

    def get_inner_outer(self: StylesCache, base_background: Color,
                        background: Color) -> tuple[Style, Style]:
        return by_colours(base_background, background)

    StylesCache.get_inner_outer = get_inner_outer  # type: ignore[method-assign]
    cached.cache_clear()  # let go of what it holds already
    APPLIED.add("textual#6665")
