from datetime import date
from pathlib import Path

import pytest

from okrtui.core.model import Checkin, KeyResult, Objective, Status
from okrtui.core.periods import parse_period
from okrtui.core.scoring import (
    Thresholds,
    achieved,
    band,
    checkins_until,
    forecast,
    is_stale,
    progress,
    score_objective,
    status_of,
)

Q4 = parse_period("2026-Q4")  # 92 days, 2026-10-01 .. 2026-12-31
MID = date(2026, 11, 15)  # elapsed exactly 0.5


def metric(start, target, *values, **extra):
    checkins = tuple(Checkin(date(2026, 10, 1 + 7 * i), v) for i, v in enumerate(values))
    return KeyResult(id=extra.pop("id", "kr"), title="t", start=start, target=target,
                     checkins=checkins, **extra)


def objective(*krs, commitment="committed", period=Q4, cadence=None):
    return Objective(id="o", path=Path("o.toml"), title="O", period=period,
                     commitment=commitment, key_results=krs, cadence=cadence)


@pytest.mark.parametrize(
    ("kr", "value", "expected"),
    [
        (metric(0, 100), 50, 0.5),
        (metric(120, 500), 310, 0.5),
        (metric(0, 100), 150, 1.0),  # clamped above
        (metric(0, 100), -5, 0.0),  # clamped below
        (metric(6.0, 3.0), 4.5, 0.5),  # decrease
        (metric(6.0, 3.0), 2.0, 1.0),  # decrease, beyond target
        (metric(6.0, 3.0), 7.0, 0.0),  # decrease, went the wrong way
        (metric(30, 10), 30, 0.0),
        (KeyResult("m", "t", type="milestone"), True, 1.0),
        (KeyResult("m", "t", type="milestone"), False, 0.0),
        (KeyResult("m", "t", type="milestone"), None, 0.0),
        (KeyResult("h", "t", type="health", min=99.5), 99.9, None),
    ],
)
def test_progress(kr, value, expected):
    assert progress(kr, value) == (None if expected is None else pytest.approx(expected))


def test_current_value_is_latest_by_date_with_file_order_breaking_ties():
    kr = KeyResult("k", "t", start=0, target=10, checkins=(
        Checkin(date(2026, 10, 9), 7),
        Checkin(date(2026, 10, 2), 3),
        Checkin(date(2026, 10, 9), 8),  # same day, later in the file: wins
    ))
    def current(today):
        return score_objective(objective(kr), today).key_results["k"].current

    assert current(date(2026, 10, 20)) == 8
    assert current(date(2026, 10, 5)) == 3  # later check-ins are in the future
    assert current(date(2026, 10, 1)) == 0  # none yet: start


_COUNTED_KR = KeyResult("k", "t", start=0, target=10, checkins=(
    Checkin(date(2026, 10, 9), 7),
    Checkin(date(2026, 9, 20), 1),  # before the period: never counts
    Checkin(date(2026, 10, 2), 3),
    Checkin(date(2026, 10, 9), 8),
    Checkin(date(2027, 1, 10), 9),  # a final value, recorded late
))
_COUNTED_HEALTH = KeyResult("h", "t", type="health", min=1, checkins=(
    Checkin(date(2026, 10, 9), 2), Checkin(date(2026, 10, 2), 0)))


@pytest.mark.parametrize(
    ("kr", "today", "values"),
    [
        (_COUNTED_KR, date(2026, 10, 20), (3, 7, 8)),  # by date; file order breaks ties
        (_COUNTED_KR, date(2026, 10, 5), (3,)),  # later ones are in the future
        (_COUNTED_KR, date(2026, 10, 1), ()),  # not started: nothing yet
        (_COUNTED_KR, date(2027, 2, 1), (3, 7, 8, 9)),  # ended: the late final value too
        (_COUNTED_HEALTH, date(2026, 10, 20), (0, 2)),
        (KeyResult("m", "t", type="milestone"), MID, ()),
    ],
)
def test_a_key_results_score_holds_the_checkins_that_count(kr, today, values):
    score = score_objective(objective(kr), today).key_results[kr.id]
    assert tuple(c.value for c in score.counted) == values
    assert score.counted == tuple(checkins_until(kr, today, Q4))


@pytest.mark.parametrize(
    ("progress_", "expected", "confidence", "status"),
    [
        (0.5, 0.5, None, Status.ON_TRACK),
        (0.45, 0.5, None, Status.ON_TRACK),  # ratio 0.9 exactly
        (0.44, 0.5, None, Status.AT_RISK),
        (0.30, 0.5, None, Status.AT_RISK),  # ratio 0.6 exactly
        (0.29, 0.5, None, Status.OFF_TRACK),
        (0.0, 0.0, None, Status.ON_TRACK),  # period not started
        (0.9, 0.5, 0.3, Status.AT_RISK),  # low confidence
        (0.9, 0.5, 0.4, Status.ON_TRACK),  # 0.4 is not low
        (0.1, 0.5, 0.1, Status.OFF_TRACK),  # low confidence never improves a status
        (0.2, None, None, Status.ON_TRACK),  # no period: only confidence counts
    ],
)
def test_status(progress_, expected, confidence, status):
    assert status_of(progress_, expected, confidence, Thresholds()) is status


def test_status_uses_configured_thresholds():
    strict = Thresholds(on_track=1.0, at_risk=0.8)
    assert status_of(0.45, 0.5, None, strict) is Status.AT_RISK
    assert status_of(0.35, 0.5, None, strict) is Status.OFF_TRACK


@pytest.mark.parametrize(
    ("commitment", "value", "status"),
    [
        # mid-period: committed expects 0.5, aspirational 0.35
        ("committed", 50, Status.ON_TRACK),
        ("committed", 35, Status.AT_RISK),
        ("committed", 20, Status.OFF_TRACK),
        ("aspirational", 35, Status.ON_TRACK),
        ("aspirational", 25, Status.AT_RISK),
        ("aspirational", 20, Status.OFF_TRACK),
    ],
)
def test_committed_vs_aspirational_expectations(commitment, value, status):
    obj = objective(metric(0, 100, value), commitment=commitment)
    assert score_objective(obj, MID).status is status


@pytest.mark.parametrize(
    ("last", "cadence", "today", "stale"),
    [
        (date(2026, 11, 1), "weekly", date(2026, 11, 15), False),  # 14 days = 2 intervals
        (date(2026, 11, 1), "weekly", date(2026, 11, 16), True),
        (date(2026, 11, 1), "biweekly", date(2026, 11, 29), False),
        (date(2026, 11, 1), "biweekly", date(2026, 11, 30), True),
        (date(2026, 10, 1), "monthly", date(2026, 12, 2), False),
        (date(2026, 10, 1), "monthly", date(2026, 12, 3), True),
        (None, "weekly", date(2026, 10, 15), False),  # counts from the period start
        (None, "weekly", date(2026, 10, 16), True),
        (date(2026, 11, 1), "weekly", date(2027, 1, 10), False),  # period is over
    ],
)
def test_stale(last, cadence, today, stale):
    assert is_stale(last, Q4, cadence, today) is stale


def test_objective_cadence_overrides_the_workspace_default():
    kr = metric(0, 100, 50)  # one check-in on 2026-10-01
    today = date(2026, 10, 20)
    assert score_objective(objective(kr), today, default_cadence="weekly").stale
    assert not score_objective(objective(kr), today, default_cadence="monthly").stale
    assert score_objective(objective(kr, cadence="weekly"), today,
                           default_cadence="monthly").stale


def test_objective_progress_is_weighted_mean_of_scored_krs():
    obj = objective(
        metric(0, 100, 100, id="a", weight=3.0),
        metric(0, 100, 0, id="b", weight=1.0),
        KeyResult("h", "health", type="health", max=10,
                  checkins=(Checkin(date(2026, 10, 1), 50),)),
    )
    score = score_objective(obj, MID)
    assert score.progress == pytest.approx(0.75)
    assert score.key_results["h"].in_range is False
    assert score.key_results["h"].progress is None


def test_objective_takes_the_worst_status_and_health_breach_is_at_risk():
    healthy = KeyResult("h", "t", type="health", min=1, checkins=(Checkin(date(2026, 10, 1), 5),))
    breached = KeyResult("h", "t", type="health", min=1, checkins=(Checkin(date(2026, 10, 1), 0),))
    good = metric(0, 100, 60, id="good")
    bad = metric(0, 100, 10, id="bad")
    assert score_objective(objective(good, healthy), MID).status is Status.ON_TRACK
    assert score_objective(objective(good, breached), MID).status is Status.AT_RISK
    assert score_objective(objective(good, bad), MID).status is Status.OFF_TRACK
    assert score_objective(objective(), MID).status is None
    assert score_objective(objective(), MID).progress is None


def test_milestone_status():
    done = KeyResult("m", "t", type="milestone", checkins=(Checkin(date(2026, 10, 3), True),))
    assert score_objective(objective(done), MID).status is Status.ON_TRACK
    assert score_objective(objective(done), date(2026, 10, 2)).progress == 0.0


@pytest.mark.parametrize(
    ("grade", "colour"),
    [(0.0, "red"), (0.39, "red"), (0.4, "yellow"), (0.69, "yellow"), (0.7, "green"),
     (1.0, "green")],
)
def test_band(grade, colour):
    assert band(grade) == colour


@pytest.mark.parametrize(
    ("grade", "commitment", "result"),
    [(1.0, "committed", True), (0.99, "committed", False), (0.7, "aspirational", True),
     (0.69, "aspirational", False), (0.7, "committed", False)],
)
def test_achieved(grade, commitment, result):
    assert achieved(grade, commitment) is result


@pytest.mark.parametrize(
    ("values", "days", "expected"),
    [
        ((0, 10), (0, 10), 91.0),  # slope 1 per day, period end is day 91
        ((100, 90, 80), (0, 7, 14), 100 - 91 * 10 / 7),  # decrease
        ((5, 5), (0, 30), 5.0),  # flat
    ],
)
def test_forecast_least_squares(values, days, expected):
    kr = KeyResult("k", "t", start=0, target=200, checkins=tuple(
        Checkin(date(2026, 10, 1 + d) if d < 31 else date(2026, 11, d - 30), v)
        for d, v in zip(days, values, strict=True)))
    result = forecast(kr, Q4, date(2026, 12, 1))
    assert result is not None
    assert result.value == pytest.approx(expected)
    assert result.on == date(2026, 12, 31)


def test_forecast_progress_and_missing_cases():
    kr = metric(0, 100, 10, 20)  # +10 a week: 130 by day 91 -> clamped progress 1.0
    result = forecast(kr, Q4, MID)
    assert result is not None and result.progress == 1.0
    assert forecast(metric(0, 100, 10), Q4, MID) is None  # one point
    assert forecast(metric(0, 100), Q4, MID) is None
    assert forecast(KeyResult("m", "t", type="milestone"), Q4, MID) is None
