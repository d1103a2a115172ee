"""What the tests share: builders of entries and datasets, the build, a served site, and where things are.

Import the helpers from here (support.builders, support.building, support.serving);
the fixtures live in support/*_fixtures.py, which tests/conftest.py registers.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SCHEMAS = ROOT / "data" / "schemas"  # the engine's schemas: a fork keeps them
# The engine's tests run on their own directory, never on the shipped data/ (a fork replaces it).
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
# The day the fixture directory and the builders are dated for: fixture builds pin it.
PINNED_EPOCH = "1795305600"  # 2026-11-22
