from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every per-user folder at a temporary one, so tests never touch the real ones."""
    base = tmp_path_factory.mktemp("user")
    for name in ("OKRTUI_CONFIG_DIR", "OKRTUI_CACHE_DIR", "OKRTUI_DATA_DIR"):
        monkeypatch.setenv(name, str(base / name.lower()))
    monkeypatch.delenv("OKRTUI_DIR", raising=False)
    return base


@pytest.fixture
def user_config_dir(isolated_user_dirs: Path) -> Path:
    """The (temporary) folder of config.toml and user themes, created."""
    folder = isolated_user_dirs / "okrtui_config_dir"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_okrtui(*args: str, cwd: Path | None = None, input: str | None = None,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "okrtui", *args], cwd=cwd, input=input, text=True,
        capture_output=True, env={**os.environ, **(env or {})}, timeout=60,
    )


@pytest.fixture(autouse=True)
def garbage_collector_left_on():
    """No test may leave the cyclic garbage collector off (or held off) for the next."""
    import gc

    from okrtui.core import gc_pause

    yield
    assert gc_pause._holds == 0 and gc.isenabled()


@pytest.fixture
def collections_seen():
    """The generation and start time of each garbage collection while the test runs."""
    import gc
    from time import monotonic

    started: list[tuple[int, float]] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append((info["generation"], monotonic()))

    gc.callbacks.append(note)
    yield started
    gc.callbacks.remove(note)
