"""Time the shell commands on a small and a large workspace (5 vs 500 objectives).

    python bench/shell_commands.py

`checkin` should cost about the same on both: it reads only the file it changes. `status`,
`report` and `lint` read everything, through the cache. Each command runs as a real
subprocess, so the numbers include Python's start-up.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_workspace import build  # noqa: E402


def run(args: list[str], root: Path, env: dict[str, str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-m", "okrtui", *args, "--dir", str(root),
                        "--today", "2026-11-22"], env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - begin)
    return statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "OKRTUI_CACHE_DIR": str(Path(tmp) / "cache"),
               "OKRTUI_CONFIG_DIR": str(Path(tmp) / "config")}
        Path(tmp, "config").mkdir()
        Path(tmp, "config", "config.toml").write_text('name = "bench"\n')
        sizes = {"5 objectives": 5, "500 objectives (50,000 check-ins)": 500}
        print(f"{'command':<22}" + "".join(f"{label:>36}" for label in sizes))
        roots = {}
        for label, count in sizes.items():
            roots[label] = Path(tmp) / f"w{count}"
            build(roots[label], count, 20)
            run(["status"], roots[label], env, repeat=1)  # warm the cache
        for command in (["checkin", "objective-0:kr-0", "42"], ["status"], ["report"],
                        ["lint"]):
            cells = "".join(f"{run(command, roots[label], env):>33.0f} ms" for label in sizes)
            print(f"{command[0]:<22}{cells}")


if __name__ == "__main__":
    main()
