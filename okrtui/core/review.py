"""The end-of-period review: what okrtui computes for it (the final grade, achieved or not by
the commitment, the forecast made at mid-period versus the actual grade), and the edit that
stores it in the objective file's ``[review]`` table, keeping every other byte."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from okrtui.core import edits, toml_text
from okrtui.core.model import Objective
from okrtui.core.scoring import Thresholds, achieved, score_objective

QUESTIONS = {
    "went_well": "What went well?",
    "adjust": "What should we adjust?",
    "learned": "What did we learn?",
}
#: The order fields are written in, computed first, then the people's answers.
FIELD_ORDER = ("date", "grade", "achieved", "forecast", "self_grade", "reason", *QUESTIONS)


def can_review(objective: Objective, today: date) -> bool:
    """From the period's last day on (an objective without a period: any time)."""
    return objective.period is None or today >= objective.period.end


def computed_fields(objective: Objective, today: date, thresholds: Thresholds | None = None,
                    cadence: str = "weekly") -> dict[str, Any]:
    """What okrtui records in a review written on ``today``: the date, the final grade (as of
    the period's end, or today if earlier), achieved by the commitment, and the forecast
    at mid-period when there was one."""
    period = objective.period
    final_day = min(today, period.end) if period else today
    score = score_objective(objective, final_day, thresholds or Thresholds(), cadence)
    fields: dict[str, Any] = {"date": today}
    if score.progress is not None:
        grade = round(score.progress, 2)
        fields["grade"] = grade
        fields["achieved"] = achieved(grade, objective.commitment)
    forecast = forecast_at(objective, _midpoint(objective) or final_day)
    if forecast is not None:
        fields["forecast"] = round(forecast, 2)
    return fields


def forecast_at(objective: Objective, day: date) -> float | None:
    """The objective's grade as forecast on ``day``: the weighted mean of its key results'
    forecasts (their progress where there is no forecast yet); None without scored ones."""
    score = score_objective(objective, day)
    weighted = []
    for kr in objective.key_results:
        if not kr.scored:
            continue
        kr_score = score.key_results[kr.id]
        value = kr_score.forecast.progress if kr_score.forecast else kr_score.progress
        weighted.append((kr.weight, value or 0.0))
    total = sum(weight for weight, _ in weighted)
    return sum(w * v for w, v in weighted) / total if total > 0 else None


def _midpoint(objective: Objective) -> date | None:
    period = objective.period
    if period is None:
        return None
    return period.start + timedelta(days=(period.end - period.start).days // 2)


@dataclass(frozen=True)
class SetReview(edits.Edit):
    """Set fields of the ``[review]`` table, creating it at the end of the file if needed.
    Fields not named keep their value and spelling."""

    fields: dict[str, Any]

    def splice(self, text: str, data: dict[str, Any]) -> str:
        if "review" in data and not isinstance(data["review"], dict):
            raise edits.EditError("review is not a table here: write it as a [review] table")
        layout = toml_text.scan(text)
        nl = edits.newline_of(text)
        section = next((i for i, s in enumerate(layout.sections)
                        if s.header == ("review",) and not s.array), None)
        if section is None:
            if "review" in data:
                raise edits.EditError("this file writes review as an inline table: rewrite it "
                                      "as a [review] table to edit it with okrtui")
            lines = ["[review]"] + [f"{k} = {edits.toml_value(v)}"
                                    for k, v in self._ordered(self.fields)]
            separator = "" if not text or text.endswith("\n") else nl
            gap = nl if text.strip() and not text.endswith((f"{nl}{nl}", "\n\n")) else ""
            return text + separator + gap + nl.join(lines) + nl
        current = data["review"]
        missing = [(k, v) for k, v in self._ordered(self.fields)
                   if layout.entry(section, (k,)) is None]
        if missing:  # after the section's last entry, so the offsets before it still hold
            entries = layout.sections[section].entries
            header = layout.sections[section].start
            at = entries[-1].end if entries else edits.end_of_line(text, header)
            prefix = "" if text[:at].endswith("\n") else nl
            block = "".join(f"{k} = {edits.toml_value(v)}{nl}" for k, v in missing)
            text = text[:at] + prefix + block + text[at:]
        changed = [(entry, value) for key, value in self.fields.items()
                   if (entry := layout.entry(section, (key,))) is not None
                   and not (type(current.get(key)) is type(value) and current[key] == value)]
        for entry, value in sorted(changed, key=lambda c: -c[0].value_start):
            text = text[:entry.value_start] + edits.toml_value(value) + text[entry.value_end:]
        return text

    def expect(self, data: dict[str, Any]) -> dict[str, Any]:
        data.setdefault("review", {}).update(self.fields)
        return data

    @staticmethod
    def _ordered(fields: dict[str, Any]) -> list[tuple[str, Any]]:
        rank = {key: index for index, key in enumerate(FIELD_ORDER)}
        return sorted(fields.items(), key=lambda item: rank.get(item[0], len(rank)))
