"""The wheel carries the package, its stylesheet and the shipped themes."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_themes_and_stylesheet(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                             str(tmp_path), str(ROOT)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("okrtui-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"okrtui/themes/{p.name}" for p in (ROOT / "themes").glob("*.toml")}
    assert len(shipped) >= 4 and shipped <= names
    assert {"okrtui/tui/app.tcss", "okrtui/cli/main.py", "okrtui/core/store.py"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "okrtui = okrtui.cli.start:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
