"""``okrtui report``: the period's grades as markdown, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date
from pathlib import Path
from typing import Any

from okrtui.cli.common import DataError, HelpFormatter, add_period_option
from okrtui.present import format_number, health_state, printable, with_unit

BAND_MARK = {"red": "🔴", "yellow": "🟡", "green": "🟢"}
CSV_COLUMNS = ["objective", "objective_title", "owner", "period", "commitment", "grade", "band",
               "achieved", "key_result", "key_result_title", "type", "unit", "start", "current",
               "target", "min", "max", "progress", "status", "confidence", "self_grade",
               "went_well", "adjust", "learned"]


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "report", parents=[common], help="write a period report (markdown, JSON or CSV)",
        formatter_class=HelpFormatter,
        description="Write the period's report: per objective its grade (0.0-1.0, red / "
                    "yellow / green), whether it was achieved for its commitment, each key "
                    "result's start / current / target / progress, and the check-in notes.",
        epilog="examples:\n  okrtui report > report.md\n"
               "  okrtui report --format json -o report.json\n"
               "  okrtui report --period 2026-Q3 -o q3.csv   (CSV, from the extension)\n"
               "The JSON shape is documented in docs/report.md.")
    add_period_option(parser)
    parser.add_argument("--format", choices=["markdown", "json", "csv"],
                        help="default: from the -o file's extension (.json, .csv), else "
                             "markdown")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, today: date) -> int:
    from okrtui.cli.common import period_of, workspace_root
    from okrtui.core.outline import outline, visible
    from okrtui.core.report import build_report
    from okrtui.core.store import atomic_write, load_workspace

    root = workspace_root(args)
    period = period_of(args, today)
    workspace = load_workspace(root, only=period)
    ordered = [r.objective for r in outline(visible(workspace.objectives, period))
               if r.objective is not None]
    data = build_report(ordered, workspace.settings, period, today, workspace.settings.name)
    form = args.format or _format_of(args.output)
    if form == "json":
        import json  # only for JSON output: 1 ms of every other run

        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif form == "csv":
        text = render_csv(data)
    else:
        text = render_markdown(data)
    if args.output:
        try:
            atomic_write(Path(args.output), text.encode("utf-8"))
        except OSError as exc:
            raise DataError(f"cannot write {args.output}: {exc.strerror}") from None
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if workspace.errors:
        print(f"okrtui: {len(workspace.errors)} file(s) could not be loaded and are not in the "
              "report:", file=sys.stderr)
        for problem in workspace.errors:
            print(str(problem), file=sys.stderr)
        return 1
    return 0


def _format_of(output: str | None) -> str:
    """``-o q4.csv`` means CSV, ``-o q4.json`` JSON; anything else markdown."""
    suffix = Path(output).suffix.lower() if output else ""
    return {".json": "json", ".csv": "csv"}.get(suffix, "markdown")


def _number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "done" if value else "not done"
    return format_number(value)


def _cell(text: str) -> str:
    """Text from files made safe for a markdown table cell."""
    return printable(text).replace("|", "\\|").replace("<", "&lt;")


def _achieved(objective: dict[str, Any]) -> str:
    """Known only once the period is over."""
    if objective["grade"] is None:
        return "–"
    if objective["achieved"] is None:
        return "not yet"
    return "yes" if objective["achieved"] else "no"


def _review_markdown(review: dict[str, Any]) -> list[str]:
    facts = [f"grade {review['grade']:.2f}" if review["grade"] is not None else "",
             f"self-assessed {review['self_grade']:.2f}" if review["self_grade"] is not None
             else "",
             f"forecast at mid-period {review['forecast']:.2f}" if review["forecast"] is not None
             else ""]
    lines = [f"**Review** ({review['date'] or 'undated'}): "
             + " · ".join(f for f in facts if f), ""]
    if review["reason"]:
        lines += [f"- Why the self-assessment: {_cell(review['reason'])}"]
    for key, question in (("went_well", "What went well?"), ("adjust", "What to adjust?"),
                          ("learned", "What we learned?")):
        if review[key]:
            lines += [f"- {question} {_cell(review[key])}"]
    return lines + [""]


def render_markdown(data: dict[str, Any]) -> str:
    period = data["period"]["label"] if data["period"] else "all periods"
    lines = [f"# OKR report: {_cell(data['workspace'])}, {period}", "",
             f"As of {data['today']}. Grades run from 0.0 to 1.0. While a period runs, "
             "colours show the status against the expected pace (green on track, yellow at "
             "risk, red off track); once it is over, the grade: red below 0.4, yellow below "
             "0.7, green from 0.7. Committed objectives are achieved at 1.0, aspirational "
             "ones at 0.7; learning goals are judged on what was learned.", ""]
    if not data["objectives"]:
        lines += ["No objectives in this period.", ""]
    summary = ["| Objective | Owner | Grade | Achieved | Status |", "|---|---|---|---|---|"]
    for o in data["objectives"]:
        grade = "–" if o["grade"] is None else f"{BAND_MARK[o['colour']]} {o['grade']:.2f}"
        summary.append(f"| {_cell(o['title'])} | {_cell(o['owner'] or '')} | {grade} | "
                       f"{_achieved(o)} ({o['commitment']}) | {o['label'] or '–'} |")
    if data["objectives"]:
        lines += summary + [""]
    for o in data["objectives"]:
        grade = "no key results" if o["grade"] is None else \
            f"{BAND_MARK[o['colour']]} {o['grade']:.2f} ({o['label']})"
        lines += [f"## {_cell(o['title'])}", "",
                  f"`{o['id']}` · owner {_cell(o['owner'] or '–')} · {o['kind']} · "
                  f"{o['commitment']}" + (f" · supports `{o['parent']}`" if o["parent"] else ""),
                  "", f"**Grade:** {grade} · **achieved:** {_achieved(o)}", ""]
        if o["key_results"]:
            lines += ["| Key result | Start | Current | Target | Progress | Status |",
                      "|---|---|---|---|---|---|"]
            for kr in o["key_results"]:
                def show(value: Any, kr: dict[str, Any] = kr) -> str:
                    text = _number(value)
                    return _cell(with_unit(text, kr["unit"] or "")) if text else ""

                if kr["type"] == "health":
                    bounds = " – ".join(x for x in (_number(kr["min"]), _number(kr["max"])) if x)
                    target = "within " + _cell(with_unit(bounds, kr["unit"] or ""))
                    progress = health_state(kr["in_range"])
                elif kr["type"] == "milestone":
                    target, progress = "done", f"{kr['progress']:.2f}"
                else:
                    target, progress = show(kr["target"]), f"{kr['progress']:.2f}"
                current = _number(kr["current"]) if kr["type"] == "milestone" else show(
                    kr["current"])
                start = show(kr["start"])
                lines.append(f"| {_cell(kr['title'])} | {start} | {current} | {target} | "
                             f"{progress} | {kr['label']} |")
            lines.append("")
        if o["review"]:
            lines += _review_markdown(o["review"])
        if o["notes"]:
            lines += ["Check-in notes:", ""]
            for note in o["notes"]:
                by = f" ({_cell(note['by'])})" if note["by"] else ""
                tag = f" [{note['tag']}]" if note["tag"] else ""
                lines.append(f"- {note['date']} · {note['key_result']}{tag}: "
                             f"{_cell(note['note'])}{by}")
            lines.append("")
    lines += ["## Review", "", "- What went well?", "- What should we adjust?",
              "- What did we learn?", ""]
    return "\n".join(lines)


def _csv_text(text: str | None) -> str:
    """Text from files for a CSV cell: control characters made visible (the file may be
    printed to a terminal), and a leading = + - @ would make spreadsheets run it as a
    formula, so such text gets a leading apostrophe, as spreadsheets themselves do."""
    text = printable(text or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _csv_review(review: dict[str, Any] | None) -> list[str]:
    if review is None:
        return ["", "", "", ""]
    self_grade = "" if review["self_grade"] is None else f"{review['self_grade']:.2f}"
    return [self_grade, *(_csv_text(review[key]) for key in ("went_well", "adjust", "learned"))]


def render_csv(data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for o in data["objectives"]:
        for kr in o["key_results"]:
            writer.writerow([
                o["id"], _csv_text(o["title"]), _csv_text(o["owner"]),
                o["period"]["label"] if o["period"] else "", o["commitment"],
                "" if o["grade"] is None else f"{o['grade']:.2f}", o["band"] or "",
                "" if o["achieved"] is None else str(o["achieved"]).lower(),
                kr["id"], _csv_text(kr["title"]), kr["type"], _csv_text(kr["unit"]),
                _number(kr["start"]),
                _number(kr["current"]), _number(kr["target"]), _number(kr["min"]),
                _number(kr["max"]), "" if kr["progress"] is None else f"{kr['progress']:.2f}",
                kr["status"], "" if kr["confidence"] is None else kr["confidence"],
                *_csv_review(o["review"]),
            ])
    return buffer.getvalue()
