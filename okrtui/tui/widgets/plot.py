"""A plotext plot that is built once per change, not once per frame.

PlotextPlot builds the whole chart and decodes its ANSI text in ``render``, which Textual
calls whenever anything on the screen is laid out again (a cursor move in another pane,
a typed filter letter): about 10 ms a frame here. This one keeps what it built until the
plot, its size or the theme changes. Imported only after the first paint, like plotext.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual_plotext import PlotextPlot


class CachedPlot(PlotextPlot):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._version = 0
        self._built: tuple[object, RenderResult] | None = None

    def changed(self) -> None:
        """The plot was drawn anew through ``plt``: build it again on the next frame."""
        self._version += 1
        self.refresh()

    def render(self) -> RenderResult:
        key = (self._version, self.size, self.app.theme)
        if self._built is None or self._built[0] != key:
            self._built = (key, super().render())
        return self._built[1]
