"""The layout the README's "Architecture" section describes: territories is a leaf, apps depend
on each other in one direction only, and no module does several jobs."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
# The project's own apps: those of INSTALLED_APPS that are folders of this repository.
APPS = [app for app in settings.INSTALLED_APPS if (ROOT / app / "__init__.py").exists()]
# One-off commands that rebuild committed fixtures from upstream packages.
BUILD_COMMANDS = {"build_territory_fixtures.py", "build_departement_map.py"}
MAX_LINES = 600


def modules(include_migrations=False):
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if include_migrations or "migrations" not in path.parts:
                yield path


def module_name(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imported(path):
    """Project modules (or packages) imported anywhere in the file, functions included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.split(".")[0] in APPS}


def import_graph(include_migrations=False):
    known = {module_name(p): p for p in modules(include_migrations)}
    return {
        name: {other for other in imported(path) if other in known and other != name}
        for name, path in known.items()
    }


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def app_graph():
    graph = {}
    for name, others in import_graph().items():
        app = name.split(".")[0]
        graph.setdefault(app, set()).update(o.split(".")[0] for o in others)
        graph[app].discard(app)
    return graph


def test_territories_imports_no_other_app_of_the_project():
    """Only itself and the project's foundation (essmap: French wording, HTTP helpers)."""
    for path in (ROOT / "territories").rglob("*.py"):
        outside = {n for n in imported(path) if n.split(".")[0] not in ("territories", "essmap")}
        assert not outside, f"{path.relative_to(ROOT)} imports {sorted(outside)}"


def test_the_foundation_imports_no_app():
    """essmap (settings, addresses, error pages, French wording) names apps only as strings."""
    assert app_graph()["essmap"] == set()


def test_migrations_run_no_live_app_code():
    for app in APPS:
        for path in (ROOT / app).glob("migrations/*.py"):
            assert not imported(path), f"{path.relative_to(ROOT)} imports {imported(path)}"


def test_no_import_cycle_between_modules():
    assert cycles(import_graph()) == []


def test_no_import_cycle_between_apps():
    assert cycles(app_graph()) == []


def test_cycles_are_detected():
    """The check above can fail."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("path", list(modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_does_several_jobs(path):
    if path.name in BUILD_COMMANDS:
        pytest.skip("one-off build command")
    assert len(path.read_text().splitlines()) <= MAX_LINES
