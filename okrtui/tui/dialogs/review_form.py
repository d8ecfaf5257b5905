"""The end-of-period review of an objective: the three questions and an optional
self-assessed grade, beside the grade okrtui computed."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Static

from okrtui.core.model import Objective
from okrtui.core.review import QUESTIONS
from okrtui.present import printable
from okrtui.tui.dialogs.form import FormDialog, FormInvalid, parse_number


class ReviewForm(FormDialog):
    """Returns the fields to store in ``[review]``: the computed ones and the answers."""

    def __init__(self, objective: Objective, computed: dict[str, Any]) -> None:
        super().__init__()
        self.objective = objective
        self.computed = computed
        self.heading = f"Review: {printable(objective.title)}"

    def fields(self) -> ComposeResult:
        review = self.objective.review
        yield Static(self._facts(), classes="hint", markup=False)
        for key, question in QUESTIONS.items():
            yield self.label(question)
            yield Input(value=getattr(review, key) if review else "", id=key, compact=True)
        yield self.label("Your own grade, 0.0 to 1.0 (optional; the computed one stays)")
        grade = review.self_grade if review and review.self_grade is not None else None
        yield Input(value="" if grade is None else f"{grade:g}", id="self_grade", compact=True)
        yield self.label("Why your grade differs")
        yield Input(value=review.reason if review else "", id="reason", compact=True)

    def _facts(self) -> str:
        computed = self.computed
        parts = []
        if "grade" in computed:
            parts.append(f"computed grade {computed['grade']:.2f}, "
                         f"{'achieved' if computed['achieved'] else 'not achieved'} "
                         f"({self.objective.commitment})")
        if "forecast" in computed:
            parts.append(f"forecast at mid-period {computed['forecast']:.2f}")
        return " · ".join(parts) or "no scored key results"

    def result(self) -> dict[str, Any]:
        fields = dict(self.computed)
        for key in QUESTIONS:
            if self.value(key):
                fields[key] = self.value(key)
        grade = parse_number(self.value("self_grade"), "Your grade", required=False)
        if grade is not None:
            if not 0 <= grade <= 1:
                raise FormInvalid("your grade must be between 0.0 and 1.0")
            if not self.value("reason"):
                raise FormInvalid("say why your grade differs from the computed one")
            fields["self_grade"] = float(grade)
            fields["reason"] = self.value("reason")
        if not any(key in fields for key in (*QUESTIONS, "self_grade")):
            raise FormInvalid("answer at least one question")
        return fields


