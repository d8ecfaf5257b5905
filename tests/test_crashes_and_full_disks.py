"""Crashes and full disks: a write killed at any moment leaves the old or the new file
(both load) and no temporary files piling up; a full disk and a read-only folder give a
clear error and leave the file as it was."""

from __future__ import annotations

import os
import pwd
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from okrtui.core.parse import parse_objective

from .conftest import DATA

STARS = "platform/2026-Q4/grow-community.toml"


def big_team(tmp_path: Path, checkins: int = 1500) -> Path:
    """The team fixture with a key result holding many check-ins, so a write takes long
    enough to be killed in the middle of it."""
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    path = root / STARS
    lines = "".join(f"  {{ date = 2026-10-{1 + i % 28:02d}, value = {i}, by = \"bot\" }},\n"
                    for i in range(checkins))
    text = path.read_text()
    marker = '  { date = 2026-10-05, value = 136'
    path.write_text(text.replace(marker, lines + marker, 1))
    return root


def test_writes_killed_at_random_moments_leave_the_old_or_the_new_file(tmp_path):
    root = big_team(tmp_path)
    path = root / STARS
    rng = random.Random(11)
    command = [sys.executable, "-m", "okrtui", "checkin", "grow-community:stars", "0",
               "--dir", str(root), "--today", "2026-11-22"]
    whole = 10.0  # the quickest of three whole writes, to aim the kills at its second half
    for _ in range(3):  # (the first is slower: it fills the parsed-file cache)
        begin = time.monotonic()
        subprocess.run(command, check=True, capture_output=True)
        whole = min(whole, time.monotonic() - begin)
    kept = killed = 0
    for run in range(100):
        before = path.read_bytes()
        process = subprocess.Popen([*command[:5], str(run), *command[6:]],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 1.3) * whole)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        after = path.read_bytes()
        result = parse_objective(after, path, "grow-community")
        assert result.objective is not None, f"run {run}: the file no longer loads"
        if after != before:
            assert after.count(b"\n") == before.count(b"\n") + 1, f"run {run}: not old or new"
            kept += 1
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1, leftovers  # at most the last killed write's, none piling up
    assert killed >= 10 and kept >= 10  # both cases really happened


FULL_DISK = """
import errno, os, sys
real_fsync = os.fsync
def full(fd):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
os.fsync = full  # the disk fills up while the new file is written
from okrtui.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_full_disk_gives_a_clear_error_and_changes_nothing(tmp_path):
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    path = root / STARS
    before = path.read_bytes()
    result = subprocess.run([sys.executable, "-c", FULL_DISK, "checkin", "grow-community:stars",
                             "300", "--dir", str(root), "--today", "2026-11-22"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "nothing was changed" in \
        result.stderr
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def _nobody() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        return None


@pytest.mark.skipif(os.geteuid() != 0 or _nobody() is None,
                    reason="switches to the user nobody, which needs root")
def test_a_read_only_folder_as_a_normal_user(tmp_path):
    user = _nobody()
    assert user is not None
    base = Path(tempfile.mkdtemp(prefix="okrtui-ro-"))
    try:
        root = base / "okrs"
        shutil.copytree(DATA / "team", root)
        os.chmod(base, 0o755)
        for folder, _dirs, names in os.walk(root):
            os.chmod(folder, 0o555)  # read-only folders: nobody may read, not write
            for name in names:
                os.chmod(Path(folder) / name, 0o644)
        path = root / STARS
        before = path.read_bytes()
        code, stderr = _as_user(user, ["checkin", "grow-community:stars", "300", "--dir",
                                       str(root), "--today", "2026-11-22"], base)
        assert code == 1, stderr
        assert "cannot write" in stderr and "Permission denied" in stderr
        assert path.read_bytes() == before
    finally:
        for folder, _dirs, _names in os.walk(base):
            os.chmod(folder, 0o755)
        shutil.rmtree(base, ignore_errors=True)


def _as_user(user: pwd.struct_passwd, args: list[str], scratch: Path) -> tuple[int, str]:
    """Run the command line as ``user`` in a forked child: the interpreter need not be
    executable by that user (it is not, in a root-owned virtual environment)."""
    import getpass  # noqa: F401 - the author's name falls back to it, imported when used
    import io
    from contextlib import redirect_stderr

    import okrtui.cli.checkin_command  # noqa: F401 - loaded before dropping privileges
    import okrtui.core.scoring  # noqa: F401
    import okrtui.present  # noqa: F401
    from okrtui.cli.main import main

    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read)
        code = 99
        buffer = io.StringIO()
        try:
            home = scratch / "home"
            os.environ.update({"HOME": str(home), "OKRTUI_CACHE_DIR": str(home / "cache"),
                               "OKRTUI_CONFIG_DIR": str(home / "config")})
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            with redirect_stderr(buffer):
                code = main(args)
        except BaseException as exc:  # noqa: BLE001 - anything is a failure to report
            buffer.write(f"crashed: {exc!r}")
        finally:
            os.write(write, f"{code}\n{buffer.getvalue()}".encode())
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        output = pipe.read()
    os.waitpid(child, 0)
    code, _, stderr = output.partition("\n")
    return int(code), stderr
