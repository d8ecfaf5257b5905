"""Plain-text presentation shared by the shell commands and the app (no UI imports)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from okrtui.core.model import KeyResult, Objective, Value

SPARK_CHARS = "▁▂▃▄▅▆▇█"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from a file made safe to show: control characters (escape sequences included)
    become visible ``\\xNN`` instead of acting on the terminal; tabs and newlines become
    spaces."""
    text = text.replace("\t", " ").replace("\n", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def sparkline(values: Sequence[float], width: int = 12) -> str:
    """The last ``width`` values as block characters, scaled between their min and max."""
    points = [float(v) for v in values][-width:]
    if not points:
        return ""
    low, high = min(points), max(points)
    if high == low:
        return SPARK_CHARS[3] * len(points)
    top = len(SPARK_CHARS) - 1
    return "".join(SPARK_CHARS[round((v - low) / (high - low) * top)] for v in points)


def progress_bar(progress: float | None, width: int = 10) -> str:
    """``█████░░░░░`` with eighths for the partial cell."""
    if progress is None:
        return " " * width
    filled = max(0.0, min(1.0, progress)) * width
    whole = int(filled)
    partial = " ▏▎▍▌▋▊▉"[int((filled - whole) * 8)] if whole < width else ""
    bar = "█" * whole + (partial if partial.strip() else "")
    return bar + "░" * (width - len(bar))


def format_number(value: float) -> str:
    """Numbers as people write them: 120, 3.5, 0.25 (no trailing .0)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}" if abs(value) >= 1e4 else f"{value:.6g}"


def format_value(kr: KeyResult, value: Value | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "done" if value else "not done"
    return with_unit(format_number(value), kr.unit)


def with_unit(text: str, unit: str) -> str:
    """``72 teams``, ``5.2%``: a space before a unit, except a percent sign."""
    unit = printable(unit)
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".rstrip()


def format_goal(kr: KeyResult) -> str:
    """What the key result aims at: ``500 stars``, ``≤ 3%``, ``99.5–100%``, ``done``."""
    if kr.type == "milestone":
        return "done"
    if kr.type == "health":
        if kr.min is not None and kr.max is not None:
            bounds = f"{format_number(kr.min)}–{format_number(kr.max)}"
        elif kr.min is not None:
            bounds = f"≥ {format_number(kr.min)}"
        else:
            bounds = f"≤ {format_number(kr.max or 0)}"
        return with_unit(bounds, kr.unit)
    return format_value(kr, kr.target)


def health_state(in_range: bool | None) -> str:
    """How a health key result stands: ``in range``, ``breached``, or ``no data`` yet."""
    if in_range is None:
        return "no data"
    return "in range" if in_range else "breached"


def format_percent(progress: float | None) -> str:
    return "–" if progress is None else f"{progress:.2f}"


def now_and_goal(kr: KeyResult, current: Value | None) -> str:
    """``72 / 120 teams``, ``5.2 / 3%``, ``99.98 / ≥ 99.5 %``, ``not done``."""
    if kr.type == "milestone":
        return format_value(kr, bool(current))
    now = "–" if current is None else format_number(float(current))
    return f"{now} / {format_goal(kr)}"


def review_lines(objective: Objective) -> list[str]:
    """An objective's stored review in plain lines: the grades, then the three answers."""
    review = objective.review
    if review is None:
        return []
    facts = []
    if review.grade is not None:
        facts.append(f"grade {review.grade:.2f}")
    if review.self_grade is not None:
        facts.append(f"self-assessed {review.self_grade:.2f}"
                     + (f" ({printable(review.reason)})" if review.reason else ""))
    if review.achieved is not None:
        facts.append(f"achieved: {'yes' if review.achieved else 'no'} ({objective.commitment})")
    if review.forecast is not None:
        facts.append(f"forecast at mid-period {review.forecast:.2f}")
    if review.date is not None:
        facts.append(f"reviewed {review.date}")
    lines = [" · ".join(facts)] if facts else []
    for label, answer in (("went well", review.went_well), ("adjust", review.adjust),
                          ("learned", review.learned)):
        if answer:
            lines.append(f"{label}: {printable(answer)}")
    return lines


def read_aloud(objective: Objective) -> str:
    """The objective as one sentence: ``I will <objective> as measured by <key results>``."""
    title = _lower_first(printable(objective.title).strip().rstrip("."))
    results = [_lower_first(printable(kr.title).strip().rstrip("."))
               for kr in objective.key_results if kr.scored]
    if not results:
        return f"I will {title}."
    measured = results[0] if len(results) == 1 else (
        ", ".join(results[:-1]) + " and " + results[-1])
    return f"I will {title}, as measured by {measured}."


def _lower_first(text: str) -> str:
    """"Grow ..." reads "I will grow ..."; "GDPR", "GitHub" and "iOS" stay as written."""
    word = text.split(" ", 1)[0]
    if word[:1].isupper() and word[1:].islower():
        return text[0].lower() + text[1:]
    return text
