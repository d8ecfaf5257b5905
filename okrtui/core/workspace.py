"""Which folder is the workspace, which files in it are objectives, and what their ids are."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from okrtui.core.settings import SETTINGS_FILE


class NotFound(LookupError):
    """An objective reference that matches nothing, or more than one objective."""


def find_workspace(option: str | os.PathLike[str] | None = None,
                   environ: Mapping[str, str] = os.environ, cwd: Path | None = None) -> Path:
    """First match wins: ``--dir``; ``$OKRTUI_DIR``; walking up from ``cwd``, a folder D
    with ``D/okrtui.toml`` (D) or ``D/okrs/okrtui.toml`` (D/okrs); else the personal
    default folder, created on first use."""
    if option:
        return Path(option).expanduser().absolute()
    if environ.get("OKRTUI_DIR"):
        return Path(environ["OKRTUI_DIR"]).expanduser().absolute()
    here = (cwd or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
        if (folder / "okrs" / SETTINGS_FILE).is_file():
            return folder / "okrs"
    from okrtui import paths

    personal = paths.default_workspace()
    personal.mkdir(parents=True, exist_ok=True)
    return personal


def objective_file_paths(root: Path) -> dict[str, str]:
    """Every objective file below ``root`` by id, skipping names starting with '.' or '_',
    folders reached through links, and files whose link leads outside the workspace.

    Paths as strings: a folder of years has hundreds of files that a command only stats,
    and a ``Path`` each would cost more than the stat."""
    found: dict[str, str] = {}
    inside: Path | None = None
    top = str(root)
    prefix = len(os.path.join(top, ""))
    stack = [top]  # strings as scandir gives them, so that every path starts with ``top``
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith((".", "_")):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.name.endswith(".toml") and entry.is_file():
                if entry.is_symlink():
                    inside = inside or root.resolve()
                    if inside not in Path(entry.path).resolve().parents:
                        continue  # never read (or write) a file outside the workspace
                if folder == top and entry.name == SETTINGS_FILE:
                    continue
                # objective_id(root, path), without pathlib's cost on a folder of years
                found[entry.path[prefix:-len(".toml")].replace(os.sep, "/")] = entry.path
    return dict(sorted(found.items()))


def objective_id(root: Path, path: Path) -> str:
    """The path relative to the workspace, without ``.toml``, with '/' separators."""
    return path.relative_to(root).with_suffix("").as_posix()


def resolve(query: str, ids: Iterable[str]) -> str:
    """The one id equal to ``query`` or ending with ``/query``; else a NotFound listing the
    candidates."""
    query = query.strip().strip("/").removesuffix(".toml")
    ids = list(ids)
    if query in ids:
        return query
    matches = [i for i in ids if i.endswith("/" + query)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFound(f"{query!r} matches {len(matches)} objectives: {', '.join(matches)}; "
                       "type more of the id")
    near = [i for i in ids if query.lower() in i.lower()]
    hint = f"; did you mean: {', '.join(near[:8])}" if near else ""
    raise NotFound(f"no objective {query!r} in this workspace{hint}")


def slug(text: str) -> str:
    """A file-name-safe version of a title: ``Grow an engaged community`` ->
    ``grow-an-engaged-community``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "objective"


def default_objective_path(title: str, owner: str, period: str) -> str:
    """Where a new objective goes unless told otherwise: ``owner/period/title-slug``."""
    return "/".join(part for part in (slug(owner) if owner else "", period, slug(title)) if part)
