"""Every performance figure of okrtui next to its floor on this machine, measured in one run.

    python bench/run.py [--quick] [--json bench/results.json]

Builds the workspaces (see workspaces.py) in a temporary folder, then measures:

- the app in a real terminal (tmux, 120x40): launch until the objectives are on screen, keys
  until the screen has settled, peak memory and quit, next to a bare Textual app showing a
  1,000-row DataTable (bare_app.py), measured the same way in the same run;
- the shell commands as real processes, next to ``python -c "import tomllib"``;
- the merge driver on a key result with 1,000 check-ins on each side.

Prints one table with each figure, its floor, the ratio and the target, and writes the same as
JSON. Machines here are noisy: compare ratios from one run, not absolute times across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import merge_driver  # noqa: E402
import workspaces  # noqa: E402
from terminal import KeyTiming, Terminal, environment  # noqa: E402

PYTHON = sys.executable
OKRTUI = [PYTHON, "-m", "okrtui"]
SIZES = {"small": "the example", "years": "500 objectives over 8 quarters",
         "quarter": "500 objectives in one quarter, 50,000 check-ins"}
LAUNCH_TARGET = {"small": 1.3, "years": 1.4, "quarter": 1.6}
KEY_TARGET = 0.050
CHART_TARGET = 0.150
MIB = 1024 * 1024


@dataclass
class Row:
    figure: str
    workspace: str
    value: float
    floor: float | None
    ratio: float | None
    target: str
    ok: bool | None
    unit: str = "s"


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        run()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# -- shell commands -------------------------------------------------------------------------

def process(args: list[str], env: dict[str, str]) -> Callable[[], object]:
    def run() -> None:
        done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return run


def shell_figures(roots: dict[str, Path], long_target: str, env: dict[str, str],
                  repeat: int) -> list[Row]:
    today = ["--today", workspaces.TODAY.isoformat()]

    def okrtui(root: Path, *args: str) -> Callable[[], object]:
        return process([*OKRTUI, *args, "--dir", str(root), *today], env)

    jobs: dict[tuple[str, str], Callable[[], object]] = {
        ("floor", ""): process([PYTHON, "-c", "import tomllib"], env)}
    for size in SIZES:
        jobs["checkin", size] = okrtui(roots[size], "checkin", "grow-community:stars", "300")
        for command in ("status", "report", "lint"):
            jobs[command, size] = okrtui(roots[size], command)
        jobs["due --line", size] = okrtui(roots[size], "due", "--line")
    for command in ("status", "report", "lint"):
        jobs[command, "current"] = okrtui(roots["current"], command)
    jobs["due --line", "current"] = okrtui(roots["current"], "due", "--line")
    jobs["checkin", "long"] = okrtui(roots["long"], "checkin", long_target, "50")
    for job in jobs.values():
        job()  # warm: bytecode and the parsed-file cache, as any earlier run would have
    times: dict[tuple[str, str], list[float]] = {key: [] for key in jobs}
    for _ in range(repeat):  # interleaved, so a busy moment hits every figure alike
        for key, job in jobs.items():
            times[key].append(median_time(job, 1))
    t = {key: statistics.median(values) for key, values in times.items()}
    floor = t["floor", ""]
    rows = [Row("python -c 'import tomllib'", "", floor, None, None, "floor", None)]
    for size in SIZES:
        ratio = t["checkin", size] / floor
        rows.append(Row("checkin", size, t["checkin", size], floor, ratio,
                        "<= 2.5x import tomllib", ratio <= 2.5))
    sizes = [t["checkin", size] for size in SIZES]
    spread = max(sizes) / min(sizes)
    rows.append(Row("checkin, slowest / fastest workspace", "", max(sizes), min(sizes), spread,
                    "<= 1.15x", spread <= 1.15))
    ratio = t["checkin", "long"] / t["checkin", "small"]
    rows.append(Row("checkin into 5,000 check-ins", "long", t["checkin", "long"],
                    t["checkin", "small"], ratio, "<= 1.5x checkin (small)", ratio <= 1.5))
    for command in ("status", "report", "lint", "due --line"):
        for size in SIZES:
            small = t[command, "small"]
            ratio = t[command, size] / small
            check = size == "years"
            rows.append(Row(command, size, t[command, size], small if size != "small" else floor,
                            ratio if size != "small" else t[command, size] / floor,
                            "<= 1.5x small" if check else "", ratio <= 1.5 if check else None))
            if check:  # how much of that is the other quarters, not the bigger current one
                rows.append(Row(f"{command}, years / its quarter alone", "years",
                                t[command, size], t[command, "current"],
                                t[command, size] / t[command, "current"], "(other quarters)",
                                None))
    return rows


# -- the app in a terminal ------------------------------------------------------------------

#: (figure, keys pressed once before, keys measured in turn, keys pressed after each round,
#: rounds). Every figure is 20 presses, so that its p95 is the second slowest, not the
#: slowest (which a p95 of 5 or 10 presses would be). Escape
#: is pressed but not measured: a terminal app must wait a moment after ESC to tell the key
#: from the start of an escape sequence (Textual waits ~100 ms; the bare app would too).
APP_KEYS = [
    ("key: objectives down/up", [], ["Down", "Up"], [], 10),
    ("key: key results down/up", ["Right"], ["Down", "Up"], [], 10),
    ("key: check-ins down/up", ["Right"], ["Down", "Up"], [], 10),
    ("key: period [ ]", ["Left", "Left"], ["[", "]"], [], 10),
    ("key: / and typing", [], ["/", "O", "b", "j"], ["Escape", "Escape"], 5),
    ("key: open a dialog (c)", [], ["c"], ["Escape"], 20),
]
BARE_KEYS = [("key: objectives down/up", [], ["Down", "Up"], [], 10)]
#: The same kind of dialog over the bare app: the floor of the dialog figure. Opened in a
#: session of its own, so that it does not count in the bare app's memory.
BARE_DIALOG = [("key: open a dialog (c)", [], ["c"], ["Escape"], 20)]


def first_title(root: Path) -> str:
    """The title the objectives pane shows first once the workspace is loaded."""
    from okrtui.core.outline import outline, visible
    from okrtui.core.periods import current_period
    from okrtui.core.store import load_workspace

    workspace = load_workspace(root, use_cache=False)
    rows = outline(visible(workspace.objectives, current_period(workspaces.TODAY)), "none")
    return next(r.objective.title for r in rows if r.objective is not None)[:30]


def launch(command: list[str], marker: str, env: dict[str, str]) -> float:
    with Terminal(command, env) as term:
        shown = term.start(marker)
        term.settle(0.3)
        term.quit("q")
    return shown


def keys(term: Terminal, plan: list[tuple[str, list[str], list[str], list[str], int]]
         ) -> dict[str, list[KeyTiming]]:
    found: dict[str, list[KeyTiming]] = {}
    for figure, before, measured, after, rounds in plan:
        for key in before:
            term.press(key)
        found[figure] = []
        for _ in range(rounds):
            found[figure] += [term.press(key) for key in measured]
            for key in after:
                term.press(key)
    return found


def app_figures(roots: dict[str, Path], env: dict[str, str], repeat: int, presses: int
                ) -> list[Row]:
    today = ["--today", workspaces.TODAY.isoformat()]
    bare = [PYTHON, str(HERE / "bare_app.py")]
    apps = {size: [*OKRTUI, "--dir", str(roots[size]), *today] for size in SIZES}
    markers = {size: first_title(roots[size]) for size in SIZES}
    launch(bare, "bare row 0000", env)
    for size in SIZES:
        launch(apps[size], markers[size], env)  # warm: bytecode and the cache
    launches: dict[str, list[float]] = {key: [] for key in ("bare", *SIZES)}
    for _ in range(repeat):
        launches["bare"].append(launch(bare, "bare row 0000", env))
        for size in SIZES:
            launches[size].append(launch(apps[size], markers[size], env))
    floor = statistics.median(launches["bare"])
    rows = [Row("launch: bare Textual app", "", floor, None, None, "floor", None)]
    for size in SIZES:
        shown = statistics.median(launches[size])
        ratio = shown / floor
        rows.append(Row("launch until objectives shown", size, shown, floor, ratio,
                        f"<= {LAUNCH_TARGET[size]}x bare", ratio <= LAUNCH_TARGET[size]))

    plan = [(f, b, m, a, max(1, n * presses // 10)) for f, b, m, a, n in APP_KEYS]
    bare_plan = [(f, b, m, a, max(1, n * presses // 10)) for f, b, m, a, n in BARE_KEYS]
    with Terminal(bare, env) as term:
        term.start("bare row 0000")
        term.settle()
        bare_keys = [t.seconds for t in keys(term, bare_plan)["key: objectives down/up"]]
        bare_memory = term.peak_memory()
        bare_quit = term.quit("q")
    bare_p95 = percentile([s for s in bare_keys if s is not None], 0.95)
    rows.append(Row("key p95: bare app, down/up", "", bare_p95, None, None, "floor", None))
    dialog_plan = [(f, b, m, a, max(1, n * presses // 10)) for f, b, m, a, n in BARE_DIALOG]
    with Terminal(bare, env) as term:
        term.start("bare row 0000")
        term.settle()
        floors = {figure: percentile([t.seconds for t in timed if t.seconds is not None],
                                     0.95)
                  for figure, timed in keys(term, dialog_plan).items()}
    for figure, floor in floors.items():
        rows.append(Row("key p95: bare app, " + figure.removeprefix("key: "), "", floor,
                        None, None, "floor", None))
    memory: dict[str, float] = {}
    quits: dict[str, float] = {}
    for size in SIZES:
        with Terminal(apps[size], env) as term:
            term.start(markers[size])
            term.settle()
            timings = keys(term, plan)
            memory[size] = term.peak_memory()
            quits[size] = term.quit("q")
        for figure, timed in timings.items():
            changed = [t.seconds for t in timed if t.seconds is not None]
            if not changed:
                rows.append(Row(figure + " (nothing changed)", size, 0, None, None, "", False))
                continue
            p95 = percentile(changed, 0.95)
            key_floor = floors.get(figure, bare_p95)
            rows.append(Row(figure + " p95", size, p95, key_floor, p95 / key_floor,
                            "<= 50 ms", p95 <= KEY_TARGET))
            charted = [t.chart_seconds for t in timed
                       if t.chart_seconds is not None and t.chart_seconds != t.seconds]
            if charted:  # the chart drawn after the panes: within 150 ms of the key
                late = percentile(charted, 0.95)
                rows.append(Row(figure + ", chart p95", size, late, None, None, "<= 150 ms",
                                late <= CHART_TARGET))
    rows.append(Row("quit: bare app", "", bare_quit, None, None, "floor", None))
    for size in SIZES:
        rows.append(Row("quit", size, quits[size], bare_quit, quits[size] / bare_quit,
                        "<= 0.2 s", quits[size] <= 0.2))
    rows.append(Row("peak memory: bare app", "", bare_memory / MIB, None, None, "floor", None,
                    "MiB"))
    for size in SIZES:
        limit = 1.5 * bare_memory + 40 * MIB
        check = size == "quarter"
        rows.append(Row("peak memory", size, memory[size] / MIB, bare_memory / MIB,
                        memory[size] / bare_memory,
                        "<= 1.5x bare + 40 MiB" if check else "",
                        memory[size] <= limit if check else None, "MiB"))
    return rows


# -- report ---------------------------------------------------------------------------------

def show(value: float, unit: str) -> str:
    return f"{value:.0f} MiB" if unit == "MiB" else f"{value * 1000:.0f} ms"


def table(rows: list[Row]) -> str:
    lines = [f"{'figure':<40} {'workspace':<9} {'value':>9} {'floor':>9} {'ratio':>7}  "
             f"{'target':<24} ok", "-" * 104]
    for row in rows:
        floor = show(row.floor, row.unit) if row.floor is not None else ""
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        ok = {True: "yes", False: "NO", None: ""}[row.ok]
        lines.append(f"{row.figure:<40} {row.workspace:<9} {show(row.value, row.unit):>9} "
                     f"{floor:>9} {ratio:>7}  {row.target:<24} {ok}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (noisier)")
    parser.add_argument("--only", choices=("app", "shell", "merge"), action="append",
                        help="measure only these parts (repeatable)")
    parser.add_argument("--json", type=Path, default=HERE / "results.json",
                        help="where to write the results (default: bench/results.json)")
    args = parser.parse_args()
    parts = set(args.only or ("app", "shell", "merge"))
    repeat, presses = (3, 4) if args.quick else (7, 10)
    with tempfile.TemporaryDirectory(prefix="okrtui-bench-") as tmp:
        folder = Path(tmp)
        (folder / "config").mkdir()
        (folder / "config" / "config.toml").write_text('name = "bench"\n')
        env = environment({"OKRTUI_CACHE_DIR": str(folder / "cache"),
                           "OKRTUI_CONFIG_DIR": str(folder / "config"),
                           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder)})
        os.environ.update({k: env[k] for k in ("OKRTUI_CACHE_DIR", "OKRTUI_CONFIG_DIR")})
        roots = {name: folder / name
                 for name in ("small", "quarter", "years", "current", "long")}
        workspaces.build_small(roots["small"])
        workspaces.build_quarter(roots["quarter"])
        workspaces.build_years(roots["years"])
        workspaces.build_current(roots["current"])
        long_target = workspaces.build_long_file(roots["long"])
        rows: list[Row] = []
        if "app" in parts:
            rows += app_figures(roots, env, max(3, repeat // 2), presses)
        if "shell" in parts:
            rows += shell_figures(roots, long_target, env, repeat)
        if "merge" in parts:
            driver, floor = merge_driver.measure(repeat)
            rows.append(Row("merge driver, 1,000 check-ins a side", "", driver, floor,
                            driver / floor, "<= 0.3 s", driver <= 0.3))
    print(table(rows))
    missed = [row for row in rows if row.ok is False]
    print(f"\n{len(missed)} of {sum(row.ok is not None for row in rows)} targets missed")
    args.json.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "system": platform.platform()},
        "date": time.strftime("%Y-%m-%d"), "workspaces": SIZES,
        "rows": [asdict(row) for row in rows]}, indent=2) + "\n")


if __name__ == "__main__":
    main()
