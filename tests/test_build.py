"""The real Pelican build of the fixture directory: every page there, every link right, nothing foreign."""

from __future__ import annotations

import filecmp
import json

import pytest
import yaml

from site_checks import COLLECTIONS, broken_links, entry_ids, foreign_resources, pages_without_their_entry, parse
from support import FIXTURE_SITE
from support.builders import MINIMAL, make_program, write_entry
from support.building import run_pelican


def data_ids(collection: str) -> list[str]:
    return entry_ids(FIXTURE_SITE, collection)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_a_page_per_entry_with_its_name(served_site, collection):
    _, output = served_site
    assert pages_without_their_entry(FIXTURE_SITE, output, collection) == []


def test_program_page_has_what_a_jobseeker_needs(served_site):
    base, output = served_site
    text = (output / "programs" / "la-tech-talent-challenge" / "index.html").read_text(encoding="utf-8")
    for fact in (
        "Internship run by",
        "Bixel Exchange",
        "Cost not listed",
        "Paid a wage",
        "How to apply",
        "Results for 2016-2017",
        "30%",
        "Last checked against its sources on",
        "Older information",
    ):
        assert fact in text, fact
    assert 'href="https://github.com/tech-pathways/directory/edit/main/data/programs/la-tech-talent-challenge.yml"' in text
    assert f'<link rel="canonical" href="{base}/programs/la-tech-talent-challenge/">' in text


def test_unknown_cost_is_never_free(served_site):
    _, output = served_site
    free_page = (output / "programs" / "by" / "cost" / "free" / "index.html").read_text(encoding="utf-8")
    for entry_id in data_ids("programs"):
        values = yaml.safe_load((FIXTURE_SITE / "programs" / f"{entry_id}.yml").read_text())
        is_free = (values.get("cost") or {}).get("amount") == 0
        assert (f"/programs/{entry_id}/" in free_page) == is_free, entry_id


def test_filter_pages_exist_for_each_facet(served_site):
    _, output = served_site
    for path in ("programs/by/degree/no-degree", "programs/by/type/internship", "programs/by/region/los-angeles", "programs/by/cost/stipend"):
        assert (output / path / "index.html").exists(), path


def test_pathway_page_has_diagram_and_ordered_steps(served_site):
    _, output = served_site
    page = output / "pathways" / "ict-information-support-and-services" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert '<svg class="pathway-diagram"' in text and 'role="img"' in text
    assert '<ol class="steps">' in text
    assert "openings a year" in text and "(2014 data)" in text


def test_every_internal_link_resolves_under_the_subpath(served_site):
    assert broken_links(*served_site) == []


def test_nothing_is_loaded_from_another_host(served_site):
    assert foreign_resources(*served_site) == []


@pytest.mark.parametrize(
    "path, kind, required",
    [
        ("programs/la-tech-talent-challenge", "WorkBasedProgram", {"name", "provider", "url", "description"}),
        ("programs/santa-monica-college-coding-boot-camp", "EducationalOccupationalProgram", {"name", "provider", "url"}),
        ("partners/snap-inc", "Organization", {"name", "url", "description"}),
        ("occupations/15-1151", "Occupation", {"name", "occupationalCategory", "url"}),
    ],
)
def test_json_ld_parses_with_required_properties(served_site, path, kind, required):
    _, output = served_site
    blocks = parse(output / path / "index.html").json_ld
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == kind
    assert required <= set(data)


def test_site_files(served_site):
    base, output = served_site
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}/programs/la-tech-talent-challenge/</loc><lastmod>2026-11-22</lastmod>" in sitemap
    assert "404.html" not in sitemap
    assert (output / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"
    feed = (output / "feeds" / "programs.atom.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == len(data_ids("programs"))
    assert "<id>tag:tech-pathways.directory,2026:programs/la-tech-talent-challenge</id>" in feed
    assert (output / "404.html").exists()


def test_program_page_budget(served_site):
    import gzip

    _, output = served_site
    page = (output / "programs" / "la-tech-talent-challenge" / "index.html").read_bytes()
    css = (output / "theme" / "css" / "site.css").read_bytes() + (output / "theme" / "css" / "settings.css").read_bytes()
    size = len(gzip.compress(page, 9)) + len(gzip.compress(css, 9))
    assert size <= 30 * 1024, f"{size} bytes gzipped"


def test_invalid_data_stops_the_build_and_writes_nothing(data_dir, tmp_path):
    write_entry(data_dir, "programs", "broken", make_program(name="Broken Program", provider="nobody"))
    output = tmp_path / "out"
    done = run_pelican(output, data_path=data_dir)
    assert done.returncode == 1
    assert "data/programs/broken.yml:4:11: provider: refers to partner 'nobody', which does not exist" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not list(output.rglob("*.html")) if output.exists() else True


def test_minimal_dataset_builds(data_dir, tmp_path):
    output = tmp_path / "out"
    done = run_pelican(output, data_path=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    for collection, entry_id in MINIMAL:
        assert (output / collection / entry_id / "index.html").exists()


def test_two_builds_are_byte_identical(fixture_data, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    for output in (first, second):
        done = run_pelican(output, data_path=fixture_data)
        assert done.returncode == 0, done.stderr
    comparison = filecmp.dircmp(first, second)

    def differences(cmp):
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []
    for path in first.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


def test_pages_written_by_two_processes_are_the_same(data_dir, tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run_pelican(serial, data_path=data_dir).returncode == 0
    done = run_pelican(parallel, data_path=data_dir, settings_overrides={"DIRECTORY_PARALLEL_PAGES": 2})
    assert done.returncode == 0, done.stdout + done.stderr
    files = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    for name in files:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


def test_a_fork_links_to_its_own_repository(data_dir, tmp_path):
    output = tmp_path / "out"
    done = run_pelican(output, data_path=data_dir, settings_overrides={"DIRECTORY_REPOSITORY_URL": "https://github.com/someorg/fork"})
    assert done.returncode == 0, done.stdout + done.stderr
    program = (output / "programs" / "web-coding-boot-camp" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/someorg/fork/edit/main/data/programs/web-coding-boot-camp.yml"' in program
    contribute = (output / "contribute" / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/someorg/fork/blob/main/CONTRIBUTING.md" in contribute
    assert "{repository}" not in contribute and "tech-pathways/directory" not in contribute


def test_cname_setting_writes_the_domain(data_dir, tmp_path):
    output = tmp_path / "out"
    assert run_pelican(output, data_path=data_dir, settings_overrides={"DIRECTORY_CNAME": "jobs.example.org"}).returncode == 0
    assert (output / "CNAME").read_text() == "jobs.example.org\n"
    done = run_pelican(tmp_path / "bad", data_path=data_dir, settings_overrides={"DIRECTORY_CNAME": "https://jobs.example.org/"})
    assert done.returncode == 1
    assert "DIRECTORY_CNAME: must be a bare domain name" in done.stdout + done.stderr


def test_a_passed_deadline_is_not_open(data_dir, tmp_path):
    write_entry(data_dir, "programs", "late", make_program(name="Late Program", application={"status": "open", "deadline": "2026-01-10"}))
    output = tmp_path / "out"
    done = run_pelican(output, data_path=data_dir)  # built as of 2026-11-22
    assert done.returncode == 0, done.stdout + done.stderr
    page = (output / "programs" / "late" / "index.html").read_text(encoding="utf-8")
    assert "Closed: the deadline has passed" in page
    open_page = (output / "programs" / "by" / "open" / "open" / "index.html").read_text(encoding="utf-8")
    assert "/programs/web-coding-boot-camp/" in open_page and "/programs/late/" not in open_page


def test_without_exports_there_is_no_open_data_page_or_link(data_dir, tmp_path):
    output = tmp_path / "out"
    assert run_pelican(output, data_path=data_dir, settings_overrides={"DIRECTORY_EXPORTS": False}).returncode == 0
    assert not (output / "open-data").exists() and not (output / "api").exists()
    assert "/open-data/" not in (output / "index.html").read_text(encoding="utf-8")
