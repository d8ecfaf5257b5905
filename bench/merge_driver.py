"""Time `okrtui merge-driver` on a big file: one key result with 1,000 check-ins in BASE,
and each side adding its own check-ins and editing a field, next to `import tomllib`
measured the same way (a Python process that does nothing else).

    python bench/merge_driver.py

Target (issue 10): the whole merge-driver process in <= 0.3 s.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CHECKINS = 1000
ADDED = 20


def objective(checkins: list[tuple[date, int, str]], owner: str = "platform",
              target: int = 100_000) -> str:
    lines = ['title = "Grow"', 'period = "2026"', f'owner = "{owner}"', "",
             "[[key_results]]", 'id = "stars"', 'title = "Stars"', "start = 0",
             f"target = {target}", "checkins = ["]
    lines += [f'  {{ date = {d}, value = {v}, by = "{by}" }},' for d, v, by in checkins]
    lines += ["]", "", "[[key_results]]", 'id = "guide"', 'title = "Guide"',
              'type = "milestone"', "checkins = [", "]", ""]
    return "\n".join(lines)


def timed(args: list[str], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def measure(repeat: int = 7) -> tuple[float, float]:
    """Median seconds of the merge driver and of ``python -c 'import tomllib'``."""
    start = date(2026, 1, 1)
    base = [(start + timedelta(days=i % 300), i, "sam") for i in range(CHECKINS)]
    ours = base + [(date(2026, 11, 1) + timedelta(days=i), 2000 + i, "ann") for i in range(ADDED)]
    theirs = base + [(date(2026, 11, 1) + timedelta(days=i), 3000 + i, "ben")
                     for i in range(ADDED)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "base.toml").write_text(objective(base))
        (folder / "ours.toml").write_text(objective(ours, owner="growth"))
        (folder / "theirs.toml").write_text(objective(theirs, target=120_000))
        floor = timed([sys.executable, "-c", "import tomllib"], repeat)
        times = []
        for _ in range(repeat):
            shutil.copy(folder / "ours.toml", folder / "work.toml")
            begin = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "okrtui", "merge-driver",
                                     str(folder / "base.toml"), str(folder / "work.toml"),
                                     str(folder / "theirs.toml"), "goals/stars.toml"],
                                    capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - begin)
            assert result.returncode == 0, result.stderr
        merged = (folder / "work.toml").read_text()
        assert merged.count("{ date") == CHECKINS + 2 * ADDED
    return statistics.median(times), floor


def main() -> None:
    driver, floor = measure()
    print(f"merge-driver, {CHECKINS} check-ins + {ADDED} on each side: {driver * 1000:.0f} ms "
          f"(target 300 ms); python -c 'import tomllib': {floor * 1000:.0f} ms; "
          f"ratio {driver / floor:.1f}x")


if __name__ == "__main__":
    main()
