"""okrtui git-setup and init inside git: the merge driver registered, objective files routed
to it, and a one-line hint where a clone lacks it. Real git repositories."""

from __future__ import annotations

import subprocess

from .conftest import run_okrtui
from .git_helpers import GIT_ENV, git, team_repo


def okrtui(root, *args, **kwargs):
    return run_okrtui(*args, "--dir", str(root), "--today", "2026-11-22", env=GIT_ENV,
                      **kwargs)


def test_git_setup_registers_the_driver_and_routes_objective_files(tmp_path):
    root = team_repo(tmp_path)
    repo = root.parent
    (root / ".gitattributes").write_text("*.png binary")  # theirs, without a final newline
    result = okrtui(root, "git-setup")
    assert result.returncode == 0, result.stderr
    assert "registered the merge driver" in result.stdout
    driver = git(repo, "config", "--local", "merge.okrtui.driver").stdout.strip()
    assert driver.endswith(" -m okrtui merge-driver %O %A %B %P")
    assert (root / ".gitattributes").read_text().startswith("*.png binary\n\n# okrtui")
    check = git(repo, "check-attr", "merge", "--", "okrs/platform/2026-Q4/grow-community.toml",
                "okrs/okrtui.toml").stdout.splitlines()
    assert check == ["okrs/platform/2026-Q4/grow-community.toml: merge: okrtui",
                     "okrs/okrtui.toml: merge: unspecified"]
    again = okrtui(root, "git-setup")  # harmless the second time: nothing added twice
    assert again.returncode == 0
    assert (root / ".gitattributes").read_text().count("merge=okrtui") == 1


def test_the_registered_driver_runs_without_an_activated_environment(tmp_path):
    root = team_repo(tmp_path)
    assert okrtui(root, "git-setup").returncode == 0
    driver = git(root.parent, "config", "merge.okrtui.driver").stdout.strip()
    command = driver.replace(" %O %A %B %P", " --help")
    # a shell with a bare PATH, as git would run it outside any virtual environment
    result = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "merge-driver" in result.stdout


def test_init_inside_git_sets_up_and_says_so(tmp_path):
    git(tmp_path, "init", "-q")
    result = run_okrtui("init", "okrs", cwd=tmp_path, env=GIT_ENV)
    assert result.returncode == 0, result.stderr
    assert "Git set-up: registered the merge driver" in result.stdout
    assert "merge=okrtui" in (tmp_path / "okrs/.gitattributes").read_text()


def test_init_outside_git_leaves_git_alone(tmp_path):
    result = run_okrtui("init", "okrs", cwd=tmp_path, env=GIT_ENV)
    assert result.returncode == 0
    assert "Git" not in result.stdout
    assert not (tmp_path / "okrs/.gitattributes").exists()


def test_git_setup_outside_git_says_what_to_do(tmp_path):
    assert run_okrtui("init", "okrs", cwd=tmp_path).returncode == 0
    result = okrtui(tmp_path / "okrs", "git-setup")
    assert result.returncode == 2
    assert "not inside a git work tree: run git init first" in result.stderr


def test_status_says_once_when_a_clone_has_no_driver(tmp_path):
    root = team_repo(tmp_path)
    missing = okrtui(root, "status")
    hints = [line for line in missing.stderr.splitlines() if "git-setup" in line]
    assert len(hints) == 1 and "merge driver" in hints[0]
    assert okrtui(root, "git-setup").returncode == 0
    assert "git-setup" not in okrtui(root, "status").stderr
    git(root.parent, "config", "merge.okrtui.driver", "/gone/python -m okrtui merge-driver")
    assert "a Python that is gone" in okrtui(root, "status").stderr


def test_status_outside_git_says_nothing_about_git(tmp_path):
    assert run_okrtui("init", "--example", "okrs", cwd=tmp_path).returncode == 0
    assert "git" not in okrtui(tmp_path / "okrs", "status").stderr
