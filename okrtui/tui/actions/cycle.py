"""Actions around the OKR cycle: review an objective at the end of its period, turn a
learning goal into a performance goal, and see who changed what (git history). Mixed into
``OkrApp``."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from textual import work

from okrtui.present import printable
from okrtui.tui.messages import FileSaved, WriteFailed
from okrtui.tui.widgets.checkin_table import CheckinTable
from okrtui.tui.widgets.key_result_table import KeyResultTable

if TYPE_CHECKING:  # the editing code is imported when an action needs it, not at launch
    from okrtui.core import rollover

#: From this many days before a period ends, an empty next period offers the roll-over.
OFFER_DAYS_BEFORE_END = 14


class CycleActions:
    """Needs the app's ``main`` screen, ``workspace``, ``today`` and ``write`` worker."""

    def action_review(self) -> None:
        from okrtui.core.review import SetReview, can_review, computed_fields
        from okrtui.tui.dialogs.review_form import ReviewForm

        objective = self._objective_or_warn()
        if objective is None or self.workspace is None:
            return
        if not can_review(objective, self.today):
            self.notify(f"{objective.id} runs until {objective.period.end}: review it from its "
                        "last day on (okrtui review --early does it now)", severity="warning")
            return
        settings = self.workspace.settings
        computed = computed_fields(objective, self.today, settings.thresholds, settings.cadence)

        def save(fields: dict[str, Any] | None) -> None:
            if fields:
                self.write(objective.path, SetReview(fields), f"Reviewed {objective.id}")

        self.push_screen(ReviewForm(objective, computed), save)

    def action_convert_to_performance(self) -> None:
        from okrtui.core import edits
        from okrtui.tui.dialogs.confirm import ConfirmDialog

        objective = self._objective_or_warn()
        if objective is None:
            return
        if objective.kind != "learning":
            self.notify(f"{objective.id} is a performance goal already", severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.write(objective.path, edits.SetField("kind", "performance"),
                           f"{objective.id} is now a performance goal")

        self.push_screen(ConfirmDialog(
            "The route is known? Turn this learning goal into a performance goal: from now on "
            "it is judged by pace against its targets. Its key results and check-ins stay.",
            yes_label="Convert"), answer)

    def action_history(self) -> None:
        from okrtui.tui.screens.history import HistoryScreen

        objective = self._objective_or_warn()
        if objective is None:
            return
        # from the key results or check-ins: that key result's history; else the objective's
        in_key_results = isinstance(self.focused, KeyResultTable | CheckinTable)
        kr = self.main.current_key_result() if in_key_results else None
        self.push_screen(HistoryScreen(self.root, objective.id, kr.id if kr else None))

    # -- roll-over ---------------------------------------------------------------------------

    def offer_rollover(self) -> None:
        """Opening an empty period right after one with unfinished objectives offers to
        carry them over, once per period and session."""
        from okrtui.core import rollover

        target = self.period
        if target is None or self.workspace is None or target.label in self._offered:
            return
        if any(o.period is not None and o.period.label == target.label
               for o in self.workspace.objectives):
            return
        self._offered.add(target.label)
        source = target.previous()
        if self.today < source.end - timedelta(days=OFFER_DAYS_BEFORE_END):
            return  # the previous period is still well under way
        if rollover.candidates(self.workspace.objectives, source, self.today):
            self.action_rollover()

    def action_rollover(self) -> None:
        from okrtui.core import rollover
        from okrtui.tui.dialogs.confirm import ConfirmDialog

        if self.workspace is None:
            return
        target = self.period or self.current_period
        source = target.previous()
        chosen = rollover.candidates(self.workspace.objectives, source, self.today)
        plans = rollover.plan(chosen, target, frozenset(self.workspace.by_id))
        if not plans:
            self.notify(f"Nothing to roll over from {source.label}: every objective was "
                        "achieved or rolled over already", timeout=4)
            return
        lines = [f"  {printable(p.source.title)}" + (
            f"  (done, left behind: {', '.join(p.finished)})" if p.finished else "")
            for p in plans]

        def answer(yes: bool | None) -> None:
            if yes:
                self.roll_over(plans, target.label)

        self.push_screen(ConfirmDialog(
            f"{source.label} has {len(plans)} unfinished objective(s). Carry them into "
            f"{target.label}? Each gets a new file with the same key results, starting "
            "from their latest values, and no check-ins; the originals stay as they are.\n\n"
            + "\n".join(lines), yes_label="Roll over", no_label="Not now"), answer)

    @work(thread=True, group="write", exit_on_error=False)
    def roll_over(self, plans: list[rollover.Rollover], label: str) -> None:
        from okrtui.autocommit import commit_change
        from okrtui.core import rollover
        from okrtui.core.store import StoreError

        try:
            written = rollover.write(self.root, plans)
        except StoreError as exc:
            self.post_message(WriteFailed("Roll-over stopped", str(exc)))
            return
        warnings = []
        for item in written:
            message = f"rollover {item.source.id} -> {item.new_id}"
            for path in (self.root / f"{item.new_id}.toml", item.source.path):
                warnings.append(commit_change(self.root, path, message))
        self.post_message(FileSaved(f"Rolled over {len(written)} objective(s) into {label}",
                                    warning=next((w for w in warnings if w), None)))

    # -- dashboard ---------------------------------------------------------------------------

    def action_dashboard(self) -> None:
        from okrtui.core.outline import visible
        from okrtui.tui.screens.dashboard import DashboardScreen

        if self.workspace is None:
            return
        shown = visible(self.workspace.objectives, self.period)
        label = self.period.label if self.period else "all periods"

        def drill(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            kind, value = choice
            if kind == "owner":
                self.main.show_filter(value)
            else:
                self.main.selection.objective = value
                self.main.selection.key_result = None
                self.main.refresh_view()

        self.push_screen(DashboardScreen(shown, self.scores, self.today, label,
                                         self.workspace.settings.cadence, self.colours), drill)
