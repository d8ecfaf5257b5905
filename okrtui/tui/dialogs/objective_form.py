"""New / edit objective dialog."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from okrtui.core.model import CADENCES, COMMITMENTS, KINDS, Objective
from okrtui.core.periods import PeriodError, parse_period
from okrtui.core.workspace import default_objective_path
from okrtui.tui.dialogs.form import FormDialog, FormInvalid

ROUTE_KNOWN = {
    "performance": "yes: a performance goal, judged on its targets",
    "learning": "not yet: a learning goal (experiments, decisions)",
}


class ObjectiveForm(FormDialog):
    """Returns ``(path or None, fields)``; ``fields`` holds only what changed when editing."""

    def __init__(self, objective: Objective | None, period: str,
                 parents: dict[str, str]) -> None:
        """``parents``: the objectives this one may support, id -> title and period."""
        super().__init__()
        self.objective = objective
        self.default_period = period
        self.parents = parents
        self.heading = "Edit objective" if objective else "New objective"

    def fields(self) -> ComposeResult:
        o = self.objective
        yield self.label("Title: what you want to achieve")
        yield Input(value=o.title if o else "", id="title", compact=True)
        yield self.label("Period: YYYY, YYYY-H1, YYYY-Q4 or YYYY-MM")
        period = o.period.label if o and o.period and o.period.kind != "custom" else ""
        yield Input(value=period if o else self.default_period, id="period",
                    disabled=bool(o and o.period and o.period.kind == "custom"), compact=True)
        yield self.label("Owner: a person or team")
        yield Input(value=o.owner if o else "", id="owner", compact=True)
        yield self.label("Description: why it matters, in a sentence or two")
        yield Input(value=o.description if o else "", id="description", compact=True)
        yield self.label("Do you already know how to reach this? (no: a learning goal, "
                         "judged on what you learn)")
        yield Select([(ROUTE_KNOWN[k], k) for k in KINDS], value=o.kind if o else "performance",
                     allow_blank=False, id="kind", compact=True)
        yield self.label("Commitment (committed: 1.0 expected; aspirational: 0.7 is success)")
        yield Select([(c, c) for c in COMMITMENTS], value=o.commitment if o else "committed",
                     allow_blank=False, id="commitment", compact=True)
        yield self.label("Cadence of check-ins")
        yield Select([(c, c) for c in CADENCES], value=o.cadence if o and o.cadence else
                     Select.NULL, prompt="workspace default", id="cadence", compact=True)
        yield self.label("Parent objective (alignment)")
        options = [(_choice_label(title), pid) for pid, title in self.parents.items()
                   if not o or pid != o.id]
        parent = o.parent if o and o.parent in self.parents else Select.NULL
        yield Select(options, value=parent, prompt="none", id="parent", compact=True)
        if not o:
            yield self.label("File (relative to the workspace, .toml is added)")
            yield Input(placeholder="leave empty to derive it from owner, period and title",
                        id="path", compact=True)

    def result(self) -> tuple[str | None, dict[str, Any]]:
        title = self.value("title")
        if not title:
            raise FormInvalid("a title is required")
        fields: dict[str, Any] = {"title": title}
        period = self.value("period")
        if period:
            try:
                fields["period"] = parse_period(period).label
            except PeriodError as exc:
                raise FormInvalid(str(exc)) from None
        fields["owner"] = self.value("owner")
        fields["description"] = self.value("description")
        fields["kind"] = self.choice("kind")
        fields["commitment"] = self.choice("commitment")
        fields["cadence"] = self.choice("cadence")
        fields["parent"] = self.choice("parent")
        if self.objective is not None:
            return None, self._changes(fields)
        path = self.value("path") or default_objective_path(
            title, fields["owner"], fields.get("period", ""))
        return path, {k: v for k, v in fields.items() if v}

    def _changes(self, fields: dict[str, Any]) -> dict[str, Any]:
        o = self.objective
        assert o is not None
        current = {"title": o.title, "period": o.period.label if o.period else "",
                   "owner": o.owner, "description": o.description, "kind": o.kind,
                   "commitment": o.commitment, "cadence": o.cadence, "parent": o.parent}
        if o.period and o.period.kind == "custom":
            fields.pop("period", None)
            current.pop("period")
        changes = {}
        for key, value in fields.items():
            if (value or None) != (current.get(key) or None):
                changes[key] = value or None  # None removes the key from the file
        return changes


def _choice_label(text: str, width: int = 56) -> str:
    """Long titles are cut so the choice fits the dialog."""
    return text if len(text) <= width else text[:width - 1] + "…"
