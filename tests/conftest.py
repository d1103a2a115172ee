"""Registers the fixtures of tests/support; the helpers tests import live there too (never import this file)."""

from __future__ import annotations

pytest_plugins = ["support.data_fixtures", "support.site_fixtures", "support.search_fixtures", "support.browser_fixtures"]
