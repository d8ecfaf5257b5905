"""Colour themes: TOML files from the shipped ``themes/`` folder and the user's themes folder.

A theme file holds Textual's theme colours plus okrtui's status colours as ``[variables]``
(``okr-on-track``, ``okr-at-risk``, ``okr-off-track``, ``okr-stale``), used by the CSS.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from okrtui import paths

COLOUR_KEYS = ("primary", "secondary", "accent", "foreground", "background", "surface",
               "panel", "boost", "warning", "error", "success")
STATUS_VARIABLES = {
    "okr-on-track": "#4caf50",
    "okr-at-risk": "#e5a50a",
    "okr-off-track": "#e01b24",
    "okr-stale": "#8f8f8f",
}
DEFAULT_THEME = "okrtui-dark"


@dataclass(frozen=True)
class LoadedThemes:
    """The themes read from the theme folders, and the files that could not be used."""

    themes: list[Theme]
    broken: list[str]
    """``file: reason`` for each theme file that was skipped."""


def shipped_themes_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "themes"  # inside an installed wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "themes"  # a source checkout


def load_themes(folders: list[Path] | None = None) -> LoadedThemes:
    folders = folders if folders is not None else [shipped_themes_dir(), paths.user_themes_dir()]
    themes: list[Theme] = []
    broken: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                themes.append(theme_from_file(path))
            except ValueError as exc:
                broken.append(f"{path.name}: {exc}")
    return LoadedThemes(themes, broken)


def theme_from_file(path: Path) -> Theme:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(str(exc)) from None
    name = raw.get("name", path.stem)
    if not isinstance(name, str) or not name:
        raise ValueError("name must be a string")
    if "primary" not in raw:
        raise ValueError("primary colour is required")
    colours = {}
    for key in COLOUR_KEYS:
        if key in raw:
            colours[key] = _colour(raw[key], key)
    variables = dict(STATUS_VARIABLES)
    extra = raw.get("variables", {})
    if not isinstance(extra, dict):
        raise ValueError("[variables] must be a table")
    for key, value in extra.items():
        variables[key] = _colour(value, key) if key.startswith("okr-") else str(value)
    dark = raw.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError("dark must be true or false")
    return Theme(name=name, dark=dark, variables=variables, **colours)


def _colour(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{key} must be a colour string like \"#88c0d0\"")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f"{key} = {value!r} is not a colour") from None
    return value
