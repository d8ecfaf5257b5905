"""What the app's workers report back to it."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.message import Message

from okrtui.core.scoring import ObjectiveScore
from okrtui.core.store import Workspace


@dataclass
class WorkspaceLoaded(Message):
    """The workspace was read (in a worker) and scored for the app's today."""

    workspace: Workspace
    scores: dict[str, ObjectiveScore]
    painted: threading.Event | None = None
    """Set by the app once this workspace is on screen."""


@dataclass
class FileSaved(Message):
    """A change reached the disk; ``select`` is an objective to show once reloaded."""

    summary: str
    select: str | None = None
    warning: str | None = None
    """Saved, but something after it (autocommit) went wrong."""


@dataclass
class WriteFailed(Message):
    """The store refused a change; nothing was written."""

    title: str
    reason: str
