"""What changed between two versions of an objective, in plain words: plain tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrtui.core.history import Commit, changes
from okrtui.core.parse import parse_objective

BASE = '''\
title = "Grow"
period = "2026-Q4"
owner = "platform"

[[key_results]]
id = "stars"
title = "Stars from 120 to 500"
start = 120
target = 500
checkins = [
  { date = 2026-10-05, value = 150 },
  { date = 2026-10-12, value = 170, note = "meetup" },
]
'''


def parsed(text: str):
    return parse_objective(text.encode(), Path("o.toml"), "o").objective


def summaries(after: str, day: str = "2026-11-20", before: str = BASE):
    commit = Commit("abc", "bob", date.fromisoformat(day))
    return [(c.key_result, c.kind, c.summary, c.after_start)
            for c in changes(commit, "o", parsed(before) if before else None,
                             parsed(after) if after else None)]


@pytest.mark.parametrize(("after", "day", "expected"), [
    (BASE.replace("target = 500", "target = 800"), "2026-11-20",
     [("stars", "field", "target 500 -> 800", date(2026, 10, 1))]),
    # before the period began, moving the target is planning, not moving goal posts
    (BASE.replace("start = 120", "start = 100"), "2026-09-28",
     [("stars", "field", "start 120 -> 100", None)]),
    (BASE.replace('title = "Grow"', 'title = "Grow fast"'), "2026-11-20",
     [(None, "field", "title 'Grow' -> 'Grow fast'", None)]),
    (BASE.replace('owner = "platform"\n', ""), "2026-11-20",
     [(None, "field", "owner 'platform' -> (none)", None)]),
    (BASE.replace('value = 170, note = "meetup"', 'value = 175, note = "meetup"'), "2026-11-20",
     [("stars", "check-in-edited",
       "check-in of 2026-10-12 edited: 170, 'meetup' -> 175, 'meetup'", None)]),
    (BASE.replace('  { date = 2026-10-05, value = 150 },\n', ""), "2026-11-20",
     [("stars", "check-in-deleted", "check-in of 2026-10-05 deleted (150)", None)]),
    (BASE.replace('note = "meetup" },\n', 'note = "meetup" },\n'
                  "  { date = 2026-11-19, value = 210 },\n  { date = 2026-11-20, value = 230 },\n"),
     "2026-11-20",
     [("stars", "check-ins-added", "2 check-ins added (latest 230 on 2026-11-20)", None)]),
    (BASE + '\n[[key_results]]\nid = "guide"\ntitle = "Guide published"\ntype = "milestone"\n',
     "2026-11-20", [("guide", "key-result-added", "key result added: Guide published", None)]),
    (BASE, "2026-11-20", []),
])
def test_changes_between_versions(after, day, expected):
    assert summaries(after, day) == expected


def test_created_and_deleted():
    assert summaries(BASE, before="") == [(None, "created", "objective created", None)]
    assert summaries("", before=BASE) == [(None, "deleted", "objective deleted", None)]


def test_key_result_removed():
    removed = BASE.split("[[key_results]]")[0]
    assert summaries(removed) == [
        ("stars", "key-result-removed", "key result removed: Stars from 120 to 500", None)]
