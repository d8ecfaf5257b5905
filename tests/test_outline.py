from pathlib import Path

import pytest

from okrtui.core.model import Objective
from okrtui.core.outline import outline, visible
from okrtui.core.periods import parse_period


def obj(oid, parent="", owner="", period="2026-Q4", title=None):
    return Objective(id=oid, path=Path(oid), title=title or oid.split("/")[-1], owner=owner,
                     parent=parent, period=parse_period(period) if period else None)


COMPANY = obj("company/share", owner="ceo")
TEAM = obj("team/grow", parent="company/share", owner="sam")
SUB = obj("team/sub", parent="team/grow", owner="sam")
ALONE = obj("me/run", owner="alice", title="Run a half marathon")
OLD = obj("team/old", period="2026-Q3", owner="sam")
TIMELESS = obj("someday", period=None)
ALL = [ALONE, COMPANY, OLD, SUB, TEAM, TIMELESS]


@pytest.mark.parametrize(("period", "query", "ids"), [
    ("2026-Q4", "", ["me/run", "company/share", "team/sub", "team/grow", "someday"]),
    ("2026-Q3", "", ["team/old", "someday"]),
    ("2026", "", [o.id for o in ALL]),
    (None, "", [o.id for o in ALL]),
    ("2026-Q4", "SAM", ["team/sub", "team/grow"]),
    ("2026-Q4", "half run", ["me/run"]),
    ("2026-Q4", "company/", ["company/share"]),
])
def test_visible(period, query, ids):
    shown = visible(ALL, parse_period(period) if period else None, query)
    assert [o.id for o in shown] == ids


def test_children_follow_parents_indented():
    rows = outline([ALONE, SUB, TEAM, COMPANY])
    assert [(r.objective.id, r.depth) for r in rows] == [
        ("me/run", 0), ("company/share", 0), ("team/grow", 1), ("team/sub", 2)]


def test_child_without_visible_parent_is_a_root():
    assert [(r.objective.id, r.depth) for r in outline([SUB])] == [("team/sub", 0)]


@pytest.mark.parametrize(("group_by", "rows"), [
    ("owner", [("alice", 0), ("me/run", 1), ("ceo", 0), ("company/share", 1), ("sam", 0),
               ("team/grow", 1), ("team/sub", 2)]),
    ("folder", [("company", 0), ("company/share", 1), ("me", 0), ("me/run", 1), ("team", 0),
                ("team/grow", 1), ("team/sub", 2)]),
])
def test_grouping(group_by, rows):
    result = outline([ALONE, COMPANY, TEAM, SUB], group_by)
    assert [(r.objective.id if r.objective else r.label, r.depth) for r in result] == rows


def test_parent_cycles_show_each_objective_once():
    a, b = obj("a", parent="b"), obj("b", parent="a")
    assert sorted(r.objective.id for r in outline([a, b])) == ["a", "b"]
