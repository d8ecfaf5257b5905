"""Text from files reaches the app's screen as text: markup and escape sequences in titles,
owners and ids are shown literally and never crash or drive the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from okrtui.tui.app import OkrApp

from .tui_helpers import TODAY, settle

HOSTILE_TITLE = "[bold red]BOLD[/] [@click=app.quit]clickme[/] \x1b]52;c;aGk=\x07"
HOSTILE_OWNER = "[link=file:///etc/passwd]own[/link]"


def hostile_workspace(root: Path) -> Path:
    folder = root / "x[b]y" / "2026-Q4"
    folder.mkdir(parents=True)
    (root / "okrtui.toml").write_text('name = "[red]team[/]"\n')
    (folder / "hostile.toml").write_text(f'''\
title = {HOSTILE_TITLE!r}
period = "2026-Q4"
owner = {HOSTILE_OWNER!r}

[[key_results]]
id = "stars"
title = "[/] unbalanced"
start = 0
target = 10
checkins = [
  {{ date = 2026-11-01, value = 3, note = "[@click=app.quit]q[/]" }},
]
'''.replace("\x1b", "\\u001b").replace("\x07", "\\u0007"))
    (folder / "broken[i].toml").write_text("title = \n")
    return root


def border_text(widget) -> tuple[str, str]:
    return (str(widget.border_title), str(widget.border_subtitle))


async def test_markup_in_files_is_shown_literally_and_does_not_crash(tmp_path):
    root = hostile_workspace(tmp_path / "okrs")
    app = OkrApp(root, TODAY, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.is_running
        krs = app.main.query_one("#key-results")
        title, subtitle = border_text(krs)
        # the border shows the brackets themselves, escaped for markup
        rendered_title = krs._border_title  # what Textual will draw, parsed from markup
        assert rendered_title is not None
        plain_title = rendered_title.plain
        assert "[bold red]BOLD[/]" in plain_title and "[@click=app.quit]clickme[/]" in plain_title
        assert "\x1b" not in plain_title and "\\x1b" in plain_title
        assert not rendered_title.spans or all(
            "click" not in str(span.style) and "bold" not in str(span.style)
            for span in rendered_title.spans)
        assert HOSTILE_OWNER in krs._border_subtitle.plain
        problems = app.main.query_one("#problems", Static)
        assert "broken[i].toml" in str(problems.render())
        # every key still works: moving into the key results and check-ins renders them
        await pilot.press("enter")
        await settle(pilot)
        checkins = app.main.query_one("#checkins")
        assert checkins._border_title.plain == "Check-ins · stars"
        app.notify(f"Deleted {HOSTILE_TITLE}")
        await pilot.pause()
        assert app.is_running
        assert app.screen.title.startswith("okrtui · [red]team[/]")
