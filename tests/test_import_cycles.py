"""The plugin's modules import one another without a cycle: data flows one way, and so do imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
PACKAGE = "directory"


def module_name(path: Path, root: Path = PLUGINS) -> str:
    """Return the dotted name of a module file: directory/exports/__init__.py is directory.exports."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str], root: Path = PLUGINS) -> set[str]:
    """Return the plugin's modules a file imports anywhere in it (inside functions too), relative imports resolved."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from . import feeds` imports the module directory.exports.feeds; `from . import Site`, the package.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `import directory.exports.feeds` names the module, or a name in one
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root: Path = PLUGINS, package: str = PACKAGE) -> dict[str, set[str]]:
    """Return {module: the plugin's modules it imports} for every module of the package."""
    paths = sorted((root / package).rglob("*.py"))
    modules = {module_name(path, root) for path in paths}
    return {module_name(path, root): imported_modules(path, modules, root) for path in paths}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return one cycle (a list of modules, first repeated last) for each group of modules that import one another."""
    return [_cycle_in(group, graph) for group in cyclic_groups(graph)]


def cyclic_groups(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return each group of two or more modules that import one another, directly or not (sorted names)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return groups


def _cycle_in(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """Walk from the group's first module along imports inside the group until a module repeats."""
    path = [group[0]]
    while True:
        step = min(target for target in graph[path[-1]] if target in group)
        if step in path:
            return path[path.index(step) :] + [step]
        path.append(step)


def test_the_plugin_has_no_import_cycle():
    graph = import_graph()
    assert "directory.site.pages" in graph and "directory.exports.feeds" in graph  # the walk found the plugin
    groups = cyclic_groups(graph)
    assert groups == [], "import cycles: " + "; ".join(f"{' -> '.join(_cycle_in(group, graph))} (in all: {', '.join(group)})" for group in groups)


def reached(graph: dict[str, set[str]], module: str) -> set[str]:
    """Return every module that importing `module` imports, directly or through others."""
    seen, todo = set(), [module]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


# The stages after derive read the derived directory; none of them imports another.
CONSUMERS = {
    "pages": ("directory.site",),
    "search": ("directory.search",),
    "exports": ("directory.exports",),
}
# The one thing the data stage uses from outside it: the parallel map (which imports only data.problems).
DATA_STAGE_USES = {"directory.parallel"}


def _stage(module: str) -> str | None:
    return next((stage for stage, prefixes in CONSUMERS.items() if any(module == p or module.startswith(p + ".") for p in prefixes)), None)


def test_pages_search_and_exports_import_none_of_one_another_and_nothing_below_imports_them():
    graph = import_graph()
    # Only the generator puts the stages together; the commands (directory.cli) sit above everything, as it does.
    for module in sorted(module for module in set(graph) - {PACKAGE, "directory.generator"} if not module.startswith("directory.cli")):
        own = _stage(module)
        crossed = sorted(target for target in reached(graph, module) if _stage(target) not in (None, own))
        assert crossed == [], f"{module} ({own or 'before the stages'}) imports {crossed}"


def outside_the_data_stage(graph: dict[str, set[str]], module: str) -> list[str]:
    """Return the modules outside data/ (but the parallel map) that importing `module` imports."""
    return sorted(target for target in reached(graph, module) - DATA_STAGE_USES if target != "directory.data" and not target.startswith("directory.data."))


def test_the_data_stage_imports_nothing_after_it():
    graph = import_graph()
    data = sorted(module for module in graph if module.startswith("directory.data."))
    assert "directory.data.checks" in data and "directory.data.loader" in data  # the walk found the stage
    for module in data:
        assert outside_the_data_stage(graph, module) == [], f"{module} (data stage) imports {outside_the_data_stage(graph, module)}"


def test_the_stage_check_finds_an_import_from_a_later_stage():
    graph = import_graph()
    graph["directory.data.loader"] = graph["directory.data.loader"] | {"directory.site.pages"}
    assert "directory.site.pages" in outside_the_data_stage(graph, "directory.data.loader")


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        # A lazy import inside a function is still a cycle.
        (
            {"pkg/__init__.py": "", "pkg/a.py": "from .b import x\n", "pkg/b.py": "def f():\n    from .a import y\n"},
            ["pkg.a", "pkg.b", "pkg.a"],
        ),
        # `from . import Site` in a submodule imports the package itself.
        (
            {"pkg/__init__.py": "def g():\n    from . import sub\n", "pkg/sub.py": "from . import Site\n"},
            ["pkg", "pkg.sub", "pkg"],
        ),
        # `from .. import x` climbs one package; absolute imports of the package count too.
        (
            {"pkg/__init__.py": "", "pkg/low.py": "import pkg.deep.mod\n", "pkg/deep/__init__.py": "", "pkg/deep/mod.py": "from .. import low\n"},
            ["pkg.deep.mod", "pkg.low", "pkg.deep.mod"],
        ),
    ],
)
def test_a_cycle_is_found(tmp_path, files, cycle):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert find_cycles(import_graph(tmp_path, "pkg")) == [cycle]


def test_imports_without_a_cycle_pass(tmp_path):
    for name, text in {"pkg/__init__.py": "", "pkg/a.py": "from . import b\nimport os\n", "pkg/b.py": "from .c import z\n", "pkg/c.py": ""}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert import_graph(tmp_path, "pkg")["pkg.a"] == {"pkg.b"}
    assert find_cycles(import_graph(tmp_path, "pkg")) == []
