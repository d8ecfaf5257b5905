"""Workspace settings from ``okrtui.toml``: read with tomllib, defaults for anything unset."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrtui.core.model import CADENCES, Level, Problem
from okrtui.core.parse import decode, load_toml
from okrtui.core.scoring import Thresholds

if TYPE_CHECKING:
    from okrtui.core import toml_text

SETTINGS_FILE = "okrtui.toml"

TEMPLATE = '''\
# okrtui workspace settings. Every key is optional: the values shown are the defaults.
# Objectives live in *.toml files anywhere below this folder (files and folders whose
# name starts with "." or "_" are ignored). See docs/format.md for the file format.

# Shown in the app's header and in reports.
name = "{name}"

# Check-in rhythm for objectives that do not set their own `cadence`:
# "weekly", "biweekly" or "monthly". A key result with no check-in for more than
# two intervals is marked stale.
cadence = "weekly"

[status]
# Status compares progress with the progress expected by today
# (elapsed share of the period x 1.0 for committed, x 0.7 for aspirational objectives).
# progress / expected >= on_track: on track; >= at_risk: at risk; below: off track.
on_track = 0.9
at_risk = 0.6

[lint]
# Focus: a few key results per objective, a few objectives per owner and period.
max_key_results = 3
max_objectives_per_owner = 5

[git]
# Commit each change okrtui makes to this folder when it is inside a git repository.
autocommit = false
'''

_KNOWN = {
    "": {"name", "cadence", "status", "lint", "git"},
    "status": {"on_track", "at_risk"},
    "lint": {"max_key_results", "max_objectives_per_owner"},
    "git": {"autocommit"},
}


@dataclass(frozen=True)
class Settings:
    """The workspace's own settings, from its ``okrtui.toml``."""

    name: str = ""
    cadence: str = "weekly"
    thresholds: Thresholds = Thresholds()
    max_key_results: int = 3
    max_objectives_per_owner: int = 5
    autocommit: bool = False
    problems: tuple[Problem, ...] = field(default=(), compare=False)


def load_settings(root: Path) -> Settings:
    """Read ``root/okrtui.toml``. A bad value is reported and its default used instead."""
    path = root / SETTINGS_FILE
    default_name = root.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings(name=default_name)
    except OSError as exc:
        return Settings(name=default_name, problems=(
            Problem(path, 1, Level.ERROR, f"cannot read settings: {exc.strerror}"),))
    text, problem = decode(data, path)
    raw: dict[str, Any] | None = None
    if text is not None:
        raw, problem = load_toml(text, path) if text.strip() else ({}, None)
    if raw is None:
        assert problem is not None
        return Settings(name=default_name, problems=(problem,))
    assert text is not None
    return _from_raw(raw, text, path, default_name)


def _from_raw(raw: dict[str, Any], text: str, path: Path, default_name: str) -> Settings:
    problems: list[Problem] = []

    @functools.cache
    def scanned() -> toml_text.Layout:
        """Where things are, for a problem's line: scanned for the first one, if any."""
        from okrtui.core import toml_text

        return toml_text.scan(text)

    def report(table: str, key: str, level: Level, message: str) -> None:
        layout = scanned()
        header = (table,) if table else ()
        line = 1
        for section in layout.sections:
            if section.header == header:
                entry = next((e for e in section.entries if e.key == (key,)), None)
                line = layout.line_of(entry.line_start if entry else section.start)
        problems.append(Problem(path, line, level, message))

    def get(table: str, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        section = raw.get(table, {}) if table else raw
        if not isinstance(section, dict):
            return default
        value = section.get(key, default)
        if value is default:
            return default
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            report(table, key, Level.ERROR, f"{_name(table, key)} has the wrong type "
                                            f"({value!r}); using the default {default!r}")
            return default
        return value

    for table, known in _KNOWN.items():
        section = raw.get(table, {}) if table else raw
        if isinstance(section, dict):
            for key in sorted(set(section) - known):
                report(table, key, Level.WARNING,
                       f"unknown setting {_name(table, key)!r} is ignored (check its spelling)")
    cadence = get("", "cadence", str, "weekly")
    if cadence not in CADENCES:
        report("", "cadence", Level.ERROR,
               f"cadence = {cadence!r} is not one of {', '.join(CADENCES)}; using weekly")
        cadence = "weekly"
    on_track = float(get("status", "on_track", (int, float), 0.9))
    at_risk = float(get("status", "at_risk", (int, float), 0.6))
    if not 0 < at_risk <= on_track:
        report("status", "at_risk", Level.ERROR,
               "status thresholds need 0 < at_risk <= on_track; using 0.9 and 0.6")
        on_track, at_risk = 0.9, 0.6
    return Settings(
        name=get("", "name", str, default_name) or default_name,
        cadence=cadence,
        thresholds=Thresholds(on_track=on_track, at_risk=at_risk),
        max_key_results=get("lint", "max_key_results", int, 3),
        max_objectives_per_owner=get("lint", "max_objectives_per_owner", int, 5),
        autocommit=get("git", "autocommit", bool, False),
        problems=tuple(problems),
    )


def _name(table: str, key: str) -> str:
    return f"{table}.{key}" if table else key
