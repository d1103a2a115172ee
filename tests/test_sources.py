"""The sources collection: documents described once in data/sources/, cited by id with a locator."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from conftest import make_partner, make_program, make_source, write_entry
from directory.checks import validate_data
from directory.model import build_directory


def messages(data_dir):
    """Validate data_dir as of 2026-05-17 and return the problem lines, paths relative to data_dir."""
    here = os.getcwd()
    os.chdir(data_dir.parent)
    try:
        result = validate_data(data_dir, today=dt.date(2026, 5, 17))
    finally:
        os.chdir(here)
    return [p.text().removeprefix("data/") for p in result.problems]


PARTNER_CITING = """\
name: Test College
kinds:
  - college
description: A community college used by the tests.
regions:
  - test-metro
sources:
  - source: {source}
    locator: Table 1
last_verified: "2026-01-15"
"""


def test_a_misspelt_source_is_reported_at_its_line_with_the_closest_id(data_dir):
    write_entry(data_dir, "partners", "test-college", PARTNER_CITING.format(source="test-reprot"))
    assert messages(data_dir) == [
        "partners/test-college.yml:8:13: sources[0].source: refers to source 'test-reprot', which does not exist (fix: did you mean 'test-report'?)"
    ]


def test_an_unknown_source_says_where_to_add_it(data_dir):
    write_entry(data_dir, "partners", "test-college", PARTNER_CITING.format(source="annual-report-2025"))
    assert messages(data_dir) == [
        "partners/test-college.yml:8:13: sources[0].source: refers to source 'annual-report-2025', which does not exist "
        "(fix: add data/sources/annual-report-2025.yml or use the id of an existing source)"
    ]


def test_a_citation_by_id_may_not_repeat_the_document(data_dir):
    sources = [{"source": "test-report", "locator": "Table 1", "document": "Test report", "url": "https://www.example.org/"}]
    write_entry(data_dir, "partners", "test-college", make_partner(sources=sources))
    assert messages(data_dir) == [
        "partners/test-college.yml:10:13: sources[0].document: is not allowed here (fix: remove it: the document's title is in its file in data/sources/)",
        "partners/test-college.yml:11:8: sources[0].url: is not allowed here (fix: remove it: the address is in the document's file in data/sources/)",
    ]


def test_a_citation_with_neither_id_nor_document_asks_for_the_id(data_dir):
    write_entry(data_dir, "partners", "test-college", make_partner(sources=[{"locator": "Table 1"}]))
    assert messages(data_dir) == ["partners/test-college.yml:8:3: sources[0].source: required field 'source' is missing (fix: add a line 'source: ...')"]


def test_a_source_without_a_date_must_say_why(data_dir):
    values = make_source()
    del values["published"]
    write_entry(data_dir, "sources", "test-report", values)
    assert messages(data_dir) == ["sources/test-report.yml:1:1: date_unknown: required field 'date_unknown' is missing (fix: add a line 'date_unknown: ...')"]


def test_an_inferred_date_needs_its_reason(data_dir):
    values = make_source(date_unknown="The report is undated.", inferred_date={"date": "2020"})
    del values["published"]
    write_entry(data_dir, "sources", "test-report", values)
    assert messages(data_dir) == [
        "sources/test-report.yml:8:3: inferred_date.reason: required field 'reason' is missing (fix: add a line 'reason: ...')"
    ]


def test_each_source_knows_the_entries_citing_it(data_dir):
    write_entry(data_dir, "sources", "other-page", make_source(name="Other page", kind="web-page"))
    write_entry(data_dir, "programs", "web-coding-boot-camp", make_program(sources=[{"source": "other-page", "locator": "Section 2"}]))
    result = validate_data(data_dir, today=dt.date(2026, 5, 17))
    assert result.errors == []
    directory = build_directory(result.entries, dt.date(2026, 5, 17))
    program = directory.programs["web-coding-boot-camp"]
    assert [(c["source"].id, c["locator"]) for c in program.citations] == [("other-page", "Section 2")]
    assert directory.sources["other-page"].links["cited_by"] == [program]
    cited = {item.id for item in directory.sources["test-report"].links["cited_by"]}
    assert cited == {"test-metro", "test-college", "15-1134", "web-development", "test-tech-partnership"}


@pytest.mark.parametrize("kind", ["report", "article", "web-page", "press-release", "dataset"])
def test_every_kind_of_document_is_accepted(data_dir, kind):
    write_entry(data_dir, "sources", "test-report", make_source(kind=kind))
    assert messages(data_dir) == []
