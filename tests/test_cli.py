"""The shell commands, run as real subprocesses on fixture workspaces."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from okrtui.core.store import load_workspace

from .conftest import DATA, run_okrtui

TODAY = "2026-11-22"


@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


@pytest.fixture
def broken(tmp_path) -> Path:
    root = tmp_path / "broken"
    shutil.copytree(DATA / "broken", root)
    return root


def okrtui(root: Path, *args: str, **kwargs):
    return run_okrtui(*args, "--dir", str(root), "--today", TODAY, **kwargs)


# -- checkin ---------------------------------------------------------------------------------

def test_checkin_adds_one_line_and_reports_progress(team):
    path = team / "platform/2026-Q4/grow-community.toml"
    before = path.read_text().splitlines()
    result = okrtui(team, "checkin", "grow-community:stars", "320", "-m", "HN post", "-c", "0.7",
                    "--by", "sam")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("platform/2026-Q4/grow-community:stars  320 stars on 2026-11-22\n"
                             "  now 320 / 500 stars  █████▎░░░░ 0.53  on track\n")
    after = path.read_text().splitlines()
    assert [line for line in after if line not in before] == [
        '  { date = 2026-11-22, value = 320, confidence = 0.7, note = "HN post", by = "sam" },']
    assert len(after) == len(before) + 1


def test_checkin_milestone_done_with_date_and_default_author(team, user_config_dir):
    config = user_config_dir / "config.toml"
    config.write_text('name = "dana"\n')
    result = okrtui(team, "checkin", "learn-pricing:pricing-decision", "done",
                    "--date", "2026-11-20")
    assert result.returncode == 0, result.stderr
    assert "done on 2026-11-20" in result.stdout
    text = (team / "product/2026-Q4/learn-pricing.toml").read_text()
    assert '{ date = 2026-11-20, value = true, by = "dana" },' in text


@pytest.mark.parametrize(("args", "message"), [
    (["grow-community:stars", "12k"], "not a plain number: write 12000, not 12k"),
    (["grow-community:stars", "45%"], "not a plain number"),
    (["grow-community:guide", "3"], "a milestone takes done or undone"),
    (["grow-community:nope", "3"], "has no key result 'nope'; its key results: stars, "
                                   "contributors, guide"),
    (["2026-Q4", "3"], "write OBJECTIVE:KR"),
    (["growth:stars", "3"], "no objective 'growth'"),
    (["grow-community:stars", "3", "-c", "1.5"], "outside 0.0 .. 1.0"),
    (["grow-community:stars", "3", "--date", "yesterday"], "use YYYY-MM-DD"),
])
def test_checkin_usage_errors_exit_2_and_write_nothing(team, args, message):
    path = team / "platform/2026-Q4/grow-community.toml"
    before = path.read_bytes()
    result = okrtui(team, "checkin", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert path.read_bytes() == before


def test_checkin_ambiguous_objective_lists_candidates(team):
    (team / "archive").mkdir()
    shutil.copy(team / "platform/2026-Q4/grow-community.toml", team / "archive/grow-community.toml")
    result = okrtui(team, "checkin", "grow-community:stars", "1")
    assert result.returncode == 2
    assert "archive/grow-community, platform/2026-Q4/grow-community" in result.stderr


def test_checkin_on_a_broken_file_exits_1_and_keeps_it(broken):
    before = (broken / "team/bad.toml").read_bytes()
    result = okrtui(broken, "checkin", "bad:x", "1")
    assert result.returncode == 1
    assert "bad.toml:1: error: TOML syntax" in result.stderr
    assert (broken / "team/bad.toml").read_bytes() == before


AUDIT = textwrap.dedent("""
    import sys
    opened = []
    def hook(event, args):
        if event == "open" and isinstance(args[0], str) and args[0].endswith(".toml"):
            opened.append(args[0])
    sys.addaudithook(hook)
    from okrtui.cli.main import main
    code = main(sys.argv[1:])
    ui = sorted(m for m in ("textual", "rich", "plotext", "textual_plotext") if m in sys.modules)
    print("OPENED", sorted(set(opened)), file=sys.stderr)
    print("UI", ui, file=sys.stderr)
    sys.exit(code)
""")


def run_audited(*args: str):
    import subprocess

    return subprocess.run([sys.executable, "-c", AUDIT, *args], capture_output=True, text=True,
                          timeout=60)


def test_checkin_reads_only_the_objectives_own_file(team):
    result = run_audited("checkin", "grow-community:stars", "330", "--dir", str(team),
                         "--today", TODAY)
    assert result.returncode == 0, result.stderr
    opened_line = next(line for line in result.stderr.splitlines() if line.startswith("OPENED"))
    opened = eval(opened_line.removeprefix("OPENED "))  # noqa: S307 - our own repr
    names = {Path(p).relative_to(team).as_posix() for p in opened if p.startswith(str(team))}
    assert names == {"platform/2026-Q4/grow-community.toml", "okrtui.toml"}


@pytest.mark.parametrize("command", [
    ["checkin", "grow-community:stars", "331"], ["status"], ["report"], ["lint"],
    ["report", "--format", "json"], ["status", "--json"], ["new", "Quick one"],
])
def test_shell_commands_never_import_the_ui(team, command):
    result = run_audited(*command, "--dir", str(team), "--today", TODAY)
    assert result.returncode in (0, 1), result.stderr
    assert "UI []" in result.stderr.splitlines()


# -- status ----------------------------------------------------------------------------------

def test_status_prints_every_objective_with_its_key_results(team):
    result = okrtui(team, "status")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out  # not a terminal: no colour
    assert out.startswith("Acme example · 2026-Q4 · as of 2026-11-22\n")
    for title in ["Become the default tool for small engineering teams",
                  "Grow an engaged open-source community", "Learn what small teams will pay for",
                  "Be fit enough to run a half marathon"]:
        assert title in out
    line = next(line for line in out.splitlines() if "GitHub stars" in line)
    assert "0.47" in line and "297 / 500 stars" in line and "▁▂▃▅▆▇█" in line
    assert "conf 0.8" in line and "on track" in line
    assert "[off track] · stale" in out
    assert "◇ learning" in out
    assert "in range" in out


def test_status_filters_by_owner_and_period(team):
    alice = okrtui(team, "status", "--owner", "alice").stdout
    assert "half marathon" in alice and "GitHub stars" not in alice
    empty = okrtui(team, "status", "--period", "2026-Q3")
    assert empty.returncode == 0
    assert "No objectives in 2026-Q3" in empty.stdout
    bad = okrtui(team, "status", "--period", "Q3")
    assert bad.returncode == 2 and "YYYY-Q1..Q4" in bad.stderr


def test_status_lists_broken_files_after_the_table_and_exits_1(broken):
    result = okrtui(broken, "status")
    assert result.returncode == 1
    assert "Be fit enough to run a half marathon" in result.stdout
    assert "1 file(s) could not be loaded" in result.stderr
    assert "team/bad.toml:1: error: TOML syntax" in result.stderr


def test_status_json_includes_errors(broken):
    result = okrtui(broken, "status", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [o["id"] for o in data["objectives"]] == ["team/good"]
    assert data["errors"][0]["line"] == 1 and data["errors"][0]["path"].endswith("bad.toml")


# -- report ----------------------------------------------------------------------------------

def test_markdown_report_matches_the_stored_expected_file(team):
    result = okrtui(team, "report")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (DATA / "team-report.md").read_text()


def _check_shape(value, shape, where="report"):
    """Check a JSON value against a shape: a type, a tuple of types, a dict or a [list]."""
    if isinstance(shape, dict):
        assert isinstance(value, dict), where
        assert set(value) == set(shape), f"{where}: {sorted(set(value) ^ set(shape))}"
        for key, sub in shape.items():
            _check_shape(value[key], sub, f"{where}.{key}")
    elif isinstance(shape, list):
        assert isinstance(value, list), where
        for index, item in enumerate(value):
            _check_shape(item, shape[0], f"{where}[{index}]")
    else:
        assert isinstance(value, shape), f"{where}: {value!r} is not {shape}"


NUMBER = (int, float)
NONE = type(None)
PERIOD = {"label": str, "start": str, "end": str}
REPORT_SHAPE = {
    "version": int, "workspace": str, "period": (dict, NONE), "today": str,
    "objectives": [{
        "id": str, "title": str, "owner": (str, NONE), "period": (dict, NONE), "kind": str,
        "commitment": str, "parent": (str, NONE), "grade": (float, int, NONE),
        "band": (str, NONE), "achieved": (bool, NONE), "status": (str, NONE),
        "colour": (str, NONE), "label": str, "stale": bool,
        "key_results": [{
            "id": str, "title": str, "type": str, "unit": (str, NONE),
            "start": (*NUMBER, NONE), "target": (*NUMBER, NONE), "min": (*NUMBER, NONE),
            "max": (*NUMBER, NONE), "current": (*NUMBER, bool, NONE),
            "progress": (*NUMBER, NONE), "in_range": (bool, NONE), "status": str, "label": str,
            "confidence": (*NUMBER, NONE), "stale": bool, "weight": NUMBER,
        }],
        "notes": [{"date": str, "key_result": str, "note": str, "by": (str, NONE),
                   "tag": (str, NONE)}],
        "review": (dict, NONE),
    }],
}


def test_json_report_has_the_documented_shape(team, tmp_path):
    out = tmp_path / "report.json"
    result = okrtui(team, "report", "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    _check_shape(data, REPORT_SHAPE)
    assert data["version"] == 1 and data["period"] == {
        "label": "2026-Q4", "start": "2026-10-01", "end": "2026-12-31"}
    by_id = {o["id"]: o for o in data["objectives"]}
    grow = by_id["platform/2026-Q4/grow-community"]
    # one colour scale: during the period by status (off track is red even at a yellow
    # grade), and achieved is not known before the period is over
    assert (grow["grade"], grow["band"], grow["achieved"]) == (0.53, "yellow", None)
    assert (grow["status"], grow["colour"], grow["label"]) == ("off_track", "red", "off track")
    learning = by_id["product/2026-Q4/learn-pricing"]
    assert learning["status"] != "off_track"
    assert learning["label"] in ("learning", "no notes", "stalled")
    assert {o["band"] for o in data["objectives"]} <= {"red", "yellow", "green"}
    # the example in the documentation has exactly this shape too
    documented = (Path(__file__).parents[1] / "docs/report.md").read_text()
    example = documented.split("```json\n", 1)[1].split("```", 1)[0]
    _check_shape(json.loads(example), REPORT_SHAPE, "docs/report.md")


def test_csv_report_has_one_row_per_key_result(team):
    result = okrtui(team, "report", "--format", "csv")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    workspace = load_workspace(team)
    assert len(rows) == sum(len(o.key_results) for o in workspace.objectives)
    stars = next(r for r in rows if r["key_result"] == "stars")
    assert (stars["start"], stars["current"], stars["target"], stars["progress"]) == (
        "120", "297", "500", "0.47")


# -- lint ------------------------------------------------------------------------------------

def test_lint_example_workspace(team):
    result = okrtui(team, "lint")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert all(":" in line and ": warning: " in line for line in lines)
    assert any("faster-onboarding.toml:1: warning: committed objective" in line for line in lines)
    strict = okrtui(team, "lint", "--strict")
    assert strict.returncode == 1


WARNINGS = [
    ('[[key_results]]\nid = "k"\ntitle = "Launch the new website"\ntype = "milestone"\n',
     "reads like an activity ('launch')"),
    ('[[key_results]]\nid = "k"\ntitle = "Nieuwe website lanceren"\ntype = "milestone"\n',
     "reads like an activity ('lanceren')"),
    ('[[key_results]]\nid = "k"\ntitle = "Implementeren van SSO"\ntype = "milestone"\n',
     "reads like an activity ('implementeren')"),
    ('parent = "company/nothing"\n', "parent 'company/nothing' does not exist"),
    ("".join(f'[[key_results]]\nid = "k{i}"\ntitle = "Users {i}"\nstart = 0\ntarget = 9\n'
             for i in range(6)), "6 key results (limit 3)"),
    ('commitment = "committed"\n[[key_results]]\nid = "k"\ntitle = "Users from 1 to 9"\n'
     'start = 1\ntarget = 9\ncheckins = [{ date = 2026-11-01, value = 2, confidence = 0.3 }]\n',
     "latest confidence below 0.5"),
    ('commitment = "aspirational"\n[[key_results]]\nid = "k"\ntitle = "Users from 1 to 9"\n'
     'start = 1\ntarget = 9\ncheckins = [\n' + "".join(
         f'  {{ date = 2026-10-0{d}, value = 2, confidence = 0.2 }},\n' for d in (1, 2, 3))
     + "]\n", "keeps low confidence"),
]


@pytest.mark.parametrize(("body", "message"), WARNINGS)
def test_lint_warnings_say_why(tmp_path, body, message):
    (tmp_path / "okrtui.toml").write_text("")
    head = 'title = "Objective"\n' + ('period = "2026-Q4"\n' if "period" not in body else "")
    (tmp_path / "o.toml").write_text(head + body)
    result = okrtui(tmp_path, "lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert message in result.stdout, result.stdout
    assert okrtui(tmp_path, "lint", "--strict").returncode == 1


def test_lint_owner_overload_and_missing_period(tmp_path):
    for n in range(6):
        (tmp_path / f"o{n}.toml").write_text(f'title = "O{n}"\nperiod = "2026-Q4"\n'
                                             'owner = "sam"\n')
    (tmp_path / "timeless.toml").write_text('title = "Someday"\n')
    out = okrtui(tmp_path, "lint").stdout
    assert out.count("sam has 6 objectives in 2026-Q4 (limit 5)") == 6
    assert "timeless.toml:1: warning: objective has no period" in out


def test_lint_errors_exit_1_and_paths_narrow_the_check(broken):
    result = okrtui(broken, "lint")
    assert result.returncode == 1
    assert "team/bad.toml:1: error: TOML syntax" in result.stdout
    only_good = okrtui(broken, "lint", str(broken / "team/good.toml"))
    assert only_good.returncode == 0, only_good.stdout
    assert "bad.toml" not in only_good.stdout


# -- new, add-kr, edit -----------------------------------------------------------------------

def test_new_and_add_kr_then_checkin(team):
    created = okrtui(team, "new", "Ship the v2 API", "--owner", "sam", "--parent",
                     "market-share", "--commitment", "aspirational")
    assert created.returncode == 0, created.stderr
    path = Path(created.stdout.strip())
    assert path == team / "sam/2026-Q4/ship-the-v2-api.toml"
    assert tomllib.loads(path.read_text()) == {
        "title": "Ship the v2 API", "period": "2026-Q4", "owner": "sam",
        "kind": "performance", "commitment": "aspirational",
        "parent": "company/2026-Q4/market-share"}
    added = okrtui(team, "add-kr", "ship-the-v2-api", "adopters", "Teams on v2 from 0 to 30",
                   "--start", "0", "--target", "30", "--unit", "teams")
    assert added.returncode == 0, added.stderr
    health = okrtui(team, "add-kr", "ship-the-v2-api", "errors", "Error rate under 1%",
                    "--type", "health", "--max", "1", "--unit", "%")
    assert health.returncode == 0, health.stderr
    kr = tomllib.loads(path.read_text())["key_results"]
    assert kr[0] == {"id": "adopters", "title": "Teams on v2 from 0 to 30", "start": 0,
                     "target": 30, "unit": "teams", "checkins": []}
    assert kr[1]["type"] == "health" and kr[1]["max"] == 1
    assert okrtui(team, "checkin", "ship-the-v2-api:adopters", "4").returncode == 0
    assert load_workspace(team).errors == ()


@pytest.mark.parametrize(("args", "message"), [
    (["new", "Grow an engaged open-source community", "--path",
      "platform/2026-Q4/grow-community"], "already exists"),
    (["new", "X", "--period", "2026-Q9"], "unknown period"),
    (["new", "X", "--parent", "nothing"], "--parent: no objective 'nothing'"),
    (["new", "X", "--path", "../outside"], "inside the workspace"),
    (["add-kr", "grow-community", "stars", "Again", "--start", "1", "--target", "2"],
     "already exists"),
    (["add-kr", "grow-community", "Bad Id", "T", "--type", "milestone"], "may only use"),
    (["add-kr", "grow-community", "x", "T"], "needs --start and --target"),
    (["add-kr", "grow-community", "x", "T", "--start", "2", "--target", "2"],
     "target equal to start"),
    (["add-kr", "grow-community", "x", "T", "--type", "health"], "needs --min, --max"),
])
def test_new_and_add_kr_validate_before_writing(team, args, message):
    before = {p: p.read_bytes() for p in team.rglob("*.toml")}
    result = okrtui(team, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert {p: p.read_bytes() for p in team.rglob("*.toml")} == before


def test_edit_opens_the_editor_then_lints(team, tmp_path):
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf \'\\n[[key_results]]\\nid = "x"\\ntitle = "X"\\n\' '
                      '>> "$1"\n')
    editor.chmod(0o755)
    result = okrtui(team, "edit", "half-marathon", env={"VISUAL": str(editor)})
    assert result.returncode == 1
    assert "half-marathon.toml" in result.stdout and "needs a numeric start" in result.stdout


def test_help_documents_every_command_with_an_example():
    top = run_okrtui("--help")
    assert top.returncode == 0
    for command in ["init", "checkin", "status", "report", "lint", "new", "add-kr", "edit"]:
        assert command in top.stdout
        sub = run_okrtui(command, "--help")
        assert sub.returncode == 0
        assert "example" in sub.stdout and "--dir" in sub.stdout and "--today" in sub.stdout


def test_missing_workspace_folder_is_a_usage_error(tmp_path):
    for command in (["status"], ["report"], ["lint"], []):
        result = run_okrtui(*command, "--dir", str(tmp_path / "nope"))
        assert result.returncode == 2
        assert "is not a folder: create a workspace there with okrtui init" in result.stderr


def test_report_into_a_closed_pipe_is_quiet(team):
    import subprocess

    command = (f"{sys.executable} -m okrtui report --dir {team} --today {TODAY} | head -1")
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("# OKR report")
    assert "Traceback" not in result.stderr


def test_global_options_work_before_and_after_the_command(team, tmp_path):
    before = run_okrtui("--dir", str(team), "--today", TODAY, "status", cwd=tmp_path)
    after = run_okrtui("status", "--dir", str(team), "--today", TODAY, cwd=tmp_path)
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    assert before.stdout.startswith("Acme example · 2026-Q4 · as of 2026-11-22")


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path):
    (tmp_path / "o.toml").write_text(
        'title = "=HYPERLINK(\\"x\\")"\nperiod = "2026-Q4"\n[[key_results]]\nid = "k"\n'
        'title = "@risk"\nstart = 0\ntarget = 1\n')
    rows = list(csv.DictReader(io.StringIO(okrtui(tmp_path, "report", "--format",
                                                  "csv").stdout)))
    assert rows[0]["objective_title"] == "'=HYPERLINK(\"x\")"
    assert rows[0]["key_result_title"] == "'@risk"


@pytest.mark.parametrize("editor", ["/no/such/editor", "vim 'unbalanced"])
def test_edit_with_an_editor_that_cannot_run_says_what_to_set(team, editor):
    result = okrtui(team, "edit", "half-marathon", env={"VISUAL": editor})
    assert result.returncode == 2
    assert "cannot run the editor" in result.stderr and "set $VISUAL or $EDITOR" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_health_key_result_without_data_is_not_reported_as_breached(tmp_path):
    (tmp_path / "o.toml").write_text(
        'title = "O"\nperiod = "2026-Q4"\n[[key_results]]\nid = "up"\ntitle = "Uptime"\n'
        'type = "health"\nmin = 99.5\nunit = "%"\n')
    report = okrtui(tmp_path, "report").stdout
    row = next(line for line in report.splitlines() if line.startswith("| Uptime"))
    assert "no data" in row and "breached" not in row
    assert "no data" in okrtui(tmp_path, "status").stdout
