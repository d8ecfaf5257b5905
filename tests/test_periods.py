from datetime import date

import pytest

from okrtui.core.periods import PeriodError, current_period, custom_period, parse_period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026", "year", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-H1", "half", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-h2", "half", date(2026, 7, 1), date(2026, 12, 31)),
        ("2026-Q1", "quarter", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q2", "quarter", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q3", "quarter", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-Q4", "quarter", date(2026, 10, 1), date(2026, 12, 31)),
        ("2028-02", "month", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-12", "month", date(2026, 12, 1), date(2026, 12, 31)),
        (" 2026-Q4 ", "quarter", date(2026, 10, 1), date(2026, 12, 31)),
        ("9999", "year", date(9999, 1, 1), date(9999, 12, 31)),
        ("9999-Q4", "quarter", date(9999, 10, 1), date(9999, 12, 31)),
        ("9999-H2", "half", date(9999, 7, 1), date(9999, 12, 31)),
        ("9999-12", "month", date(9999, 12, 1), date(9999, 12, 31)),
        ("2100-02", "month", date(2100, 2, 1), date(2100, 2, 28)),
    ],
)
def test_parse_period(text, kind, start, end):
    period = parse_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert parse_period(period.label) == period


@pytest.mark.parametrize("text", ["", "26-Q1", "2026-Q5", "2026-Q0", "2026-H3", "2026-13",
                                  "2026-00", "Q4", "2026/Q4", "2026-Q4x"])
def test_bad_periods_say_which_forms_work(text):
    with pytest.raises(PeriodError, match="YYYY-Q1..Q4"):
        parse_period(text)


@pytest.mark.parametrize(
    ("label", "previous", "following"),
    [
        ("2026-Q1", "2025-Q4", "2026-Q2"),
        ("2026-Q4", "2026-Q3", "2027-Q1"),
        ("2026-H1", "2025-H2", "2026-H2"),
        ("2026", "2025", "2027"),
        ("2026-01", "2025-12", "2026-02"),
        ("2026-12", "2026-11", "2027-01"),
    ],
)
def test_next_and_previous(label, previous, following):
    period = parse_period(label)
    assert period.previous().label == previous
    assert period.next().label == following
    assert period.next().previous() == period


def test_custom_period_steps_by_its_length():
    period = custom_period(date(2026, 1, 5), date(2026, 1, 18))
    assert period.days == 14
    assert period.next() == custom_period(date(2026, 1, 19), date(2026, 2, 1))
    assert period.previous() == custom_period(date(2025, 12, 22), date(2026, 1, 4))
    with pytest.raises(PeriodError, match="before its start"):
        custom_period(date(2026, 2, 1), date(2026, 1, 1))


@pytest.mark.parametrize(
    ("today", "kind", "label"),
    [
        (date(2026, 11, 22), "quarter", "2026-Q4"),
        (date(2026, 1, 1), "quarter", "2026-Q1"),
        (date(2026, 3, 31), "quarter", "2026-Q1"),
        (date(2026, 7, 1), "half", "2026-H2"),
        (date(2026, 6, 30), "half", "2026-H1"),
        (date(2026, 5, 9), "month", "2026-05"),
        (date(2026, 5, 9), "year", "2026"),
    ],
)
def test_current_period(today, kind, label):
    assert current_period(today, kind).label == label


@pytest.mark.parametrize(
    ("today", "elapsed"),
    [
        (date(2026, 9, 30), 0.0),
        (date(2026, 10, 1), 1 / 92),
        (date(2026, 11, 15), 46 / 92),
        (date(2026, 12, 31), 1.0),
        (date(2027, 2, 1), 1.0),
    ],
)
def test_elapsed(today, elapsed):
    assert parse_period("2026-Q4").elapsed(today) == pytest.approx(elapsed)
