"""Loading objective files: every kind of bad file is reported with file:line, the rest loads."""

from dataclasses import replace
from datetime import date

import pytest

from okrtui.core.model import Level
from okrtui.core.store import load_workspace

from .conftest import DATA

GOOD = 'title = "Neighbour"\nperiod = "2026-Q4"\n'
KR = '[[key_results]]\nid = "a"\ntitle = "A"\nstart = 0\ntarget = 10\n'

BAD_FILES = [
    ("syntax", b'title = "x"\nperiod = \n', 2, "TOML syntax"),
    ("unclosed", b'title = "x"\n[[key_results]]\nid = "a\n', 3, "TOML syntax"),
    ("wrong-type", b'title = 5\n', 1, "title must be a string"),
    ("period-type", b'title = "x"\nowner = "me"\nperiod = 2026\n', 3, "period must be a string"),
    ("bad-period", b'title = "x"\nperiod = "2026-Q7"\n', 2, "unknown period"),
    ("missing-title", b'period = "2026-Q4"\nowner = "me"\n', 1, "title is required"),
    ("blank-title", b'title = "  "\n', 1, "title must not be empty"),
    ("bad-kind", b'title = "x"\nkind = "stretch"\n', 2, "kind = 'stretch' is not one of"),
    ("duplicate-kr", f'title = "x"\n{KR}\n{KR}'.encode(), 9, "duplicate key result id 'a'"),
    ("target-equals-start",
     b'title = "x"\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 5\ntarget = 5.0\n', 6,
     "target equal to start"),
    ("no-target", b'title = "x"\n[[key_results]]\nid = "a"\ntitle = "A"\nstart = 5\n', 2,
     "needs a numeric target"),
    ("bad-kr-id", b'title = "x"\n[[key_results]]\nid = "Big Id"\ntitle = "A"\n', 3,
     "may only use a-z"),
    ("confidence",
     (f'title = "x"\n{KR}checkins = [\n  {{ date = 2026-10-01, value = 1 }},\n'
      '  { date = 2026-10-08, value = 2, confidence = 1.5 },\n]\n').encode(), 9,
     "confidence 1.5: use 0.0 to 1.0"),
    ("confidence-table",
     (f'title = "x"\n{KR}\n[[key_results.checkins]]\ndate = 2026-10-01\nvalue = 1\n'
      'confidence = -0.2\n').encode(), 8, "confidence -0.2"),
    ("date-string", (f'title = "x"\n{KR}checkins = [\n  {{ date = "2026-10-01", value = 1 }},\n]\n'
                     ).encode(), 8, "needs date = YYYY-MM-DD"),
    ("milestone-number",
     b'title = "x"\n[[key_results]]\nid = "m"\ntitle = "M"\ntype = "milestone"\n'
     b'checkins = [{ date = 2026-10-01, value = 1 }]\n', 6, "value = true or false"),
    ("health-no-range", b'title = "x"\n[[key_results]]\nid = "h"\ntitle = "H"\ntype = "health"\n',
     2, "needs min, max or both"),
    ("conflict", b'title = "x"\n<<<<<<< HEAD\nowner = "a"\n=======\nowner = "b"\n>>>>>>> main\n',
     2, "unresolved git merge conflict"),
    ("not-utf8", b'title = "x"\nowner = "caf\xe9"\n', 2, "not UTF-8"),
    ("bom", b'\xef\xbb\xbftitle = "x"\n', 1, "byte-order mark"),
    ("empty", b"", 1, "the file is empty"),
    ("only-comments", b"# nothing here yet\n\n", 1, "the file is empty"),
]


@pytest.mark.parametrize(("name", "content", "line", "message"), BAD_FILES,
                         ids=[b[0] for b in BAD_FILES])
def test_bad_file_gives_located_error_and_neighbours_load(tmp_path, name, content, line, message):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / f"{name}.toml").write_bytes(content)
    (tmp_path / "team" / "neighbour.toml").write_text(GOOD)
    (tmp_path / "other.toml").write_text(GOOD)

    workspace = load_workspace(tmp_path)

    assert sorted(o.id for o in workspace.objectives) == ["other", "team/neighbour"]
    errors = workspace.errors
    assert len(errors) == 1, errors
    error = errors[0]
    assert error.path == tmp_path / "team" / f"{name}.toml"
    assert message in error.message
    assert error.line == line
    assert str(error).startswith(f"{error.path}:{line}: error: ")


def test_unknown_keys_are_warnings_with_lines_and_the_file_loads():
    workspace = load_workspace(DATA, use_cache=False)
    objective = workspace.by_id["handwritten"]
    assert objective.title == "Grow an engaged community"
    warnings = [p for p in workspace.problems if p.path.name == "handwritten.toml"]
    assert [(w.level, w.line) for w in warnings] == [(Level.WARNING, 7)]
    assert "future_field" in warnings[0].message


def test_both_checkin_layouts_load_the_same():
    inline = load_workspace(DATA, use_cache=False).by_id["inline_layout"]
    tables = load_workspace(DATA, use_cache=False).by_id["table_layout"]
    def without_lines(objective):
        return [replace(kr, line=0) for kr in objective.key_results]

    assert without_lines(inline) == without_lines(tables)
    stars = inline.key_result("stars")
    assert stars is not None
    assert [(c.date, c.value, c.confidence, c.note) for c in stars.checkins] == [
        (date(2026, 10, 5), 160, 0.7, "HN post"), (date(2026, 10, 12), 210, None, None)]


def test_hidden_and_underscore_paths_and_settings_are_not_objectives(tmp_path):
    for rel in [".git/x.toml", "_drafts/y.toml", ".hidden.toml", "_tmp.toml", "okrtui.toml",
                "notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("this is not toml at all")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "okrtui.toml").write_text(GOOD)  # only the root one is the settings
    workspace = load_workspace(tmp_path)
    assert [o.id for o in workspace.objectives] == ["sub/okrtui"]
    # the broken settings file is reported, and defaults are used
    assert [p.path.name for p in workspace.errors] == ["okrtui.toml"]
    assert workspace.settings.cadence == "weekly"


def test_settings_are_read_and_bad_values_fall_back(tmp_path):
    (tmp_path / "okrtui.toml").write_text(
        'name = "Team"\ncadence = "daily"\n\n[status]\non_track = 0.8\nat_risk = 0.5\n'
        '[lint]\nmax_key_results = "five"\nsurprise = 1\n')
    settings = load_workspace(tmp_path).settings
    assert settings.name == "Team"
    assert settings.cadence == "weekly"
    assert (settings.thresholds.on_track, settings.thresholds.at_risk) == (0.8, 0.5)
    assert settings.max_key_results == 3  # the default, as the method says
    assert sorted((p.line, p.level.value) for p in settings.problems) == [
        (2, "error"), (8, "error"), (9, "warning")]


def test_checkins_of_one_day_share_one_date_so_the_cache_pickles_it_once(tmp_path):
    import pickle

    from okrtui.core.parse import parse_objective

    text = ('title = "T"\nperiod = "2026-Q4"\n'
            + "".join(f'\n[[key_results]]\nid = "k{i}"\ntitle = "K"\nstart = 0\ntarget = 9\n'
                      'checkins = [\n  { date = 2026-10-05, value = 1 },\n'
                      '  { date = 2026-10-12, value = 2 },\n]\n' for i in range(3)))
    objective = parse_objective(text.encode(), tmp_path / "t.toml", "t").objective
    days = [c.date for kr in objective.key_results for c in kr.checkins]
    assert days == [date(2026, 10, 5), date(2026, 10, 12)] * 3
    assert len({id(day) for day in days}) == 2
    again = pickle.loads(pickle.dumps(objective))
    assert again == objective
    assert len({id(c.date) for kr in again.key_results for c in kr.checkins}) == 2
