"""No import cycles in the package: the import graph of every module, read with ``ast``.

Imports at module level (run when the module is first imported) are the edges that matter:
a cycle among them makes a module see its partner half-initialised, depending on which one
happens to be imported first. Imports inside functions (run when called) and imports under
``if TYPE_CHECKING:`` (never run) are counted apart; the one place allowed to close a cycle
through a function-level import is the dialog seam, which opens the dialog modules that
themselves ask through it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "desktop"
#: Modules whose function-level imports may close a cycle (and why): the dialog seam opens
#: the dialog modules lazily, and those modules ask their own questions through it.
LAZY_OPENERS = {"desktop.gui.dialogs"}


@dataclass
class ImportGraph:
    """Module name -> modules it imports, split by when the import runs."""

    module_level: dict[str, set[str]] = field(default_factory=dict)
    function_level: dict[str, set[str]] = field(default_factory=dict)
    type_checking: dict[str, set[str]] = field(default_factory=dict)


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` under ``root``, by dotted name."""
    names: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _known(name: str, modules: Mapping[str, Path]) -> str | None:
    # ``import a.b.c`` where c is a class or function: the deepest module that exists.
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imported_modules(
    node: ast.Import | ast.ImportFrom, module: str, modules: Mapping[str, Path]
) -> set[str]:
    """The package's modules an import statement of ``module`` loads."""
    found: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            target = _known(alias.name, modules)
            if target:
                found.add(target)
        return found
    base = node.module or ""
    if node.level:
        is_package = modules[module].name == "__init__.py"
        anchor = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            anchor = anchor.rpartition(".")[0]
        base = f"{anchor}.{base}" if base else anchor
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        target = submodule if submodule in modules else _known(base, modules)
        if target:
            found.add(target)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def build_graph(root: Path, package: str) -> ImportGraph:
    """Read every module's imports and sort them by when they run."""
    modules = module_names(root, package)
    graph = ImportGraph()
    for name, path in modules.items():
        for edges in (graph.module_level, graph.function_level, graph.type_checking):
            edges[name] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

        def visit(node: ast.AST, where: dict[str, set[str]], name: str = name) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.Import | ast.ImportFrom):
                    where[name] |= imported_modules(child, name, modules) - {name}
                elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                    visit(child, graph.function_level)
                elif isinstance(child, ast.If) and _is_type_checking(child.test):
                    for statement in child.body:
                        visit(ast.Module(body=[statement], type_ignores=[]), graph.type_checking)
                    for statement in child.orelse:
                        visit(ast.Module(body=[statement], type_ignores=[]), where)
                else:
                    visit(child, where)

        visit(tree, graph.module_level)
    return graph


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return sorted(found)


def merged(*graphs: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """One graph with the edges of all."""
    result: dict[str, set[str]] = {}
    for graph in graphs:
        for node, targets in graph.items():
            result.setdefault(node, set()).update(targets)
    return result


@pytest.fixture(scope="module")
def graph() -> ImportGraph:
    return build_graph(ROOT, PACKAGE)


def test_no_module_level_import_cycles(graph: ImportGraph) -> None:
    assert len(graph.module_level) > 90  # every module of the package was read
    assert cycles(graph.module_level) == []


def test_function_level_imports_close_a_cycle_only_in_the_dialog_seam(graph: ImportGraph) -> None:
    lazy = {
        module: set() if module in LAZY_OPENERS else targets
        for module, targets in graph.function_level.items()
    }
    assert cycles(merged(graph.module_level, lazy)) == []
    # The seam opens the dialogs lazily (the old conflict_dialog <-> dialogs <-> history_dialog
    # knot): none of them is imported when the seam is, though each one imports the seam.
    seam = "desktop.gui.dialogs"
    for dialog in ("conflict_dialog", "history_dialog", "trash_dialog", "backup_dialogs"):
        module = f"desktop.gui.{dialog}"
        assert module in graph.function_level[seam]
        assert module not in graph.module_level[seam]
        assert seam in graph.module_level[module]


def write_package(root: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_graph_sees_cycles_through_any_import_form(tmp_path: Path) -> None:
    write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.b import thing\n",
            "pkg/b.py": "from . import c\nthing = 1\n",
            "pkg/c.py": "import pkg.a\n",
            "pkg/lazy.py": "def f():\n    from pkg import a\n",
            "pkg/typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from pkg.sub.d import D\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/d.py": "from ..lazy import f\nfrom ..typed import x\n",
        },
    )
    graph = build_graph(tmp_path, "pkg")
    assert graph.module_level["pkg.a"] == {"pkg.b"}
    assert graph.module_level["pkg.b"] == {"pkg.c"}
    assert graph.module_level["pkg.sub.d"] == {"pkg.lazy", "pkg.typed"}
    assert cycles(graph.module_level) == [["pkg.a", "pkg.b", "pkg.c"]]
    # A function-level import and a type-only import are recorded but are no module cycle.
    assert graph.function_level["pkg.lazy"] == {"pkg.a"}
    assert graph.type_checking["pkg.typed"] == {"pkg.sub.d"}
    assert cycles(merged(graph.module_level, graph.type_checking)) == [
        ["pkg.a", "pkg.b", "pkg.c"],
        ["pkg.sub.d", "pkg.typed"],
    ]
