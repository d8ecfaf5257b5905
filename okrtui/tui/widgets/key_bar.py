"""The keys line at the bottom of the main screen, drawn as one line of text.

Textual's Footer is a widget per key, rebuilt (removed and mounted anew) a frame after the
bindings change: each focus change into or out of the filter, and each dialog, cost two or
three extra frames (16-33 ms each) and 2-10 ms of mounting. This bar looks the same, but
works out its line as soon as the bindings change, only redraws when the line differs, and
so changes in the same frame as whatever changed the keys.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class Key(NamedTuple):
    key: str
    shown: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The shown bindings of the screen, as Textual's Footer shows them, with the command
    palette's key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--divider",
                         "key-bar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--divider { color: $foreground 20%; }
        .key-bar--hover { background: $block-hover-background; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[Key, ...] = ()
        self._palette: Key | None = None
        self._spans: list[tuple[int, int, Key]] = []
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # Textual tells of new bindings a frame after a focus change: look at once
        self.watch(self.screen, "focused", lambda: self._bindings_changed(self.screen),
                   init=False)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        app = self.app
        keys: dict[str, Key] = {}  # by action: one key per action, as the Footer shows
        palette = None
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            key = Key(binding.key, app.get_key_display(binding), binding.description, enabled)
            if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = key
            if binding.show:
                keys.setdefault(binding.action, key)
        shown = tuple(keys.values())
        if (shown, palette) != (self._keys, self._palette):
            self._keys, self._palette = shown, palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for key in self._keys:
            start = len(line)
            line.append(f" {key.shown} ", key_style)
            line.append(f"{key.description} ", description_style)
            if not key.enabled:
                line.stylize("dim", start)
            self._spans.append((start, len(line), key))
        if self._palette is not None:
            right = Text.assemble(
                ("▏", self.get_component_rich_style("key-bar--divider")),
                (self._palette.shown, key_style),
                (f" {self._palette.description} ", description_style))
            room = self.size.width - len(right)
            if len(line) >= room:  # a narrow terminal: the palette's key stays in sight
                line.truncate(max(0, room))
            line.append(" " * (room - len(line)))
            self._spans.append((len(line), len(line) + len(right), self._palette))
            line.append_text(right)
        if self._hover is not None and self._hover < len(self._spans):
            start, end, _ = self._spans[self._hover]
            hover = self.get_component_rich_style("key-bar--hover").bgcolor
            line.stylize(Style(bgcolor=hover), start, end)
        return line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = next((n for n, (start, end, _) in enumerate(self._spans)
                      if start <= event.x < end), None)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return

    @property
    def keys(self) -> tuple[Key, ...]:
        """The keys shown, left to right (the command palette's apart)."""
        return self._keys
