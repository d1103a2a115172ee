"""Fixtures of test data: the fixture directory, a minimal dataset, the real schemas' validators."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import ROOT, SCHEMAS
from support.builders import write_fixture_site, write_minimal_dataset


@pytest.fixture(scope="session")
def fixture_data(tmp_path_factory) -> Path:
    """The fixture directory as a data folder; read it, never change it (copy it with write_fixture_site).

    The commented examples sit beside it, as examples/ sits beside data/: the data dictionary shows them.
    """
    root = tmp_path_factory.mktemp("fixture")
    shutil.copytree(ROOT / "examples", root / "examples")
    return write_fixture_site(root / "data")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A valid minimal dataset (one entry per collection) with the real schemas."""
    return write_minimal_dataset(tmp_path / "data")


@pytest.fixture(scope="session")
def validators():
    """The real schemas' validators, built once."""
    from directory.data.schema import load_schemas, make_validators

    return make_validators(load_schemas(SCHEMAS))
