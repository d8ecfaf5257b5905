"""Writes keep every byte they do not change, and never write a broken or racing file."""

import difflib
import os
import shutil
import stat
import tomllib
from datetime import date
from pathlib import Path

import pytest

from okrtui.core import edits
from okrtui.core.edits import (
    AddCheckin,
    AddKeyResult,
    RemoveCheckin,
    RemoveKeyResult,
    ReplaceCheckin,
    SetField,
)
from okrtui.core.store import (
    StoreError,
    create_objective,
    find_objective_path,
    load_workspace,
    read_for_edit,
    write_edit,
)

from .conftest import DATA

CHECKIN = {"date": date(2026, 10, 19), "value": 250, "confidence": 0.8, "note": 'a "quoted" note',
           "by": "bob"}


@pytest.fixture(params=["lf", "crlf"])
def handwritten(request, tmp_path) -> Path:
    """The hand-written fixture (no final newline), as LF and as CRLF."""
    text = (DATA / "handwritten.toml").read_bytes()
    assert not text.endswith(b"\n")
    if request.param == "crlf":
        text = text.replace(b"\n", b"\r\n")
    path = tmp_path / "community.toml"
    path.write_bytes(text)
    return path


def diff(before: bytes, after: bytes) -> list[tuple[str, list[bytes], list[bytes]]]:
    """Changed line groups as (tag, old lines, new lines), line endings included."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"]


def nl_of(path: Path) -> bytes:
    return b"\r\n" if b"\r\n" in path.read_bytes() else b"\n"


def test_load_and_save_unchanged_is_byte_identical(handwritten):
    before = handwritten.read_bytes()
    mtime = handwritten.stat().st_mtime_ns
    objective = load_workspace(handwritten.parent).by_id["community"]
    for field in ("title", "owner", "commitment", "cadence"):
        write_edit(handwritten.parent, handwritten, SetField(field, getattr(objective, field)))
    write_edit(handwritten.parent, handwritten, SetField("period", objective.period.label))
    for kr in objective.key_results:
        write_edit(handwritten.parent, handwritten, SetField("title", kr.title, kr_id=kr.id))
    write_edit(handwritten.parent, handwritten, SetField("target", 500, kr_id="stars"))
    assert handwritten.read_bytes() == before
    assert handwritten.stat().st_mtime_ns == mtime  # not even rewritten


def test_adding_a_checkin_inserts_exactly_one_line(handwritten):
    before = handwritten.read_bytes()
    objective = write_edit(handwritten.parent, handwritten, AddCheckin("stars", CHECKIN))
    after = handwritten.read_bytes()
    nl = nl_of(handwritten)
    assert diff(before, after) == [("insert", [], [
        b'    { date = 2026-10-19, value = 250, confidence = 0.8, note = "a \\"quoted\\" note", '
        b'by = "bob" },' + nl])]
    stars = objective.key_result("stars")
    assert stars is not None and stars.checkins[-1].value == 250
    assert not after.endswith(b"\n")  # nothing else touched, not even the end of the file
    if nl == b"\r\n":
        assert after.count(b"\n") == after.count(b"\r\n")


def test_checkin_into_an_empty_array_opens_it_into_lines(handwritten):
    before = handwritten.read_bytes()
    write_edit(handwritten.parent, handwritten, AddCheckin("churn", {"date": date(2026, 10, 6),
                                                                     "value": 5.5}))
    nl = nl_of(handwritten)
    assert diff(before, handwritten.read_bytes()) == [
        ("replace", [b"checkins = []" + nl],
         [b"checkins = [" + nl, b"  { date = 2026-10-06, value = 5.5 }," + nl, b"]" + nl])]


def test_checkin_into_a_one_line_array_stays_on_that_line(handwritten):
    before = handwritten.read_bytes()
    write_edit(handwritten.parent, handwritten, AddCheckin("contributors", {
        "date": date(2026, 10, 12), "value": 5}))
    nl = nl_of(handwritten)
    assert diff(before, handwritten.read_bytes()) == [(
        "replace", [b"checkins = [ { date = 2026-10-05, value = 4 } ]" + nl],
        [b"checkins = [ { date = 2026-10-05, value = 4 }, { date = 2026-10-12, value = 5 } ]"
         + nl])]


def test_first_checkin_of_the_last_kr_in_a_file_without_final_newline(handwritten):
    before = handwritten.read_bytes()
    objective = write_edit(handwritten.parent, handwritten, AddCheckin("guide", {
        "date": date(2026, 10, 20), "value": True}))
    after = handwritten.read_bytes()
    nl = nl_of(handwritten)
    assert after == before + nl + b"checkins = [" + nl + \
        b"  { date = 2026-10-20, value = true }," + nl + b"]" + nl
    assert objective.key_result("guide").checkins[0].value is True


def test_adding_a_key_result_to_a_file_without_final_newline(handwritten):
    """tomlkit 0.15 writes `type = "milestone"[[key_results]]` here (invalid TOML)."""
    before = handwritten.read_bytes()
    write_edit(handwritten.parent, handwritten, AddKeyResult({
        "id": "talks", "title": "Conference talks from 0 to 3", "start": 0, "target": 3}))
    after = handwritten.read_bytes()
    nl = nl_of(handwritten)
    assert after.startswith(before + nl + nl + b"[[key_results]]" + nl)
    assert after.endswith(b"target = 3" + nl + b"checkins = []" + nl)  # not "[" nl "]"
    assert b"\n" not in after.replace(b"\r\n", b"") if nl == b"\r\n" else True
    data = tomllib.loads(after.decode())
    assert data["key_results"][-1] == {"id": "talks", "title": "Conference talks from 0 to 3",
                                       "start": 0, "target": 3, "checkins": []}


def test_setting_fields_changes_only_their_values_and_keeps_comments(handwritten):
    before = handwritten.read_bytes()
    root = handwritten.parent
    write_edit(root, handwritten, SetField("title", "Grow a happy community"))
    write_edit(root, handwritten, SetField("unit", "%", kr_id="churn"))  # new key
    write_edit(root, handwritten, SetField("description", "Why it matters"))  # new root key
    write_edit(root, handwritten, SetField("cadence", None))  # removed
    nl = nl_of(handwritten)
    changes = diff(before, handwritten.read_bytes())
    assert changes == [
        ("replace", [b"title    =   'Grow an engaged community'   # literal string, kept as is"
                     + nl],
         [b'title    =   "Grow a happy community"   # literal string, kept as is' + nl]),
        ("delete", [b'   cadence = "weekly"' + nl], []),
        ("insert", [], [b'description = "Why it matters"' + nl]),
        ("insert", [], [b'unit = "%"' + nl]),
    ]


def test_removing_a_key_result_removes_its_lines_only(handwritten):
    before = handwritten.read_bytes()
    write_edit(handwritten.parent, handwritten, RemoveKeyResult("stars"))
    start = before.index(b"# the main metric")
    end = before.index(b"[[key_results]]   # decrease")
    assert handwritten.read_bytes() == before[:start] + before[end:]


def test_table_layout_gets_a_new_checkin_table(tmp_path):
    path = tmp_path / "t.toml"
    shutil.copy(DATA / "table_layout.toml", path)
    before = path.read_bytes()
    objective = write_edit(tmp_path, path, AddCheckin("stars", {"date": date(2026, 10, 19),
                                                                "value": 260}))
    assert path.read_bytes() == before.replace(
        b"value = 210\n",
        b"value = 210\n\n[[key_results.checkins]]\ndate = 2026-10-19\nvalue = 260\n")
    assert [c.value for c in objective.key_result("stars").checkins] == [160, 210, 260]
    assert b"# next KR\n[[key_results]]" in path.read_bytes()


def test_multiline_array_without_trailing_comma_gets_one(tmp_path):
    path = tmp_path / "o.toml"
    path.write_text('title = "x"\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 0\n'
                    'target = 9\ncheckins = [\n  { date = 2026-10-01, value = 1 }  # first\n]\n')
    write_edit(tmp_path, path, AddCheckin("a", {"date": date(2026, 10, 8), "value": 2}))
    assert path.read_text().endswith(
        "checkins = [\n  { date = 2026-10-01, value = 1 },  # first\n"
        "  { date = 2026-10-08, value = 2 },\n]\n")


def test_closing_bracket_on_the_last_item_line(tmp_path):
    path = tmp_path / "o.toml"
    path.write_text('title = "x"\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 0\n'
                    'target = 9\ncheckins = [\n  { date = 2026-10-01, value = 1 }]\nunit = "u"\n')
    write_edit(tmp_path, path, AddCheckin("a", {"date": date(2026, 10, 8), "value": 2}))
    data = tomllib.loads(path.read_text())
    assert [c["value"] for c in data["key_results"][0]["checkins"]] == [1, 2]
    assert data["key_results"][0]["unit"] == "u"


def test_inline_key_results_layout_is_refused_with_advice(tmp_path):
    path = tmp_path / "o.toml"
    text = ('title = "x"\nkey_results = [{ id = "a", title = "A", start = 0, target = 9, '
            'checkins = [] }]\n')
    path.write_text(text)
    with pytest.raises(StoreError, match=r"rewrite it as \[\[key_results\]\] tables"):
        write_edit(tmp_path, path, AddCheckin("a", {"date": date(2026, 10, 8), "value": 2}))
    assert path.read_text() == text


@pytest.mark.parametrize(("edit", "message"), [
    (AddCheckin("nope", {"date": date(2026, 10, 8), "value": 2}), "no key result with id 'nope'"),
    (AddCheckin("stars", {"date": date(2026, 10, 8), "value": True}), "value"),
    (AddCheckin("stars", {"date": date(2026, 10, 8), "value": 2, "confidence": 3}), "confidence"),
    (AddKeyResult({"id": "stars", "title": "again", "start": 0, "target": 1}), "already exists"),
    (AddKeyResult({"id": "x", "title": "same", "start": 1, "target": 1}), "target equal to start"),
    (SetField("period", "2026-Q9"), "unknown period"),
])
def test_invalid_edits_write_nothing(handwritten, edit, message):
    before = handwritten.read_bytes()
    with pytest.raises(StoreError, match=message):
        write_edit(handwritten.parent, handwritten, edit)
    assert handwritten.read_bytes() == before


def test_a_file_with_errors_is_never_written(tmp_path):
    path = tmp_path / "broken.toml"
    text = b'title = "x"\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 0\ntarget = \n'
    path.write_bytes(text)
    with pytest.raises(StoreError, match=r"(?s)broken.toml:6: error: TOML syntax.*fix it first"):
        write_edit(tmp_path, path, SetField("owner", "me"))
    assert path.read_bytes() == text


def test_an_edit_racing_an_outside_edit_keeps_both(handwritten):
    root = handwritten.parent
    nl = nl_of(handwritten).decode()
    outside = []

    def teammate_saves_meanwhile():
        if not outside:  # an editor saves the file between our read and our replace
            text = handwritten.read_bytes().decode()
            handwritten.write_bytes(text.replace("owner = \"alice\"",
                                                 f"owner = \"alice\"{nl}# reviewed by bob")
                                    .encode())
            outside.append(True)

    write_edit(root, handwritten, AddCheckin("stars", CHECKIN),
               before_replace=teammate_saves_meanwhile)
    text = handwritten.read_text()
    assert "# reviewed by bob" in text
    assert 'note = "a \\"quoted\\" note"' in text


def test_edits_after_an_outside_edit_apply_to_the_new_content(handwritten):
    root = handwritten.parent
    load_workspace(root)  # the app has the old content in memory
    handwritten.write_bytes(handwritten.read_bytes().replace(b"alice", b"carol"))
    write_edit(root, handwritten, AddCheckin("stars", CHECKIN))
    objective = load_workspace(root).by_id["community"]
    assert objective.owner == "carol"
    assert objective.key_result("stars").checkins[-1].by == "bob"


def test_writes_are_atomic_and_keep_permissions(handwritten):
    os.chmod(handwritten, 0o640)
    write_edit(handwritten.parent, handwritten, AddCheckin("stars", CHECKIN))
    assert stat.S_IMODE(handwritten.stat().st_mode) == 0o640
    assert sorted(p.name for p in handwritten.parent.iterdir()) == ["community.toml"]


def test_create_objective_never_overwrites_and_stays_inside(tmp_path):
    objective = create_objective(tmp_path, "team/2026-Q4/ship", {
        "title": "Ship \"v2\"", "period": "2026-Q4"}, [
        {"id": "users", "title": "Users from 1 to 2", "start": 1, "target": 2}])
    assert objective.id == "team/2026-Q4/ship"
    path = tmp_path / "team/2026-Q4/ship.toml"
    assert tomllib.loads(path.read_text())["title"] == 'Ship "v2"'
    with pytest.raises(StoreError, match="already exists"):
        create_objective(tmp_path, "team/2026-Q4/ship.toml", {"title": "Other"})
    with pytest.raises(StoreError, match="inside the workspace"):
        create_objective(tmp_path, "../escape", {"title": "Out"})
    with pytest.raises(StoreError, match="title is required"):
        create_objective(tmp_path, "untitled", {"period": "2026-Q4"})
    assert not (tmp_path / "untitled.toml").exists()


def test_find_objective_path_reads_no_file(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "grow.toml").write_bytes(b"\xff not even text")
    assert find_objective_path(tmp_path, "grow") == ("a/b/grow", tmp_path / "a/b/grow.toml")


def test_toml_values_round_trip_through_tomllib():
    strings = ["plain", 'q"uote', "back\\slash", "tab\tnew\nline", "del\x7f", "ünïcode ✓",
               "ctrl\x01", "#not a comment"]
    for value in strings + [0, -3, 2.5, 1e-7, True, False, date(2026, 1, 2)]:
        assert tomllib.loads(f"v = {edits.toml_value(value)}")["v"] == value


@pytest.mark.parametrize(("text", "written"), [
    ("plain ✓", '"plain ✓"'),
    ('say "hi"', '"say \\"hi\\""'),
    ("C:\\goals", '"C:\\\\goals"'),
    ("a\tb\nc\rd\be\ff", '"a\\tb\\nc\\rd\\be\\ff"'),
    ("\x1b[31mred", '"\\u001b[31mred"'),
    ("del\x7f", '"del\\u007f"'),
    ("\x00", '"\\u0000"'),
])
def test_strings_are_written_with_toml_escapes(text, written):
    assert edits.toml_value(text) == written
    assert tomllib.loads(f"v = {written}")["v"] == text


def test_replacing_a_checkin_changes_only_its_line(handwritten):
    before = handwritten.read_bytes()
    objective = write_edit(handwritten.parent, handwritten, ReplaceCheckin(
        "stars", 1, {"date": date(2026, 10, 12), "value": 215, "note": "typo fixed"}))
    nl = nl_of(handwritten)
    assert diff(before, handwritten.read_bytes()) == [(
        "replace", [b"    {date=2026-10-12,value=210}," + nl],
        [b'    { date = 2026-10-12, value = 215, note = "typo fixed" },' + nl])]
    assert [c.value for c in objective.key_result("stars").checkins] == [160, 215]


def test_removing_a_checkin_removes_only_its_line(handwritten):
    before = handwritten.read_bytes()
    objective = write_edit(handwritten.parent, handwritten, RemoveCheckin("stars", 0))
    nl = nl_of(handwritten)
    changes = diff(before, handwritten.read_bytes())
    assert len(changes) == 1 and changes[0][0] == "delete"
    assert changes[0][1] == [b'    { date = 2026-10-05, value = 160, confidence = 0.7, note = '
                             b'"HN post, \\"big\\" day", by = "alice" },  # yay' + nl]
    assert [c.value for c in objective.key_result("stars").checkins] == [210]


@pytest.mark.parametrize(("array", "position", "expected"), [
    ("[ { date = 2026-10-05, value = 4 } ]", 0, "[  ]"),
    ("[ { date = 2026-10-05, value = 4 }, { date = 2026-10-06, value = 5 } ]", 0,
     "[ { date = 2026-10-06, value = 5 } ]"),
    ("[ { date = 2026-10-05, value = 4 }, { date = 2026-10-06, value = 5 } ]", 1,
     "[ { date = 2026-10-05, value = 4 } ]"),
    ("[\n  { date = 2026-10-05, value = 4 },\n  { date = 2026-10-06, value = 5 }]", 1,
     "[\n  { date = 2026-10-05, value = 4 }]"),
    ("[\n  { date = 2026-10-05, value = 4 }  # only one\n]", 0, "[\n]"),
])
def test_removing_checkins_from_other_array_layouts(tmp_path, array, position, expected):
    path = tmp_path / "o.toml"
    head = 'title = "x"\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 0\ntarget = 9\n'
    path.write_text(head + f"checkins = {array}\n")
    write_edit(tmp_path, path, RemoveCheckin("a", position))
    assert path.read_text() == head + f"checkins = {expected}\n"


def test_checkin_tables_can_be_replaced_and_removed(tmp_path):
    path = tmp_path / "t.toml"
    shutil.copy(DATA / "table_layout.toml", path)
    before = path.read_text()
    write_edit(tmp_path, path, ReplaceCheckin("stars", 0, {"date": date(2026, 10, 5),
                                                           "value": 161}))
    assert path.read_text() == before.replace(
        "date = 2026-10-05\nvalue = 160\nconfidence = 0.7\nnote = \"HN post\"\n",
        "date = 2026-10-05\nvalue = 161\n")
    write_edit(tmp_path, path, RemoveCheckin("stars", 1))
    write_edit(tmp_path, path, RemoveCheckin("stars", 0))
    data = tomllib.loads(path.read_text())
    assert "checkins" not in data["key_results"][0]
    assert "# next KR\n[[key_results]]" in path.read_text()


def test_a_missing_checkin_is_refused(handwritten):
    with pytest.raises(StoreError, match="has no check-in number 9"):
        write_edit(handwritten.parent, handwritten, RemoveCheckin("stars", 8))


def test_a_write_into_a_read_only_folder_says_so(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "o.toml"
    path.write_text('title = "x"\n')
    os.chmod(folder, 0o555)
    try:
        with pytest.raises(StoreError, match="cannot write"):
            write_edit(tmp_path, path, SetField("owner", "me"))
    finally:
        os.chmod(folder, 0o755)
    assert path.read_text() == 'title = "x"\n'


def _counting_parses(monkeypatch) -> list[int]:
    """Counts tomllib.loads calls (still made: this spies, it does not replace)."""
    calls: list[int] = []
    real = tomllib.loads

    def loads(text, **kwargs):
        calls.append(len(text))
        return real(text, **kwargs)

    monkeypatch.setattr(tomllib, "loads", loads)
    return calls


def test_a_checkin_parses_the_file_it_read_once_and_the_new_text_once(handwritten, monkeypatch):
    root = handwritten.parent
    result = read_for_edit(root, handwritten, "community")
    assert result.objective is not None
    parses = _counting_parses(monkeypatch)
    write_edit(root, handwritten, AddCheckin("stars", CHECKIN))
    assert len(parses) == 1  # the new text only: the bytes just read are the bytes on disk


def test_a_file_changed_after_it_was_read_is_parsed_again(handwritten):
    root = handwritten.parent
    read_for_edit(root, handwritten, "community")
    changed = handwritten.read_bytes().replace(b"'Grow an", b"'Really grow an", 1)
    assert changed != handwritten.read_bytes()
    handwritten.write_bytes(changed)
    objective = write_edit(root, handwritten, AddCheckin("stars", CHECKIN))
    assert objective.title.startswith("Really grow")
    assert b"Really grow" in handwritten.read_bytes()
