"""The command-line scripts as modules, for the tests that call their functions."""

from __future__ import annotations

import importlib.util
import sys

from support import ROOT


def load_script(name: str):
    """Import scripts/NAME.py as a module, as its tests need it."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
