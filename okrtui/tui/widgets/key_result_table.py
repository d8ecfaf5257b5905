"""Top right pane: the key results of the selected objective."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from okrtui.core.model import Objective
from okrtui.core.scoring import ObjectiveScore
from okrtui.present import format_number, health_state, now_and_goal, progress_bar, sparkline
from okrtui.tui.widgets.cells import plain, status_cell, status_style, title_width
from okrtui.tui.widgets.resizing_table import ResizingTable, replaces_rows

NO_KEY_RESULTS = "-no-key-results-"


class KeyResultTable(ResizingTable):
    DEFAULT_CSS = """
    KeyResultTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("e", "app.edit_key_result", "Edit KR", id="key-result.edit"),
        Binding("d", "app.delete_key_result", "Delete KR", id="key-result.delete"),
        Binding("a", "app.add_key_result", "Add KR", id="key-result.add"),
        Binding("left", "app.focus_pane('objectives')", "Objectives", id="focus.objectives",
                show=False),
        Binding("right,enter", "app.focus_pane('checkins')", "Check-ins",
                id="focus.checkins", show=False),
    ]

    @replaces_rows
    def show(self, objective: Objective | None, score: ObjectiveScore | None,
             colours: dict[str, str], keep: str | None) -> None:
        width = self.lay_out_for_width() or 70
        # confidence and forecast only where the title keeps room to be read
        wide = title_width(width, [14, 10, 8, 4, 5, 16 if width >= 100 else 2]) >= 26
        labelled = width >= 100
        bar = 5 if width >= 64 else 0
        value_width = 14 if width >= 64 else 11
        status_width = 16 if labelled else 2
        trend = 8 if width >= 56 else 5  # narrow: a shorter trend leaves room for the title
        fixed = [value_width, bar + 5 if bar else 5, trend] + ([4, 5] if wide else []) + [
            status_width]
        self.clear(columns=True)
        self.add_column("Key result", width=title_width(width, fixed), key="title")
        self.add_column("Now / goal", width=value_width, key="value")
        self.add_column("Progress" if bar else "Score", width=bar + 5, key="progress")
        self.add_column("Trend", width=trend, key="trend")
        if wide:
            self.add_column("Conf", width=4, key="confidence")
            self.add_column("Fcst", width=5, key="forecast")
        self.add_column("Status" if labelled else "", width=status_width, key="status")
        if objective is None or score is None:
            return
        if not objective.key_results:
            self.clear(columns=True)
            self.add_column("Key result", width=max(10, width - 3), key="title")
            self.add_row(Text("No key results yet: press a to add a measurable result.",
                              style="dim italic"),
                         key=NO_KEY_RESULTS)
            return
        cursor = 0
        added: list[tuple[list[Text], str, int]] = []
        for index, kr in enumerate(objective.key_results):
            kr_score = score.key_results[kr.id]
            values = [float(c.value) for c in kr_score.counted]  # type: ignore[arg-type]
            colour = status_style(kr_score.status, colours)
            if kr.type == "health":
                state = health_state(kr_score.in_range)
                state = state if bar else state.split()[-1][:5]
                progress = Text(state, style=colour)
            else:
                progress = Text(progress_bar(kr_score.progress, bar) + " " if bar else "",
                                style=colour)
                progress.append(f"{kr_score.progress or 0:.2f}")
            cells = [
                plain(kr.title),
                plain(now_and_goal(kr, kr_score.current)),
                progress,
                Text(sparkline(values, trend), style=colour),
            ]
            if wide:
                confidence = kr_score.confidence
                forecast = kr_score.forecast
                cells += [
                    Text("–" if confidence is None else format_number(confidence)),
                    Text("–" if forecast is None else f"{forecast.progress:.2f}"),
                ]
            cells.append(status_cell(kr_score.status, kr_score.stale, colours, labelled,
                                     kr_score.label))
            added.append((cells, kr.id, 1))
            if kr.id == keep:
                cursor = index
        self.add_rows_at_once(added)
        if objective.key_results:
            self.move_cursor(row=cursor, animate=False)

    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key == NO_KEY_RESULTS else key
