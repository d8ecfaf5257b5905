"""`okrtui init`, run as a real subprocess."""

from datetime import date, timedelta

import pytest

from okrtui.core.scoring import checkins_until
from okrtui.core.store import load_workspace

from .conftest import run_okrtui


@pytest.mark.parametrize("today", [date(2026, 11, 22), date(2026, 2, 14), date(2027, 9, 30)])
def test_init_example_writes_a_clean_workspace_with_history(tmp_path, today):
    result = run_okrtui("init", "--example", str(tmp_path / "okrs"), "--today", today.isoformat())
    assert result.returncode == 0, result.stderr
    workspace = load_workspace(tmp_path / "okrs")
    assert workspace.problems == ()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    now = [o for o in workspace.objectives if o.period.label == quarter]
    assert len(now) == 5
    # the quarter before: alice's objective, reviewed and rolled over into this one
    (before,) = [o for o in workspace.objectives if o not in now]
    assert before.period == now[0].period.previous()
    assert before.review is not None and before.review.went_well and before.review.learned
    assert before.review.achieved is False and before.review.grade is not None
    successor = workspace.by_id[before.rolled_to]
    assert successor.rolled_from == before.id and successor in now
    # a learning goal with tagged check-ins, and a key result due for its check-in
    learning = next(o for o in now if o.kind == "learning")
    assert {c.tag for kr in learning.key_results for c in kr.checkins} >= {
        "hypothesis", "experiment"}
    from okrtui.core.due import due_items

    assert any(item.state.level == "due" for item in due_items(now, today))
    kinds = {o.kind for o in now}
    assert kinds == {"performance", "learning"}
    krs = [kr for o in workspace.objectives for kr in o.key_results]
    assert {kr.type for kr in krs} == {"metric", "milestone", "health"}
    assert any(kr.decreasing for kr in krs)
    parents = {o.parent for o in workspace.objectives} - {""}
    assert parents and parents <= set(workspace.by_id)
    owners = {o.owner for o in workspace.objectives}
    assert {"alice", "platform-team", "product-team", "leadership"} <= owners
    latest = max(c.date for kr in krs for c in kr.checkins)
    assert today - timedelta(days=7) < latest <= today  # weekly history up to today
    assert all(c.date <= today for kr in krs for c in kr.checkins)
    stars = workspace.find("grow-community").key_result("stars")
    assert len(checkins_until(stars, today)) >= (today - date(today.year, (today.month - 1) // 3
                                                                * 3 + 1, 1)).days // 7


def test_init_creates_commented_settings_and_refuses_twice(tmp_path):
    first = run_okrtui("init", str(tmp_path / "goals"))
    assert first.returncode == 0, first.stderr
    text = (tmp_path / "goals" / "okrtui.toml").read_text()
    assert text.count("#") > 5 and 'name = "goals"' in text
    assert load_workspace(tmp_path / "goals").problems == ()
    again = run_okrtui("init", str(tmp_path / "goals"))
    assert again.returncode == 2
    assert "already exists" in again.stderr


def test_init_default_path_is_okrs(tmp_path):
    assert run_okrtui("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "okrs" / "okrtui.toml").is_file()


def test_bad_today_is_a_usage_error(tmp_path):
    result = run_okrtui("init", str(tmp_path), "--today", "22/11/2026")
    assert result.returncode == 2
    assert "use YYYY-MM-DD" in result.stderr


def test_example_never_overwrites_existing_objectives(tmp_path):
    root = tmp_path / "okrs"
    assert run_okrtui("init", "--example", str(root), "--today", "2026-11-22").returncode == 0
    mine = root / "company/2026-Q4/market-share.toml"
    mine.write_text('title = "My real objective"\n')
    again = run_okrtui("init", "--example", str(root), "--today", "2026-11-22")
    assert again.returncode == 2
    assert "already exists: write the example into an empty folder" in again.stderr
    assert mine.read_text() == 'title = "My real objective"\n'
