"""The scores of a workspace's objectives, each computed the first time it is asked for."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from okrtui.core.model import Objective
from okrtui.core.scoring import ObjectiveScore, score_objective
from okrtui.core.settings import Settings


class Scorebook(dict[str, ObjectiveScore]):
    """A dict of scores by objective id as of ``today``, each computed on first use: a
    folder of years is loaded whole, but only the objectives someone looks at are scored.
    Scores ``known`` to an earlier book, for the very same objects on the same day, are
    taken over."""

    def __init__(self, objectives: Mapping[str, Objective], today: date, settings: Settings,
                 known: Scorebook | None = None) -> None:
        super().__init__()
        self._objectives = objectives
        self._today = today
        self._settings = settings
        self._follows: Scorebook | None = None
        if known is not None and known._today == today and known._settings == settings:
            # list() copies in one step: the app's thread may be scoring into ``known``
            self.update((oid, score) for oid, score in list(known.items())
                        if objectives.get(oid) is known._objectives[oid])
            self._follows = known

    def scores_alike(self, other: Scorebook) -> bool:
        """Whether ``other`` gives the same score for every objective both hold (the same
        objects): it is this book, or the one this book took over from."""
        return other is self or other is self._follows

    def __missing__(self, oid: str) -> ObjectiveScore:
        score = score_objective(self._objectives[oid], self._today, self._settings.thresholds,
                                self._settings.cadence)
        self[oid] = score
        return score

    def __contains__(self, oid: object) -> bool:
        return oid in self._objectives

    def get(self, oid: str, default: Any = None) -> Any:
        return self[oid] if oid in self._objectives else default
