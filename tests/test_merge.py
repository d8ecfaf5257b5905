"""The three-way merge of objective files, as tables of (base, ours, theirs) -> result."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from okrtui.core.merge import CannotMerge, merge
from okrtui.core.parse import parse_objective

BASE = '''\
# Grow the community: hand-written, with comments
title = "Grow"   # short on purpose
period = "2026-Q4"
owner = "platform"

[[key_results]]
id = "stars"
title = "Stars from 120 to 500"
start = 120
target = 500
checkins = [
  { date = 2026-10-05, value = 150 },
  { date = 2026-10-12, value = 170 },   # meetup
]

[[key_results]]
id = "guide"
title = "Guide published"
type = "milestone"
checkins = [
]
'''

TABLES = '''\
title = "Grow"
period = "2026-Q4"

[[key_results]]
id = "stars"
title = "Stars"
start = 0
target = 10

[[key_results.checkins]]
date = 2026-10-05
value = 1

[[key_results.checkins]]
date = 2026-10-12
value = 2
'''


def add(text: str, line: str, after: str = "value = 170 },   # meetup\n") -> str:
    assert after in text
    return text.replace(after, after + line, 1)


def checkin(day: str, value: int, extra: str = "") -> str:
    return f"  {{ date = 2026-{day}, value = {value}{extra} }},\n"


def values(text: str, kr: str = "stars") -> list[tuple[str, object]]:
    data = tomllib.loads(text)
    found = next(k for k in data["key_results"] if k["id"] == kr)
    return [(c["date"].isoformat(), c["value"]) for c in found.get("checkins", [])]


def loads(text: str) -> bool:
    result = parse_objective(text.encode(), Path("o.toml"), "o")
    return result.objective is not None


# -- clean merges ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("ours", "theirs", "expected"), [
    # both add a check-in: both kept, in date order, whatever order they were added in
    (add(BASE, checkin("11-20", 300)), add(BASE, checkin("11-13", 250)),
     [("2026-10-05", 150), ("2026-10-12", 170), ("2026-11-13", 250), ("2026-11-20", 300)]),
    # the same check-in added on both sides is kept once
    (add(BASE, checkin("11-20", 300)), add(BASE, checkin("11-20", 300)),
     [("2026-10-05", 150), ("2026-10-12", 170), ("2026-11-20", 300)]),
    # theirs edits an old check-in, ours adds one
    (add(BASE, checkin("11-20", 300)), BASE.replace("value = 150", "value = 155"),
     [("2026-10-05", 155), ("2026-10-12", 170), ("2026-11-20", 300)]),
    # theirs deletes an old check-in, ours adds one
    (add(BASE, checkin("11-20", 300)),
     BASE.replace("  { date = 2026-10-05, value = 150 },\n", ""),
     [("2026-10-12", 170), ("2026-11-20", 300)]),
    # theirs adds one dated before ours' newest: it goes in date order
    (add(BASE, checkin("11-20", 300)), add(BASE, checkin("10-06", 160)),
     [("2026-10-05", 150), ("2026-10-06", 160), ("2026-10-12", 170), ("2026-11-20", 300)]),
])
def test_checkins_from_both_sides_are_all_kept_in_date_order(ours, theirs, expected):
    result = merge(BASE, ours, theirs)
    assert result.conflicts == 0
    assert values(result.text) == expected
    assert loads(result.text)


def test_ours_bytes_stay_where_nothing_changed():
    ours = add(BASE, checkin("11-20", 300))
    theirs = add(BASE, checkin("11-13", 250)).replace('owner = "platform"', 'owner = "dev"')
    result = merge(BASE, ours, theirs)
    assert result.text == ours.replace('owner = "platform"', 'owner = "dev"').replace(
        checkin("11-20", 300), checkin("11-13", 250) + checkin("11-20", 300))


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("final_newline", [True, False])
def test_line_endings_and_a_missing_final_newline_are_kept(newline, final_newline):
    def shaped(text: str) -> str:
        text = text.replace("\n", newline)
        return text if final_newline else text.rstrip("\r\n")

    base = shaped(BASE)
    ours = shaped(BASE.replace("start = 120", "start = 100"))
    theirs = shaped(add(BASE, checkin("11-13", 250)))
    result = merge(base, ours, theirs)
    assert result.conflicts == 0
    assert result.text == shaped(add(BASE.replace("start = 120", "start = 100"),
                                     checkin("11-13", 250)))


@pytest.mark.parametrize(("ours", "theirs", "expected"), [
    (TABLES + "\n[[key_results.checkins]]\ndate = 2026-10-19\nvalue = 3\n",
     TABLES + "\n[[key_results.checkins]]\ndate = 2026-10-20\nvalue = 4\n",
     [("2026-10-05", 1), ("2026-10-12", 2), ("2026-10-19", 3), ("2026-10-20", 4)]),
    (TABLES + "\n[[key_results.checkins]]\ndate = 2026-10-19\nvalue = 3\n",
     TABLES + "\n[[key_results.checkins]]\ndate = 2026-10-08\nvalue = 9\n",
     [("2026-10-05", 1), ("2026-10-08", 9), ("2026-10-12", 2), ("2026-10-19", 3)]),
    (TABLES + "\n[[key_results.checkins]]\ndate = 2026-10-19\nvalue = 3\n",
     TABLES.replace("value = 1\n", "value = 5\n"),
     [("2026-10-05", 5), ("2026-10-12", 2), ("2026-10-19", 3)]),
])
def test_checkin_tables_merge_too(ours, theirs, expected):
    result = merge(TABLES, ours, theirs)
    assert result.conflicts == 0
    assert values(result.text) == expected
    assert result.text.startswith(TABLES.split("[[key_results.checkins]]")[0])


@pytest.mark.parametrize(("ours", "theirs", "check"), [
    # a field changed on one side only takes that side
    (BASE.replace("target = 500", "target = 600"), BASE.replace('title = "Grow"', 'title = "G"'),
     lambda d: (d["title"], d["key_results"][0]["target"]) == ("G", 600)),
    # the same change on both sides is no conflict
    (BASE.replace("target = 500", "target = 600"), BASE.replace("target = 500", "target = 600"),
     lambda d: d["key_results"][0]["target"] == 600),
    # a field removed on one side, untouched on the other
    (add(BASE, checkin("11-20", 3)), BASE.replace('owner = "platform"\n', ""),
     lambda d: "owner" not in d),
    # a key result removed on one side and untouched on the other is removed
    (add(BASE, checkin("11-20", 3)), BASE.split("\n[[key_results]]\nid = \"guide\"")[0] + "\n",
     lambda d: [kr["id"] for kr in d["key_results"]] == ["stars"]),
    # key results added on both sides (other ids) are both kept
    (BASE + '\n[[key_results]]\nid = "talks"\ntitle = "Talks"\nstart = 0\ntarget = 3\n',
     BASE + '\n[[key_results]]\nid = "posts"\ntitle = "Posts"\nstart = 0\ntarget = 9\n'
            'checkins = [\n  { date = 2026-11-01, value = 2 },\n]\n',
     lambda d: [(kr["id"], len(kr.get("checkins", []))) for kr in d["key_results"]] == [
         ("stars", 2), ("guide", 0), ("talks", 0), ("posts", 1)]),
    # a review written on one side
    (add(BASE, checkin("11-20", 3)), BASE + '\n[review]\nwent_well = "demos"\n',
     lambda d: d["review"] == {"went_well": "demos"}),
])
def test_one_sided_changes_take_that_side(ours, theirs, check):
    result = merge(BASE, ours, theirs)
    assert result.conflicts == 0
    assert check(tomllib.loads(result.text))
    assert loads(result.text)


# -- conflicts ---------------------------------------------------------------------------------

def marked(text: str) -> list[str]:
    """Each conflict block: ours and theirs joined by '|'."""
    blocks = []
    for part in text.split("<<<<<<< ours\n")[1:]:
        inner = part.split(">>>>>>> theirs\n")[0]
        ours, theirs = inner.split("=======\n")
        blocks.append(f"{ours}|{theirs}")
    return blocks


@pytest.mark.parametrize(("ours", "theirs", "blocks"), [
    (BASE.replace("target = 500", "target = 600"), BASE.replace("target = 500", "target = 800"),
     ["target = 600\n|target = 800\n"]),
    (BASE.replace('title = "Grow"   # short on purpose', 'title = "Grow up"'),
     BASE.replace('title = "Grow"   # short on purpose', 'title = "Grow big"   # why not'),
     ['title = "Grow up"\n|title = "Grow big"   # why not\n']),
    # the same check-in edited differently: markers around that check-in only
    (BASE.replace("value = 150", "value = 151"), BASE.replace("value = 150", "value = 152"),
     ["  { date = 2026-10-05, value = 151 },\n|  { date = 2026-10-05, value = 152 },\n"]),
    # the same new key result id with different targets: only the target line conflicts
    (BASE + '\n[[key_results]]\nid = "talks"\ntitle = "Talks"\nstart = 0\ntarget = 3\n',
     BASE + '\n[[key_results]]\nid = "talks"\ntitle = "Talks"\nstart = 0\ntarget = 5\n',
     ["target = 3\n|target = 5\n"]),
])
def test_true_conflicts_mark_only_that_line(ours, theirs, blocks):
    result = merge(BASE, ours, theirs)
    assert result.conflicts == len(blocks)
    assert marked(result.text) == blocks
    # nothing else changed: removing the markers and theirs' side gives ours back
    unmarked = result.text
    for block in blocks:
        our_part, their_part = block.split("|")
        unmarked = unmarked.replace(
            f"<<<<<<< ours\n{our_part}=======\n{their_part}>>>>>>> theirs\n", our_part)
    assert unmarked == ours


def test_a_key_result_removed_on_one_side_and_changed_on_the_other_conflicts():
    removed = BASE.split("\n[[key_results]]\nid = \"guide\"")[0] + "\n"
    changed = BASE.replace("checkins = [\n]",
                           "checkins = [\n  { date = 2026-11-01, value = true },\n]")
    result = merge(BASE, changed, removed)
    assert result.conflicts == 1
    assert 'id = "guide"' in result.text.split("<<<<<<< ours")[1].split("=======")[0]


# -- falling back to git -------------------------------------------------------------------------

@pytest.mark.parametrize("broken", [
    'name = "not an objective"\n',
    BASE + "this is = not toml = at all\n",
    "<<<<<<< ours\n" + BASE,
])
def test_files_that_are_not_objective_files_are_left_to_git(broken):
    with pytest.raises(CannotMerge):
        merge(BASE, add(BASE, checkin("11-20", 1)), broken)
