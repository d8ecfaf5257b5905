"""What the screens and the command palette read from the app, as a protocol: they depend
on this, not on ``OkrApp`` itself, so the app can import them without a circle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from okrtui.config import UserConfig
from okrtui.core.outline import GroupBy
from okrtui.core.periods import Period
from okrtui.core.scoring import ObjectiveScore
from okrtui.core.store import Workspace


class AppState(Protocol):
    root: Path
    today: date
    current_period: Period
    period: Period | None
    workspace: Workspace | None
    scores: dict[str, ObjectiveScore]
    query_text: str
    grouping: GroupBy
    showing: str
    config: UserConfig
    available_themes: dict[str, Any]

    @property
    def colours(self) -> dict[str, str]: ...

    @property
    def main(self) -> Any: ...

    show_period: Callable[[Period | None], None]
    action_new_objective: Callable[[], None]
    action_reload: Callable[[], None]
    action_review: Callable[[], None]
    action_convert_to_performance: Callable[[], None]
    action_history: Callable[[], None]
    action_dashboard: Callable[[], None]
    action_rollover: Callable[[], None]
