"""The main screen: objectives (left), key results (top right), check-ins and chart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from okrtui.core.due import DueItem, due_items, is_mine
from okrtui.core.learning import learning_log
from okrtui.core.model import KeyResult, Objective
from okrtui.core.outline import outline, visible
from okrtui.core.rollup import rollup, supporters
from okrtui.core.scoring import ObjectiveScore
from okrtui.present import printable, read_aloud, review_lines
from okrtui.tui.widgets.cells import markup_safe
from okrtui.tui.widgets.checkin_table import CheckinTable
from okrtui.tui.widgets.filter_field import FilterField
from okrtui.tui.widgets.key_bar import KeyBar
from okrtui.tui.widgets.key_result_table import KeyResultTable
from okrtui.tui.widgets.kr_chart import KRChart
from okrtui.tui.widgets.objective_table import ObjectiveTable, same_scores
from okrtui.tui.widgets.resizing_table import ResizingTable

if TYPE_CHECKING:
    from okrtui.core.store import Workspace
    from okrtui.tui.state import AppState

EMPTY_WORKSPACE = """\
No objectives yet.

Press n to add your first objective, or from a shell:

  okrtui new "Grow an engaged community" --period {period}

To explore first, create a workspace full of examples:

  okrtui init --example okrs
"""


_SHOWING = {"all": "", "due": " needing a check-in", "mine": " of yours"}


@dataclass
class Selection:
    """What the cursors rest on, by id, kept across reloads."""

    objective: str | None = None
    key_result: str | None = None
    checkin: tuple[str, int] | None = None
    """(key result id, file position) of a check-in to keep the cursor on after a reload."""


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("c", "app.checkin", "Check in", id="checkin"),
        Binding("n", "app.new_objective", "New", id="objective.new"),
        Binding("left_square_bracket", "app.step_period(-1)", "Prev period",
                id="period.previous", key_display="[", show=False),
        Binding("right_square_bracket", "app.step_period(1)", "Next period",
                id="period.next", key_display="]", show=False),
        # priority: the App runs it before it hands the next keys of the same burst (over
        # ssh, a paste) to the focused widget, so they reach the filter, not the objectives
        Binding("slash", "filter", "Filter", id="filter", key_display="/", show=False,
                priority=True),
        Binding("g", "app.cycle_grouping", "Group", id="group", show=False),
        Binding("f", "app.cycle_showing", "Due/mine", id="show", show=False),
        Binding("exclamation_mark", "app.show_problems", "Problems", id="problems",
                key_display="!", show=False),
        Binding("D", "app.dashboard", "Dashboard", id="dashboard", show=False),
        Binding("u", "app.undo", "Undo delete", id="undo", show=False),
        Binding("r", "app.review", "Review", id="review", show=False),
        Binding("h", "app.history", "History", id="history", show=False),
        Binding("E", "app.open_editor", "Open in editor", id="open-editor", show=False),
        Binding("ctrl+r", "app.reload", "Reload", id="reload", show=False),
        Binding("question_mark", "app.help", "Help", id="help", key_display="?"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selection = Selection()
        # what the right-hand panes show now (the objects, with the scores they were shown
        # with), so that a filter letter or a cursor event repeating it costs nothing
        self._shown_objective: tuple[Objective | None, dict[str, ObjectiveScore], date,
                                     dict[str, str]] | None = None
        self._shown_key_result: tuple[object, ...] | None = None
        self._due: tuple[Workspace | None, dict[tuple[object, ...], list[DueItem]]] = (None, {})

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="objectives-pane"):
                field = FilterField(self._filter_changed, id="filter",
                                    placeholder="filter by title, owner or id (Esc clears)")
                field.can_focus = False  # hidden until /; a closed dialog must not land here
                yield field
                yield ObjectiveTable(id="objectives", on_move=self._objective_moved)
                yield Static("", id="empty", markup=False)
            with Vertical(id="right"):
                yield KeyResultTable(id="key-results",
                                     on_move=self._selected_key_result_changed)
                yield Static("", id="statement", markup=False)
                with Horizontal(id="history"):
                    yield CheckinTable(id="checkins")
                    yield KRChart(id="chart")
                    yield Static("", id="learning-log", markup=False)
        yield Static("", id="problems", markup=False)
        yield KeyBar()

    @property
    def okr(self) -> AppState:
        return cast("AppState", self.app)

    def on_mount(self) -> None:
        self.query_one("#objectives-pane").border_title = "Objectives"
        self.query_one("#key-results").border_title = "Key results"
        self.query_one("#checkins").border_title = "Check-ins"
        self.query_one("#chart").border_title = "Trend"
        self.query_one("#learning-log").border_title = "Learning log"
        self.query_one(ObjectiveTable).focus()

    # -- showing state -------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Redraw every pane from the app's workspace, period, filter and grouping."""
        app = self.okr
        workspace = app.workspace
        period_label = app.period.label if app.period else "all periods"
        as_of = "" if app.today == date.today() else f" · as of {app.today}"
        due = self._due_in_period()
        waiting = f" · {len(due)} due" if due else ""
        # set quietly: as reactives they repaint the whole screen, and the header is all
        # that shows them (updated here, a frame before the Header's own watcher would)
        self.set_reactive(MainScreen.sub_title,
                          f"{period_label}{waiting}{as_of} · {printable(str(app.root))}")
        self.set_reactive(MainScreen.title, f"okrtui · {printable(workspace.settings.name)}"
                          if workspace else "okrtui")
        self._retitle()
        pane = self.query_one("#objectives-pane")
        pane.border_title = f"Objectives · {period_label}"
        if app.showing != "all":
            pane.border_title += f" · {app.showing}"
        if app.query_text:
            pane.border_title += f" · filter: {markup_safe(app.query_text)}"
        pane.border_subtitle = "[ ] period · / filter · f due/mine · g group"
        if workspace is None:
            return
        shown = visible(workspace.objectives, app.period, app.query_text)
        if app.showing == "due":
            needing = {item.objective.id for item in due}
            shown = [o for o in shown if o.id in needing]
        elif app.showing == "mine":
            me = app.config.name
            shown = [o for o in shown if me and (o.owner.lower() == me.lower() or any(
                is_mine(o, kr, me) for kr in o.key_results))]
        rows = outline(shown, app.grouping)
        table = self.query_one(ObjectiveTable)
        if rows:  # an empty period hides the rows it keeps: back from it, none is rebuilt
            table.show(rows, app.scores, app.colours, self.selection.objective)
        empty = self.query_one("#empty", Static)
        if not workspace.objectives and not workspace.left_out:
            empty.update(EMPTY_WORKSPACE.format(period=app.current_period.label))
        elif not shown:
            empty.update(f"No objectives{_SHOWING[app.showing]} in {period_label}"
                         + (f" matching {printable(repr(app.query_text))}"
                            if app.query_text else "")
                         + ".\n\nPress [ or ] for another period, / to change the filter, "
                         "or n to add an objective.")
        empty.display = not shown
        table.display = bool(shown)
        if not shown and table.has_focus:
            self.set_focus(None)  # e, d and a act on an objective: nothing to act on here
        elif shown and self.focused is None:
            table.focus()
        self._show_problems()
        self._selected_objective_changed()
        # one frame for all of it: the panes' own refreshes reach the screen one by one,
        # and the first to arrive would otherwise paint a frame without the others. Not a
        # repaint: that would draw every cell of the screen again, not only the panes'.
        self.refresh(layout=True, repaint=False)

    def _due_in_period(self) -> list[DueItem]:
        """The key results of the shown period that need a check-in; worked out once per
        workspace, period and day (every filter letter and period switch asks again)."""
        app = self.okr
        if app.workspace is None:
            return []
        if self._due[0] is not app.workspace:
            self._due = (app.workspace, {})
        known = self._due[1]
        key = (app.period, app.today, app.config.name)
        if key not in known:
            in_period = visible(app.workspace.objectives, app.period)
            known[key] = due_items(in_period, app.today, app.workspace.settings.cadence,
                                   app.config.name)
        return known[key]

    def _retitle(self) -> None:
        """Show the title and sub-title in the header."""
        header = self.query_one(Header)
        header.query_one("HeaderTitle", Static).update(header.format_title())

    def _show_problems(self) -> None:
        app = self.okr
        assert app.workspace is not None
        errors = app.workspace.errors
        problems = self.query_one("#problems", Static)
        problems.display = bool(errors)
        if errors:
            first = printable(str(_relative(errors[0], app.root)))
            more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
            problems.update(f"⚠ {_count_files(len(errors))} could not be loaded (! lists "
                            f"them; the rest works): {first}{more}")

    def _selected_objective_changed(self) -> None:
        app = self.okr
        objective = self.current_objective()
        self.selection.objective = objective.id if objective else None
        previous = self._shown_objective
        self._shown_objective = (objective, app.scores, app.today, app.colours)
        if objective is not None and previous is not None:
            was, was_scores, was_today, was_colours = previous
            # the objects themselves: comparing their contents would walk every check-in
            if (was is objective and same_scores(was_scores, app.scores)
                    and was_today == app.today and was_colours == app.colours):
                return
        self._shown_key_result = None
        table = self.query_one(KeyResultTable)
        score = app.scores.get(objective.id) if objective else None
        table.show(objective, score, app.colours, self.selection.key_result)
        krs = self.query_one("#key-results")
        krs.border_title = f"Key results · {markup_safe(objective.title)}" if objective else \
            "Key results"
        if objective:
            krs.border_subtitle = (f"{objective.kind} · {objective.commitment} · "
                                   f"{markup_safe(objective.owner) or 'no owner'}")
        else:
            krs.border_subtitle = ""
        self._say(statement(objective, app.today, support_line(
            objective, app.workspace.objectives if app.workspace else (), app.scores,
            app.today)) if objective else "")
        # a learning goal shows its log where others show the chart (see app.tcss)
        self.set_class(objective is not None and objective.kind == "learning", "-learning")
        if objective is not None and objective.kind == "learning":
            self.query_one("#learning-log", Static).update(
                learning_log_text(objective, app.today))
        self._selected_key_result_changed()

    def _say(self, text: str) -> None:
        """Show ``text`` under the key results, laying the screen out again only when it
        takes another number of lines, wrapped as it will be: a layout costs every pane a
        second frame (and the scrollbars a third), 40 ms on a cursor move."""
        said = self.query_one("#statement", Static)
        said.update(text, layout=False)
        said.display = bool(text)  # showing or hiding it lays the screen out by itself
        if not text:
            return
        width, shown = said.content_region.width, said.content_region.height
        limit = said.styles.max_height
        if not width or limit is None or not limit.is_cells:
            said.refresh(layout=True)
            return
        wrapped = said.get_content_height(self.size, self.size, width)
        if min(wrapped, int(limit.value)) != shown:
            said.refresh(layout=True)

    def _selected_key_result_changed(self) -> None:
        app = self.okr
        objective = self.current_objective()
        kr = self.current_key_result()
        if kr is not None:
            self.selection.key_result = kr.id
        shown = (objective, kr)
        if kr is not None and self._shown_key_result is not None and all(
                a is b for a, b in zip(self._shown_key_result, shown, strict=True)):
            return
        self._shown_key_result = shown
        kept = self.selection.checkin
        self.query_one(CheckinTable).show(
            kr, app.today, kept[1] if kr is not None and kept and kept[0] == kr.id else None)
        self.query_one("#checkins").border_title = (
            f"Check-ins · {markup_safe(kr.id)}" if kr else "Check-ins")
        self.query_one(KRChart).show(kr, objective, app.today)

    # -- selection -----------------------------------------------------------------------

    def current_objective(self) -> Objective | None:
        app = self.okr
        key = self.query_one(ObjectiveTable).selected_key()
        if app.workspace is None or key is None:
            return None
        return app.workspace.by_id.get(key)

    def current_key_result(self) -> KeyResult | None:
        objective = self.current_objective()
        key = self.query_one(KeyResultTable).selected_key()
        if objective is None or key is None:
            return None
        return objective.key_result(key)

    def _objective_moved(self) -> None:
        if self.query_one(ObjectiveTable).selected_key() != self.selection.objective:
            self.selection.key_result = None
        self._selected_objective_changed()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < 100, "-narrow")

    def on_resizing_table_resized(self, event: ResizingTable.Resized) -> None:
        """Column widths follow the panes' widths (unless a redraw since did it)."""
        if not event.table.needs_layout():
            return
        self._shown_objective = self._shown_key_result = None
        if self.okr.workspace is not None:
            self.refresh_view()

    # -- filter --------------------------------------------------------------------------

    def _filter_shown(self, shown: bool) -> Input:
        field = self.query_one("#filter", Input)
        field.display = field.can_focus = shown
        return field

    def action_filter(self) -> None:
        field = self.query_one("#filter", FilterField)
        if field.has_focus:  # ids have slashes: in the filter, / is a letter
            field.insert_text_at_cursor("/")
            return
        field = self._filter_shown(True)
        # focus now, not after a refresh: the keys typed right after "/" belong to the filter
        self.set_focus(field)

    def show_filter(self, text: str) -> None:
        """Filter the objectives by ``text``, as if typed after /."""
        field = self._filter_shown(bool(text))
        field.value = text
        self._filter_changed(text)
        self.query_one(ObjectiveTable).focus()

    def _filter_changed(self, text: str) -> None:
        if text.strip() != self.okr.query_text:
            self.okr.query_text = text.strip()
            self.refresh_view()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            if not event.value.strip():
                self._filter_shown(False)
            self.query_one(ObjectiveTable).focus()

    def key_escape(self) -> None:
        field = self.query_one("#filter", Input)
        if field.has_focus or field.display:
            field.value = ""
            self._filter_shown(False)
            self.query_one(ObjectiveTable).focus()


def _relative(problem: object, root: object) -> str:
    text = str(problem)
    prefix = f"{root}/"
    return text[len(prefix):] if text.startswith(prefix) else text


def statement(objective: Objective, today: date, support: str = "") -> str:
    """The objective read aloud, its description, how the objectives supporting it do,
    and its review once there is one."""
    lines = [read_aloud(objective)]
    if objective.description:
        lines.append(printable(objective.description))
    if support:
        lines.append(support)
    lines += [f"Review: {line}" for line in review_lines(objective)]
    return "\n".join(lines)


def learning_log_text(objective: Objective, today: date) -> str:
    """What a learning goal has tried and learned, newest first."""
    entries = learning_log(objective, today)
    if not entries:
        return ("Nothing logged yet: add a note to a check-in (c), and tag it experiment, "
                "hypothesis, validated, rejected or decision.")
    return "\n".join(f"{e.date}  {printable(e.key_result)}"
                     + (f" [{e.tag}]" if e.tag else "") + f"\n  {printable(e.note)}"
                     for e in entries)


def support_line(objective: Objective, objectives: Iterable[Objective],
                 scores: dict[str, ObjectiveScore], today: date) -> str:
    """``Supported by 3: 1 at risk · 2 off track · mean 0.35`` (empty when none)."""
    below = [o for o in supporters(objective, objectives) if o.id in scores]
    if not below:
        return ""
    row = rollup(objective.title, below, scores, today)
    counts = [f"{n} {label}" for n, label in ((row.on_track, "on track"),
                                             (row.at_risk, "at risk"),
                                             (row.off_track, "off track"), (row.due, "due"))
              if n]
    mean = "" if row.progress is None else f" · mean {row.progress:.2f}"
    return f"Supported by {row.objectives}: {' · '.join(counts)}{mean}"


def _count_files(n: int) -> str:
    return "1 file" if n == 1 else f"{n} files"
