"""The example workspace written by ``okrtui init --example`` and used by ``okrtui --demo``.

Realistic, deterministic data for the quarter containing ``today``: a company objective, two
team objectives aligned to it, a personal one and a learning goal (with tagged check-ins:
its learning log), with metric, decrease, milestone and health key results, and weekly
check-ins from the quarter's start to today (one key result is due for its check-in). The
personal objective carries on one of the quarter before, reviewed and rolled over.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from okrtui.core.edits import apply_edit, objective_text
from okrtui.core.periods import Period, current_period
from okrtui.core.settings import TEMPLATE
from okrtui.core.store import atomic_write


@dataclass(frozen=True)
class _Plan:
    """How a key result's check-ins move: ``pace`` 1.0 reaches the target at period end."""

    pace: float
    noise: float = 0.03
    confidence: float = 0.7
    stop_after: int | None = None  # weeks; later check-ins are missing (a stale key result)
    skip_last: bool = False  # the latest check-in is missing (a key result due now)


def write_example(root: Path, today: date) -> list[Path]:
    """Write the example workspace into ``root`` and return the files written."""
    period = current_period(today)
    q = period.label
    objectives = _objectives(q)
    everything = [*objectives, _last_quarter(period.previous().label)]
    taken = [root / f"{rel}.toml" for rel, _, _ in everything if (root / f"{rel}.toml").exists()]
    if taken:
        raise FileExistsError(f"{taken[0]} already exists: write the example into an empty "
                              "folder")
    root.mkdir(parents=True, exist_ok=True)
    written = []
    settings = root / "okrtui.toml"
    if not settings.exists():
        atomic_write(settings, TEMPLATE.format(name="Acme example").encode())
        written.append(settings)
    previous = period.previous()
    before = _last_quarter(previous.label)
    successor = next(o for o in objectives if o[0].endswith("/half-marathon"))
    successor[1]["rolled_from"] = before[0]
    before[1]["rolled_to"] = successor[0]
    for (rel, fields, key_results), in_period in ((before, previous),
                                                  *((o, period) for o in objectives)):
        author = _AUTHORS[fields["owner"]]
        krs = [_with_checkins(kr, plan, in_period, today, fields["owner"], author,
                              learning=fields["kind"] == "learning" and index == 0)
               for index, (kr, plan) in enumerate(key_results)]
        text = "# An example objective written by `okrtui init --example`.\n" + objective_text(
            fields, krs)
        if in_period is previous:
            text = _reviewed(text, fields, krs, previous)
        path = root / f"{rel}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text.encode(), exclusive=True)
        written.append(path)
    return written


def _reviewed(text: str, fields: dict[str, Any], krs: list[dict[str, Any]],
              period: Period) -> str:
    """The objective's text with the review its owner wrote a few days after the end."""
    from okrtui.core.parse import parse_objective
    from okrtui.core.review import SetReview, computed_fields

    objective = parse_objective(text.encode(), Path("example.toml"), "example").objective
    assert objective is not None
    reviewed_on = period.end + timedelta(days=3)
    review = {**computed_fields(objective, reviewed_on), **_REVIEW}
    new_text, _ = apply_edit(text, SetReview(review))
    return new_text


def _objectives(q: str) -> list[tuple[str, dict[str, Any], list[tuple[dict[str, Any], _Plan]]]]:
    company = f"company/{q}/market-share"
    return [
        (company, {
            "title": "Become the default tool for small engineering teams",
            "period": q, "owner": "leadership", "kind": "performance",
            "commitment": "aspirational",
            "description": "Small teams pick the tool their peers use; share compounds.",
        }, [
            ({"id": "paying-teams", "title": "Paying teams from 40 to 120", "start": 40,
              "target": 120, "unit": "teams"}, _Plan(pace=0.8, confidence=0.6)),
            ({"id": "churn", "title": "Monthly churn down from 6% to 3%", "start": 6.0,
              "target": 3.0, "unit": "%"}, _Plan(pace=0.55, noise=0.05, confidence=0.5)),
            ({"id": "uptime", "title": "Uptime stays at or above 99.5%", "type": "health",
              "min": 99.5, "max": 100, "unit": "%"}, _Plan(pace=0.0)),
        ]),
        (f"platform/{q}/grow-community", {
            "title": "Grow an engaged open-source community",
            "period": q, "owner": "platform-team", "kind": "performance",
            "commitment": "aspirational", "parent": company, "cadence": "weekly",
        }, [
            ({"id": "stars", "title": "GitHub stars from 120 to 500", "start": 120,
              "target": 500, "unit": "stars"}, _Plan(pace=0.95, confidence=0.8)),
            ({"id": "contributors", "title": "Monthly outside contributors from 4 to 12",
              "start": 4, "target": 12, "unit": "people"},
             _Plan(pace=0.5, confidence=0.5, stop_after=3)),
            ({"id": "guide", "title": "User guide published on the website",
              "type": "milestone"}, _Plan(pace=1.0)),
        ]),
        (f"product/{q}/faster-onboarding", {
            "title": "Help new teams get value on their first day",
            "period": q, "owner": "product-team", "kind": "performance",
            "commitment": "committed", "parent": company,
        }, [
            ({"id": "time-to-value", "title": "Median time to first report from 30 to 10 min",
              "start": 30, "target": 10, "unit": "min", "weight": 2.0},
             _Plan(pace=0.6, confidence=0.45)),
            ({"id": "activation", "title": "Week-one activation from 35% to 55%", "start": 35,
              "target": 55, "unit": "%"}, _Plan(pace=0.35, confidence=0.3)),
            ({"id": "support-load", "title": "Onboarding tickets stay under 40 a week",
              "type": "health", "max": 40, "unit": "tickets"}, _Plan(pace=1.2)),
        ]),
        (f"product/{q}/learn-pricing", {
            "title": "Learn what small teams will pay for",
            "period": q, "owner": "product-team", "kind": "learning",
            "commitment": "aspirational", "parent": company,
            "description": "We do not know the route yet: run experiments, then decide.",
        }, [
            ({"id": "interviews", "title": "Customer interviews from 0 to 15", "start": 0,
              "target": 15, "unit": "interviews"}, _Plan(pace=1.05, confidence=0.8)),
            ({"id": "pricing-decision", "title": "Pricing model decided from the A/B test",
              "type": "milestone"}, _Plan(pace=0.0)),
        ]),
        (f"people/alice/{q}/half-marathon", {
            "title": "Be fit enough to run a half marathon",
            "period": q, "owner": "alice", "kind": "performance", "commitment": "committed",
        }, [
            ({"id": "long-run", "title": "Longest run from 8 km to 21 km", "start": 8,
              "target": 21, "unit": "km"}, _Plan(pace=0.9, confidence=0.7)),
            ({"id": "resting-hr", "title": "Resting heart rate from 64 to 58 bpm",
              "start": 64, "target": 58, "unit": "bpm"},
             _Plan(pace=0.8, noise=0.08, skip_last=True)),
        ]),
    ]


def _last_quarter(q: str) -> tuple[str, dict[str, Any], list[tuple[dict[str, Any], _Plan]]]:
    """Alice's objective of the quarter before ``q``: not achieved, reviewed, and rolled
    over into this quarter's half-marathon objective."""
    return (f"people/alice/{q}/half-marathon", {
        "title": "Be fit enough to run a half marathon",
        "period": q, "owner": "alice", "kind": "performance", "commitment": "committed",
    }, [
        ({"id": "long-run", "title": "Longest run from 3 km to 21 km", "start": 3,
          "target": 21, "unit": "km"}, _Plan(pace=0.28, confidence=0.6)),
        ({"id": "resting-hr", "title": "Resting heart rate from 68 to 58 bpm", "start": 68,
          "target": 58, "unit": "bpm"}, _Plan(pace=0.4, noise=0.05)),
    ])


_REVIEW = {
    "went_well": "ran three times a week, every week",
    "adjust": "plan one long run every weekend instead of whenever it fits",
    "learned": "running with the club keeps me going; alone I skip",
    "self_grade": 0.4,
    "reason": "a sore knee cost three weeks; the plan itself worked",
}
#: A learning goal's log: what each week's check-in on its first key result records.
_LEARNING_LOG = [
    ("hypothesis", "small teams pay per seat, not per project"),
    ("experiment", "per-seat price page shown to half the signups"),
    (None, ""),
    ("rejected", "per-project pricing: nobody asked for it in interviews"),
    ("experiment", "annual plan with two months free"),
    (None, ""),
    ("validated", "per-seat page converts 1.8x better"),
    (None, ""),
    ("decision", "per-seat pricing, annual discount; A/B test to pick the price point"),
    ("experiment", "price point A/B test started"),
    (None, ""),
    (None, ""),
    ("validated", "9 of 12 interviewed teams accept 8 per seat"),
]


_NOTES = {
    "leadership": ["", "", "", "two enterprise trials started", "board review", "",
                   "pricing page change shipped", "", ""],
    "platform-team": ["", "", "", "blog post went out", "slow week, holidays", "",
                      "good demo at meetup", "", "docs review pending", ""],
    "product-team": ["", "", "", "new signup flow in A/B test", "holidays", "",
                     "interviews with three teams", "", "", ""],
    "alice": ["", "", "", "easy week, sore knee", "new shoes", "", "ran with the club",
              "", ""],
}
_AUTHORS = {"leadership": "maria", "platform-team": "sam", "product-team": "lee",
            "alice": "alice"}


def _with_checkins(kr: dict[str, Any], plan: _Plan, period: Period, today: date, owner: str,
                   author: str, learning: bool = False) -> dict[str, Any]:
    rng = random.Random(kr["id"])
    checkins = []
    week = 0
    day = period.start + timedelta(days=4)  # first Friday-ish check-in after the start
    while day <= min(today, period.end):
        if plan.stop_after is not None and week >= plan.stop_after:
            break
        share = min(1.0, (day - period.start).days / period.days)
        entry: dict[str, Any] = {"date": day}
        if kr.get("type") == "milestone":
            entry["value"] = plan.pace > 0 and share > 0.4
        elif kr.get("type") == "health":
            low, high = kr.get("min"), kr["max"]
            if low is not None:
                entry["value"] = round(low + (high - low) * rng.uniform(0.2, 1.0), 2)
                if week == 3:
                    entry["value"] = round(low - 0.3, 2)  # one breach to show the red mark
            else:
                entry["value"] = round(high * plan.pace * rng.uniform(0.55, 0.9))
        else:
            start, target = kr["start"], kr["target"]
            moved = (target - start) * plan.pace * share * (1 + rng.uniform(-1, 1) * plan.noise)
            value = start + moved
            entry["value"] = round(value, 1) if isinstance(start, float) else round(value)
        confidence = plan.confidence + rng.uniform(-0.1, 0.1)
        entry["confidence"] = round(min(1.0, max(0.0, confidence)), 1)
        notes = _NOTES[owner]
        note = notes[rng.randrange(len(notes))]
        if learning:
            tag, note = _LEARNING_LOG[week % len(_LEARNING_LOG)]
            if tag:
                entry["tag"] = tag
        if note:
            entry["note"] = note
        entry["by"] = author
        checkins.append(entry)
        week += 1
        day += timedelta(days=7)
    if plan.skip_last and checkins:
        checkins.pop()
    return {**kr, "checkins": checkins}
