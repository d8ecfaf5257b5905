"""Progress, status, grade and forecast: pure functions of the model and a given ``today``.

Every formula here is documented in docs/format.md; keep the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from operator import attrgetter, mul
from typing import Literal, NamedTuple

from okrtui.core.model import (
    CADENCE_DAYS,
    SUCCESS_AT,
    Checkin,
    KeyResult,
    Objective,
    Status,
    Value,
)
from okrtui.core.periods import Period

Band = Literal["red", "yellow", "green"]
LOW_CONFIDENCE = 0.4
STALE_AFTER_INTERVALS = 2


@dataclass(frozen=True)
class Thresholds:
    """progress / expected at or above ``on_track`` is on track, at or above ``at_risk`` at risk."""

    on_track: float = 0.9
    at_risk: float = 0.6


class Forecast(NamedTuple):
    """Where a key result is heading: its ``value`` and ``progress`` ``on`` the last day."""

    value: float
    progress: float
    on: date


@dataclass(frozen=True)
class KRScore:
    """How a key result stands ``today``."""

    current: Value | None
    progress: float | None
    """0..1 for metric and milestone key results; None for health ones."""
    status: Status
    stale: bool
    confidence: float | None
    last_checkin: date | None
    in_range: bool | None = None
    forecast: Forecast | None = None
    label: str = ""
    """What the status means in words: on track, at risk, off track; learning or stalled for
    a learning goal; achieved or missed once the period is over."""
    counted: tuple[Checkin, ...] = ()
    """The check-ins that count today (``checkins_until``), oldest first: the sparkline's
    points, so that a caller need not sort them again."""


@dataclass(frozen=True)
class ObjectiveScore:
    """How an objective stands ``today``, from its key results."""

    progress: float | None
    """Weighted mean of the scored key results; None when there is none to score."""
    expected: float | None
    status: Status | None
    stale: bool
    key_results: dict[str, KRScore] = field(default_factory=dict)
    label: str = ""
    ended: bool = False
    """The period is over: colours follow the grade bands and ``achieved`` is known."""


#: A final value recorded this many days after a period's end still counts for it.
LATE_CHECKIN_DAYS = 14


def checkins_until(kr: KeyResult, today: date, period: Period | None = None) -> list[Checkin]:
    """Check-ins dated on or before ``today``, oldest first (file order breaks ties); with a
    ``period``, only those inside it (a final value up to LATE_CHECKIN_DAYS after its end
    counts: it is often recorded a few days late)."""
    first, last = counting_days(period)
    last = min(last, today)
    return sorted([c for c in kr.checkins if first <= c.date <= last], key=_BY_DATE)


_BY_DATE = attrgetter("date")


def counting_days(period: Period | None) -> tuple[date, date]:
    """The first and last day whose check-ins count for ``period`` (every day without)."""
    if period is None:
        return date.min, date.max
    return period.start, period.end + timedelta(days=LATE_CHECKIN_DAYS)


def in_period(day: date, period: Period | None) -> bool:
    first, last = counting_days(period)
    return first <= day <= last


def progress(kr: KeyResult, value: Value | None) -> float | None:
    """metric: clamp((value - start) / (target - start), 0, 1), for increase and decrease;
    milestone: 1.0 when the value is true, else 0.0; health: None (not scored)."""
    if kr.type == "health":
        return None
    if kr.type == "milestone":
        return 1.0 if value is True else 0.0
    if value is None or kr.start is None or kr.target is None or kr.target == kr.start:
        return 0.0
    return min(1.0, max(0.0, (float(value) - kr.start) / (kr.target - kr.start)))


def in_range(kr: KeyResult, value: Value | None) -> bool | None:
    """For health key results: min <= value <= max (either bound may be absent)."""
    if kr.type != "health" or value is None:
        return None
    return (kr.min is None or value >= kr.min) and (kr.max is None or value <= kr.max)


def expected_progress(objective: Objective, today: date) -> float | None:
    """elapsed fraction of the period x success level (1.0 committed, 0.7 aspirational)."""
    if objective.period is None:
        return None
    return objective.period.elapsed(today) * SUCCESS_AT[objective.commitment]


def status_of(progress: float, expected: float | None, confidence: float | None,
              thresholds: Thresholds) -> Status:
    """Compare progress / expected with the thresholds; a confidence below 0.4 makes the
    result at least at risk. Before the period starts (expected 0) everything is on track."""
    status = Status.ON_TRACK
    if expected:
        ratio = progress / expected
        if ratio < thresholds.at_risk:
            status = Status.OFF_TRACK
        elif ratio < thresholds.on_track:
            status = Status.AT_RISK
    if confidence is not None and confidence < LOW_CONFIDENCE and status is Status.ON_TRACK:
        status = Status.AT_RISK
    return status


def is_stale(last_checkin: date | None, period: Period | None, cadence: str,
             today: date) -> bool:
    """No check-in for more than two cadence intervals while the period runs; a key result
    never checked in counts from the period's start."""
    if period is not None and not period.contains(today):
        return False
    since = last_checkin or (period.start if period else None)
    if since is None:
        return False
    return (today - since).days > STALE_AFTER_INTERVALS * CADENCE_DAYS[cadence]


def has_ended(period: Period | None, today: date) -> bool:
    return period is not None and today > period.end


def band_status(grade: float) -> Status:
    """After its period, a grade is coloured by its band: green, yellow (amber), red."""
    return {"green": Status.ON_TRACK, "yellow": Status.AT_RISK, "red": Status.OFF_TRACK}[
        band(grade)]


def learning_status(checkins: list[Checkin], objective: Objective, cadence: str,
                    today: date) -> tuple[Status, str]:
    """A learning goal is judged on whether learning happens, never on pace. Within the
    last two cadence intervals: a check-in with a note or a tag is "learning"; check-ins
    without any are "no notes" (at risk: what was learned is the result); no check-in is
    "stalled" (at risk, never off track). After the period: "learned" when anything was
    logged during it, else "nothing logged"."""
    logged = [c for c in checkins if c.note or c.tag]
    period = objective.period
    if has_ended(period, today):
        assert period is not None
        if any(period.contains(c.date) for c in logged):
            return Status.ON_TRACK, "learned"
        return Status.AT_RISK, "nothing logged"
    window = STALE_AFTER_INTERVALS * CADENCE_DAYS[cadence]
    started = period.start if period else None
    if any((today - c.date).days <= window for c in logged):
        return Status.ON_TRACK, "learning"
    if started is None or (today - started).days <= window:
        return Status.ON_TRACK, "learning"  # the first weeks: nothing to expect yet
    if any((today - c.date).days <= window for c in checkins):
        return Status.AT_RISK, "no notes"
    return Status.AT_RISK, "stalled"


def forecast(kr: KeyResult, period: Period | None, today: date,
             seen: list[Checkin] | None = None) -> Forecast | None:
    """Least-squares line value = a + b * day through the check-ins so far (``seen``, when
    the caller has them: ``checkins_until``), read at the period's end. Needs two check-ins
    on different days; metric key results only."""
    if kr.type != "metric" or period is None:
        return None
    if seen is None:
        seen = checkins_until(kr, today, period)
    xs = [(c.date - period.start).days for c in seen]
    if len(set(xs)) < 2:
        return None
    ys = [float(c.value) for c in seen]
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    # least squares from the sums in one pass (status scores every key result shown), the
    # products summed in C: a generator per sum was a quarter of scoring 323 key results
    sxy = sum(map(mul, xs, ys)) - n * mean_x * mean_y
    sxx = sum(map(mul, xs, xs)) - n * mean_x * mean_x
    slope = sxy / sxx
    end_x = (period.end - period.start).days
    value = mean_y + slope * (end_x - mean_x)
    return Forecast(value=value, progress=progress(kr, value) or 0.0, on=period.end)


def score_key_result(kr: KeyResult, objective: Objective, today: date,
                     thresholds: Thresholds = Thresholds(), default_cadence: str = "weekly",
                     expected: float | None = None) -> KRScore:
    seen = checkins_until(kr, today, objective.period)
    counted = tuple(seen)
    latest = seen[-1] if seen else None
    # current value: the latest check-in's, else start (None for milestones and health KRs)
    value = latest.value if latest else kr.start
    confidence = next((c.confidence for c in reversed(seen) if c.confidence is not None), None)
    stale = is_stale(latest.date if latest else None, objective.period,
                     objective.cadence or default_cadence, today)
    if expected is None:
        expected = expected_progress(objective, today)
    if kr.type == "health":
        healthy = in_range(kr, value)
        status = Status.AT_RISK if healthy is False else Status.ON_TRACK
        return KRScore(value, None, status, stale, confidence, latest.date if latest else None,
                       in_range=healthy, label=status.label, counted=counted)
    done = progress(kr, value) or 0.0
    if objective.kind == "learning":
        status, label = learning_status(seen, objective, objective.cadence or default_cadence,
                                        today)
    elif has_ended(objective.period, today):
        status = band_status(done)
        label = "achieved" if achieved(done, objective.commitment) else "missed"
    else:
        status = status_of(done, expected, confidence, thresholds)
        label = status.label
    return KRScore(
        current=value,
        progress=done,
        status=status,
        stale=stale,
        confidence=confidence,
        last_checkin=latest.date if latest else None,
        forecast=forecast(kr, objective.period, today, seen),
        label=label,
        counted=counted,
    )


def score_objective(objective: Objective, today: date, thresholds: Thresholds = Thresholds(),
                    default_cadence: str = "weekly") -> ObjectiveScore:
    """Objective progress = sum(weight x progress) / sum(weight) over scored key results;
    status = the worst status of its key results (a breached health KR counts as at risk)."""
    expected = expected_progress(objective, today)
    scores = {
        kr.id: score_key_result(kr, objective, today, thresholds, default_cadence, expected)
        for kr in objective.key_results
    }
    weighted = [(kr.weight, scores[kr.id].progress or 0.0)
                for kr in objective.key_results if kr.scored]
    total = sum(weight for weight, _ in weighted)
    overall = sum(w * p for w, p in weighted) / total if total > 0 else None
    status = max((s.status for s in scores.values()), key=lambda s: s.rank, default=None)
    stale = any(scores[kr.id].stale for kr in objective.key_results)
    ended = has_ended(objective.period, today)
    if status is not None and not ended and all(s.last_checkin is None
                                                for s in scores.values()):
        # brand new (or never checked in): nothing to judge yet, the due list asks for one
        scores = {k: replace(s, label="no check-ins yet", stale=False)
                  for k, s in scores.items()}
        return ObjectiveScore(overall, expected, None, False, scores, label="not started")
    if status is None:
        label = "no key results"
    elif objective.kind == "learning":
        # learning anywhere in the objective is learning: its key results are its experiments
        learning = [s for s in scores.values() if s.label in ("learning", "learned")]
        chosen = learning[0] if learning else next(
            s for s in scores.values() if s.status is status)
        status, label = chosen.status, chosen.label
    elif ended and overall is not None:
        status = band_status(overall)
        label = "achieved" if achieved(overall, objective.commitment) else "not achieved"
    else:
        label = status.label
        worst = [kr for kr in objective.key_results if scores[kr.id].status is status]
        if status is not Status.ON_TRACK and all(kr.type == "health" for kr in worst):
            # the scored key results may all be done: say which health KPI holds it back
            label += f" ({', '.join(kr.id for kr in worst)} breached)"
    return ObjectiveScore(overall, expected, status, stale, scores, label=label, ended=ended)


def band(grade: float) -> Band:
    """Google's OKR scale: red below 0.4, yellow below 0.7, green from 0.7."""
    if grade < 0.4:
        return "red"
    if grade < 0.7:
        return "yellow"
    return "green"


def achieved(grade: float, commitment: str) -> bool:
    """A committed objective is achieved at 1.0, an aspirational one at 0.7."""
    return grade >= SUCCESS_AT[commitment] - 1e-9
