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
    # a plot is built to the size of the widget; a held one, shown at another size, is cut
    DEFAULT_CSS = """
    CachedPlot { text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._version = 0
        self._built: tuple[tuple[int, object, str], RenderResult] | None = None
        self._held = False

    def hold(self) -> None:
        """A new plot follows in a frame or two: until then a new size (the panes around it
        laid out again in the same key press) shows the last one cut to fit, rather than
        building it again (~3 ms, profiled) to be replaced a frame later."""
        self._held = True

    def release(self) -> None:
        """No new plot came after all: fit the last one to the size it has now."""
        if self._held:
            self._held = False
            self.refresh()

    def changed(self) -> None:
        """The plot was drawn anew through ``plt``: build it again on the next frame."""
        self._version += 1
        self._held = False
        self.refresh()

    def render(self) -> RenderResult:
        version, size, theme = self._version, self.size, self.app.theme
        if self._built is not None:
            (built_version, built_size, built_theme), plot = self._built
            if (built_version, built_theme) == (version, theme) and (
                    built_size == size or self._held):
                return plot
        plot = super().render()
        self._built = ((version, size, theme), plot)
        return plot
