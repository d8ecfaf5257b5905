"""OKR quality checks beyond what the store rejects. Each finding says why it matters."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from okrtui.core.model import KeyResult, Level, Objective, Problem
from okrtui.core.scoring import counting_days
from okrtui.core.settings import Settings
from okrtui.core.workspace import NotFound, resolve

#: Verbs that describe work rather than the result it should bring (English and Dutch).
ACTIVITY_VERBS = {
    # English
    "implement", "implementing", "launch", "launching", "develop", "developing", "migrate",
    "migrating", "organise", "organize", "organising", "organizing", "build", "building",
    "create", "creating", "write", "writing", "host", "deploy", "introduce", "refactor",
    "prepare", "hire", "finish", "deliver", "ship", "attend", "conduct", "hold", "generate",
    "run",
    # Dutch
    "implementeren", "implementeert", "ontwikkelen", "ontwikkelt",
    "lanceren", "lanceert", "organiseren", "organiseert", "bouwen", "bouwt", "maken",
    "maakt", "schrijven", "schrijft", "invoeren", "voeren", "opzetten", "zetten", "migreren",
    "uitrollen", "rollen", "ontwerpen", "voorbereiden", "houden", "opleveren", "leveren",
    "inrichten", "richten", "afronden", "genereren", "genereert", "uitvoeren", "doen",
}
#: Words after which a verb is what the subject will do: "We will launch", "We gaan ...
#: genereren", "Wij implementeren".
SUBJECTS = {"we", "wij", "i", "ik", "they", "zij", "will", "shall", "gaan", "gaat", "zullen",
            "zal", "willen", "wil", "moeten", "moet"}
#: Container words that sound like progress but say nothing measurable.
VAGUE_WORDS = {"improve", "improving", "improved", "optimise", "optimize", "optimising",
               "optimizing", "enhance", "enhancing", "streamline", "verbeteren",
               "verbeterd", "optimaliseren", "geoptimaliseerd", "proactief", "proactive"}
#: What a learning goal's key results rightly talk about.
LEARNING_WORDS = ("experiment", "hypothes", "decision", "decide", "validat", "learn",
                  "interview", "test", "onderzo", "beslis", "besluit", "valideer", "leren")
LOW_CONFIDENCE = 0.5
LOW_STREAK = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Findings:
    """What lint finds in one objective on its own, and what the checks across files need
    of it. Depends only on the file, the settings and the day, so it can be kept."""

    path: Path
    owner: str
    period: str
    """The period's label, or "" when the objective has none."""
    parent: str
    warnings: tuple[Problem, ...]


def lint(objectives: Iterable[Objective], settings: Settings,
         all_ids: Iterable[str], today: date | None = None) -> list[Problem]:
    """Warnings for the given objectives; ``all_ids`` are every objective in the workspace
    (parents may live outside the files being linted)."""
    return across([findings(o, settings, today) for o in objectives], settings, all_ids)


def findings(objective: Objective, settings: Settings, today: date | None) -> Findings:
    return Findings(objective.path, objective.owner,
                    objective.period.label if objective.period else "", objective.parent,
                    tuple(_objective_warnings(objective, settings, today)))


def across(found: Iterable[Findings], settings: Settings,
           all_ids: Iterable[str]) -> list[Problem]:
    """The warnings of each objective, and those that need the others: parents that do not
    exist and owners with too many objectives."""
    found = list(found)
    ids = list(all_ids)
    problems: list[Problem] = []
    for each in found:
        warnings = list(each.warnings)
        if each.parent and not _exists(each.parent, ids):
            # right after the missing-period warning, if any, as the checks read top-down
            warnings.insert(0 if each.period else 1, Problem(
                each.path, 1, Level.WARNING, f"parent {each.parent!r} does not exist: "
                "alignment shows which objective this one serves, so point it at a real "
                "objective id"))
        problems += warnings
    problems += _owner_load(found, settings)
    return sorted(problems, key=lambda p: (str(p.path), p.line))


def _exists(reference: str, ids: list[str]) -> bool:
    try:
        resolve(reference, ids)
    except NotFound:
        return False
    return True


def _warn(objective: Objective, line: int, message: str) -> Problem:
    return Problem(objective.path, line, Level.WARNING, message)


def activity_verb(title: str) -> str | None:
    """An activity verb in a title: as its first or last word (Dutch puts the infinitive
    last), or right after a subject or a modal ("We implementeren ...", "We will launch")."""
    words: list[str] = _WORD.findall(title.lower())
    if not words:
        return None
    for word in (words[0], words[-1]):
        if word in ACTIVITY_VERBS:
            return word
    for before, word in zip(words, words[1:], strict=False):
        if before in SUBJECTS and word in ACTIVITY_VERBS:
            return word
    return None


def vague_word(title: str) -> str | None:
    return next((w for w in _WORD.findall(title.lower()) if w in VAGUE_WORDS), None)


def _learning_words(title: str) -> bool:
    lowered = title.lower()
    return any(word in lowered for word in LEARNING_WORDS)


def _objective_warnings(objective: Objective, settings: Settings,
                        today: date | None) -> list[Problem]:
    found = []
    if objective.period is None:
        found.append(_warn(objective, 1, "objective has no period: without one okrtui cannot "
                           "say what is expected by today (add period = \"2026-Q4\")"))
    verb = activity_verb(objective.title)
    if verb:
        found.append(_warn(objective, 1, f"the objective reads like an activity ({verb!r}): "
                           "say what will be true when it is achieved, e.g. 'New teams get "
                           "value on their first day'"))
    vague = vague_word(objective.title)
    if vague:
        found.append(_warn(objective, 1, f"the objective says {vague!r}: a container word "
                           "that fits any work; say what changes, for whom"))
    if not objective.key_results:
        found.append(_warn(objective, 1, "objective has no key results: add two or three "
                           "that say how you will know it is achieved (okrtui add-kr)"))
    if len(objective.key_results) > settings.max_key_results:
        found.append(_warn(objective, 1, f"{len(objective.key_results)} key results (limit "
                           f"{settings.max_key_results}): a few key results keep the "
                           "objective focused"))
    learning = objective.kind == "learning"
    for kr in objective.key_results:
        verb = activity_verb(kr.title)
        if verb and not (learning and _learning_words(kr.title)):
            found.append(_warn(objective, kr.line, f"key result {kr.id!r} reads like an "
                               f"activity ({verb!r}): name the measurable result the work "
                               "should bring, e.g. 'signups from 200 to 500'"))
        vague = vague_word(kr.title)
        if vague:
            found.append(_warn(objective, kr.line, f"key result {kr.id!r} says {vague!r}: say "
                               "what number moves, from what to what"))
        found += _checkin_dates(objective, kr, today)
    latest = [kr.checkins[-1].confidence for kr in objective.key_results
              if kr.checkins and kr.checkins[-1].confidence is not None]
    if objective.commitment == "committed" and any(c < LOW_CONFIDENCE for c in latest):
        found.append(_warn(objective, 1, "committed objective with a latest confidence below "
                           f"{LOW_CONFIDENCE}: a commitment is expected to be met in full, "
                           "so renegotiate it or make it aspirational"))
    if objective.kind == "performance":
        for kr in objective.key_results:
            recent = [c.confidence for c in sorted(kr.checkins, key=lambda c: c.date)
                      if c.confidence is not None][-LOW_STREAK:]
            if len(recent) == LOW_STREAK and all(c < LOW_CONFIDENCE for c in recent):
                found.append(_warn(objective, kr.line, f"key result {kr.id!r} keeps low "
                                   "confidence: when the route is unknown, a learning goal "
                                   "(kind = \"learning\") fits better than a hard target"))
    return found


def _checkin_dates(objective: Objective, kr: KeyResult, today: date | None) -> list[Problem]:
    """Check-ins in the future, or outside the objective's period (a final value up to
    LATE_CHECKIN_DAYS after its end is fine)."""
    found = []
    period = objective.period
    first, last = counting_days(period)
    latest = date.max if today is None else today
    for checkin in kr.checkins:
        if first <= checkin.date <= last and checkin.date <= latest:
            continue  # nearly every one: the messages below are built only when needed
        if checkin.date > latest:
            found.append(_warn(objective, kr.line, f"key result {kr.id!r} has a check-in dated "
                               f"{checkin.date}, after today: a typo in the date?"))
        else:
            found.append(_warn(objective, kr.line, f"key result {kr.id!r} has a check-in dated "
                               f"{checkin.date}, outside {period.label if period else ''}: it "
                               "is not counted; "
                               "move it to the objective of that period"))
    return found


def _owner_load(found: list[Findings], settings: Settings) -> list[Problem]:
    per_owner: dict[tuple[str, str], list[Findings]] = defaultdict(list)
    for each in found:
        if each.owner and each.period:
            per_owner[(each.owner, each.period)].append(each)
    problems = []
    for (owner, period), owned in sorted(per_owner.items()):
        if len(owned) > settings.max_objectives_per_owner:
            for each in owned:
                problems.append(Problem(each.path, 1, Level.WARNING,
                                        f"{owner} has {len(owned)} objectives in {period} "
                                        f"(limit {settings.max_objectives_per_owner}): too "
                                        "many objectives means none gets real focus"))
    return problems
