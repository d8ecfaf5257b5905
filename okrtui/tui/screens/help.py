"""The help screen: every key, generated from the same bindings the footer shows."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from okrtui.tui.dialogs.form import FormDialog
from okrtui.tui.modal import Modal
from okrtui.tui.widgets.checkin_table import CheckinTable
from okrtui.tui.widgets.key_result_table import KeyResultTable
from okrtui.tui.widgets.objective_table import LEARNING_MARK, ObjectiveTable

LEGEND = f"""\
● on track / at risk / off track: progress against what is expected by today
  (elapsed share of the period × 1.0 committed, × 0.7 aspirational).
◌ / stale: no check-in for more than two check-in intervals.
{LEARNING_MARK.strip()} learning goal: the route is still being found.
Key results of type health are watched (in range / breached), not scored.
Remap keys by id in the [keymap] table of your config.toml, e.g.  checkin = "c,space"
"""


#: Textual's own binding, listed with okrtui's so that help shows every key.
PALETTE = Binding("ctrl+p", "command_palette", "Palette: jump, period, theme…",
                  id="command-palette")


class HelpScreen(Modal[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 90%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, main: Screen[None]) -> None:
        super().__init__()
        self.main = main

    def compose(self) -> ComposeResult:
        with VerticalScroll() as panel:
            panel.border_subtitle = "Escape, q or ? closes"
            yield Static(Text("okrtui keys", style="bold"))
            for title, bindings in self._groups():
                yield Static(self._table(title, bindings))
            yield Static(Text(LEGEND))

    def _groups(self) -> list[tuple[str, list[Binding]]]:
        keymap: dict[str, str] = getattr(getattr(self.app, "config", None), "keymap", {})
        groups = [
            ("Everywhere", self.main.BINDINGS),
            ("Objectives pane", ObjectiveTable.BINDINGS),
            ("Key results pane", KeyResultTable.BINDINGS),
            ("Check-ins pane", CheckinTable.BINDINGS),
            ("Dialogs", FormDialog.BINDINGS),
        ]
        result = []
        for title, bindings in groups:
            resolved = []
            if title == "Everywhere":  # with the app's own (Ctrl+Q, Ctrl+Z) and Textual's
                bindings = [*bindings, *self.app.BINDINGS, PALETTE]
            for binding in bindings:
                if isinstance(binding, Binding) and binding.action != "nothing":
                    if binding.id and binding.id in keymap:
                        binding = Binding(keymap[binding.id], binding.action,
                                          binding.description, id=binding.id)
                    resolved.append(binding)
            result.append((title, resolved))
        return result

    def _table(self, title: str, bindings: list[Binding]) -> Table:
        table = Table(title=title, title_justify="left", box=None, show_header=False,
                      padding=(0, 2))
        # the same widths in every section, so the columns line up down the screen
        table.add_column("key", style="bold", width=16)
        table.add_column("what", width=32)
        table.add_column("id", style="dim", width=20)
        for binding in bindings:
            keys = ", ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in
                             binding.key.split(","))
            table.add_row(keys, binding.description or binding.action, binding.id or "")
        return table
