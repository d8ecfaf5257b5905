"""``okrtui status``: where every objective of the period stands."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from okrtui.cli.common import (
    HelpFormatter,
    add_period_option,
    paint,
    status_colour,
    terminal_columns,
    wants_colour,
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "status", parents=[common], help="print where every objective stands",
        formatter_class=HelpFormatter,
        description="Print every objective of the period with its key results: progress, "
                    "score, status, a sparkline of the check-ins, latest confidence and stale "
                    "markers. Files that failed to load are listed after it (exit code 1).",
        epilog="examples:\n  okrtui status\n  okrtui status --owner alice --period 2026-Q3\n"
               "  okrtui status --json | jq '.objectives[].grade'\n"
               "  okrtui status --by owner        a team dashboard\n"
               "  okrtui status --by parent       the alignment tree, rolled up")
    add_period_option(parser)
    parser.add_argument("--owner", metavar="NAME", help="only objectives of this owner")
    parser.add_argument("--json", action="store_true",
                        help="print the report data as JSON (shape: docs/report.md)")
    parser.add_argument("--by", choices=["owner", "parent"],
                        help="a dashboard instead: one row per owner, or per objective that "
                             "others support (on track / at risk / off track / due counts, "
                             "mean progress)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import period_of, workspace_root
    from okrtui.core.learning import learning_log
    from okrtui.core.outline import outline, visible
    from okrtui.core.report import build_report
    from okrtui.core.scoring import score_objective
    from okrtui.core.store import load_workspace
    from okrtui.present import (
        format_number,
        format_percent,
        health_state,
        now_and_goal,
        printable,
        progress_bar,
        review_lines,
        sparkline,
    )

    root = workspace_root(args)
    period = period_of(args, today)
    workspace = load_workspace(root, only=period)
    settings = workspace.settings
    shown = visible(workspace.objectives, period)
    if args.owner:
        shown = [o for o in shown if o.owner.lower() == args.owner.lower()]
    if args.by:
        from okrtui.cli.status_by import print_dashboard

        print_dashboard(args.by, shown, settings, today,
                        period.label if period else "all periods", args.json)
        return _print_errors(workspace.errors, wants_colour())
    if args.json:
        data = build_report(shown, settings, period, today, settings.name)
        data["errors"] = [{"path": str(p.path), "line": p.line, "message": p.message}
                          for p in workspace.errors]
        import json  # only for --json: 1 ms of every other run

        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 1 if workspace.errors else 0
    colour = wants_colour()
    title_width = max(16, min(48, terminal_columns(120) - 72))
    label = period.label if period else "all periods"
    print(paint(f"{printable(settings.name)} · {label} · as of {today}", "1", colour))
    if not shown:
        print("\nNo objectives" + (f" of {args.owner}" if args.owner else "")
              + f" in {label}. Add one with: okrtui new \"TITLE\"")
    for row in outline(shown):
        objective = row.objective
        assert objective is not None
        score = score_objective(objective, today, settings.thresholds, settings.cadence)
        indent = "  " * row.depth
        state = score.label
        marks = (" ◇ learning" if objective.kind == "learning" else "") + (
            " · stale" if score.stale else "")
        print()
        print(f"{indent}{paint(progress_bar(score.progress), status_colour(score.status), colour)}"
              f" {format_percent(score.progress)}  "
              f"{paint(printable(objective.title), '1', colour)}"
              f"  [{paint(state, status_colour(score.status), colour)}]{marks}")
        print(f"{indent}{' ' * 16}{printable(objective.id)} · "
              f"{printable(objective.owner) or 'no owner'} · {objective.commitment}")
        for kr in objective.key_results:
            kr_score = score.key_results[kr.id]
            values = [float(c.value) for c in kr_score.counted]
            if kr.type == "health":
                bar = health_state(kr_score.in_range).ljust(15)
            else:
                bar = f"{progress_bar(kr_score.progress, 10)} {kr_score.progress or 0:.2f}"
            confidence = "" if kr_score.confidence is None else \
                f"conf {format_number(kr_score.confidence)}"
            stale = " stale" if kr_score.stale else ""
            print(f"{indent}  {paint(bar, status_colour(kr_score.status), colour)}  "
                  f"{_fit(printable(kr.title), title_width)}  "
                  f"{now_and_goal(kr, kr_score.current):<18} "
                  f"{sparkline(values, 10):<10} {confidence:<8} "
                  f"{paint(kr_score.label, status_colour(kr_score.status), colour)}"
                  f"{stale}")
        if objective.kind == "learning":
            for entry in learning_log(objective, today)[:LOG_LINES]:
                tag = f" [{entry.tag}]" if entry.tag else ""
                print(f"{indent}  {paint('log', '2', colour)}  {entry.date}  "
                      f"{printable(entry.key_result)}{tag}: {printable(entry.note)}")
        for line in review_lines(objective):
            print(f"{indent}  {paint('review', '1', colour)}  {line}")
    _say_if_git_setup_missing(root)
    return _print_errors(workspace.errors, colour)


def _say_if_git_setup_missing(root: Any) -> None:
    from okrtui.git_setup import missing_driver

    hint = missing_driver(root)
    if hint:
        print(f"\nnote: {hint}", file=sys.stderr)


#: The newest entries of a learning goal's log shown by status (the app shows them all).
LOG_LINES = 3


def _fit(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def _print_errors(errors: Any, colour: bool) -> int:
    from okrtui.cli.common import problem_line

    if not errors:
        return 0
    print(file=sys.stderr)
    print(paint(f"{len(errors)} file(s) could not be loaded:", "31", wants_colour(sys.stderr)),
          file=sys.stderr)
    for problem in errors:
        print(problem_line(problem), file=sys.stderr)
    print("Fix them and run again (okrtui lint checks a file).", file=sys.stderr)
    return 1
