"""The end-of-period review: computed fields (tables), the [review] edit that keeps every
other byte, and `okrtui review` as a real subprocess."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from okrtui.core import edits
from okrtui.core.model import Checkin, KeyResult, Objective
from okrtui.core.parse import parse_objective
from okrtui.core.periods import parse_period
from okrtui.core.review import SetReview, can_review, computed_fields, forecast_at

from .conftest import DATA, run_okrtui

Q4 = parse_period("2026-Q4")


def objective(*values: tuple[str, float], commitment="committed") -> Objective:
    kr = KeyResult(id="kr", title="t", start=0, target=10,
                   checkins=tuple(Checkin(date.fromisoformat(d), v) for d, v in values))
    return Objective(id="o", path=Path("o.toml"), title="O", period=Q4,
                     commitment=commitment, key_results=(kr,))


@pytest.mark.parametrize(("today", "allowed"), [
    ("2026-12-30", False), ("2026-12-31", True), ("2027-02-01", True)])
def test_a_review_belongs_to_the_end_of_the_period(today, allowed):
    assert can_review(objective(), date.fromisoformat(today)) is allowed


@pytest.mark.parametrize(("values", "commitment", "today", "expected"), [
    # the final grade is as of the period's end; a later check-in does not count
    ([("2026-10-05", 2), ("2026-12-20", 7), ("2027-01-03", 10)], "aspirational",
     "2027-01-05", {"grade": 0.7, "achieved": True}),
    ([("2026-10-05", 2), ("2026-12-20", 7)], "committed", "2027-01-05",
     {"grade": 0.7, "achieved": False}),
    # mid-period forecast: on Nov 15 a straight line through 1 on Oct 5 and 3 on Nov 9
    # reads 6.0 at the period's end (a grade of 0.6), against an actual 0.4
    ([("2026-10-05", 1), ("2026-11-09", 3), ("2026-12-20", 4)], "committed", "2027-01-02",
     {"grade": 0.4, "achieved": False, "forecast": 0.6}),
])
def test_computed_fields(values, commitment, today, expected):
    fields = computed_fields(objective(*values, commitment=commitment), date.fromisoformat(today))
    assert fields["date"] == date.fromisoformat(today)
    assert {k: fields.get(k) for k in expected} == expected


def test_forecast_without_two_checkins_is_the_progress_so_far():
    assert forecast_at(objective(("2026-10-05", 4)), date(2026, 11, 15)) == pytest.approx(0.4)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_review_keeps_every_other_byte(newline):
    # hand-written, comments and odd spacing, and no final newline
    original = (DATA / "handwritten.toml").read_text().replace("\n", newline)
    added, _ = edits.apply_edit(original, SetReview({"went_well": "demos", "grade": 0.4}))
    assert added.startswith(original)
    assert added[len(original):] == newline.join(
        ["", "", "[review]", "grade = 0.4", 'went_well = "demos"', ""])
    changed, _ = edits.apply_edit(added, SetReview({"went_well": "talks", "learned": "x"}))
    assert changed.startswith(original)
    assert changed[len(original):] == newline.join(
        ["", "", "[review]", "grade = 0.4", 'went_well = "talks"', 'learned = "x"', ""])
    review = parse_objective(changed.encode(), Path("h.toml"), "h").objective.review
    assert (review.grade, review.went_well, review.learned) == (0.4, "talks", "x")


def test_a_file_without_a_final_newline_gets_a_valid_review():
    text = 'title = "T"  # no newline at the end'
    new, data = edits.apply_edit(text, SetReview({"adjust": "less"}))
    assert new == 'title = "T"  # no newline at the end\n\n[review]\nadjust = "less"\n'
    assert data["review"] == {"adjust": "less"}


@pytest.mark.parametrize(("body", "message", "line"), [
    ('[review]\ngrade = 1.5\n', "between 0.0 and 1.0", 3),
    ('[review]\nwent_well = "x"\nachieved = "yes"\n', "true or false", 4),
    ('review = "great"\n', "[review] table", 2),
])
def test_a_bad_review_is_a_located_error(body, message, line):
    text = f'title = "T"\n{body}'
    result = parse_objective(text.encode(), Path("o.toml"), "o")
    assert result.objective is None
    assert message in result.problems[0].message and result.problems[0].line == line


# -- okrtui review -------------------------------------------------------------------------------

@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def review(root: Path, today: str, *args: str):
    return run_okrtui("review", *args, "--dir", str(root), "--today", today, input="")


def test_review_stores_answers_and_computed_fields(team):
    path = team / "platform/2026-Q4/grow-community.toml"
    before = path.read_bytes()
    result = review(team, "2027-01-04", "grow-community", "--went-well", "HN launch",
                    "--learned", "demos beat posts", "--grade", "0.6", "--reason", "ads")
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before):].decode() == (
        "\n[review]\ndate = 2027-01-04\ngrade = 0.53\nachieved = false\nforecast = 0.9\n"
        'self_grade = 0.6\nreason = "ads"\nwent_well = "HN launch"\n'
        'learned = "demos beat posts"\n')
    assert "went well: HN launch" in result.stdout
    status = run_okrtui("status", "--dir", str(team), "--today", "2027-01-04", "--period",
                        "2026-Q4")
    assert "review  went well: HN launch" in status.stdout
    report = run_okrtui("report", "--dir", str(team), "--today", "2027-01-04", "--period",
                        "2026-Q4")
    assert "- What went well? HN launch" in report.stdout
    again = review(team, "2027-01-05", "grow-community", "--adjust", "docs first")
    assert again.returncode == 0
    text = path.read_text()
    assert 'went_well = "HN launch"' in text and 'adjust = "docs first"' in text
    assert "date = 2027-01-05" in text


def test_review_before_the_end_says_when(team):
    path = team / "platform/2026-Q4/grow-community.toml"
    before = path.read_bytes()
    result = review(team, "2026-11-22", "grow-community", "--went-well", "x")
    assert result.returncode == 2
    assert "runs until 2026-12-31" in result.stderr and "--early" in result.stderr
    assert path.read_bytes() == before
    assert review(team, "2026-11-22", "grow-community", "--went-well", "x",
                  "--early").returncode == 0


def test_a_self_grade_needs_a_reason(team):
    result = review(team, "2027-01-04", "grow-community", "--grade", "0.9")
    assert result.returncode == 2 and "--reason" in result.stderr


def test_okrtui_review_on_a_crlf_hand_commented_file_keeps_every_other_byte(tmp_path):
    root = tmp_path / "okrs"
    (root / "2026-Q4").mkdir(parents=True)
    path = root / "2026-Q4" / "grow.toml"
    original = (DATA / "handwritten.toml").read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    result = review(root, "2027-01-04", "grow", "--went-well", "the meetup talk",
                    "--learned", "people come for demos")
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(original)
    added = after[len(original):].decode()
    assert added.startswith("\r\n\r\n[review]\r\ndate = 2027-01-04\r\n")
    assert "\n" not in added.replace("\r\n", "")
    assert 'went_well = "the meetup talk"\r\nlearned = "people come for demos"\r\n' in added
