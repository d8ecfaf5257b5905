"""Every per-user location okrtui reads or writes, each overridable for tests and odd setups.

platformdirs is imported lazily: most commands only need one of these paths.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_NAME = "okrtui"


def _dirs() -> PlatformDirs:
    import platformdirs

    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Folder of the user config file and user themes (env OKRTUI_CONFIG_DIR)."""
    override = os.environ.get("OKRTUI_CONFIG_DIR")
    return Path(override) if override else Path(_dirs().user_config_dir)


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def cache_dir() -> Path:
    """Folder of the parsed-file cache (env OKRTUI_CACHE_DIR)."""
    override = os.environ.get("OKRTUI_CACHE_DIR")
    return Path(override) if override else Path(_dirs().user_cache_dir)


def default_workspace() -> Path:
    """The personal goals folder used when no other workspace is found (env OKRTUI_DATA_DIR)."""
    override = os.environ.get("OKRTUI_DATA_DIR")
    base = Path(override) if override else Path(_dirs().user_data_dir)
    return base / "goals"
