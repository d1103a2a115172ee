"""The plugin is an installed package: Python finds it without help, Pelican loads it by name.

`make setup` installs plugins/directory/ editable, with its console scripts (pyproject.toml);
nothing in the repository reaches it, or anything else, by changing sys.path.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import directory
from support import PINNED_EPOCH, ROOT

BIN = Path(sys.executable).parent
SKIPPED = {".venv", "node_modules", ".git"}
# Calls that change where Python looks for modules.
PATH_METHODS = {"insert", "append", "extend", "remove", "pop", "clear", "reverse", "sort", "__setitem__", "__iadd__"}


def python_files() -> list[Path]:
    """Every Python file of the repository, outside the installed packages."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(name for name in subfolders if name not in SKIPPED and not name.startswith(("output", ".cache")))
        found += [Path(folder) / name for name in sorted(files) if name.endswith(".py")]
    return found


def path_changes(source: str) -> list[int]:
    """Return the lines of source that change sys.path (or add a site folder)."""

    def is_sys_path(node) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "path" and isinstance(node.value, ast.Name) and node.value.id == "sys"

    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in PATH_METHODS and is_sys_path(node.value):
            lines.append(node.lineno)  # sys.path.insert(...), sys.path.append(...) ...
        elif isinstance(node, ast.Attribute) and node.attr == "addsitedir":
            lines.append(node.lineno)  # site.addsitedir(...)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                inner = target.value if isinstance(target, ast.Subscript) else target
                if is_sys_path(inner):
                    lines.append(node.lineno)  # sys.path = ..., sys.path += ..., sys.path[:0] = ...
        elif isinstance(node, ast.ImportFrom) and node.module == "sys" and any(alias.name == "path" for alias in node.names):
            lines.append(node.lineno)  # from sys import path, then path.insert(...)
    return sorted(lines)


@pytest.mark.parametrize(
    "source",
    [
        "import sys\nsys.path.insert(0, 'plugins')\n",
        "import sys\nsys.path.append('.')\n",
        "import os, sys\nsys.path += [os.curdir]\n",
        "import sys\nsys.path[:0] = ['plugins']\n",
        "import sys\nsys.path = ['plugins', *sys.path]\n",
        "from sys import path\npath.insert(0, 'plugins')\n",
        "import site\nsite.addsitedir('plugins')\n",
    ],
)
def test_the_sys_path_check_finds_each_way_of_changing_it(source):
    assert path_changes(source), source


def test_the_sys_path_check_lets_reading_it_be():
    assert path_changes("import sys\nprint(sys.path[0], len(sys.path))\n# sys.path.insert(0, 'x') in a comment\n") == []


def test_no_python_file_changes_sys_path():
    files = python_files()
    assert ROOT / "publishconf.py" in files and ROOT / "tests" / "conftest.py" in files and ROOT / "scripts" / "validate.py" in files
    found = [f"{path.relative_to(ROOT)}:{line}" for path in files for line in path_changes(path.read_text(encoding="utf-8"))]
    assert not found, "import the installed package (make setup installs it editable) instead of changing sys.path: " + ", ".join(found)


def test_the_tests_import_the_checkouts_package():
    assert Path(directory.__file__).resolve() == ROOT / "plugins" / "directory" / "__init__.py", "run `make setup`: .venv has another copy of the package"


def test_the_installed_package_declares_its_commands_and_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installed = metadata.distribution(project["name"])
    assert {entry.name: entry.value for entry in installed.entry_points.select(group="console_scripts")} == project["scripts"]
    for name in project["scripts"]:
        assert (BIN / name).is_file(), f"{name} is not installed in {BIN}: run `make setup`"
    # Every package the plugin imports is a dependency (requirements.txt pins each exactly).
    required = {requirement.split(">")[0].split("<")[0].split("=")[0].lower() for requirement in installed.requires or []}
    pinned = {line.split("==")[0].lower() for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").split() if "==" in line}
    assert required <= pinned, f"pin these in constraints.txt: {sorted(required - pinned)}"
    assert {"pelican", "jsonschema", "pyyaml", "lunr", "markdown", "nh3", "openpyxl"} <= required


def test_pelican_loads_the_installed_plugin_by_name_from_anywhere(fixture_data, tmp_path):
    """`pelican` (not `python -m pelican`) in another folder, no PLUGIN_PATHS: the plugin comes from the installed package,
    and publishconf.py finds pelicanconf.py beside itself."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    output = tmp_path / "out"
    overrides = {"PLUGIN_PATHS": [], "DIRECTORY_DATA_PATH": str(fixture_data)}
    args = [str(BIN / "pelican"), str(ROOT / "content"), "-s", str(ROOT / "publishconf.py"), "-o", str(output), "--fatal", "warnings"]
    args += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    env = os.environ | {"SOURCE_DATE_EPOCH": PINNED_EPOCH, "SITEURL": "https://example.org/sub"}
    done = subprocess.run(args, cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/sub/programs/"' in home, "the directory's pages are missing: the plugin did not run"
