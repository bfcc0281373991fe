"""The package's modules depend one way: no import cycle, counting the imports made inside functions too."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "semax_evidence"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """module -> the package modules it imports (relative and absolute, at any depth of the code)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level else ""
                target = ".".join(p for p in (base, node.module or "") if p) if node.level else node.module or ""
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    graph[name].add(full if full in modules else target)
            elif isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names)
        graph[name] = {t for t in graph[name] if t in modules and t != name and not name.startswith(t + ".")}
    return graph


def test_no_import_cycle():
    try:
        list(TopologicalSorter(import_graph()).static_order())
    except CycleError as err:
        raise AssertionError(f"import cycle: {' -> '.join(err.args[1])}") from None


def test_the_cycle_test_sees_a_cycle():
    graph = import_graph()
    graph["semax_evidence.metadata"].add("semax_evidence.tables")  # tables imports metadata: a planted cycle
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError:
        return
    raise AssertionError("a planted cycle went unseen")


def test_registry_sits_at_the_bottom():
    graph = import_graph()
    for bottom in ("semax_evidence.vocabularies", "semax_evidence._version"):
        assert graph[bottom] == set(), f"{bottom} imports {graph[bottom]}"
    assert graph["semax_evidence.metadata"] <= {"semax_evidence._version", "semax_evidence.vocabularies"}
