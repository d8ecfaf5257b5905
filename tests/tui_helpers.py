"""Shared set-up for the app tests: a workspace on disk and a way to wait for the app."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from okrtui.core.example import write_example

TODAY = date(2026, 11, 22)


def example_workspace(root: Path) -> Path:
    write_example(root, TODAY)
    return root


def fixed_workspace(name: str) -> Path:
    """A workspace at a path that is the same on every run (it shows in snapshots)."""
    base = Path("/tmp") if Path("/tmp").is_dir() else Path(tempfile.gettempdir())
    root = base / "okrtui-tests" / name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    return root


async def settle(pilot: Pilot[None]) -> None:
    """Wait until loading and writing are done and the screen has caught up."""
    app = pilot.app
    for _ in range(3):
        busy = [w for w in app.workers if w.group != "watch" and not w.is_finished]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()
