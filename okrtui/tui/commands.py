"""Command palette entries: jump to an objective, switch period or theme, new, reload."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from okrtui.core.periods import Period
from okrtui.tui.widgets.cells import markup_safe

if TYPE_CHECKING:
    from okrtui.tui.state import AppState


class OkrCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: AppState = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("New objective", app.action_new_objective, "create an objective file"),
            ("Reload", app.action_reload, "read the workspace again"),
            ("Review the selected objective", app.action_review,
             "what went well, what to adjust, what was learned (r)"),
            ("Turn a learning goal into a performance goal", app.action_convert_to_performance,
             "when the route to the result is known; its history stays"),
            ("History of the selected objective", app.action_history,
             "who changed what, from git (h)"),
            ("Dashboard", app.action_dashboard,
             "owners (or supported objectives) with on track / at risk / off track counts (D)"),
            ("Roll over unfinished objectives into this period", app.action_rollover,
             "carry what the previous period did not achieve"),
            ("Period: all", partial(app.show_period, None), "show every period"),
        ]
        for period in _periods(app):
            commands.append((f"Period: {period.label}", partial(app.show_period, period),
                             f"{period.start} to {period.end}"))
        for name in sorted(app.available_themes):
            commands.append((f"Theme: {name}", partial(setattr, app, "theme", name),
                             "switch the colour theme (saved in your config)"))
        if app.workspace is not None:
            for objective in app.workspace.objectives:
                in_period = f" · {objective.period.label}" if objective.period else ""
                commands.append((f"Objective: {markup_safe(objective.title)}{in_period}",
                                 partial(self._jump, objective.id, objective.period),
                                 markup_safe(objective.id)))
        return commands

    def _jump(self, objective_id: str, period: Period | None) -> None:
        app: AppState = self.app  # type: ignore[assignment]
        app.main.selection.objective = objective_id
        app.main.selection.key_result = None
        app.query_text = ""
        if period is not None and app.period is not None and not period.overlaps(app.period):
            app.period = period
        else:
            app.main.refresh_view()

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            if not name.startswith("Objective: "):
                yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(f"{name} {help_text}" if name.startswith("Objective") else name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


def _periods(app: AppState) -> list[Period]:
    """The current period, its neighbours, and every period used in the workspace."""
    found = {app.current_period, app.current_period.previous(), app.current_period.next()}
    if app.workspace is not None:
        found |= {o.period for o in app.workspace.objectives if o.period is not None}
    return sorted(found, key=lambda p: (p.start, p.end))
