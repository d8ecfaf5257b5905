"""The OKR data model: plain frozen dataclasses (check-ins: named tuples), built from files
by ``parse``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Literal, NamedTuple

from okrtui.core.periods import Period

KRType = Literal["metric", "milestone", "health"]
Kind = Literal["performance", "learning"]
Commitment = Literal["committed", "aspirational"]
Cadence = Literal["weekly", "biweekly", "monthly"]
Value = float | int | bool

KR_TYPES: tuple[KRType, ...] = ("metric", "milestone", "health")
KINDS: tuple[Kind, ...] = ("performance", "learning")
COMMITMENTS: tuple[Commitment, ...] = ("committed", "aspirational")
CADENCES: tuple[Cadence, ...] = ("weekly", "biweekly", "monthly")
CADENCE_DAYS: dict[str, int] = {"weekly": 7, "biweekly": 14, "monthly": 31}
#: What a check-in on a learning goal records (optional ``tag``).
CHECKIN_TAGS: tuple[str, ...] = ("experiment", "hypothesis", "validated", "rejected",
                                 "decision")

#: Progress an objective is expected to reach by the end of its period.
SUCCESS_AT: dict[str, float] = {"committed": 1.0, "aspirational": 0.7}


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file, with the place to fix it."""

    path: Path
    line: int
    level: Level
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level.value}: {self.message}"


class Checkin(NamedTuple):
    """One recorded value. A named tuple, not a dataclass like the rest: a folder of years
    holds tens of thousands, and the parsed-file cache unpickles them twice as fast (and
    they take less memory) without a ``__dict__`` each."""

    date: date
    value: Value
    confidence: float | None = None
    note: str | None = None
    by: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class KeyResult:
    """A measurable result of an objective: a metric from ``start`` to ``target``, a
    milestone (done or not) or a health value kept between ``min`` and ``max``."""

    id: str
    title: str
    type: KRType = "metric"
    start: float | None = None
    target: float | None = None
    unit: str = ""
    weight: float = 1.0
    min: float | None = None
    max: float | None = None
    checkins: tuple[Checkin, ...] = ()
    line: int = 0

    @property
    def decreasing(self) -> bool:
        return self.start is not None and self.target is not None and self.target < self.start

    @property
    def scored(self) -> bool:
        """Health key results are watched, not scored."""
        return self.type != "health"


@dataclass(frozen=True)
class Review:
    """The end-of-period review stored in an objective's ``[review]`` table: what okrtui
    computed when it was written, and what people answered."""

    date: date | None = None
    grade: float | None = None
    """The computed final grade (0..1) on ``date``."""
    achieved: bool | None = None
    forecast: float | None = None
    """The grade forecast at mid-period, to set against the actual one."""
    self_grade: float | None = None
    reason: str = ""
    """Why the self-assessed grade differs from the computed one."""
    went_well: str = ""
    adjust: str = ""
    learned: str = ""


@dataclass(frozen=True)
class Objective:
    """One objective file: what to achieve in a period, and its key results. ``id`` is
    the file's path in the workspace without ``.toml``."""

    id: str
    path: Path
    title: str
    period: Period | None = None
    owner: str = ""
    kind: Kind = "performance"
    commitment: Commitment = "committed"
    parent: str = ""
    cadence: Cadence | None = None
    description: str = ""
    key_results: tuple[KeyResult, ...] = ()
    review: Review | None = None
    rolled_from: str = ""
    """The objective of an earlier period this one carries on (``okrtui rollover``)."""
    rolled_to: str = ""

    def key_result(self, kr_id: str) -> KeyResult | None:
        return next((kr for kr in self.key_results if kr.id == kr_id), None)


class Status(StrEnum):
    """Ordered from best to worst, so that ``max`` gives the worst."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"

    @property
    def rank(self) -> int:
        return list(Status).index(self)

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class FileResult:
    """What loading one objective file gave: the objective, or errors, plus any warnings."""

    objective: Objective | None
    problems: tuple[Problem, ...] = field(default=())
