"""Actions around the OKR cycle: review an objective at the end of its period, turn a
learning goal into a performance goal, and see who changed what (git history). Mixed into
``OkrApp``."""

from __future__ import annotations

from typing import Any

from okrtui.core import edits
from okrtui.core.review import SetReview, can_review, computed_fields
from okrtui.tui.widgets.checkin_table import CheckinTable
from okrtui.tui.widgets.key_result_table import KeyResultTable


class CycleActions:
    """Needs the app's ``main`` screen, ``workspace``, ``today`` and ``write`` worker."""

    def action_review(self) -> None:
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
