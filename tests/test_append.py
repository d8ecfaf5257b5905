"""A check-in added to a long file without parsing it again must give exactly what the full
edit and parse give: the same bytes, the same objective, and where the arrays end."""

from __future__ import annotations

import os
import time
import tomllib
from datetime import date
from pathlib import Path

import pytest

from okrtui.core import edits
from okrtui.core.append import ArrayEnd, append_checkin, array_ends
from okrtui.core.parse import build_objective
from okrtui.core.parsed_cache import ParsedCache
from okrtui.core.store import TRUST_CACHE_FROM, StoreError, read_for_edit, write_edit

PATH = Path("team/long.toml")
HEAD = 'title = "Grow"\nperiod = "2026-Q4"\n\n'
STARS = '[[key_results]]\nid = "stars"\ntitle = "Stars"\nstart = 0\ntarget = 100\n'
GUIDE = '[[key_results]]\nid = "guide"\ntitle = "Guide"\ntype = "milestone"\n'
LATER = '\n[[key_results]]\nid = "later"\ntitle = "Later"\nstart = 0\ntarget = 5\n' \
        'checkins = [\n  { date = 2026-10-02, value = 1 },\n]\n'

LAYOUTS = {
    "lines, trailing comma": STARS + "checkins = [\n  { date = 2026-10-01, value = 1 },\n"
                                     "  { date = 2026-10-08, value = 2 },\n]\n" + LATER,
    "lines, no trailing comma": STARS + "checkins = [\n    { date = 2026-10-01, value = 1 },\n"
                                        "    { date = 2026-10-08, value = 2 }\n]\n" + LATER,
    "bracket after the last item": STARS + "checkins = [\n  { date = 2026-10-01, value = 1 },"
                                           "\n  { date = 2026-10-08, value = 2 }]\n" + LATER,
    "one line": STARS + "checkins = [{ date = 2026-10-01, value = 1 }, "
                        "{ date = 2026-10-08, value = 2 }]\n" + LATER,
    "one line, trailing comma": STARS + "checkins = [{ date = 2026-10-01, value = 1 },]\n"
                                + LATER,
    "empty": STARS + "checkins = []\n" + LATER,
    "comments": STARS + "checkins = [  # weekly\n  { date = 2026-10-01, value = 1 },  # a\n"
                        "  # the next one was late\n  { date = 2026-10-08, value = 2 }, # b\n"
                        "  # more to come\n]  # end\n" + LATER,
    "brackets in notes": STARS + 'checkins = [\n  { date = 2026-10-01, value = 1, note = "a ]'
                                 ' } # \\" \' x" },\n  { date = 2026-10-08, value = 2, note = '
                                 "'] },' },\n]\n" + LATER,
    "last key result": LATER.lstrip() + "\n" + STARS + "checkins = [\n  { date = 2026-10-01, "
                                                       "value = 1 },\n]\n",
    "crlf": (STARS + "checkins = [\n  { date = 2026-10-01, value = 1 },\n]\n" + LATER)
            .replace("\n", "\r\n"),
}
CHECKINS = [
    ("stars", {"date": date(2026, 11, 2), "value": 3}),
    ("stars", {"date": date(2026, 11, 3), "value": 4.5, "confidence": 0.7,
               "note": 'a "quoted" ] } note', "by": "Ana", "tag": "validated"}),
]


def full_edit(text: str, kr_id: str, checkin: dict) -> tuple[str, object]:
    """What the slow, whole-file path gives."""
    new_text, new_data = edits.apply_edit(text, edits.AddCheckin(kr_id, checkin))
    return new_text, build_objective(new_data, new_text, PATH, "team/long").objective


def read(text: str):
    result = build_objective(tomllib.loads(text), text, PATH, "team/long")
    assert result.objective is not None and not result.problems, result.problems
    return result.objective


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
@pytest.mark.parametrize("kr_id, checkin", CHECKINS, ids=["plain", "every field"])
def test_appending_locally_equals_the_full_edit(layout, kr_id, checkin):
    text = HEAD + LAYOUTS[layout]
    appended = append_checkin(text, read(text), kr_id, checkin, array_ends(text))
    assert appended is not None
    new_text, objective = full_edit(text, kr_id, checkin)
    assert appended.text == new_text
    assert appended.objective == objective
    assert appended.ends == array_ends(new_text)


def test_a_chain_of_appends_carries_the_array_ends():
    text = HEAD + LAYOUTS["comments"]
    objective, ends = read(text), array_ends(text)
    for day in range(1, 8):
        checkin = {"date": date(2026, 11, day), "value": day}
        appended = append_checkin(text, objective, "stars", checkin, ends)
        assert appended is not None
        new_text, full = full_edit(text, "stars", checkin)
        assert (appended.text, appended.objective) == (new_text, full)
        text, objective, ends = appended.text, appended.objective, appended.ends
    assert ends == array_ends(text)
    assert [kr.line for kr in objective.key_results] == \
        [kr.line for kr in read(text).key_results]


def test_later_key_results_move_down_by_the_lines_added():
    text = HEAD + LAYOUTS["lines, trailing comma"]
    appended = append_checkin(text, read(text), "stars", CHECKINS[0][1], array_ends(text))
    assert appended is not None
    before, after = read(text).key_results, appended.objective.key_results
    assert after[0].line == before[0].line
    assert after[1].line == before[1].line + 1


def test_what_cannot_be_proved_locally_is_left_to_the_full_edit():
    text = HEAD + LAYOUTS["lines, trailing comma"]
    objective, ends = read(text), array_ends(text)
    checkin = {"date": date(2026, 11, 2), "value": 3}
    # a key result it does not know, or whose check-ins are tables
    assert append_checkin(text, objective, "nope", checkin, ends) is None
    tables = HEAD + STARS + "\n[[key_results.checkins]]\ndate = 2026-10-01\nvalue = 1\n"
    assert "stars" not in array_ends(tables)
    assert append_checkin(tables, read(tables), "stars", checkin, array_ends(tables)) is None
    # a hint that is not this text's (not the last item, or not an array at all)
    first_item = text.index("{ date")
    wrong = {**ends, "stars": ArrayEnd(ends["stars"].value_start, first_item)}
    assert append_checkin(text, objective, "stars", checkin, wrong) is None
    assert append_checkin(text, objective, "stars", checkin,
                          {"stars": ArrayEnd(ends["stars"].value_start - 3, -1)}) is None
    # a check-in that reading would warn about, or refuse
    assert append_checkin(text, objective, "stars", {**checkin, "tag": "guess"}, ends) is None
    assert append_checkin(text, objective, "stars", {**checkin, "mood": "ok"}, ends) is None
    assert append_checkin(text, objective, "stars", {**checkin, "value": True}, ends) is None


# -- through the store: real files, the real cache ------------------------------------------

def long_file(root: Path, checkins: int = 3000) -> Path:
    lines = [f"  {{ date = 2026-10-{1 + n % 28:02d}, value = {n % 100}, by = \"bench\" }},"
             for n in range(checkins)]
    path = root / "team" / "long.toml"
    path.parent.mkdir(parents=True)
    path.write_text(HEAD + STARS + "checkins = [\n" + "\n".join(lines) + "\n]\n" + LATER)
    old = time.time() - 60
    os.utime(path, (old, old))
    assert (path.stat().st_size >= TRUST_CACHE_FROM) == (checkins >= 3000)
    return path


def cached_entry(root: Path):
    return ParsedCache(root).entries.get("team/long")


def test_check_ins_into_a_long_file_are_the_full_edit_and_are_remembered(tmp_path):
    path = long_file(tmp_path)
    assert read_for_edit(tmp_path, path, "team/long").objective is not None
    for day in (2, 3, 4):
        checkin = {"date": date(2026, 11, day), "value": day}
        expected_text, expected = full_edit(path.read_text(), "stars", checkin)
        objective = write_edit(tmp_path, path, edits.AddCheckin("stars", checkin))
        assert path.read_text() == expected_text
        assert objective == expected.__class__(**{**expected.__dict__, "path": path,
                                                  "id": "team/long"})
        entry = cached_entry(tmp_path)
        assert entry.array_ends == array_ends(expected_text)  # set only by the local path
        assert read_for_edit(tmp_path, path, "team/long").objective == objective


def test_a_damaged_cache_of_a_long_file_means_reading_it_in_full(tmp_path):
    path = long_file(tmp_path)
    read_for_edit(tmp_path, path, "team/long")  # remembered: the cache's only objective
    cache_path = ParsedCache(tmp_path).path
    data = cache_path.read_bytes()
    cache_path.write_bytes(data[:-12] + bytes(reversed(data[-12:])))  # inside its pickle
    assert ParsedCache(tmp_path).entries["team/long"].digest  # the index still loads
    checkin = {"date": date(2026, 11, 2), "value": 1}
    expected_text, _ = full_edit(path.read_text(), "stars", checkin)
    assert read_for_edit(tmp_path, path, "team/long").objective is not None
    write_edit(tmp_path, path, edits.AddCheckin("stars", checkin))
    assert path.read_text() == expected_text


def test_a_long_file_changed_by_hand_is_read_in_full_again(tmp_path):
    path = long_file(tmp_path)
    read_for_edit(tmp_path, path, "team/long")
    write_edit(tmp_path, path, edits.AddCheckin("stars", {"date": date(2026, 11, 2),
                                                          "value": 1}))
    # an editor breaks the file: the cache knows other bytes, so the error is found
    path.write_text(path.read_text().replace('title = "Stars"', "title = Stars"))
    with pytest.raises(StoreError, match="fix it first"):
        write_edit(tmp_path, path, edits.AddCheckin("stars", {"date": date(2026, 11, 3),
                                                              "value": 2}))
    assert read_for_edit(tmp_path, path, "team/long").objective is None
    # fixed by hand, with a comment added: written right, and trusted again afterwards
    path.write_text(path.read_text().replace("title = Stars", 'title = "Stars"  # ok'))
    checkin = {"date": date(2026, 11, 4), "value": 4}
    expected_text, _ = full_edit(path.read_text(), "stars", checkin)
    write_edit(tmp_path, path, edits.AddCheckin("stars", checkin))
    assert path.read_text() == expected_text
    assert cached_entry(tmp_path).digest


def test_a_file_touched_but_unchanged_is_found_by_its_bytes(tmp_path):
    from okrtui.core.store import load_workspace

    path = long_file(tmp_path, checkins=10)
    first = load_workspace(tmp_path).by_id["team/long"]
    digest = cached_entry(tmp_path).digest
    later = time.time() - 30
    os.utime(path, (later, later))  # a checkout or a copy: new mtime, same bytes
    assert load_workspace(tmp_path).by_id["team/long"] == first
    entry = cached_entry(tmp_path)
    assert (entry.digest, entry.mtime_ns) == (digest, path.stat().st_mtime_ns)


def test_warnings_of_a_long_file_are_never_lost_to_the_cache(tmp_path):
    from okrtui.core.store import load_workspace

    path = long_file(tmp_path)
    path.write_text('mood = "fine"\n' + path.read_text())  # kept, with a warning
    old = time.time() - 60
    os.utime(path, (old, old))
    assert read_for_edit(tmp_path, path, "team/long").problems
    write_edit(tmp_path, path, edits.AddCheckin("stars", {"date": date(2026, 11, 2),
                                                          "value": 1}))
    write_edit(tmp_path, path, edits.AddCheckin("stars", {"date": date(2026, 11, 3),
                                                          "value": 2}))
    for _ in range(2):  # parsed, then from the cache
        problems = load_workspace(tmp_path).problems
        assert any("unknown key 'mood'" in p.message for p in problems)
    assert read_for_edit(tmp_path, path, "team/long").problems


def test_two_files_with_the_same_bytes_are_two_objectives(tmp_path):
    from okrtui.core.store import load_workspace

    text = HEAD + LAYOUTS["comments"]
    for name in ("a", "b"):
        (tmp_path / f"{name}.toml").write_text(text)
    old = time.time() - 60
    for path in tmp_path.glob("*.toml"):
        os.utime(path, (old, old))
    for _ in range(2):  # parsed, then unpickled from the cache
        loaded = load_workspace(tmp_path)
        assert [(o.id, o.path.name) for o in loaded.objectives] == [("a", "a.toml"),
                                                                   ("b", "b.toml")]


def random_layout(rng) -> str:
    """A key result's check-ins written the many ways a person might, with another key
    result before and after it."""
    nl = "\n"
    notes = ['plain', 'a ] b', 'c } d', 'quote \\" e', "# not a comment", "ünïcode ✓", "x, y"]
    items = []
    for n in range(rng.randint(0, 6)):
        fields = [f"date = 2026-10-{1 + n:02d}", f"value = {rng.choice(['1', '2.5', '-3'])}"]
        if rng.random() < 0.5:
            fields.append(f'note = "{rng.choice(notes)}"')
        if rng.random() < 0.3:
            fields.append(f"note = '{rng.choice(['lit ] }', 'lit'])}'" if len(fields) == 2
                          else "confidence = 0.5")
        items.append("{ " + ", ".join(fields) + " }")
    if not items:
        array = rng.choice(["[]", "[ ]", "[" + nl + "]"])
    elif rng.random() < 0.4:
        sep = rng.choice([", ", ","])
        array = "[" + sep.join(items) + rng.choice(["", ","]) + "]"
    else:
        indent = rng.choice(["  ", "    ", "\t"])
        lines = []
        for item in items:
            if rng.random() < 0.2:
                lines.append(indent + "# a comment line")
            lines.append(indent + item + "," + rng.choice(["", "  # why"]))
        if rng.random() < 0.5:
            lines[-1] = lines[-1].split("  # ")[0].rstrip(",")
        close = rng.choice(["]", "]  # end", indent + "]"])
        if rng.random() < 0.2:  # the bracket right after the last item
            lines[-1] = lines[-1].split("  # ")[0]
            array = "[" + nl + nl.join(lines) + close.strip()
        else:
            array = "[" + nl + nl.join(lines) + nl + close
    text = (HEAD + LATER.lstrip() + "\n" + STARS + "checkins = " + array + "\n"
            + LATER.replace('"later"', '"after"'))
    return text.replace("\n", "\r\n") if rng.random() < 0.3 else text


def test_random_layouts_append_exactly_as_the_full_edit():
    import random

    rng = random.Random(20261130)
    checked = 0
    for _ in range(300):
        text = random_layout(rng)
        try:
            objective = read(text)
        except (AssertionError, tomllib.TOMLDecodeError):
            continue  # a layout this generator got wrong: not a case
        checkin = {"date": date(2026, 11, rng.randint(1, 28)), "value": rng.randint(0, 99)}
        if rng.random() < 0.5:
            checkin["note"] = rng.choice(['new ] one', 'say "hi"', "tab\there"])
        appended = append_checkin(text, objective, "stars", checkin, array_ends(text))
        assert appended is not None, text
        new_text, full = full_edit(text, "stars", checkin)
        assert appended.text == new_text, text
        assert appended.objective == full
        assert appended.ends == array_ends(new_text)
        checked += 1
    assert checked == 300


def test_the_cache_is_saved_without_fsync_and_the_objective_file_with(tmp_path, monkeypatch):
    """The cache only saves time: waiting for the disk is kept for the user's file."""
    from okrtui.core.parsed_cache import ParsedCache as Cache

    path = long_file(tmp_path)
    assert read_for_edit(tmp_path, path, "team/long").objective is not None
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_edit(tmp_path, path, edits.AddCheckin("stars", {"date": date(2026, 11, 2),
                                                          "value": 2}))
    cache_file = str(Cache(tmp_path).path)
    assert cache_file.endswith(".pickle") and Path(cache_file).exists()
    assert any(s.startswith(str(path.parent)) for s in synced)  # the file, or its folder
    assert not any(s.startswith(str(Path(cache_file).parent)) for s in synced)


def test_the_same_bytes_are_digested_once(monkeypatch):
    import hashlib

    from okrtui.core import parsed_cache

    data = b"x" * 100_000
    first = parsed_cache.digest_of(data)
    calls: list[int] = []
    real = hashlib.blake2b
    monkeypatch.setattr(hashlib, "blake2b", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert parsed_cache.digest_of(bytes(data)) == first  # equal bytes, another object
    assert calls == []
    assert parsed_cache.digest_of(data + b"y") != first
    assert calls == [1]


def test_the_last_digest_and_objective_are_kept_for_the_same_bytes_only():
    """digest_of and Entry.objective keep what they computed for the last bytes asked
    about: the same bytes again are not computed again, other bytes always are."""
    from okrtui.core.parsed_cache import _LastOne

    computed: list[bytes] = []

    def length(data: bytes) -> int:
        computed.append(data)
        return len(data)

    last = _LastOne(length)
    assert [last(d) for d in (b"a", b"a", b"bb", b"a", b"a")] == [1, 1, 2, 1, 1]
    assert computed == [b"a", b"bb", b"a"]
