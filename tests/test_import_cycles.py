"""No import circles between okrtui's modules: a module may be imported only by modules
it does not (directly or through others) import itself. Imports made only for type
checking count too."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "okrtui"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "okrtui"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("okrtui")}
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_circles():
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: {m for m in imports_of(path) if m in modules and m != name}
             for name, path in modules.items()}
    circles = []

    def visit(name: str, trail: list[str]) -> None:
        for target in graph[name]:
            if target in trail:
                circles.append(trail[trail.index(target):] + [target])
            elif len(trail) < 12:
                visit(target, [*trail, target])

    for name in graph:
        visit(name, [name])
    packages = {m for m in modules if (PACKAGE.parent / m.replace(".", "/")).is_dir()}
    real = {tuple(c) for c in circles if not set(c) & packages}
    assert not real, f"import circles: {sorted(real)[:5]}"
