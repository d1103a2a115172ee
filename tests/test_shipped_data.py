"""The shipped data/ (or a fork's own), checked only for what holds of any valid directory.

These tests name no entry and no figure: a fork that replaces data/ with its own entries, dated
the day it wrote them, passes them as the shipped data does. The site is built as of the real
today, as the Pages workflow builds it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_checks import COLLECTIONS, broken_links, entry_ids, foreign_resources, internal_names, pages_without_their_entry
from support import ROOT

DATA = ROOT / "data"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LIST_PAGES = [
    "",
    "programs/",
    "pathways/",
    "partners/",
    "partnerships/",
    "partnerships/benefits/",
    "occupations/",
    "regions/",
    "sources/",
    "search/",
    "about/",
    "404.html",
]


def sample_pages() -> list[str]:
    """Every list page, and the first entry page of each collection (whatever the data holds)."""
    first = [f"{collection}/{ids[0]}/" for collection in COLLECTIONS if (ids := entry_ids(DATA, collection))]
    return LIST_PAGES + first


def test_the_data_validates_as_of_today():
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    done = subprocess.run([str(Path(sys.executable).with_name("directory-validate")), "data"], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 errors," in done.stdout.splitlines()[-1]


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_entry_has_its_page(shipped_site, collection):
    _, output = shipped_site
    assert pages_without_their_entry(DATA, output, collection) == []


def test_no_broken_link_and_nothing_from_elsewhere(shipped_site):
    assert broken_links(*shipped_site) == []
    assert foreign_resources(*shipped_site) == []


@pytest.mark.browser
@pytest.mark.parametrize("path", sample_pages())
def test_axe_finds_no_violation_on_a_sample_of_pages(shipped_site, browser, path):
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is not installed (run make setup)")
    base, _ = shipped_site
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{base}/{path}")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    context.close()
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})" for v in result["violations"]]
    assert violations == [], json.dumps(violations, indent=1)
    assert errors == []


def test_no_internal_file_name_anywhere_in_the_built_site_or_open_data(shipped_site):
    _, output = shipped_site
    assert internal_names(output) == []
