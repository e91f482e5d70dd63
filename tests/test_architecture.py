"""Where code lives says what it depends on: the core has no Qt in it and never reaches the GUI.

Every module under desktop/ is parsed, and every import in it is read (those inside functions
too); outside desktop/gui/ none may name PySide6 (or shiboken6) or desktop.gui.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "desktop"
GUI = PACKAGE / "gui"
#: Top-level names only the GUI may import.
QT = ("PySide6", "shiboken6")


def module_name(path: Path) -> str:
    """The dotted name of a module file under the repository."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(source: str, package: str) -> list[tuple[int, str]]:
    """Every module a module's source imports, with its line.

    Import statements anywhere (inside functions too), and importlib.import_module or
    __import__ of a literal name; package: the module's package, for relative imports.
    """
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            # ``from desktop import gui`` names the GUI package through an alias.
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and (
                (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                or (isinstance(node.func, ast.Name) and node.func.id == "__import__")
            )
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return sorted(found, key=lambda item: item[0])  # ast.walk goes breadth first


def file_imports(path: Path) -> list[tuple[int, str]]:
    """imported_names of a module file under desktop/."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imported_names(path.read_text(encoding="utf-8"), package)


def forbidden(name: str) -> bool:
    """Whether a core module may not import the module called name."""
    top = name.split(".")[0]
    return top in QT or name == "desktop.gui" or name.startswith("desktop.gui.")


CORE_MODULES = sorted(p for p in PACKAGE.rglob("*.py") if GUI not in p.parents)


def test_the_core_is_every_module_outside_the_gui() -> None:
    names = {module_name(p) for p in CORE_MODULES}
    assert {"desktop.body.html_reader", "desktop.importing.html", "desktop.cli"} <= names
    assert not any(name.startswith("desktop.gui") for name in names)


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_core_module_imports_qt_or_the_gui(path: Path) -> None:
    bad = [f"line {line}: {name}" for line, name in file_imports(path) if forbidden(name)]
    assert bad == [], f"{path.relative_to(REPO)} imports the GUI or Qt: {bad}"


def test_the_check_sees_imports_inside_functions_and_by_name() -> None:
    """The reader of imports itself: every way of naming the GUI is caught."""
    source = (
        "from desktop.render import page\n"
        "def f():\n"
        "    from desktop.gui.app import run_app\n"
        "    import PySide6.QtCore\n"
        "    from desktop import gui\n"
        "    import importlib; importlib.import_module('desktop.gui.preview')\n"
        "    from ..gui import dialogs\n"
    )
    names = [name for _, name in imported_names(source, "desktop.body")]
    assert [name for name in names if forbidden(name)] == [
        "desktop.gui.app",
        "desktop.gui.app.run_app",
        "PySide6.QtCore",
        "desktop.gui",
        "desktop.gui.preview",
        "desktop.gui",
        "desktop.gui.dialogs",
    ]
    assert not forbidden("desktop.render.page") and not forbidden("desktop.guide")


def test_importing_every_core_module_loads_no_qt() -> None:
    """What the static check promises holds at run time too (imports of imports included)."""
    names = [module_name(p) for p in CORE_MODULES if p.name != "__main__.py"]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith('desktop.gui')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
