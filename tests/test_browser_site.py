"""The built site in a real browser: screenshots at phone and desktop widths, axe-core finds no WCAG A/AA violation."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "programs": "programs/",
    "program": "programs/la-tech-talent-challenge/",
    "pathway": "pathways/ict-software-systems-and-development/",
    "benefits": "partnerships/benefits/",
    "partnership": "partnerships/la-tech-skills-coalition/",
    "partner": "partners/snap-inc/",
    "occupations": "occupations/",
    "occupation": "occupations/15-1151/",
    "regions": "regions/",
    "about": "about/",
    "not-found": "404.html",
}
# The Spanish edition has every page type too, with its own words, lang and language switch.
PAGE_TYPES |= {f"es-{name}": f"es/{path}" for name, path in PAGE_TYPES.items()}
SCREENSHOT_DIR = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "output" / "screenshots"))


@pytest.fixture
def axe_page(browser):
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is not installed (run make setup)")
    # axe is injected as a script: let it past the page's Content-Security-Policy.
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_accessibility_violations(served_site, axe_page, name):
    base, _ = served_site
    axe_page.goto(f"{base}/{PAGE_TYPES[name]}")
    axe_page.add_script_tag(path=str(AXE))
    result = axe_page.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})" for v in result["violations"]]
    assert violations == [], json.dumps(violations, indent=1)
    assert axe_page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("name", ["home", "program", "pathway", "benefits", "partnership", "occupation", "occupations", "regions", "programs", "about"])
def test_screenshots_and_no_horizontal_scroll(served_site, browser, name, width):
    base, _ = served_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(f"{base}/{PAGE_TYPES[name]}")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOT_DIR / f"{name}-{width}.png"), full_page=True)
    # Wide content (tables, diagrams) scrolls inside its own box, never the whole page.
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"


@pytest.mark.browser
def test_program_filters_combine_and_keep_state_in_the_url(served_site, page):
    base, _ = served_site
    page.goto(f"{base}/programs/")
    total = page.locator("#program-list > li").count()
    page.check("input[name=type][value=bootcamp]")
    page.wait_for_selector("#program-list:not([aria-busy])")  # the matches come from the filter and row files
    assert "type=bootcamp" in page.url
    bootcamps = page.locator("#program-list > li:visible").count()
    assert 0 < bootcamps < total
    page.check("input[name=region][value=los-angeles]")
    page.wait_for_selector("#program-list:not([aria-busy])")
    both = page.locator("#program-list > li:visible").count()
    assert both <= bootcamps
    assert "region=los-angeles" in page.url
    assert page.locator("#filter-status").inner_text() == f"{both} of {total} programs match"
    page.go_back()
    page.wait_for_selector("#program-list:not([aria-busy])")
    assert page.locator("#program-list > li:visible").count() == bootcamps
    page.goto(f"{base}/programs/?type=internship")
    assert page.is_checked("input[name=type][value=internship]")
    assert page.errors == []


@pytest.mark.browser
def test_program_list_works_without_javascript(served_site, browser):
    base, _ = served_site
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base}/programs/")
    assert tab.locator("#program-filters").is_hidden()
    tab.click(".filter-links >> text=Internship")
    assert tab.url.endswith("/programs/by/type/internship/")
    assert tab.locator("h1").inner_text() == "Programs: Internship"
    assert tab.locator("#program-list > li").count() == 2
    context.close()
