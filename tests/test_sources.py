"""The sources collection: documents described once in data/sources/, cited by id with a locator."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import os
import re

import pytest
import yaml

from directory.cli import new as new_script
from directory.data.checks import validate_data
from directory.model import build_directory
from site_checks import internal_names
from support import FIXTURE_SITE
from support.builders import make_partner, make_program, make_source, write_entry


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
    assert messages(data_dir) == ["sources/test-report.yml:8:3: inferred_date.reason: required field 'reason' is missing (fix: add a line 'reason: ...')"]


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


# --- Pages: /sources/, each document's page, and each entry's Sources section -------------


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_sources_page_lists_every_document_with_what_it_supports(served_site):
    base, output = served_site
    page = (output / "sources" / "index.html").read_text(encoding="utf-8")
    for path in sorted((FIXTURE_SITE / "sources").glob("*.yml")):
        assert f'href="{base}/sources/{path.stem}/"' in page
    # The road map: no publisher, no address, an inferred date, and the entries citing it with their parts.
    entry = page[page.index('id="la-tech-skills-gap-road-map"') :]
    entry = _text(entry[: entry.index("</li>\n  <li id=")])
    assert "Published by Not found" in entry
    assert "Web address Not found" in entry
    assert "Not given (The document gives no date.). August 2018 or later, inferred: its data are given as of August 2018" in entry
    assert "Web Developers (Occupation; Table 1 (Los Angeles projections 2014-2024) and Appendix Table 2" in entry


def test_an_entry_cites_its_document_by_title_with_the_part_used_and_links_to_it(served_site):
    base, output = served_site
    section = (output / "programs" / "la-tech-talent-challenge" / "index.html").read_text(encoding="utf-8")
    section = section[section.index('class="sources"') :]
    assert f'<a href="{base}/sources/la-tech-skills-gap-road-map/"><cite>Addressing the technology skills gap in Los Angeles</cite></a>' in section
    assert "Chapter 5, Bixel Exchange Tech Talent Challenge" in section
    assert "Web address not found" in section
    assert f'href="{base}/sources/"' in section
    article = (output / "partnerships" / "greater-philadelphia-technology-partnership" / "index.html").read_text(encoding="utf-8")
    article = article[article.index('class="sources"') :]
    assert 'href="https://technical.ly/civic-news/city-philadelphia-office-workforce-development-tech-talent-pipeline-jobs-partnership/"' in article
    assert "date not given; 2020, inferred:" in _text(article)
    assert "the newest facts on this page are from 2020 (a date inferred from the text of undated sources)" in _text(article)
    dated = (output / "occupations" / "15-1132" / "index.html").read_text(encoding="utf-8")
    assert "the newest facts on this page are from 2023. Details" in _text(dated)  # a release date is not inferred


def test_a_document_page_says_what_was_inferred_and_not_found(served_site):
    _, output = served_site
    page = _text((output / "sources" / "jobsfirstnyc-tech-sector-network" / "index.html").read_text(encoding="utf-8"))
    assert "Published by JobsFirstNYC (inferred: from the web site the page is on)" in page
    assert "Not given (The page is undated.). 2022 or later, inferred: its reading list runs to January 2022" in page
    assert "Tech Sector Network (Partnership; " in page


def test_the_internal_name_scan_finds_what_it_looks_for(tmp_path):
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "a.json").write_text('{"note": "Table 1 (seed 002_efd8051afe20095f)"}')
    (tmp_path / "page.html").write_text("<p>Seeded from 003_5d5e13ddb319c648.txt</p>")
    (tmp_path / "index.json.gz").write_bytes(gzip.compress(b"a Seed file"))
    (tmp_path / "clean.html").write_text("<p>Seedlings, 1,000 seeds, search-3f2a1b.js</p>")
    assert internal_names(tmp_path) == [
        "api/a.json: seed",
        "api/a.json: 002_efd8051afe20095f",
        "index.json.gz: Seed",
        "page.html: 003_5d5e13ddb319c648",
    ]


# --- scripts/new.py: a new document, and an entry citing one by id ---------------------------


def run_new(*args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = new_script.main([*args, "--today", "2026-05-17"])
    return code, out.getvalue(), err.getvalue()


def test_new_py_starts_a_source_and_an_entry_citing_it_by_id(data_dir):
    code, out, _ = run_new(
        "source", "--name", "Tech jobs report 2025", "--kind", "report", "--date-unknown", "The report is undated.", "--data-dir", str(data_dir)
    )
    assert code == 0, out
    written = yaml.safe_load((data_dir / "sources" / "tech-jobs-report-2025.yml").read_text(encoding="utf-8"))
    assert written == {"name": "Tech jobs report 2025", "kind": "report", "date_unknown": "The report is undated.", "last_verified": "2026-05-17"}
    program = ["program", "--name", "Evening IT Support", "--provider", "test-college", "--type", "certificate", "--data-dir", str(data_dir)]
    program += ["--description", "Evening classes in IT support over twelve weeks."]
    code, out, err = run_new(*program, "--source-id", "tech-jobs-report-202")
    assert code == 2
    assert err.splitlines()[1:] == [
        "  --source-id: there is no document 'tech-jobs-report-202' in data/sources/ (did you mean 'tech-jobs-report-2025'? add it first with: python scripts/new.py source)"
    ]
    code, out, err = run_new(*program, "--source-id", "tech-jobs-report-2025", "--source-locator", "Table 5")
    assert code == 0, out + err
    cited = yaml.safe_load((data_dir / "programs" / "evening-it-support.yml").read_text(encoding="utf-8"))["sources"]
    assert cited == [{"source": "tech-jobs-report-2025", "locator": "Table 5"}]
