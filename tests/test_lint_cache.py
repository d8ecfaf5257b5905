"""lint keeps each file's findings between runs; what it prints must always be what a
fresh lint of the files as they are now would print."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from okrtui.core.lint import lint
from okrtui.core.store import load_workspace

from .conftest import run_okrtui

KR = '[[key_results]]\nid = "k{n}"\ntitle = "Users {n} from 0 to 6"\nstart = 0\ntarget = 6\n'


def objective(title: str, *, owner: str = "ana", parent: str = "", krs: int = 2,
              checkin: str = "") -> str:
    text = f'title = "{title}"\nperiod = "2026-Q4"\nowner = "{owner}"\n'
    if parent:
        text += f'parent = "{parent}"\n'
    for n in range(krs):
        text += "\n" + KR.format(n=n)
        if checkin and n == 0:
            text += f"checkins = [{{ date = {checkin}, value = 1 }}]\n"
    return text


def workspace(root: Path) -> None:
    (root / "okrtui.toml").write_text("")
    files = {
        "company/north": objective("Customers love our support", owner="board"),
        "team/a": objective("Build the new onboarding", parent="north"),
        "team/b": objective("Teams succeed on day one", parent="gone", krs=4),
        "team/c": objective("Support answers within a day", checkin="2026-11-20"),
        "team/d": objective("Renewals rise", owner="ana"),
        "team/e": objective("Churn falls", owner="ana"),
    }
    for oid, text in files.items():
        path = root / f"{oid}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    age(root)


def age(root: Path) -> None:
    """Files not just written, so that the parsed-file cache finds them by their stat."""
    old = time.time() - 60
    for path in root.rglob("*.toml"):
        os.utime(path, (old, old))


def lint_lines(root: Path, today: str) -> list[str]:
    done = run_okrtui("lint", "--dir", str(root), "--today", today, cwd=root)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def fresh_lines(root: Path, today: str) -> list[str]:
    """What lint prints, worked out here from the files alone, without any cache."""
    loaded = load_workspace(root, use_cache=False)
    problems = list(loaded.problems) + lint(loaded.objectives, loaded.settings, loaded.by_id,
                                            date.fromisoformat(today))
    problems.sort(key=lambda p: (str(p.path), p.line, p.level.value))
    return [f"{p.path.relative_to(root)}:{p.line}: {p.level.value}: {p.message}"
            for p in problems]


def test_kept_findings_always_equal_a_fresh_lint(tmp_path):
    workspace(tmp_path)
    today = "2026-11-24"
    first = lint_lines(tmp_path, today)
    assert first == fresh_lines(tmp_path, today)
    assert any("parent 'gone' does not exist" in line for line in first)
    assert any("4 key results" in line for line in first)
    assert lint_lines(tmp_path, today) == first  # from the kept findings

    # a file changes: its findings are found again
    (tmp_path / "team" / "d.toml").write_text(objective("Launch the renewal campaign"))
    age(tmp_path)
    assert lint_lines(tmp_path, today) == fresh_lines(tmp_path, today)
    assert any("team/d.toml:1: warning: the objective reads like an activity" in line
               for line in lint_lines(tmp_path, today))

    # a parent disappears, another appears: checks across files are never kept
    (tmp_path / "company" / "north.toml").unlink()
    (tmp_path / "gone.toml").write_text(objective("Support is a reason to buy", owner="x"))
    age(tmp_path)
    assert lint_lines(tmp_path, today) == fresh_lines(tmp_path, today)
    assert any("parent 'north' does not exist" in line for line in lint_lines(tmp_path, today))

    # the settings change
    (tmp_path / "okrtui.toml").write_text("[lint]\nmax_key_results = 4\n"
                                          "max_objectives_per_owner = 2\n")
    assert lint_lines(tmp_path, today) == fresh_lines(tmp_path, today)
    assert not any("4 key results" in line for line in lint_lines(tmp_path, today))


def test_findings_that_depend_on_the_day_follow_the_day(tmp_path):
    workspace(tmp_path)
    before = lint_lines(tmp_path, "2026-11-10")
    assert any("after today" in line for line in before)
    assert before == fresh_lines(tmp_path, "2026-11-10")
    after = lint_lines(tmp_path, "2026-11-24")
    assert not any("after today" in line for line in after)
    assert after == fresh_lines(tmp_path, "2026-11-24")
