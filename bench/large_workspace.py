"""Measure okrtui on a large workspace: 500 objectives, 50,000 check-ins.

    python bench/large_workspace.py [--objectives 500] [--checkins 100]

Prints the time to load the workspace cold (no cache) and warm (cache), to score it, to
stat every file (what a polling watcher pays per round), and to add one check-in to one
file. Times vary 1.5-2x between runs on shared machines; compare ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from okrtui.core.edits import AddCheckin, objective_text  # noqa: E402
from okrtui.core.scoring import score_objective  # noqa: E402
from okrtui.core.store import load_workspace, write_edit  # noqa: E402
from okrtui.core.workspace import objective_files  # noqa: E402


def build(root: Path, objectives: int, checkins_per_kr: int) -> None:
    start = date(2026, 10, 1)
    for n in range(objectives):
        krs = []
        for k in range(5):
            krs.append({
                "id": f"kr-{k}", "title": f"Metric {k} from 0 to 100", "start": 0,
                "target": 100, "unit": "points",
                "checkins": [{"date": start + timedelta(days=d % 90), "value": d % 100,
                              "confidence": 0.7, "by": "bench"}
                             for d in range(checkins_per_kr)],
            })
        path = root / f"team-{n % 20}" / f"objective-{n}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(objective_text({"title": f"Objective {n}", "period": "2026-Q4",
                                        "owner": f"team-{n % 20}"}, krs))
    old = time.time() - 60
    for path in root.rglob("*.toml"):
        os.utime(path, (old, old))


def timed(label: str, func, repeat: int = 3) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        func()
        times.append(time.perf_counter() - begin)
    print(f"{label:<44} median {statistics.median(times) * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objectives", type=int, default=500)
    parser.add_argument("--checkins", type=int, default=20, help="per key result (5 KRs)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "okrs"
        os.environ["OKRTUI_CACHE_DIR"] = str(Path(tmp) / "cache")
        build(root, args.objectives, args.checkins)
        total = args.objectives * 5 * args.checkins
        print(f"{args.objectives} objectives, {total} check-ins")
        timed("load, no cache", lambda: load_workspace(root, use_cache=False), repeat=1)
        load_workspace(root)
        timed("load, warm cache", lambda: load_workspace(root))
        workspace = load_workspace(root)
        today = date(2026, 11, 22)
        timed("score every objective", lambda: [score_objective(o, today)
                                                for o in workspace.objectives])
        files = list(objective_files(root).values())
        timed("stat every file (one polling round)", lambda: [p.stat() for p in files])
        target = files[0]
        timed("add one check-in to one file", lambda: write_edit(
            root, target, AddCheckin("kr-0", {"date": today, "value": 50})))


if __name__ == "__main__":
    main()
