"""The user config file (``<config dir>/okrtui/config.toml``): read with tomllib, written
with tomlkit so that the user's comments and layout survive."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrtui import paths

TEMPLATE = """\
# okrtui user settings.

# Your name, written as `by` on your check-ins (default: git config user.name, then your login).
# name = "alice"

# Colour theme; switch it in the app with ctrl+p -> "Theme".
# theme = "okrtui-dark"

[keymap]
# Remap keys by binding id, several keys separated by commas. See `?` in the app for ids.
# checkin = "c,space"
"""


@dataclass(frozen=True)
class UserConfig:
    """The person's own settings, from their config file."""

    name: str = ""
    theme: str = ""
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    """Why the file could not be used, if it could not."""


def load_config(path: Path | None = None) -> UserConfig:
    path = path or paths.config_file()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UserConfig()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else exc
        return UserConfig(problem=f"{path}: {reason}; using the defaults")
    keymap = raw.get("keymap", {})
    if not isinstance(keymap, dict):
        keymap = {}
    return UserConfig(
        name=raw.get("name", "") if isinstance(raw.get("name"), str) else "",
        theme=raw.get("theme", "") if isinstance(raw.get("theme"), str) else "",
        keymap={k: v for k, v in keymap.items() if isinstance(v, str)},
    )


def save_setting(key: str, value: Any, path: Path | None = None) -> None:
    """Set one top-level key, keeping everything else in the file as it was."""
    import tomlkit

    from okrtui.core.store import atomic_write

    path = path or paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = TEMPLATE
    document = tomlkit.parse(text)
    document[key] = value
    new_text = tomlkit.dumps(document)
    tomllib.loads(new_text)  # tomlkit has written invalid TOML before: never save that
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, new_text.encode("utf-8"))


class EditorError(Exception):
    """The editor could not be started; the message says what to set."""


def open_in_editor(path: Path) -> None:
    """Run $VISUAL (else $EDITOR, else vi) on ``path`` and wait for it to exit."""
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        finished = subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise EditorError(f"cannot run the editor {editor!r}: {reason}; set $VISUAL or "
                          "$EDITOR") from None
    if finished.returncode != 0:
        raise EditorError(f"the editor {editor!r} failed (exit code {finished.returncode}); "
                          "the file is as the editor left it")


def author_name(config: UserConfig | None = None) -> str:
    """Who is checking in: the config's name, else git's user.name, else the login name."""
    config = config or load_config()
    if config.name:
        return config.name
    import subprocess

    try:
        result = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                                timeout=5)
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
