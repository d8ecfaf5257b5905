"""The core and the shell commands never load the UI libraries."""

import subprocess
import sys

import pytest

UI = ("textual", "rich", "plotext", "textual_plotext")


@pytest.mark.parametrize("module", [
    "okrtui.core.model", "okrtui.core.periods", "okrtui.core.scoring", "okrtui.core.store",
    "okrtui.core.workspace", "okrtui.core.edits", "okrtui.core.example", "okrtui.cli.main",
])
def test_core_imports_no_ui(module):
    code = (f"import sys, {module}\n"
            f"loaded = [m for m in {UI!r} if m in sys.modules]\n"
            "print(','.join(loaded))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
