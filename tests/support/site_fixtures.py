"""Fixtures of built sites: the fixture directory and the shipped data, each built once and served."""

from __future__ import annotations

import pytest

from support.serving import serve_build


@pytest.fixture(scope="session")
def served_site(tmp_path_factory, fixture_data):
    """The fixture directory built with publishconf.py under http://127.0.0.1:PORT/sub/path, served.

    Yields (base_url, output_dir). Every engine test that reads pages shares this one build.
    """
    with serve_build(tmp_path_factory.mktemp("served"), data_path=fixture_data) as site:
        yield site


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory):
    """The shipped data/ (or a fork's own) built as of the real today, served like served_site.

    Only data-agnostic tests use it: whatever valid data/ a fork ships, they hold.
    """
    with serve_build(tmp_path_factory.mktemp("shipped"), clock=None) as site:
        yield site
