"""Every file that could not be loaded, with where and why, and how they reload."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from okrtui.core.model import Problem
from okrtui.present import printable
from okrtui.tui.modal import Modal


class ProblemsScreen(Modal[None]):
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen > VerticalScroll {
        width: 100; max-width: 100%; height: auto; max-height: 90%;
        border: thick $error; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,exclamation_mark", "dismiss", "Close", id="problems.close")]

    def __init__(self, problems: tuple[Problem, ...], root: Path) -> None:
        super().__init__()
        self.problems = problems
        self.root = root

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(f"{len(self.problems)} file(s) could not be loaded", style="bold"))
            for problem in self.problems:
                try:
                    where = problem.path.relative_to(self.root)
                except ValueError:
                    where = problem.path
                yield Static(Text(f"{printable(str(where))}:{problem.line}: "
                                  f"{printable(problem.message)}"))
            yield Static(Text("Fix them in an editor (they reload by themselves) or run "
                              "okrtui lint. Escape closes.", style="dim"))
