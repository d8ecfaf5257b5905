"""``okrtui review``: store an objective's end-of-period review in its own file."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from okrtui.cli.common import DataError, HelpFormatter, UsageError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "review", parents=[common], help="review an objective at the end of its period",
        formatter_class=HelpFormatter,
        description="Store the review of an objective in its file's [review] table: the final "
                    "grade okrtui computes, achieved or not by its commitment, the forecast "
                    "made at mid-period against the actual grade, and your answers to the "
                    "three review questions. An optional self-assessed grade is kept beside "
                    "the computed one, with its reason. Run it again to change answers; "
                    "answers you do not give keep their value. In a terminal, questions you "
                    "leave out are asked.",
        epilog="examples:\n"
               "  okrtui review grow-community --went-well \"HN launch\" "
               "--adjust \"start docs earlier\" --learned \"demos beat posts\"\n"
               "  okrtui review grow-community --grade 0.6 --reason \"stars were bought by an "
               "ad, not earned\"\n"
               "  okrtui review grow-community          (asks the three questions)")
    parser.add_argument("objective", metavar="OBJECTIVE", help="objective id or unique end of it")
    parser.add_argument("--went-well", metavar="TEXT", help="what went well?")
    parser.add_argument("--adjust", metavar="TEXT", help="what should we adjust?")
    parser.add_argument("--learned", metavar="TEXT", help="what did we learn?")
    parser.add_argument("--grade", type=float, metavar="0..1",
                        help="your own grade, kept beside the computed one (needs --reason)")
    parser.add_argument("--reason", metavar="TEXT", help="why your grade differs")
    parser.add_argument("--early", action="store_true",
                        help="review before the period's last day")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import commit_if_wanted, find_objective, workspace_root
    from okrtui.core.parse import read_objective
    from okrtui.core.review import QUESTIONS, SetReview, can_review, computed_fields
    from okrtui.core.settings import load_settings
    from okrtui.core.store import StoreError, write_edit

    if args.grade is not None and not 0 <= args.grade <= 1:
        raise UsageError(f"--grade {args.grade:g} is outside 0.0 .. 1.0")
    if args.grade is not None and not (args.reason or "").strip():
        raise UsageError("a self-assessed --grade needs a --reason: say why it differs")
    root = workspace_root(args)
    oid, path = find_objective(root, args.objective)
    result = read_objective(path, oid)
    if result.objective is None:
        raise DataError(f"{result.problems[0]}\nfix the file first (okrtui lint {path})")
    objective = result.objective
    if not can_review(objective, today) and not args.early:
        assert objective.period is not None
        raise UsageError(f"{oid} runs until {objective.period.end}: review it from then on, "
                         "or now with --early")
    settings = load_settings(root)
    fields = computed_fields(objective, today, settings.thresholds, settings.cadence)
    answers = {"went_well": args.went_well, "adjust": args.adjust, "learned": args.learned}
    if sys.stdin.isatty() and all(v is None for v in answers.values()) and args.grade is None:
        answers = _ask(QUESTIONS, objective.review)
    fields.update({k: v.strip() for k, v in answers.items() if v is not None and v.strip()})
    if args.grade is not None:
        fields["self_grade"] = args.grade
        fields["reason"] = args.reason.strip()
    try:
        objective = write_edit(root, path, SetReview(fields))
    except StoreError as exc:
        raise DataError(str(exc)) from None
    commit_if_wanted(root, path, f"review {oid}")
    from okrtui.present import review_lines

    print(f"Reviewed {oid}")
    for line in review_lines(objective):
        print(f"  {line}")
    return 0


def _ask(questions: dict[str, str], earlier: Any) -> dict[str, str | None]:
    """Ask each question in the terminal; Enter keeps an earlier answer."""
    answers: dict[str, str | None] = {}
    for key, question in questions.items():
        before = getattr(earlier, key, "") if earlier else ""
        hint = f" [{before}]" if before else ""
        try:
            answers[key] = input(f"{question}{hint} ").strip() or None
        except EOFError:
            answers[key] = None
    return answers
