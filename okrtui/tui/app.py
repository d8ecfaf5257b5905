"""The okrtui Textual app: owns the workspace state, talks to the store off the UI thread,
and reloads when files change on disk."""

from __future__ import annotations

import os
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import events, work
from textual.app import App, SuspendNotSupported
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.widgets import DataTable

from okrtui.config import EditorError, load_config, open_in_editor, save_setting
from okrtui.core.model import Objective
from okrtui.core.outline import GROUPINGS, GroupBy
from okrtui.core.periods import Period, current_period
from okrtui.core.scorebook import Scorebook
from okrtui.core.scoring import ObjectiveScore
from okrtui.core.store import (
    StoreError,
    Workspace,
    create_objective,
    load_in_steps,
    write_edit,
)
from okrtui.present import printable
from okrtui.tui import upstream_fixes
from okrtui.tui.actions.cycle import CycleActions
from okrtui.tui.actions.editing import EditingActions
from okrtui.tui.commands import OkrCommands
from okrtui.tui.idle_gc import IdleCollector
from okrtui.tui.messages import FileSaved, WorkspaceLoaded, WriteFailed
from okrtui.tui.screens.main import MainScreen
from okrtui.tui.themes import DEFAULT_THEME, STATUS_VARIABLES, load_themes

if TYPE_CHECKING:  # the editing code is imported on the first edit, not at launch
    from textual.driver import Driver

    from okrtui.core import edits

Showing = Literal["all", "due", "mine"]
SHOWINGS: tuple[Showing, ...] = ("all", "due", "mine")


class OkrApp(EditingActions, CycleActions, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "okrtui"
    COMMANDS = App.COMMANDS | {OkrCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False, priority=True),
        # as in any program run from a shell: back to the shell, `fg` to return
        Binding("ctrl+z", "suspend", "Suspend to the shell", id="app.suspend", show=False),
    ]

    period: var[Period | None] = var(None, init=False)

    def __init__(self, root: Path, today: date, *, watch: bool = True,
                 theme: str | None = None, use_cache: bool = True,
                 follow_clock: bool = False, owns_process: bool = False) -> None:
        super().__init__()
        upstream_fixes.apply()
        self.root = root
        self.today = today
        self.current_period = current_period(today)
        self.workspace: Workspace | None = None
        self.scores: dict[str, ObjectiveScore] = {}
        self.query_text = ""
        self.grouping: GroupBy = "none"
        self.showing: Showing = "all"
        self._loaded_whole = False
        self._collector = IdleCollector()
        self._git_checked = False
        self._painted: threading.Event | None = None
        self._offered: set[str] = set()
        """Periods whose roll-over was offered already."""
        self.watching = watch
        self.follow_clock = follow_clock
        self.use_cache = use_cache
        self.owns_process = owns_process
        """The app is the whole process (the okrtui command): it exits once the app does."""
        self.config = load_config()
        self._forced_theme = theme
        self.set_reactive(OkrApp.period, self.current_period)

    # -- start-up --------------------------------------------------------------------------

    def get_driver_class(self) -> type[Driver]:
        stock = super().get_driver_class()
        if stock.__module__ == "textual.drivers.linux_driver":
            from okrtui.tui.driver import QuickExitDriver

            return QuickExitDriver
        return stock

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(STATUS_VARIABLES)

    def on_mount(self) -> None:
        self._collector.start()
        themes = load_themes()
        for theme in themes.themes:
            self.register_theme(theme)
        if themes.broken:
            self.notify("Skipped broken theme files:\n" + "\n".join(themes.broken),
                        title="Themes", severity="warning", timeout=10)
        wanted = self._forced_theme or self.config.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.notify(f"Unknown theme {wanted!r} in your config; using {DEFAULT_THEME}",
                        severity="warning")
            wanted = DEFAULT_THEME
        self.theme = wanted
        self._saved_theme = wanted
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.problem:
            self.notify(printable(self.config.problem), title="Config", severity="warning")
        self._main = MainScreen()
        self.push_screen(self._main)
        if self.watching:
            self.watch_files()  # before the load: a change made meanwhile is never missed
        self.reload()
        if self.follow_clock:
            self.set_interval(60, self._check_the_date)

    @work(thread=True, group="git-setup", exit_on_error=False)
    def _check_git_setup(self) -> None:
        from okrtui.git_setup import missing_driver

        hint = missing_driver(self.root)
        if hint:
            self.call_from_thread(self.notify, hint, title="git", severity="warning",
                                  timeout=10)

    @property
    def main(self) -> MainScreen:
        return self._main

    @property
    def colours(self) -> dict[str, str]:
        return {k: v for k, v in self.theme_variables.items() if k.startswith("okr-")}

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._load_worker()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_worker(self) -> None:
        """The period on screen first, so that it shows at once; then the whole folder,
        for the other periods, roll-over and the parent picker. Objectives are scored when
        drawn: of 500 in a period, the screen shows about twenty."""
        period = self.period
        scores: Scorebook | None = None
        for workspace in load_in_steps(self.root, period, use_cache=self.use_cache):
            scores = Scorebook(workspace.by_id, self.today, workspace.settings, known=scores)
            painted = self._painted = threading.Event()
            self.post_message(WorkspaceLoaded(workspace, scores, painted))
            if workspace.left_out:
                # the rest of the folder once this part is on screen: building it meanwhile
                # held the interpreter lock while the app painted (a folder of years showed
                # its quarter ~100 ms later)
                painted.wait(timeout=0.5)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._collector.input_seen()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._collector.stop(leave_garbage=self.owns_process)
        if self._painted is not None:
            self._painted.set()  # a load waiting for a paint that will not come: quit now

    def _check_the_date(self) -> None:
        """An app left open past midnight moves to the new day (and period)."""
        today = date.today()
        if today != self.today:
            showing_current = self.period == self.current_period
            self.today = today
            self.current_period = current_period(today)
            if showing_current:
                self.set_reactive(OkrApp.period, self.current_period)
            self.reload()

    def on_workspace_loaded(self, message: WorkspaceLoaded) -> None:
        # roll-over looks at the period before: offered once the whole folder is here
        first = not self._loaded_whole and not message.workspace.left_out
        self._loaded_whole = self._loaded_whole or first
        self.workspace = message.workspace
        self.scores = message.scores
        self._collector.loaded()
        self.main.refresh_view()
        if first:
            self.offer_rollover()
            self._warm_up()
        if message.painted is not None:
            self.call_after_refresh(message.painted.set)
        if not self._git_checked:
            self._git_checked = True
            self._check_git_setup()  # a subprocess: not while the app starts

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Import the editing code and the dialogs once the folder is on screen, not when
        the first key needs them: the first check-in dialog took ~15 ms longer than the
        next ones, most of it these imports."""
        import okrtui.core.edits
        import okrtui.tui.dialogs.checkin
        import okrtui.tui.dialogs.confirm
        import okrtui.tui.dialogs.key_result_form
        import okrtui.tui.dialogs.objective_form  # noqa: F401

        # who checks in: found now (maybe through `git config`), not when c is pressed
        _ = self.author

    @work(exclusive=True, group="watch", exit_on_error=False)
    async def watch_files(self) -> None:
        """Reload when objective files change (git pull, an editor, another shell)."""
        from watchfiles import awatch

        def relevant(_change: object, path: str) -> bool:
            rel = os.path.relpath(path, self.root)
            return path.endswith(".toml") and not any(
                part.startswith((".", "_")) for part in Path(rel).parts)

        polling = os.environ.get("OKRTUI_POLL", "") not in ("", "0")
        async for _changes in awatch(self.root, watch_filter=relevant, debounce=300,
                                     step=50, force_polling=polling or None,
                                     poll_delay_ms=500, recursive=True):
            self.reload()

    def action_suspend(self) -> None:
        """Back to the shell, where one can bring the app back (``fg``). Started by tmux,
        ssh or a launcher, nothing would resume it: Ctrl+Z would freeze it for good."""
        if _in_a_shell_job():
            self.action_suspend_process()
        else:
            self.notify("Ctrl+Z: okrtui was not started from a shell that can bring it "
                        "back (fg), so it stays; q quits", severity="warning")

    def exit(self, *args: Any, **kwargs: Any) -> None:
        # The watcher's thread looks for its stop signal every `step`: tell it first, so
        # that it stops while Textual hands the terminal back rather than after.
        self.workers.cancel_group(self, "watch")
        super().exit(*args, **kwargs)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications carry file text (titles, ids, paths, store errors): shown as text,
        never as markup or escape sequences."""
        message = "\n".join(printable(line) for line in message.split("\n"))
        super().notify(message, title=printable(title), severity=severity, timeout=timeout,
                       markup=markup)

    # -- writes ----------------------------------------------------------------------------

    @work(thread=True, group="write", exit_on_error=False)
    def write(self, path: Path, edit: edits.Edit, done: str) -> None:
        from okrtui.autocommit import commit_change, describe

        try:
            objective = write_edit(self.root, path, edit)
        except StoreError as exc:
            self.post_message(WriteFailed("Not saved", str(exc)))
        else:
            warning = commit_change(self.root, path, describe(objective.id, edit))
            self.post_message(FileSaved(done, warning=warning))

    @work(thread=True, group="write", exit_on_error=False)
    def create(self, rel_path: str, fields: dict[str, Any]) -> None:
        from okrtui.autocommit import commit_change

        try:
            objective = create_objective(self.root, rel_path, fields)
        except StoreError as exc:
            self.post_message(WriteFailed("Not created", str(exc)))
        else:
            warning = commit_change(self.root, objective.path, f"new objective {objective.id}")
            self.post_message(FileSaved(f"Created {objective.id}", select=objective.id,
                                        warning=warning))

    @work(thread=True, group="write", exit_on_error=False)
    def delete(self, objective: Objective, children: list[Objective]) -> None:
        """Through the trash (u undoes it), unlinking the objectives that support it."""
        from okrtui.autocommit import commit_change
        from okrtui.core import trash

        try:
            trash.delete_objective(self.root, objective, children)
        except (StoreError, OSError) as exc:
            self.post_message(WriteFailed("Not deleted", str(exc)))
            return
        message = f"delete objective {objective.id}"
        warnings = [commit_change(self.root, path, message)
                    for path in (objective.path, *(c.path for c in children))]
        self.post_message(FileSaved(f"Deleted {objective.id} (u undoes it)",
                                    warning=next((w for w in warnings if w), None)))

    @work(thread=True, group="write", exit_on_error=False)
    def delete_in_file(self, objective: Objective, edit: edits.Edit, description: str,
                       done: str) -> None:
        from okrtui.autocommit import commit_change
        from okrtui.core import trash

        try:
            trash.delete_in_file(self.root, objective, edit, description)
        except (StoreError, OSError) as exc:
            self.post_message(WriteFailed("Not deleted", str(exc)))
            return
        warning = commit_change(self.root, objective.path, description)
        self.post_message(FileSaved(f"{done} (u undoes it)", warning=warning))

    @work(thread=True, group="write", exit_on_error=False)
    def undo_delete(self) -> None:
        from okrtui.autocommit import commit_change
        from okrtui.core import trash

        try:
            entry = trash.restore(self.root)
        except (trash.TrashError, StoreError, OSError) as exc:
            self.post_message(WriteFailed("Nothing undone", str(exc)))
            return
        warnings = [commit_change(self.root, self.root / rel, f"undo: {entry.description}")
                    for rel in entry.files]
        self.post_message(FileSaved(f"Undone: {entry.description}",
                                    warning=next((w for w in warnings if w), None)))

    def action_show_problems(self) -> None:
        from okrtui.tui.screens.problems import ProblemsScreen

        if self.workspace is None or not self.workspace.errors:
            self.notify("Every file loaded", timeout=2)
            return
        self.push_screen(ProblemsScreen(self.workspace.errors, self.root))

    def action_undo(self) -> None:
        self.undo_delete()

    def on_file_saved(self, message: FileSaved) -> None:
        if message.select:
            self.main.selection.objective = message.select
            self.main.selection.key_result = None
        self.notify(message.summary, timeout=3)
        if message.warning:
            self.notify(message.warning, title="git", severity="warning", timeout=8)
        self.reload()

    def on_write_failed(self, message: WriteFailed) -> None:
        self.notify(printable(message.reason), title=message.title, severity="error",
                    timeout=10)

    # -- actions ---------------------------------------------------------------------------

    def action_help(self) -> None:
        from okrtui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.main))

    def action_reload(self) -> None:
        self.reload()
        self.notify("Reloaded", timeout=2)

    def action_step_period(self, step: int) -> None:
        if self.period is None:
            self.period = self.current_period
        else:
            self.period = self.period.next() if step > 0 else self.period.previous()

    def watch_period(self) -> None:
        if self.workspace is not None:
            self.main.refresh_view()
            if self._loaded_whole:
                self.offer_rollover()

    def show_period(self, period: Period | None) -> None:
        self.period = period

    def action_cycle_showing(self) -> None:
        """All objectives, those with a key result that needs a check-in, or yours."""
        if self.showing == "due" and not self.config.name:
            self.showing = "all"
            self.notify("To see yours, set name in your config.toml (see ?)", timeout=4)
        else:
            self.showing = SHOWINGS[(SHOWINGS.index(self.showing) + 1) % len(SHOWINGS)]
            self.notify(f"Showing: {self.showing}", timeout=2)
        self.main.refresh_view()

    def action_cycle_grouping(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.notify(f"Grouping: {self.grouping}", timeout=2)
        self.main.refresh_view()

    def action_focus_pane(self, pane_id: str) -> None:
        self.main.query_one(f"#{pane_id}", DataTable).focus()

    def action_open_editor(self) -> None:
        objective = self._objective_or_warn()
        if objective is None:
            return
        try:
            with self.suspend():
                open_in_editor(objective.path)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor; open "
                        f"{objective.path} yourself (okrtui reloads it when saved)",
                        severity="warning")
        except EditorError as exc:
            self.notify(str(exc), severity="error")
        self.reload()

    def _theme_changed(self, theme: Any) -> None:
        if self.workspace is not None:
            self.main.refresh_view()
        if theme.name != self._saved_theme and self._forced_theme is None:
            try:
                save_setting("theme", theme.name)
            except (OSError, ValueError) as exc:
                self.notify(f"Could not save the theme: {exc}", severity="warning")
            else:
                self._saved_theme = theme.name


def _in_a_shell_job() -> bool:
    """Whether a job-control shell started the app: it runs as a job of its own in the
    terminal's foreground (a shell or ssh that ran it directly shares their process group,
    and a program tmux starts leads its own session)."""
    try:
        group = os.getpgrp()
        return group != os.getsid(0) and os.tcgetpgrp(sys.__stdin__.fileno()) == group
    except (AttributeError, OSError, ValueError):  # Windows; no terminal on stdin
        return False
