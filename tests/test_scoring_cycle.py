"""Learning goals judged on learning, one colour scale before and after a period's end,
and `achieved` unknown until the end: plain tables of cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrtui.core.model import Checkin, KeyResult, Objective, Status
from okrtui.core.periods import parse_period
from okrtui.core.report import build_report
from okrtui.core.scoring import score_objective
from okrtui.core.settings import Settings

Q4 = parse_period("2026-Q4")  # 2026-10-01 .. 2026-12-31


def kr(*checkins: tuple[str, float, str | None, str | None], start=0, target=10,
       kind="metric") -> KeyResult:
    return KeyResult(id="kr", title="t", type=kind, start=start, target=target,
                     checkins=tuple(Checkin(date.fromisoformat(d), v, note=note, tag=tag)
                                    for d, v, note, tag in checkins))


def objective(result: KeyResult, kind="performance", commitment="committed") -> Objective:
    return Objective(id="o", path=Path("o.toml"), title="O", period=Q4, kind=kind,
                     commitment=commitment, key_results=(result,))


# -- learning goals: never off track for being behind; judged on what is logged ---------------

@pytest.mark.parametrize(("checkins", "today", "status", "label"), [
    # far behind the line, but a recent note: learning is happening
    ([("2026-11-20", 1, "pricing page test shows 2x signups", None)], "2026-11-22",
     Status.ON_TRACK, "learning"),
    # a recent tag alone counts as a logged step
    ([("2026-11-18", 1, None, "experiment")], "2026-11-22", Status.ON_TRACK, "learning"),
    # recent check-ins, but nothing written down for two intervals
    ([("2026-10-20", 1, "first interviews", None), ("2026-11-20", 2, None, None)],
     "2026-11-22", Status.AT_RISK, "no notes"),
    # nothing for more than two weekly intervals: stalled (at risk, never off track)
    ([("2026-10-20", 1, "first interviews", None)], "2026-11-22", Status.AT_RISK, "stalled"),
    # the first two weeks of the period: nothing is expected yet
    ([("2026-10-02", 0, None, None)], "2026-10-10", Status.ON_TRACK, "learning"),
    # after the period: learned when anything was logged during it
    ([("2026-11-20", 1, "decided on per-seat pricing", "decision")], "2027-01-05",
     Status.ON_TRACK, "learned"),
    ([("2026-11-20", 1, None, None)], "2027-01-05", Status.AT_RISK, "nothing logged"),
])
def test_learning_goal_status(checkins, today, status, label):
    score = score_objective(objective(kr(*checkins), kind="learning"),
                            date.fromisoformat(today))
    assert (score.key_results["kr"].status, score.key_results["kr"].label) == (status, label)
    assert (score.status, score.label) == (status, label)
    assert score.status is not Status.OFF_TRACK


def test_the_same_numbers_on_a_performance_goal_are_off_track():
    result = kr(("2026-11-20", 1, "a note", None))
    assert score_objective(objective(result), date(2026, 11, 22)).status is Status.OFF_TRACK
    assert score_objective(objective(result, kind="learning"),
                           date(2026, 11, 22)).status is Status.ON_TRACK


# -- one colour scale: pace while the period runs, grade band from its end on ------------------

@pytest.mark.parametrize(("value", "commitment", "today", "status", "label", "ended"), [
    # during the period: 0.55 three days before the end is far behind the pace: red
    (5.5, "committed", "2026-12-28", Status.OFF_TRACK, "off track", False),
    # after the end: the same 0.55 is a yellow grade (amber), not achieved
    (5.5, "committed", "2027-01-05", Status.AT_RISK, "not achieved", True),
    (3.0, "committed", "2027-01-05", Status.OFF_TRACK, "not achieved", True),
    (8.0, "committed", "2027-01-05", Status.ON_TRACK, "not achieved", True),  # green, < 1.0
    (10, "committed", "2027-01-05", Status.ON_TRACK, "achieved", True),
    (7.0, "aspirational", "2027-01-05", Status.ON_TRACK, "achieved", True),
    # the last day of the period still counts as during it
    (10, "committed", "2026-12-31", Status.ON_TRACK, "on track", False),
])
def test_one_colour_scale(value, commitment, today, status, label, ended):
    result = kr(("2026-10-05", 0, None, None), ("2026-11-20", value, None, None))
    score = score_objective(objective(result, commitment=commitment), date.fromisoformat(today))
    assert (score.status, score.label, score.ended) == (status, label, ended)


@pytest.mark.parametrize(("today", "achieved", "colour"), [
    ("2026-11-22", None, "red"),     # not yet known while the period runs
    ("2026-12-31", None, "green"),   # on the last day, 1.0 is on track; achieved still open
    ("2027-01-01", True, "green"),
])
def test_achieved_is_known_only_after_the_end(today, achieved, colour):
    value = 10 if today >= "2026-12-31" else 2
    result = kr(("2026-10-05", 0, None, None), ("2026-11-20", value, None, None))
    data = build_report([objective(result)], Settings(), Q4, date.fromisoformat(today), "w")
    assert (data["objectives"][0]["achieved"], data["objectives"][0]["colour"]) == (
        achieved, colour)


def test_a_learning_objective_is_learning_when_any_key_result_is():
    logged = kr(("2026-11-20", 1, "per-seat pricing converts better", "validated"))
    quiet = KeyResult(id="decision", title="d", type="milestone",
                      checkins=(Checkin(date(2026, 11, 20), False),))
    o = Objective(id="o", path=Path("o.toml"), title="O", period=Q4, kind="learning",
                  key_results=(logged, quiet))
    score = score_objective(o, date(2026, 11, 22))
    assert score.key_results["decision"].label == "no notes"
    assert (score.status, score.label) == (Status.ON_TRACK, "learning")


def test_a_brand_new_objective_is_not_started_not_off_track_or_stale():
    fresh = Objective(id="o", path=Path("o.toml"), title="O", period=Q4,
                      key_results=(kr(),))
    score = score_objective(fresh, date(2026, 11, 22))
    assert (score.status, score.label, score.stale) == (None, "not started", False)
    assert score.key_results["kr"].label == "no check-ins yet"


def test_a_breached_health_kpi_says_it_is_the_reason():
    done = kr(("2026-11-20", 10, None, None))
    health = KeyResult(id="uptime", title="u", type="health", min=99.5,
                       checkins=(Checkin(date(2026, 11, 20), 98.0),))
    o = Objective(id="o", path=Path("o.toml"), title="O", period=Q4,
                  key_results=(done, health))
    score = score_objective(o, date(2026, 11, 22))
    assert score.progress == 1.0
    assert (score.status, score.label) == (Status.AT_RISK, "at risk (uptime breached)")
