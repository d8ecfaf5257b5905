"""The filter above the objectives (opened with /)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input


class FilterField(Input):
    """An Input that calls ``on_change`` as soon as its text changes, not through a message:
    the objectives then follow each typed letter in the same frame as the letter itself."""

    def __init__(self, on_change: Callable[[str], None], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._on_change = on_change

    def watch_value(self, value: str) -> None:
        self._on_change(value)
