"""lint's findings per file, kept between runs: in a folder of years nearly every file is
one nobody changed, and reading its objective back costs more than linting it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from okrtui.core.cache_file import CacheFile
from okrtui.core.lint import Findings, findings
from okrtui.core.settings import Settings
from okrtui.core.store import Folder

_FORMAT = 1


class LintCache(CacheFile[tuple[bytes, Findings]]):
    """Findings by objective id and the digest of the bytes they were found in; valid for
    one version of the settings and one day (check-ins after today are a finding)."""

    def __init__(self, root: Path, settings: Settings, today: date | None) -> None:
        super().__init__(root, "lint", (_FORMAT, repr(settings), today))
        self.today = today

    def findings(self, folder: Folder, oid: str) -> Findings:
        """The findings of a file that has an objective (``folder.has_objective``)."""
        digest = folder.entries[oid].digest
        kept = self.entries.get(oid)
        if digest and kept is not None and kept[0] == digest:
            return kept[1]
        found = findings(folder.objective(oid), folder.settings, self.today)
        if digest:
            self.entries[oid] = (digest, found)
            self.dirty = True
        return found
