"""``okrtui status --by owner|parent``: the team dashboard, one row per owner or per
objective that others support."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from okrtui.cli.common import paint, status_colour, wants_colour


def print_dashboard(by: str, shown: list[Any], settings: Any, today: date, label: str,
                    as_json: bool) -> None:
    from okrtui.core import rollup
    from okrtui.core.scoring import score_objective
    from okrtui.present import printable, progress_bar

    scores = {o.id: score_objective(o, today, settings.thresholds, settings.cadence)
              for o in shown}
    group = rollup.by_owner if by == "owner" else rollup.by_parent
    rows = group(shown, scores, today, settings.cadence)
    if as_json:
        json.dump([{"name": r.name, "depth": r.depth, "objectives": r.objectives,
                    "on_track": r.on_track, "at_risk": r.at_risk, "off_track": r.off_track,
                    "due": r.due, "progress": None if r.progress is None else
                    round(r.progress, 2), "objective_ids": list(r.ids)} for r in rows],
                  sys.stdout, indent=2, ensure_ascii=False)
        print()
        return
    colour = wants_colour()
    heading = "owner" if by == "owner" else "supported objective"
    print(paint(f"{printable(settings.name)} · {label} · as of {today} · by {by}", "1", colour))
    if not rows:
        print("\nNo objectives in this period.")
        return
    width = min(40, max(len(heading), *(len(printable(r.name)) + 2 * r.depth for r in rows)))
    print()
    print(f"{heading:<{width}}  objectives  on track  at risk  off track  due  progress")
    for row in rows:
        name = ("  " * row.depth + printable(row.name))
        name = name if len(name) <= width else name[:width - 1] + "…"
        counts = (f"{row.objectives:>10}  {_count(row.on_track, 'on', colour):>8}  "
                  f"{_count(row.at_risk, 'risk', colour):>7}  "
                  f"{_count(row.off_track, 'off', colour):>9}  {row.due:>3}")
        bar = progress_bar(row.progress, 6)
        score = "  –" if row.progress is None else f"{row.progress:.2f}"
        print(f"{name:<{width}}  {counts}  {paint(bar, status_colour(row.worst), colour)} "
              f"{score}")


def _count(n: int, kind: str, colour: bool) -> str:
    from okrtui.core.model import Status

    status = {"on": Status.ON_TRACK, "risk": Status.AT_RISK, "off": Status.OFF_TRACK}[kind]
    text = str(n)
    # pad before painting, so escape codes do not upset the columns
    width = {"on": 8, "risk": 7, "off": 9}[kind]
    return paint(text.rjust(width), status_colour(status) if n else "", colour)
