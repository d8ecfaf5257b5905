"""Time the app on a large workspace (headless): first paint, workspace shown, period switch.

    python bench/tui_startup.py [--objectives 500] [--checkins 20]

First paint does not wait for the workspace or for plotext; the workspace is loaded by a
worker and shown when ready. Times include the parsed-file cache being warm.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from large_workspace import build  # noqa: E402


async def measure(root: Path) -> None:
    begin = time.perf_counter()
    from okrtui.tui.app import OkrApp

    imported = time.perf_counter()
    app = OkrApp(root, date(2026, 11, 22), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        painted = time.perf_counter()
        while app.workspace is None:
            await asyncio.sleep(0.01)
        await pilot.pause()
        loaded = time.perf_counter()
        await pilot.press("down")
        moved = time.perf_counter()
        await pilot.press("left_square_bracket", "right_square_bracket")
        await pilot.pause()
        switched = time.perf_counter()
    print(f"import the app                 {(imported - begin) * 1000:7.0f} ms")
    print(f"first paint (after import)     {(painted - imported) * 1000:7.0f} ms")
    print(f"workspace on screen            {(loaded - imported) * 1000:7.0f} ms")
    print(f"move to the next objective     {(moved - loaded) * 1000:7.0f} ms")
    print(f"period back and forth          {(switched - moved) * 1000:7.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objectives", type=int, default=500)
    parser.add_argument("--checkins", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OKRTUI_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["OKRTUI_CONFIG_DIR"] = str(Path(tmp) / "config")
        root = Path(tmp) / "okrs"
        build(root, args.objectives, args.checkins)
        from okrtui.core.store import load_workspace

        load_workspace(root)  # warm the cache, as any earlier run would have
        print(f"{args.objectives} objectives, {args.objectives * 5 * args.checkins} check-ins")
        asyncio.run(measure(root))


if __name__ == "__main__":
    main()
