"""Two writers on one file at the same moment never lose a change: real processes (and the
app's writer threads) racing on a real file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import tomllib
from datetime import date
from pathlib import Path

import pytest

from okrtui.core import edits, filelock
from okrtui.core.filelock import LockTimeout, locked
from okrtui.core.store import StoreError, load_workspace, write_edit

from .conftest import DATA

STARS = "platform/2026-Q4/grow-community.toml"
DAY = date(2026, 11, 22)
#: One process checking in N times, each check-in a full run of the command line.
LOOP = """
import sys
from okrtui.cli.main import main
root, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(count):
    code = main(["checkin", "grow-community:stars", str(1000 + i), "--by", who,
                 "--dir", root, "--today", "2026-11-22"])
    assert code == 0, code
"""


@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def checkins_by(root: Path) -> dict[str, int]:
    data = tomllib.loads((root / STARS).read_text())
    stars = next(kr for kr in data["key_results"] if kr["id"] == "stars")
    counts: dict[str, int] = {}
    for checkin in stars["checkins"]:
        counts[checkin.get("by", "")] = counts.get(checkin.get("by", ""), 0) + 1
    return counts


def race(root: Path, writers: list[list[str]]) -> None:
    processes = [subprocess.Popen(args, cwd=root, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for args in writers]
    for process in processes:
        out, err = process.communicate(timeout=240)
        assert process.returncode == 0, err


def test_two_processes_of_200_checkins_keep_all_400(team):
    before = checkins_by(team)
    race(team, [[sys.executable, "-c", LOOP, str(team), who, "200"] for who in ("ann", "ben")])
    after = checkins_by(team)
    assert (after.get("ann", 0), after.get("ben", 0)) == (200, 200)
    assert sum(after.values()) == sum(before.values()) + 400
    assert load_workspace(team, use_cache=False).errors == ()
    assert not [p for p in (team / STARS).parent.iterdir() if p.name.startswith(".")]


def test_separate_okrtui_commands_racing_keep_every_checkin(team):
    shell = ('for i in $(seq 1 25); do "$0" -m okrtui checkin grow-community:stars $i --by "$1" '
             '--dir . --today 2026-11-22 >/dev/null || exit 1; done')
    race(team, [["sh", "-c", shell, sys.executable, who] for who in ("cli-a", "cli-b")])
    after = checkins_by(team)
    assert (after["cli-a"], after["cli-b"]) == (25, 25)


def test_app_writer_threads_and_a_process_keep_every_checkin(team):
    """Threads in this process (as the app's write workers) race with a shell loop."""
    path = team / STARS
    process = subprocess.Popen([sys.executable, "-c", LOOP, str(team), "shell", "60"],
                               stderr=subprocess.PIPE, text=True)

    def app_writer(who: str) -> None:
        for i in range(30):
            write_edit(team, path, edits.AddCheckin(
                "stars", {"date": DAY, "value": i, "by": who}))

    threads = [threading.Thread(target=app_writer, args=(who,)) for who in ("t1", "t2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    assert process.wait(timeout=240) == 0, process.stderr.read() if process.stderr else ""
    after = checkins_by(team)
    assert (after["t1"], after["t2"], after["shell"]) == (30, 30, 60)


def test_a_writer_that_holds_the_file_too_long_gives_a_clear_error(team, monkeypatch):
    path = team / STARS
    before = path.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom pathlib import Path\nfrom okrtui.core.filelock import locked\n"
        "with locked(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(30)\n"),
        str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockTimeout):
            with locked(path, wait=0.3):
                pass
        monkeypatch.setattr(filelock, "WAIT_SECONDS", 0.3)
        with pytest.raises(StoreError, match="being written by another program"):
            write_edit(team, path, edits.AddCheckin("stars", {"date": DAY, "value": 1}))
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    # the kernel dropped the killed holder's lock: the next writer goes straight through
    with locked(path, wait=1):
        pass


def test_a_writer_waiting_on_a_replaced_file_locks_the_new_one(team):
    import fcntl

    path = team / STARS
    old = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(old, fcntl.LOCK_EX)  # a writer holds the file...
        inode = os.fstat(old).st_ino
        tmp = path.with_name(".replacement.tmp")
        tmp.write_bytes(path.read_bytes())
        os.replace(tmp, path)  # ...and replaces it, as every write does
        assert os.stat(path).st_ino != inode
        with locked(path, wait=1):  # the lock follows the name: not blocked by the old file
            pass
    finally:
        os.close(old)
