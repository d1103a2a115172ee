"""Docs stay honest: every make target is in `make help`, and README shows the two commands first."""

from __future__ import annotations

import re
import subprocess
import tomllib

from support import ROOT


def test_every_make_target_is_listed_by_make_help():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    documented = dict(re.findall(r"^\.PHONY: ([a-z-]+) # (.+)$", makefile, flags=re.MULTILINE))
    assert targets == set(documented), "every target needs a '.PHONY: name # what it does' line"
    shown = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for target, description in documented.items():
        assert re.search(rf"make {target}\s+{re.escape(description)}", shown), target


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make serve" in first_block and "make test" in first_block
    assert readme.index("make serve") < readme.index("## ")


def test_code_passes_ruff_as_make_lint_and_pre_commit_run_it():
    ruff = ROOT / ".venv" / "bin" / "ruff"
    targets = ["plugins", "scripts", "tests", "pelicanconf.py", "publishconf.py"]
    checked = subprocess.run([str(ruff), "check", *targets], cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    formatted = subprocess.run([str(ruff), "format", "--check", *targets], cwd=ROOT, capture_output=True, text=True)
    assert formatted.returncode == 0, formatted.stdout


def test_the_commands_the_docs_show_are_the_packages_console_scripts():
    """README and CONTRIBUTING show the installed commands; each one they name exists, and README names every one."""
    commands = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("README.md", "CONTRIBUTING.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        named = set(re.findall(r"(?<![\w/-])directory-[a-z]+(?:-[a-z]+)*", text))
        assert named <= commands, f"{name} names commands pyproject.toml does not install: {sorted(named - commands)}"
        assert ".venv/bin/python scripts/" not in text, f"{name}: show the console script (.venv/bin/directory-...)"
    assert {command for command in commands if f"`{command}`" in readme} == commands, "README lists every command"
