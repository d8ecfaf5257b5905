import pytest

from okrtui.core.model import KeyResult
from okrtui.present import (
    format_goal,
    format_number,
    now_and_goal,
    printable,
    progress_bar,
    sparkline,
    with_unit,
)


@pytest.mark.parametrize(("text", "shown"), [
    ("plain", "plain"),
    ("\x1b[31mred", "\\x1b[31mred"),
    ("bell\x07", "bell\\x07"),
    ("tab\tand\nnewline", "tab and newline"),
    ("c1 \x9b control", "c1 \\x9b control"),
    ("[bold]markup[/]", "[bold]markup[/]"),
])
def test_printable(text, shown):
    assert printable(text) == shown


@pytest.mark.parametrize(("values", "line"), [
    ([], ""),
    ([5, 5, 5], "▄▄▄"),
    ([0, 7], "▁█"),
    ([1, 2, 3, 4, 5, 6, 7, 8], "▁▂▃▄▅▆▇█"),
    (list(range(30)), "▁▂▂▃▄▄▅▅▆▇▇█"),  # only the latest 12 values
])
def test_sparkline(values, line):
    assert sparkline(values) == line
    assert len(sparkline(values)) == min(len(values), 12)


@pytest.mark.parametrize(("progress", "bar"), [
    (None, "     "), (0.0, "░░░░░"), (1.0, "█████"), (1.7, "█████"), (-1, "░░░░░"),
    (0.5, "██▌░░"), (0.33, "█▋░░░"),
])
def test_progress_bar(progress, bar):
    assert progress_bar(progress, 5) == bar


@pytest.mark.parametrize(("number", "text"), [
    (120, "120"), (120.0, "120"), (3.5, "3.5"), (0.25, "0.25"), (-2.0, "-2"),
    (99.95, "99.95"), (123456.7, "1.235e+05"),
])
def test_format_number(number, text):
    assert format_number(number) == text


@pytest.mark.parametrize(("kr", "current", "text"), [
    (KeyResult("a", "t", start=120, target=500, unit="stars"), 210, "210 / 500 stars"),
    (KeyResult("a", "t", start=6.0, target=3.0, unit="%"), 5.2, "5.2 / 3%"),
    (KeyResult("a", "t", type="health", min=99.5, max=100, unit="%"), 99.9, "99.9 / 99.5–100%"),
    (KeyResult("a", "t", type="health", max=40, unit="tickets"), 12, "12 / ≤ 40 tickets"),
    (KeyResult("a", "t", type="health", min=3), None, "– / ≥ 3"),
    (KeyResult("a", "t", type="milestone"), True, "done"),
    (KeyResult("a", "t", type="milestone"), None, "not done"),
])
def test_now_and_goal(kr, current, text):
    assert now_and_goal(kr, current) == text
    assert format_goal(kr) in text or kr.type == "milestone"


def test_units_from_files_are_made_printable():
    assert with_unit("3", "\x1b[2J") == "3 \\x1b[2J"
