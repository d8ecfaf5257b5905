"""Rich text cells for the tables. File text always goes through ``Text`` (never markup)
and ``printable`` (never escape sequences)."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.markup import escape

from okrtui.core.model import Status
from okrtui.present import printable

STATUS_VARIABLE = {
    Status.ON_TRACK: "okr-on-track",
    Status.AT_RISK: "okr-at-risk",
    Status.OFF_TRACK: "okr-off-track",
}


def plain(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style, no_wrap=True, overflow="ellipsis")


def markup_safe(text: str) -> str:
    """File text for the places Textual reads as markup (border titles, Static, the command
    palette): shown literally, never obeyed."""
    return escape(printable(text))


def status_style(status: Status | None, colours: dict[str, str]) -> str:
    return colours.get(STATUS_VARIABLE[status], "") if status else ""


def status_cell(status: Status | None, stale: bool, colours: dict[str, str],
                labelled: bool = True, label: str = "") -> Text:
    """``● on track`` in the status colour; ``label`` says it in other words where the
    status means something else (a learning goal, a period that is over)."""
    if status is None or label == "no check-ins yet":
        return Text(label or "–", style="dim")
    cell = Text("● ", style=status_style(status, colours))
    if labelled:
        cell.append(label or status.label, style=status_style(status, colours))
    if stale:
        cell.append(" stale" if labelled else "◌", style=colours.get("okr-stale", "dim"))
    return cell


def truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def title_width(available: int, fixed: list[int], minimum: int = 8) -> int:
    """Width left for the flexible first column when the others take ``fixed`` widths
    (each column also has one cell of padding on both sides; one cell for a scrollbar)."""
    return max(minimum, available - sum(fixed) - 2 * (len(fixed) + 1) - 1)


class LazyText:
    """A cell's text, built when it is first drawn: of 500 objectives in a period, a screen
    shows about twenty. Profiled on 500 objectives: scoring them all took 45 ms of the
    launch, building their cells 15 ms of a period switch."""

    __slots__ = ("_build", "_text")

    def __init__(self, build: Callable[[], Text]) -> None:
        self._build: Callable[[], Text] | None = build
        self._text: Text | None = None

    @property
    def text(self) -> Text:
        if self._text is None:
            assert self._build is not None
            self._text, self._build = self._build(), None
        return self._text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return self.text.__rich_console__(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.text.__rich_measure__(console, options)

    def __str__(self) -> str:
        return str(self.text)
