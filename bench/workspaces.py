"""The workspaces the benchmarks run on, built from scratch in a temporary folder.

- ``small``: the example workspace (``okrtui init --example``).
- ``quarter``: 500 objectives in one quarter, 5 key results each, 20 check-ins per key result
  (50,000 check-ins).
- ``years``: 500 objectives spread over 8 quarters, 62 of them in the current one: the
  folder a team has after two years, which shows one quarter but holds all of them.
- ``long_file``: the example, plus one objective whose key result holds 5,000 check-ins.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from okrtui.core.edits import objective_text  # noqa: E402
from okrtui.core.example import write_example  # noqa: E402
from okrtui.core.periods import Period, parse_period  # noqa: E402

TODAY = date(2026, 11, 22)
QUARTERS = [f"{year}-Q{q}" for year in (2025, 2026) for q in (1, 2, 3, 4)]


def objective_file(period: Period, n: int, checkins_per_kr: int, krs: int = 5) -> str:
    days = max(1, min((period.end - period.start).days, (TODAY - period.start).days))
    key_results = [{
        "id": f"kr-{k}", "title": f"Metric {k} from 0 to 100", "start": 0, "target": 100,
        "unit": "points",
        "checkins": [{"date": period.start + timedelta(days=d * days // checkins_per_kr),
                      "value": (d * 5 + n) % 100, "confidence": 0.7, "by": "bench"}
                     for d in range(checkins_per_kr)],
    } for k in range(krs)]
    return objective_text({"title": f"Objective {n:03d} of {period.label}",
                           "period": period.label, "owner": f"team-{n % 20}"}, key_results)


def _age(root: Path) -> None:
    """Files a minute old, so the parsed-file cache keeps them (it skips files just written)."""
    old = time.time() - 60
    for path in root.rglob("*.toml"):
        os.utime(path, (old, old))


def build_small(root: Path) -> None:
    write_example(root, TODAY)
    _age(root)


def build_quarter(root: Path, objectives: int = 500, checkins_per_kr: int = 20) -> None:
    write_example(root, TODAY)
    period = parse_period("2026-Q4")
    for n in range(objectives):
        path = root / f"team-{n % 20}" / f"objective-{n:03d}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(objective_file(period, n, checkins_per_kr))
    _age(root)


def build_years(root: Path, objectives: int = 500, current: int = 62,
                checkins_per_kr: int = 20) -> None:
    """``current`` objectives in 2026-Q4, the rest spread evenly over the 7 quarters before."""
    write_example(root, TODAY)
    older = QUARTERS[:-1]
    for n in range(objectives):
        label = QUARTERS[-1] if n < current else older[n % len(older)]
        path = root / label / f"team-{n % 20}" / f"objective-{n:03d}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(objective_file(parse_period(label), n, checkins_per_kr))
    _age(root)


def build_current(root: Path) -> None:
    """The current quarter of ``build_years`` alone (the same 62 files): what the folder of
    years would cost without its other quarters."""
    build_years(root, objectives=62, current=62)


def build_long_file(root: Path, checkins: int = 5000) -> str:
    """The example plus ``long/history.toml``; returns the check-in target ``history:kr-0``."""
    write_example(root, TODAY)
    path = root / "long" / "history.toml"
    path.parent.mkdir(parents=True)
    path.write_text(objective_file(parse_period("2026"), 0, checkins, krs=1))
    _age(root)
    return "history:kr-0"
