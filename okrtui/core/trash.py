"""Deletes that can be undone: before okrtui deletes an objective, a key result or a
check-in, the files it is about to change are copied into ``.trash/`` in the workspace
(which the loader ignores). Restoring puts them back, unless they changed again since,
which would lose that later change: then it says so and leaves everything as it is."""

from __future__ import annotations

import hashlib
import shutil
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from okrtui.core import edits
from okrtui.core.model import Objective

TRASH = ".trash"
MANIFEST = "deleted.toml"
GONE = "gone"


class TrashError(Exception):
    """A restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Entry:
    """One delete that can be undone: what was deleted, when, and the files it touched."""

    id: str
    when: datetime
    description: str
    files: dict[str, str]
    """Relative path -> the file's fingerprint right after the delete (GONE: removed)."""

    @property
    def folder_name(self) -> str:
        return self.id


def save(root: Path, files: list[Path], description: str, now: datetime | None = None) -> str:
    """Copy ``files`` (as they are now) into a new trash entry; returns its id. Call
    ``seal`` once the delete is done."""
    now = now or datetime.now()
    base = now.strftime("%Y%m%d-%H%M%S")
    folder = _unique(root / TRASH, base)
    for path in files:
        rel = path.relative_to(root)
        target = folder / "files" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    fields = {"when": now.replace(microsecond=0), "description": description,
              "files": [p.relative_to(root).as_posix() for p in files]}
    (folder / MANIFEST).write_text(edits.objective_text(fields), encoding="utf-8")
    return folder.name


def seal(root: Path, entry_id: str) -> None:
    """Record each file's state after the delete, so a restore can tell later changes."""
    folder = root / TRASH / entry_id
    manifest = folder / MANIFEST
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    after = {rel: _fingerprint(root / rel) for rel in data["files"]}
    text = manifest.read_text(encoding="utf-8") + "\n[after]\n" + "".join(
        f"{edits.toml_value(rel)} = {edits.toml_value(state)}\n" for rel, state in after.items())
    manifest.write_text(text, encoding="utf-8")


def entries(root: Path) -> list[Entry]:
    """What is in the trash, newest first; damaged entries are skipped."""
    found = []
    try:
        folders = list((root / TRASH).iterdir())
    except OSError:
        return []
    for folder in folders:
        try:
            data = tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            when = data["when"]
            found.append(Entry(folder.name, when, str(data["description"]),
                               {str(k): str(v) for k, v in data.get("after", {}).items()}))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError):
            continue
    return sorted(found, key=lambda e: (e.when, e.id), reverse=True)


def restore(root: Path, entry_id: str | None = None) -> Entry:
    """Put an entry's files back (the newest entry by default) and remove it from the
    trash. TrashError, changing nothing, when a file changed again since the delete."""
    from okrtui.core.store import atomic_write

    available = entries(root)
    if not available:
        raise TrashError("the trash is empty: nothing to restore")
    entry = next((e for e in available if e.id == entry_id), None) if entry_id else available[0]
    if entry is None:
        raise TrashError(f"no {entry_id!r} in the trash; okrtui trash lists what is there")
    if not entry.files:
        raise TrashError(f"{entry.id} was not finished (okrtui stopped during the delete): "
                         f"its files are in {root / TRASH / entry.id / 'files'}")
    outside = [rel for rel in entry.files
               if root.resolve() not in (root / rel).resolve().parents]
    if outside:
        raise TrashError(f"{entry.id} names files outside the workspace ({outside[0]}): "
                         "okrtui does not restore it")
    changed = [rel for rel, state in entry.files.items() if _fingerprint(root / rel) != state]
    if changed:
        raise TrashError(f"{', '.join(changed)} changed after the delete; restoring would lose "
                         f"that change. The old version is in {root / TRASH / entry.id}: copy "
                         "what you need from it")
    folder = root / TRASH / entry.id
    for rel in entry.files:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, (folder / "files" / rel).read_bytes())
    shutil.rmtree(folder, ignore_errors=True)
    return entry


def remove_empty_folders(root: Path, start: Path) -> None:
    """After deleting a file, remove the folders it leaves empty (up to the workspace)."""
    folder = start
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _fingerprint(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return GONE


def _unique(trash: Path, base: str) -> Path:
    for n in range(1000):
        folder = trash / (base if n == 0 else f"{base}-{n}")
        try:
            folder.mkdir(parents=True)
            return folder
        except FileExistsError:
            continue
    raise OSError(f"cannot make a trash entry in {trash}")




# -- deletes that go through the trash -----------------------------------------------------------

def delete_objective(root: Path, objective: Objective, children: list[Objective]) -> str:
    """Delete an objective's file; objectives in ``children`` (that name it as parent) are
    unlinked in the same step. Returns the trash entry to undo it with."""
    from okrtui.core.store import delete_objective as unlink_file
    from okrtui.core.store import write_edit

    entry = save(root, [objective.path, *(c.path for c in children)],
                 f"delete objective {objective.id}"
                 + (f" (and unlink {len(children)} supporting)" if children else ""))
    try:
        for child in children:
            write_edit(root, child.path, edits.SetField("parent", None))
        unlink_file(objective.path)
    except BaseException:
        _undo_partial(root, entry)
        raise
    seal(root, entry)
    remove_empty_folders(root, objective.path.parent)
    return entry


def delete_in_file(root: Path, objective: Objective, edit: edits.Edit, description: str) -> str:
    """Apply a deleting edit (a key result, a check-in) to one file, through the trash."""
    from okrtui.core.store import write_edit

    entry = save(root, [objective.path], description)
    try:
        write_edit(root, objective.path, edit)
    except BaseException:
        _undo_partial(root, entry)
        raise
    seal(root, entry)
    return entry


def _undo_partial(root: Path, entry: str) -> None:
    """A delete that failed half-way: put back what changed, forget the entry."""
    from okrtui.core.store import atomic_write

    folder = root / TRASH / entry
    saved = folder / "files"
    for path in saved.rglob("*"):
        if path.is_file():
            target = root / path.relative_to(saved)
            if not target.exists() or target.read_bytes() != path.read_bytes():
                atomic_write(target, path.read_bytes())
    shutil.rmtree(folder, ignore_errors=True)
