"""Bottom right pane, right: a key result's values over time, with its target and the
expected pace. plotext is imported once there is a first chart to draw.

The chart follows the frame that shows the tables: building and drawing it takes ~6 ms of
a frame that changes every pane, and a key held down (or typed filter letters) draws it
once, for the key result the cursor stops on."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Static

from okrtui.core.model import SUCCESS_AT, KeyResult, Objective
from okrtui.core.scoring import checkins_until


class KRChart(Container):
    DEFAULT_CSS = """
    KRChart { height: 1fr; }
    KRChart > Static { color: $text-muted; padding: 1; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._plot: object | None = None
        self._loading = False
        self._pending: tuple[KeyResult | None, Objective | None, date] | None = None
        self._drawn: tuple[KeyResult | None, Objective | None, date] | None = None
        self._scheduled = False

    def compose(self) -> ComposeResult:
        yield Static("chart loading…", id="chart-placeholder")

    async def _load_plot(self) -> None:
        from okrtui.tui.widgets.plot import CachedPlot

        plot = CachedPlot(id="chart-plot")
        await self.query("#chart-placeholder").remove()
        await self.mount(plot)
        self._plot = plot
        self._draw()

    def show(self, kr: KeyResult | None, objective: Objective | None, today: date) -> None:
        """Draw this key result's chart. The first one loads plotext (~26 ms) after the frame
        that shows the workspace: loading it at start competed with the thread loading the
        workspace for the interpreter lock."""
        self._pending = (kr, objective, today)
        if self._plot is not None:
            if not self._scheduled and self._pending != self._drawn:
                self._scheduled = True
                self._plot.hold()
                self.call_after_refresh(self._draw)
        elif not self._loading:
            self._loading = True
            self.call_after_refresh(self._load_plot)

    def _draw(self) -> None:
        from okrtui.tui.widgets.plot import CachedPlot

        assert isinstance(self._plot, CachedPlot)
        self._scheduled = False
        if self._pending is None or self._pending == self._drawn:
            self._plot.release()
            return
        self._drawn = self._pending
        kr, objective, today = self._pending
        plt = self._plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.date_form("Y-m-d")
        if kr is None or objective is None:
            plt.title("no key result selected")
            self._plot.changed()
            return
        points = checkins_until(kr, today, objective.period)
        dates = [c.date.isoformat() for c in points]
        values = [float(c.value) for c in points]
        plt.title(kr.id)
        period = objective.period
        if kr.type == "metric" and period and kr.start is not None and kr.target is not None:
            ends = [period.start.isoformat(), period.end.isoformat()]
            plt.plot(ends, [kr.target, kr.target], marker="braille", label="target",
                     color="green")
            success = SUCCESS_AT[objective.commitment]
            pace_end = kr.start + (kr.target - kr.start) * success
            plt.plot(ends, [kr.start, pace_end], marker="braille", label="expected pace",
                     color="gray")
        elif kr.type == "health" and period:
            ends = [period.start.isoformat(), period.end.isoformat()]
            for bound in (kr.min, kr.max):
                if bound is not None:
                    plt.plot(ends, [bound, bound], marker="braille", color="red")
        elif kr.type == "milestone":
            plt.yticks([0, 1], ["no", "done"])
        if values:  # drawn last, so it stays on top of the guide lines
            plt.plot(dates, values, marker="hd", label="value", color="blue+")
        self._plot.changed()
