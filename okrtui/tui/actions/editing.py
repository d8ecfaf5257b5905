"""Actions that change objectives, key results and check-ins through dialogs: check in,
create, edit, delete. Mixed into ``OkrApp``; writes go through its ``write`` workers."""

from __future__ import annotations

from typing import Any

from okrtui.config import author_name
from okrtui.core.model import KeyResult, Objective
from okrtui.present import printable
from okrtui.tui.widgets.checkin_table import CheckinTable


class EditingActions:
    """Needs the app's ``main`` screen, ``scores``, ``workspace``, ``period``, ``config``,
    ``today`` and its ``write`` / ``create`` / ``delete`` workers."""

    _author: str | None = None

    @property
    def author(self) -> str:
        """Who checks in: the config's name, else git's user.name (a subprocess: a few ms
        of opening the dialog), else the login name. Found once; the app's warm-up asks
        for it after the first load."""
        if self._author is None:
            self._author = author_name(self.config)
        return self._author

    def action_checkin(self) -> None:
        from okrtui.core import edits
        from okrtui.tui.dialogs.checkin import CheckinDialog

        objective, kr = self.main.current_objective(), self.main.current_key_result()
        if objective is None:
            self.notify("No objective here to check in on: n adds one", severity="warning")
            return
        if kr is None:
            self.notify("Select a key result to check in on (a adds one)", severity="warning")
            return
        current = self.scores[objective.id].key_results[kr.id].current

        def save(checkin: dict[str, Any] | None) -> None:
            if checkin is not None:
                self._confirm_the_period(objective, checkin, lambda: self.write(
                    objective.path, edits.AddCheckin(kr.id, checkin), f"Checked in on {kr.id}"))

        self.push_screen(CheckinDialog(kr, current, self.today, self.author), save)

    def _confirm_the_period(self, objective: Objective, checkin: dict[str, Any],
                            write: Any) -> None:
        """A check-in dated outside the objective's period would not count: ask first."""
        from okrtui.core.scoring import in_period
        from okrtui.tui.dialogs.confirm import ConfirmDialog

        period = objective.period
        if in_period(checkin["date"], period) or period is None:
            write()
            return
        self.push_screen(ConfirmDialog(
            f"{checkin['date']} is outside {period.label} ({period.start} to {period.end}): "
            "this check-in will not count in its progress. Save it anyway?",
            yes_label="Save", no_label="Back"), lambda yes: write() if yes else None)

    def action_edit_checkin(self) -> None:
        from okrtui.core import edits
        from okrtui.tui.dialogs.checkin import CheckinDialog

        objective, kr, position = self._selected_checkin()
        if objective is None or kr is None or position is None:
            return
        current = self.scores[objective.id].key_results[kr.id].current

        def save(checkin: dict[str, Any] | None) -> None:
            if checkin is not None:
                self.main.selection.checkin = (kr.id, position)
                self._confirm_the_period(objective, checkin, lambda: self.write(
                    objective.path, edits.ReplaceCheckin(kr.id, position, checkin),
                    f"Saved the check-in of {checkin['date']}"))

        self.push_screen(CheckinDialog(kr, current, self.today, self.author,
                                       existing=kr.checkins[position]), save)

    def action_delete_checkin(self) -> None:
        from okrtui.core import edits
        from okrtui.tui.dialogs.confirm import ConfirmDialog

        objective, kr, position = self._selected_checkin()
        if objective is None or kr is None or position is None:
            return
        checkin = kr.checkins[position]

        def answer(yes: bool | None) -> None:
            if yes:
                self.delete_in_file(objective, edits.RemoveCheckin(kr.id, position),
                                    f"delete check-in {checkin.date} of {objective.id}:{kr.id}",
                                    f"Deleted the check-in of {checkin.date}")

        self.push_screen(ConfirmDialog(f"Delete the check-in of {checkin.date} on {kr.id}?\n\n"
                                       "u undoes it."), answer)

    def _selected_checkin(self) -> tuple[Objective | None, KeyResult | None, int | None]:
        table = self.main.query_one(CheckinTable)
        return (self.main.current_objective(), self.main.current_key_result(),
                table.selected_position())

    def action_new_objective(self) -> None:
        from okrtui.tui.dialogs.objective_form import ObjectiveForm

        period = self.period or self.current_period
        parents = _parents(self.workspace)

        def save(result: tuple[str | None, dict[str, Any]] | None) -> None:
            if result is not None:
                path, fields = result
                assert path is not None
                self.create(path, fields)

        self.push_screen(ObjectiveForm(None, period.label, parents), save)

    def action_edit_objective(self) -> None:
        from okrtui.core import edits
        from okrtui.tui.dialogs.objective_form import ObjectiveForm

        objective = self._objective_or_warn()
        if objective is None or self.workspace is None:
            return

        def save(result: tuple[str | None, dict[str, Any]] | None) -> None:
            if result and result[1]:
                changes = tuple(edits.SetField(k, v) for k, v in result[1].items())
                self.write(objective.path, edits.Several(changes), f"Saved {objective.id}")

        self.push_screen(ObjectiveForm(objective, "", _parents(self.workspace)), save)

    def action_delete_objective(self) -> None:
        from okrtui.tui.dialogs.confirm import ConfirmDialog

        objective = self._objective_or_warn()
        if objective is None:
            return

        children = [o for o in (self.workspace.objectives if self.workspace else ())
                    if o.parent == objective.id]

        def answer(yes: bool | None) -> None:
            if yes:
                self.delete(objective, children)

        question = (f"Delete the objective {printable(objective.title)!r}?\n\nIts file "
                    f"{objective.id}.toml and all its check-ins will be removed.")
        if children:
            question += (f"\n\n{_count(len(children), 'objective')} support it; they will be "
                         "unlinked (their parent removed):\n" + "\n".join(
                             f"  {printable(c.title)}" for c in children))
        self.push_screen(ConfirmDialog(question + "\n\nu undoes it all."), answer)

    def action_add_key_result(self) -> None:
        from okrtui.core import edits
        from okrtui.tui.dialogs.key_result_form import KeyResultForm

        objective = self._objective_or_warn()
        if objective is None:
            return

        def save(fields: dict[str, Any] | None) -> None:
            if fields:
                self.main.selection.key_result = fields["id"]
                self.write(objective.path, edits.AddKeyResult(fields),
                           f"Added key result {fields['id']}")

        self.push_screen(KeyResultForm(None, {kr.id for kr in objective.key_results}), save)

    def action_edit_key_result(self) -> None:
        from okrtui.core import edits
        from okrtui.tui.dialogs.key_result_form import KeyResultForm

        objective, kr = self.main.current_objective(), self.main.current_key_result()
        if objective is None or kr is None:
            return

        def save(changes: dict[str, Any] | None) -> None:
            if changes:
                several = tuple(edits.SetField(k, v, kr_id=kr.id) for k, v in changes.items())
                self.write(objective.path, edits.Several(several), f"Saved {kr.id}")

        self.push_screen(KeyResultForm(kr, set()), save)

    def action_delete_key_result(self) -> None:
        from okrtui.core import edits
        from okrtui.tui.dialogs.confirm import ConfirmDialog

        objective, kr = self.main.current_objective(), self.main.current_key_result()
        if objective is None or kr is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.main.selection.key_result = None
                self.delete_in_file(objective, edits.RemoveKeyResult(kr.id),
                                    f"delete key result {objective.id}:{kr.id}",
                                    f"Deleted key result {kr.id}")

        self.push_screen(ConfirmDialog(
            f"Delete the key result {printable(kr.title)!r} and its "
            f"{_count(len(kr.checkins), 'check-in')}?\n\nu undoes it."), answer)

    def _objective_or_warn(self) -> Objective | None:
        objective = self.main.current_objective()
        if objective is None:
            self.notify("Select an objective first (n adds one)", severity="warning")
        return objective


def _count(n: int, thing: str) -> str:
    """``1 check-in``, ``3 check-ins``."""
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _parents(workspace: Any) -> dict[str, str]:
    """Objectives to offer as a parent, by id: their title and period, as people know them."""
    if workspace is None:
        return {}
    return {o.id: f"{printable(o.title)}" + (f" · {o.period.label}" if o.period else "")
            for o in sorted(workspace.objectives, key=lambda o: (o.title.lower(), o.id))}
