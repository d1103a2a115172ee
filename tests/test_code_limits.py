"""The limits that keep the code readable: short modules, short functions, simple branches.

Modules of the plugin and scripts stay under 300 lines and functions under 60 (here, by
reading the code with ast); no function's cyclomatic complexity passes 15 (ruff's C901,
set in pyproject.toml and run by `make lint` and tests/test_docs.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("plugins", "scripts")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def python_files() -> list[Path]:
    return sorted(path for folder in CHECKED for path in (ROOT / folder).rglob("*.py"))


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int, int]]:
    """Return (name, first line, length) of every function longer than limit lines, decorators included."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
            length = node.end_lineno - first + 1
            if length > limit:
                found.append((node.name, first, length))
    return found


def test_no_module_is_over_300_lines():
    long = {str(path.relative_to(ROOT)): count for path in python_files() if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}, "split these modules by what they do"


def test_no_function_is_over_60_lines():
    long = [
        f"{path.relative_to(ROOT)}:{line} {name} ({length} lines)"
        for path in python_files()
        for name, line, length in long_functions(path.read_text(encoding="utf-8"))
    ]
    assert long == []


@pytest.mark.parametrize(("body", "expected"), [(58, []), (59, [("f", 1, 61)])])
def test_the_function_limit_can_fail(body, expected):
    source = "def f():\n" + "    x = 1\n" * body + "    return x\n"
    assert long_functions(source) == expected


def test_the_complexity_limit_is_configured():
    import tomllib

    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert "C901" in ruff["select"] and ruff["mccabe"]["max-complexity"] == 15
