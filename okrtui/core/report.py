"""The period report as plain data: the JSON shape documented in docs/report.md, from which
the markdown and CSV reports are rendered."""

from __future__ import annotations

from datetime import date
from typing import Any

from okrtui.core.model import Objective, Review, Status
from okrtui.core.periods import Period
from okrtui.core.scoring import achieved, band, score_objective
from okrtui.core.settings import Settings

REPORT_VERSION = 1
#: One colour scale everywhere: the status, which follows the expected pace during the
#: period and the grade band once it is over.
COLOUR = {Status.ON_TRACK: "green", Status.AT_RISK: "yellow", Status.OFF_TRACK: "red"}


def build_report(objectives: list[Objective], settings: Settings, period: Period | None,
                 today: date, workspace_name: str) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "workspace": workspace_name,
        "period": _period(period),
        "today": today.isoformat(),
        "objectives": [_objective(o, settings, period, today) for o in objectives],
    }


def _period(period: Period | None) -> dict[str, str] | None:
    if period is None:
        return None
    return {"label": period.label, "start": period.start.isoformat(),
            "end": period.end.isoformat()}


def _objective(objective: Objective, settings: Settings, period: Period | None,
               today: date) -> dict[str, Any]:
    score = score_objective(objective, today, settings.thresholds, settings.cadence)
    grade = score.progress
    window = objective.period or period
    notes = []
    for kr in objective.key_results:
        for checkin in kr.checkins:
            if checkin.note and checkin.date <= today and (
                    window is None or window.contains(checkin.date)):
                notes.append({"date": checkin.date.isoformat(), "key_result": kr.id,
                              "note": checkin.note, "by": checkin.by, "tag": checkin.tag})
    notes.sort(key=lambda n: (n["date"], n["key_result"]))
    return {
        "id": objective.id,
        "title": objective.title,
        "owner": objective.owner or None,
        "period": _period(objective.period),
        "kind": objective.kind,
        "commitment": objective.commitment,
        "parent": objective.parent or None,
        "grade": None if grade is None else round(grade, 2),
        "band": None if grade is None else band(grade),
        "achieved": None if grade is None or not score.ended
        else achieved(grade, objective.commitment),
        "status": score.status.value if score.status else None,
        "colour": COLOUR[score.status] if score.status else None,
        "label": score.label,
        "stale": score.stale,
        "key_results": [
            {
                "id": kr.id,
                "title": kr.title,
                "type": kr.type,
                "unit": kr.unit or None,
                "start": kr.start,
                "target": kr.target,
                "min": kr.min,
                "max": kr.max,
                "current": score.key_results[kr.id].current,
                "progress": None if score.key_results[kr.id].progress is None
                else round(score.key_results[kr.id].progress or 0.0, 2),
                "in_range": score.key_results[kr.id].in_range,
                "status": score.key_results[kr.id].status.value,
                "label": score.key_results[kr.id].label,
                "confidence": score.key_results[kr.id].confidence,
                "stale": score.key_results[kr.id].stale,
                "weight": kr.weight,
            }
            for kr in objective.key_results
        ],
        "notes": notes,
        "review": _review(objective.review),
    }


def _review(review: Review | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {
        "date": review.date.isoformat() if review.date else None,
        "grade": review.grade, "achieved": review.achieved, "forecast": review.forecast,
        "self_grade": review.self_grade, "reason": review.reason or None,
        "went_well": review.went_well or None, "adjust": review.adjust or None,
        "learned": review.learned or None,
    }
