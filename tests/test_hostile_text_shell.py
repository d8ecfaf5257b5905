"""Text from files is shown, never obeyed, by status and every report format: markup stays
literal, escape sequences become visible, markdown tables do not break."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import run_okrtui

TITLE = 'Grow | fast [bold]now[/] \x1b]52;c;aGk=\x07 \x1b[31mred <b>'
OWNER = "[link=file:///etc/passwd]own[/link]"
NOTE = "line\x1b[2Jcleared | pipe"


@pytest.fixture
def hostile(tmp_path) -> Path:
    root = tmp_path / "okrs"
    (root / "2026-Q4").mkdir(parents=True)
    (root / "okrtui.toml").write_text("")
    body = f'''title = {json.dumps(TITLE)}
period = "2026-Q4"
owner = {json.dumps(OWNER)}

[[key_results]]
id = "k"
title = "Users from 1 to 9 \\u001b[5mblink"
start = 1
target = 9
checkins = [
  {{ date = 2026-11-01, value = 3, note = {json.dumps(NOTE)} }},
]
'''
    (root / "2026-Q4" / "grow.toml").write_text(body)
    return root


def run(root: Path, *args: str):
    result = run_okrtui(*args, "--dir", str(root), "--today", "2026-11-22")
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("args", [["status"], ["report"], ["report", "--format", "csv"],
                                  ["status", "--by", "owner"], ["due"], ["lint"]])
def test_no_escape_sequence_reaches_the_terminal(hostile, args):
    out = run(hostile, *args)
    assert "\x1b" not in out and "\x07" not in out


def test_status_shows_the_text_literally(hostile):
    out = run(hostile, "status")
    assert "Grow | fast [bold]now[/] \\x1b]52;c;aGk=\\x07 \\x1b[31mred <b>" in out
    assert OWNER in out


def test_markdown_escapes_what_would_break_a_table(hostile):
    out = run(hostile, "report")
    row = next(line for line in out.splitlines() if line.startswith("| Grow"))
    assert row.count("|") - row.count("\\|") == 6  # five cells, the title's pipe escaped
    assert "&lt;b>" in row
    assert "cleared \\| pipe" in out


def test_csv_and_json_keep_the_text_as_data(hostile):
    rows = list(csv.DictReader(io.StringIO(run(hostile, "report", "--format", "csv"))))
    assert rows[0]["objective_title"].startswith("Grow | fast [bold]now[/] \\x1b]52")
    data = json.loads(run(hostile, "report", "--format", "json"))
    assert data["objectives"][0]["title"] == TITLE  # JSON escapes it itself
