"""A fork's first builds: an empty data/, a handful of entries, entries dated the day they are written."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_checks import COLLECTIONS, broken_links, html_pages, pages_without_their_entry
from support import PINNED_EPOCH, SCHEMAS
from support.builders import MINIMAL, make_pathway, make_program, write_entry, write_minimal_dataset
from support.building import run_pelican

PINNED_DAY = dt.datetime.fromtimestamp(int(PINNED_EPOCH), dt.UTC).date()


def validate(data, clock: str | None):
    """Run directory-validate as `make validate` does, as of the clock (None: the real today)."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    if clock is not None:
        env["SOURCE_DATE_EPOCH"] = clock
    return subprocess.run([str(Path(sys.executable).with_name("directory-validate")), str(data)], capture_output=True, text=True, env=env, cwd=data.parent)


def dated(data, day: dt.date):
    """Set last_verified of every entry in data to day."""
    for path in data.rglob("*.yml"):
        path.write_text(re.sub(r"(?m)^last_verified: .*$", f"last_verified: '{day.isoformat()}'", path.read_text(encoding="utf-8")), encoding="utf-8")


def visible_text(output) -> dict[str, str]:
    """The text of every page, tags and scripts removed, spaces collapsed."""
    texts = {}
    for page in html_pages(output):
        text = re.sub(r"(?s)<(script|style|svg)\b.*?</\1>", " ", page.read_text(encoding="utf-8"))
        texts[str(page.relative_to(output))] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    return texts


@pytest.fixture
def empty_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SCHEMAS, data / "schemas")
    return data


def test_an_empty_directory_says_what_it_still_needs(empty_data):
    done = validate(empty_data, PINNED_EPOCH)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "0 entries, 0 errors, 7 warnings"
    assert (
        "data/programs/: warning: no programs yet: the program lists, the search and the home page's ways in are empty "
        "(fix: run `python scripts/new.py program`, or copy examples/program.yml into data/programs/ and fill it in; CONTRIBUTING.md explains every field)"
    ) in lines
    for collection in COLLECTIONS:
        assert any(line.startswith(f"data/{collection}/: warning: no ") for line in lines), collection


def test_an_empty_directory_builds_a_site_that_says_so(empty_data, tmp_path):
    output = tmp_path / "out"
    done = run_pelican(output, data_path=empty_data)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    texts = visible_text(output)
    assert "The directory lists no programs yet." in texts["index.html"]
    assert "Ways in" not in texts["index.html"]  # no way leads anywhere yet
    assert "Filter" not in texts["programs/index.html"]
    for page in ("pathways/index.html", "partners/index.html", "partnerships/index.html", "occupations/index.html", "regions/index.html"):
        assert "How to add one" in texts[page], page
    assert not list((output / "programs" / "by").glob("*/*/index.html"))  # no filter page lists nothing
    assert broken_links("", output) == []


def test_one_entry_of_each_kind_reads_in_the_singular(data_dir, tmp_path):
    write_entry(data_dir, "pathways", "web-development", make_pathway(steps=[make_pathway()["steps"][1] | {"level": "entry"}]))
    write_entry(data_dir, "programs", "web-coding-boot-camp", make_program(pathway_steps=[{"pathway": "web-development", "step": "web-developer"}]))
    output = tmp_path / "out"
    done = run_pelican(output, data_path=data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    texts = visible_text(output)
    wrong = [f"{page}: {match.group()}" for page, text in texts.items() for match in re.finditer(r"(?<![\d,.])1 [a-z]+s\b", text)]
    assert wrong == []
    home = texts["index.html"]
    assert "1 step ·" in home and "1 program link" in home and "Browse 1 program by type" in home
    assert "1 program with no cost to take part" in home and "1 program that does not ask for a four-year degree" in home
    assert "What joining 1 partnership gives you" in home
    assert "Get paid while you learn" not in home  # no program pays: that way is not offered
    assert "1 program " in texts["programs/index.html"] and "1 organization:" in texts["partners/index.html"]


def test_ways_in_show_their_counts_and_never_lead_to_an_empty_list(data_dir, tmp_path):
    write_entry(data_dir, "programs", "paid-internship", make_program(name="Paid Internship", type="internship", cost={"amount": 1200}, paid={"kind": "wage"}))
    output = tmp_path / "out"
    assert run_pelican(output, data_path=data_dir).returncode == 0
    home = (output / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="way" href="([^"]+)">', home)
    assert links == ["/programs/by/degree/no-degree/", "/programs/by/cost/free/", "/programs/by/cost/stipend/", "/partnerships/benefits/"]
    assert "2 programs that do not ask for a four-year degree" in home and "1 program that pays a wage or stipend" in home
    for link in links[:3]:
        assert (output / link.strip("/") / "index.html").read_text(encoding="utf-8").count('<li data-facets="') >= 1, link


def test_an_entry_checked_today_passes_and_tomorrow_is_refused(data_dir):
    """The clock is pinned, so the test means the same on every day it runs."""
    dated(data_dir, PINNED_DAY)
    done = validate(data_dir, PINNED_EPOCH)
    assert done.returncode == 0, done.stdout
    tomorrow = PINNED_DAY + dt.timedelta(days=1)
    write_entry(data_dir, "programs", "web-coding-boot-camp", make_program(last_verified=tomorrow.isoformat()))
    done = validate(data_dir, PINNED_EPOCH)
    assert done.returncode == 1
    assert f"last_verified: {tomorrow} is in the future (today is {PINNED_DAY})" in done.stdout


def test_a_fork_with_a_handful_of_entries_dated_today_validates_and_builds(tmp_path):
    """What a fork's first pull request does: its own few entries, last_verified the real today, the real clock."""
    data = write_minimal_dataset(tmp_path / "data")
    dated(data, dt.date.today())
    done = validate(data, None)
    assert done.returncode == 0, done.stdout
    output = tmp_path / "out"
    done = run_pelican(output, data_path=data, clock=None)
    assert done.returncode == 0, done.stdout + done.stderr
    for collection in COLLECTIONS:
        assert pages_without_their_entry(data, output, collection) == []
    assert broken_links("", output) == []
    assert {collection for collection, _ in MINIMAL} == set(COLLECTIONS)
