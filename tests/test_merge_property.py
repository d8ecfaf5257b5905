"""The merge driver on random histories: base, ours and theirs made of check-ins added,
edited and deleted and fields changed, as okrtui's own edits write them. Whatever the
history, every check-in added on either side survives, only true conflicts are marked, and
a clean result loads."""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrtui.core import edits
from okrtui.core.merge import merge
from okrtui.core.merge_checkins import checkin_key
from okrtui.core.parse import parse_objective

START = date(2026, 10, 1)
KRS = ("stars", "posts")
FIELDS = {"title": ["Grow", "Grow big", "Grow fast"], "owner": ["ann", "ben", "cat"]}
KR_FIELDS = {"target": [500, 600, 800]}

day = st.integers(min_value=0, max_value=40).map(lambda n: START + timedelta(days=n))
new_day = st.integers(min_value=41, max_value=91).map(lambda n: START + timedelta(days=n))
value = st.integers(min_value=0, max_value=999)


@st.composite
def histories(draw):
    base_days = {kr: sorted(draw(st.sets(day, max_size=6))) for kr in KRS}
    base = {kr: [{"date": d, "value": draw(value)} for d in days]
            for kr, days in base_days.items()}

    def side():
        ops = []
        for kr in KRS:
            for index in range(len(base[kr])):
                choice = draw(st.sampled_from(["keep", "keep", "edit", "delete"]))
                if choice != "keep":
                    ops.append((choice, kr, index, draw(value)))
            for added in sorted(draw(st.lists(new_day, max_size=3))):
                ops.append(("add", kr, added, draw(value)))
        for name, choices in FIELDS.items():
            if draw(st.booleans()):
                ops.append(("field", None, name, draw(st.sampled_from(choices))))
        if draw(st.booleans()):
            ops.append(("field", "stars", "target", draw(st.sampled_from(KR_FIELDS["target"]))))
        return ops

    return base, side(), side()


def base_text(base) -> str:
    return edits.objective_text(
        {"title": "Grow", "period": "2026-Q4", "owner": "ann"},
        [{"id": kr, "title": kr.title(), "start": 0, "target": 500, "checkins": base[kr]}
         for kr in KRS])


def apply(text: str, base, ops) -> str:
    """One person's changes, written with okrtui's own edits: edits and deletions of base
    check-ins first (positions as in base, back to front), then additions and fields."""
    for kind, kr, where, new in sorted((o for o in ops if o[0] in ("edit", "delete")),
                                       key=lambda o: (o[1], -o[2])):
        if kind == "edit":
            edit: edits.Edit = edits.ReplaceCheckin(kr, where, {"date": base[kr][where]["date"],
                                                                 "value": new})
        else:
            edit = edits.RemoveCheckin(kr, where)
        text, _ = edits.apply_edit(text, edit)
    for kind, kr, where, new in ops:
        if kind == "add":
            text, _ = edits.apply_edit(text, edits.AddCheckin(kr, {"date": where, "value": new}))
        elif kind == "field":
            text, _ = edits.apply_edit(text, edits.SetField(where, new, kr))
    return text


def _change(ops, kr, index, original):
    """What one side did to a base check-in: ("delete",), ("value", n), or None."""
    for kind, kr_id, where, new in ops:
        if kr_id == kr and kind in ("edit", "delete") and where == index:
            if kind == "delete":
                return ("delete",)
            return None if new == original else ("value", new)
    return None


def checkins(data, kr):
    found = next(k for k in data["key_results"] if k["id"] == kr)
    return found.get("checkins", [])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_random_histories_merge_as_promised(history):
    base, ours_ops, theirs_ops = history
    base_txt = base_text(base)
    ours_txt, theirs_txt = apply(base_txt, base, ours_ops), apply(base_txt, base, theirs_ops)
    b, o, t = (tomllib.loads(x) for x in (base_txt, ours_txt, theirs_txt))
    expected_conflicts = 0
    for name in FIELDS:
        if len({b[name], o[name], t[name]}) == 3:
            expected_conflicts += 1
    stars = [side["key_results"][0]["target"] for side in (b, o, t)]
    if len(set(stars)) == 3:
        expected_conflicts += 1
    for kr in KRS:
        for index, original in enumerate(base[kr]):
            ours_change = _change(ours_ops, kr, index, original["value"])
            theirs_change = _change(theirs_ops, kr, index, original["value"])
            if ours_change and theirs_change and ours_change != theirs_change:
                expected_conflicts += 1

    result = merge(base_txt, ours_txt, theirs_txt)
    assert result.conflicts == expected_conflicts, (ours_ops, theirs_ops, result.text)
    if result.conflicts:
        assert result.text.count("<<<<<<< ours") == result.conflicts
        return
    merged = tomllib.loads(result.text)
    assert parse_objective(result.text.encode(), Path("m.toml"), "m").objective is not None
    for kr in KRS:
        got = Counter(checkin_key(c) for c in checkins(merged, kr))
        for side in (o, t):
            added = Counter(checkin_key(c) for c in checkins(side, kr)) - Counter(
                checkin_key(c) for c in checkins(b, kr))
            assert not added - got, f"lost a check-in added on one side: {added - got}"
        days = [c["date"] for c in checkins(merged, kr)]
        assert days == sorted(days)
    for name in FIELDS:
        if o[name] == b[name]:
            assert merged[name] == t[name]
        else:
            assert merged[name] == o[name]
