"""``okrtui checkin``: add one check-in line, reading only the objective's own file."""

from __future__ import annotations

import argparse
import math
from datetime import date
from typing import Any

from okrtui.cli.common import (
    DataError,
    HelpFormatter,
    UsageError,
    paint,
    parse_day,
    status_colour,
    wants_colour,
)
from okrtui.core.model import CHECKIN_TAGS


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "checkin", parents=[common], help="record this week's value of a key result",
        formatter_class=HelpFormatter,
        description="Add one check-in to a key result and print its new progress and status. "
                    "Only the objective's own file is read and written.",
        epilog="examples:\n"
               "  okrtui checkin grow-community:stars 320\n"
               "  okrtui checkin platform/2026-Q4/grow-community:stars 320 -m \"HN post\" "
               "-c 0.7\n"
               "  okrtui checkin grow-community:guide done --date 2026-11-20\n"
               "  okrtui checkin learn-pricing:interviews 9 --tag validated "
               "-m \"teams pay per seat, not per project\"\n")
    parser.add_argument("target", metavar="OBJECTIVE:KR",
                        help="objective id (any unique trailing part) and key result id")
    parser.add_argument("value", metavar="VALUE",
                        help="a plain number, or done / undone for a milestone")
    parser.add_argument("-m", "--note", default="", help="what happened")
    parser.add_argument("-c", "--confidence", type=float, metavar="0..1",
                        help="how likely the key result will be reached")
    parser.add_argument("--date", type=parse_day, metavar="YYYY-MM-DD",
                        help="date of the check-in (default: --today or today)")
    parser.add_argument("--tag", choices=CHECKIN_TAGS, metavar="TAG",
                        help="what this check-in records on a learning goal: "
                             + ", ".join(CHECKIN_TAGS))
    parser.add_argument("--force", action="store_true",
                        help="record a check-in dated outside the objective's period")
    parser.add_argument("--by", metavar="NAME",
                        help="author (default: your config name, git user.name, login)")
    parser.set_defaults(run=run)


def parse_value(text: str, kr_type: str) -> float | int | bool:
    """A milestone takes done / undone; every other key result a plain number. Units and
    suffixes such as % or k are refused, not guessed."""
    lowered = text.strip().lower()
    if kr_type == "milestone":
        if lowered in ("done", "true", "yes"):
            return True
        if lowered in ("undone", "not-done", "false", "no"):
            return False
        raise UsageError(f"{text!r}: a milestone takes done or undone")
    try:
        return int(lowered)
    except ValueError:
        pass
    try:
        number = float(lowered)
    except ValueError:
        raise UsageError(f"{text!r} is not a plain number: write 12000, not 12k, and 45, not "
                         "45% (the unit is part of the key result)") from None
    if not math.isfinite(number):
        raise UsageError(f"{text!r} is not a finite number")
    return number


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.autocommit import describe
    from okrtui.cli.common import commit_if_wanted, find_objective, workspace_root
    from okrtui.core import edits
    from okrtui.core.scoring import score_objective
    from okrtui.core.settings import load_settings
    from okrtui.core.store import StoreError, read_for_edit, write_edit
    from okrtui.present import format_value, health_state, now_and_goal, progress_bar

    reference, _, kr_id = args.target.rpartition(":")
    if not reference or not kr_id:
        raise UsageError(f"{args.target!r}: write OBJECTIVE:KR, e.g. grow-community:stars")
    if args.confidence is not None and not 0 <= args.confidence <= 1:
        raise UsageError(f"confidence {args.confidence:g} is outside 0.0 .. 1.0")
    root = workspace_root(args)
    oid, path = find_objective(root, reference)
    result = read_for_edit(root, path, oid)
    if result.objective is None:
        problem = result.problems[0]
        raise DataError(f"{problem}\nfix the file first (okrtui lint {path})")
    kr = result.objective.key_result(kr_id)
    if kr is None:
        ids = ", ".join(k.id for k in result.objective.key_results) or "none yet"
        raise UsageError(f"{oid} has no key result {kr_id!r}; its key results: {ids}")
    day = args.date or today
    _check_the_date(day, today, result.objective, args.force)
    checkin: dict[str, Any] = {"date": day, "value": parse_value(args.value, kr.type)}
    if args.confidence is not None:
        checkin["confidence"] = args.confidence
    if args.note:
        checkin["note"] = args.note
    if args.tag:
        checkin["tag"] = args.tag
    author = args.by if args.by is not None else _author()
    if author:
        checkin["by"] = author
    edit = edits.AddCheckin(kr.id, checkin)
    try:
        objective = write_edit(root, path, edit)
    except StoreError as exc:
        raise DataError(str(exc)) from None
    commit_if_wanted(root, path, describe(oid, edit))
    settings = load_settings(root)
    score = score_objective(objective, today, settings.thresholds, settings.cadence)
    kr = objective.key_result(kr_id)
    assert kr is not None
    kr_score = score.key_results[kr.id]
    colour = wants_colour()
    state = kr_score.label
    if kr.type == "health":
        progress = health_state(kr_score.in_range)
    else:
        progress = f"{progress_bar(kr_score.progress)} {kr_score.progress or 0:.2f}"
    print(f"{oid}:{kr.id}  {format_value(kr, checkin['value'])} on {checkin['date']}")
    print(f"  now {now_and_goal(kr, kr_score.current)}  {progress}  "
          f"{paint(state, status_colour(kr_score.status), colour)}"
          + ("  (stale)" if kr_score.stale else ""))
    return 0


def _check_the_date(day: date, today: date, objective: Any, force: bool) -> None:
    """A check-in after today is always a typo; one outside the objective's period is
    usually one (it would not count), so it needs --force."""
    from okrtui.core.scoring import LATE_CHECKIN_DAYS, in_period

    if day > today:
        raise UsageError(f"--date {day} is after today ({today}): a check-in records what is "
                         "already true; fix the date")
    period = objective.period
    if not in_period(day, period) and not force:
        raise UsageError(f"--date {day} is outside {period.label} ({period.start} to "
                         f"{period.end}, plus {LATE_CHECKIN_DAYS} days for a final value), so "
                         "it would not count: fix the date, or add --force to record it anyway")


def _author() -> str:
    from okrtui.cli.common import warn_about_config
    from okrtui.config import author_name

    warn_about_config()
    return author_name()
