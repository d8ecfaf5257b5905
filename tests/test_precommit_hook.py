"""The pre-commit hook okrtui ships runs what it says, where pre-commit runs it (the
repository's top folder, with no file names), and fails on a broken goals file."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from .git_helpers import team_repo

HOOKS = Path(__file__).parent.parent / ".pre-commit-hooks.yaml"


def hook_fields() -> dict[str, str]:
    fields = {}
    for line in HOOKS.read_text().splitlines():
        if line.startswith(("- ", "  ")) and ":" in line and not line.strip().startswith("#"):
            key, _, value = line.strip().removeprefix("- ").partition(":")
            fields[key.strip()] = value.strip()
    return fields


def run_hook(repo: Path) -> subprocess.CompletedProcess[str]:
    fields = hook_fields()
    command = shlex.split(fields["entry"])
    assert command[0] == "okrtui"
    return subprocess.run([sys.executable, "-m", "okrtui", *command[1:]], cwd=repo,
                          capture_output=True, text=True, timeout=60)


def test_the_hook_is_declared_for_toml_files_without_file_names():
    fields = hook_fields()
    assert fields["id"] == "okrtui-lint"
    assert fields["language"] == "python"
    assert fields["pass_filenames"] == "false"
    assert fields["files"] == r"\.toml$"


def test_the_hook_passes_a_good_workspace_and_fails_a_broken_file(tmp_path):
    root = team_repo(tmp_path)
    passed = run_hook(root.parent)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    broken = root / "platform/2026-Q4/grow-community.toml"
    broken.write_text(broken.read_text() + "<<<<<<< ours\n")
    failed = run_hook(root.parent)
    assert failed.returncode == 1
    assert "okrs/platform/2026-Q4/grow-community.toml" in failed.stdout
    assert "unresolved git merge conflict" in failed.stdout
