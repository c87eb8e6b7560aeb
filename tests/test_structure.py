"""The shape of the code a newcomer takes over: no import cycle in `pipelines/`, no production
module of 600 lines or more, no production function over 80 lines.

Imports are read with `ast`, at module level and inside functions (an import hidden in a
function is still a cycle, only a later one). The sample generators (`samples/`) are not
production code and are not measured here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "pipelines"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80

# Exempt for now, each with its reason; remove the line when the reason is gone.
MODULE_EXEMPT: dict[str, str] = {}
FUNCTION_EXEMPT: dict[str, str] = {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `module` imports anywhere in its body (functions included)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from pipelines.ingest import registry` imports a module, not a name.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name in known and name != module}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each as a cycle path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def test_the_import_walk_sees_function_level_imports() -> None:
    graph = import_graph()
    # cli imports its commands' modules inside the commands (start-up time): the walk sees them.
    assert "pipelines.report.overview" in graph["pipelines.cli"]
    assert "pipelines.ingest.annual_reports" in graph["pipelines.ingest.registry"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_pipelines() -> None:
    cycles = _cycles(import_graph())
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_no_production_module_reaches_600_lines() -> None:
    too_long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= MAX_MODULE_LINES
        and name not in MODULE_EXEMPT
    }
    assert not too_long, f"modules of {MAX_MODULE_LINES} lines or more: {too_long}"


def _functions(module: str, path: Path) -> dict[str, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lengths: dict[str, int] = {}

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}.{child.name}"
                if not isinstance(child, ast.ClassDef):
                    assert child.end_lineno is not None
                    # From the def line (decorators excluded) to the last line of the body.
                    lengths[name] = child.end_lineno - child.lineno + 1
                walk(child, name)

    walk(tree, module)
    return lengths


def _exempt(function: str) -> bool:
    return function in FUNCTION_EXEMPT or any(
        key.endswith(".*") and function.startswith(key[:-1]) for key in FUNCTION_EXEMPT
    )


def test_no_production_function_is_over_80_lines() -> None:
    too_long = {
        name: n
        for module, path in _modules().items()
        for name, n in _functions(module, path).items()
        if n > MAX_FUNCTION_LINES and not _exempt(name)
    }
    assert not too_long, f"functions over {MAX_FUNCTION_LINES} lines: {too_long}"


@pytest.mark.parametrize("exempt", sorted(FUNCTION_EXEMPT))
def test_every_exemption_still_names_something(exempt: str) -> None:
    """An exemption whose function was split (or renamed) must go."""
    module = exempt.rpartition(".")[0]
    if exempt.endswith(".*"):
        assert module in _modules(), exempt
        return
    assert exempt in _functions(module, _modules()[module]), f"{exempt} is gone: remove its exemption"
