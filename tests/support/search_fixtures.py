"""Fixtures of search indexes: the Spanish dataset's Spanish index, built once, and its Python twin."""

from __future__ import annotations

import pytest

from directory.data.checks import validate_data
from directory.derive import derive
from directory.model import build_directory
from directory.search import index as search_index
from support import search_twin
from support.builders import write_spanish_dataset
from support.building import pinned_clock


@pytest.fixture(scope="session")
def spanish_search(tmp_path_factory):
    """The Spanish dataset (support.builders.write_spanish_dataset): its directory, Spanish compact index, store and twin."""
    result = validate_data(write_spanish_dataset(tmp_path_factory.mktemp("spanish") / "data"))
    assert not result.errors, [problem.text() for problem in result.errors]
    with pinned_clock():
        directory = build_directory(result.entries)
    derive(directory)
    index, store = search_index.unsplit_search(directory, language="es")
    return {"directory": directory, "index": index, "store": store, "loaded": search_twin.load_index(index)}
