"""OKR quality checks beyond what the store rejects. Each finding says why it matters."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from okrtui.core.model import Level, Objective, Problem
from okrtui.core.settings import Settings
from okrtui.core.workspace import NotFound, resolve

#: Verbs that describe work rather than the result it should bring (English and Dutch).
ACTIVITY_VERBS = {
    # English
    "implement", "implementing", "launch", "launching", "develop", "developing", "migrate",
    "migrating", "organise", "organize", "organising", "organizing", "build", "building",
    "create", "creating", "write", "writing", "host", "deploy", "introduce", "refactor",
    "prepare", "hire", "finish", "deliver", "ship", "attend", "conduct", "hold",
    # Dutch
    "implementeren", "ontwikkelen", "lanceren", "organiseren", "bouwen", "maken",
    "schrijven", "invoeren", "opzetten", "migreren", "uitrollen", "ontwerpen",
    "voorbereiden", "houden", "opleveren", "inrichten", "afronden",
}
LOW_CONFIDENCE = 0.5
LOW_STREAK = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def lint(objectives: Iterable[Objective], settings: Settings,
         all_ids: Iterable[str]) -> list[Problem]:
    """Warnings for the given objectives; ``all_ids`` are every objective in the workspace
    (parents may live outside the files being linted)."""
    objectives = list(objectives)
    ids = list(all_ids)
    found: list[Problem] = []
    for objective in objectives:
        found += _objective_warnings(objective, settings, ids)
    found += _owner_load(objectives, settings)
    return sorted(found, key=lambda p: (str(p.path), p.line))


def _warn(objective: Objective, line: int, message: str) -> Problem:
    return Problem(objective.path, line, Level.WARNING, message)


def activity_verb(title: str) -> str | None:
    """The activity verb a title starts with (or, Dutch style, ends with), if any."""
    words: list[str] = _WORD.findall(title.lower())
    if not words:
        return None
    for word in (words[0], words[-1]):
        if word in ACTIVITY_VERBS:
            return word
    return None


def _objective_warnings(objective: Objective, settings: Settings,
                        ids: list[str]) -> list[Problem]:
    found = []
    if objective.period is None:
        found.append(_warn(objective, 1, "objective has no period: without one okrtui cannot "
                           "say what is expected by today (add period = \"2026-Q4\")"))
    if objective.parent:
        try:
            resolve(objective.parent, ids)
        except NotFound:
            found.append(_warn(objective, 1, f"parent {objective.parent!r} does not exist: "
                               "alignment shows which objective this one serves, so point it "
                               "at a real objective id"))
    if len(objective.key_results) > settings.max_key_results:
        found.append(_warn(objective, 1, f"{len(objective.key_results)} key results (limit "
                           f"{settings.max_key_results}): a few key results keep the "
                           "objective focused"))
    for kr in objective.key_results:
        verb = activity_verb(kr.title)
        if verb:
            found.append(_warn(objective, kr.line, f"key result {kr.id!r} reads like an "
                               f"activity ({verb!r}): name the measurable result the work "
                               "should bring, e.g. 'signups from 200 to 500'"))
        if kr.type == "metric" and not kr.unit and not re.search(r"\d", kr.title):
            found.append(_warn(objective, kr.line, f"key result {kr.id!r} has no measurable "
                               "target in its title or unit: say what number moves and in "
                               "what unit, so anyone can check it"))
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


def _owner_load(objectives: list[Objective], settings: Settings) -> list[Problem]:
    per_owner: dict[tuple[str, str], list[Objective]] = defaultdict(list)
    for objective in objectives:
        if objective.owner and objective.period:
            per_owner[(objective.owner, objective.period.label)].append(objective)
    found = []
    for (owner, period), owned in sorted(per_owner.items()):
        if len(owned) > settings.max_objectives_per_owner:
            for objective in owned:
                found.append(_warn(objective, 1, f"{owner} has {len(owned)} objectives in "
                                   f"{period} (limit {settings.max_objectives_per_owner}): "
                                   "too many objectives means none gets real focus"))
    return found
