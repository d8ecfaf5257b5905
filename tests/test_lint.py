"""OKR-quality lint on the method's own good and bad examples: plain tables, and the
command's --strict exit code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrtui.core.lint import activity_verb, lint, vague_word
from okrtui.core.model import Checkin, KeyResult, Objective
from okrtui.core.periods import parse_period
from okrtui.core.settings import Settings, load_settings

from .conftest import run_okrtui

Q4 = parse_period("2026-Q4")


@pytest.mark.parametrize(("title", "verb"), [
    ("We implementeren een CRM-systeem in Q1", "implementeren"),   # Dutch: verb second
    ("We gaan meer leads genereren", "genereren"),                 # Dutch: infinitive last
    ("Nieuwe website lanceren", "lanceren"),
    ("We will launch the new site", "launch"),
    ("Launch the new website", "launch"),
    ("Implement SSO for every customer", "implement"),
    ("Six community features shipped", None),      # a result, in the past participle
    ("Be fit enough to run a half marathon", None),
    ("New teams get value on their first day", None),
    ("Vier experimenten uitgevoerd met prijsmodellen", None),
    ("Signups from 200 to 500", None),
])
def test_activity_verbs_in_english_and_dutch_word_order(title, verb):
    assert activity_verb(title) == verb


@pytest.mark.parametrize(("title", "word"), [
    ("Improve onboarding", "improve"), ("Optimise the funnel", "optimise"),
    ("Het proces verbeteren", "verbeteren"), ("Optimaliseren van de support", "optimaliseren"),
    ("Proactief klanten helpen", "proactief"), ("Streamline releases", "streamline"),
    ("Churn down from 6% to 3%", None),
])
def test_vague_container_words(title, word):
    assert vague_word(title) == word


def objective(title="Customers love our support", krs=(), kind="performance") -> Objective:
    return Objective(id="o", path=Path("o.toml"), title=title, period=Q4, kind=kind,
                     key_results=tuple(krs))


def kr(title: str, kr_id: str = "k", checkins: tuple[str, ...] = (), **extra) -> KeyResult:
    return KeyResult(id=kr_id, title=title, start=0, target=6, line=5,
                     checkins=tuple(Checkin(date.fromisoformat(d), 1) for d in checkins),
                     **extra)


def messages(o: Objective, today: date | None = None, settings: Settings | None = None):
    return [p.message for p in lint([o], settings or Settings(), [o.id], today)]


@pytest.mark.parametrize(("o", "expected"), [
    (objective("We implementeren een CRM-systeem in Q1", [kr("CRM used by 80% of sales")]),
     ["the objective reads like an activity ('implementeren')"]),
    (objective("Improve onboarding", [kr("Activation from 35% to 55%")]),
     ["the objective says 'improve'"]),
    (objective(krs=[kr("We gaan meer leads genereren")]),
     ["key result 'k' reads like an activity ('genereren')"]),
    (objective(krs=[kr("Response times optimaliseren")]),
     ["key result 'k' says 'optimaliseren'"]),
    # measurable: start 0 and target 6 are numbers, whatever the words
    (objective(krs=[kr("Six community features shipped")]), []),
    (objective(), ["objective has no key results"]),
    # a learning goal's key results rightly speak of experiments and decisions
    (objective("Learn what teams pay for", [kr("Run 4 pricing experiments"),
                                            kr("Conduct 15 interviews", "i")],
               kind="learning"), []),
    (objective("Learn what teams pay for", [kr("Run 4 pricing experiments")]),
     ["key result 'k' reads like an activity ('run')"]),
])
def test_lint_findings(o, expected):
    found = messages(o)
    assert len(found) == len(expected), found
    for message, start in zip(found, expected, strict=True):
        assert message.startswith(start), message


@pytest.mark.parametrize(("day", "found"), [
    ("2026-10-05", None),
    ("2027-01-10", None),      # a final value just after the end still belongs to the period
    ("2026-09-30", "outside 2026-Q4"),
    ("2027-02-01", "outside 2026-Q4"),
    ("2026-11-30", "after today"),
])
def test_checkin_dates(day, found):
    result = messages(objective(krs=[kr("Users from 0 to 6", checkins=(day,))]),
                      today=date(2026, 11, 22) if day < "2027" else date(2027, 3, 1))
    assert [m for m in result if found and found in m] == ([] if found is None else result)


def test_three_key_results_by_default_and_the_workspace_setting(tmp_path):
    four = objective(krs=[kr(f"Users {i} from 0 to 6", f"k{i}") for i in range(4)])
    assert messages(four) == ["4 key results (limit 3): a few key results keep the objective "
                              "focused"]
    (tmp_path / "okrtui.toml").write_text("[lint]\nmax_key_results = 4\n")
    assert messages(four, settings=load_settings(tmp_path)) == []


def test_strict_fails_an_objective_without_key_results(tmp_path):
    (tmp_path / "okrtui.toml").write_text("")
    (tmp_path / "o.toml").write_text('title = "Customers love our support"\n'
                                     'period = "2026-Q4"\n')
    assert run_okrtui("lint", "--dir", str(tmp_path)).returncode == 0
    strict = run_okrtui("lint", "--strict", "--dir", str(tmp_path))
    assert strict.returncode == 1 and "objective has no key results" in strict.stdout
