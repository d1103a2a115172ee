"""Search results first and still: at phone and desktop sizes the first result shows without scrolling, nothing jumps."""

from __future__ import annotations

import pytest

PHONE = {"width": 412, "height": 823}
DESKTOP = {"width": 1350, "height": 940}
# Sums every layout shift not caused by the reader's own input, as Lighthouse's CLS does
# for a page this short; installed before any of the page's scripts run.
WATCH_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) window.__shifts.push({value: entry.value, sources: (entry.sources || []).map(function (s) { return s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?"; })});
  });
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def sized_tab(request, browser):
    context = browser.new_context(viewport=request.param)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.add_init_script(WATCH_SHIFTS)
    tab.size = request.param
    yield tab
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("query", ["web", "web&type=program"])
def test_first_result_shows_without_scrolling_and_nothing_jumps(served_site, sized_tab, query):
    base, _ = served_site
    tab = sized_tab
    tab.goto(f"{base}/search/?q={query}")
    tab.locator("#search-list li").first.wait_for()
    tab.wait_for_timeout(800)  # let late shifts (fonts, styles, facets) be recorded
    box = tab.locator("#search-list li").first.bounding_box()
    assert tab.evaluate("window.scrollY") == 0
    assert box["y"] + box["height"] <= tab.size["height"], f"the first result ends at {box['y'] + box['height']}px, below the fold"
    shifts = tab.evaluate("window.__shifts")
    total = sum(shift["value"] for shift in shifts)
    assert total < 0.1, f"cumulative layout shift {total:.3f}: {shifts}"
    assert tab.locator("input[type=search]").count() == 1, "one search box on the search page"
    if tab.size is PHONE:
        assert tab.locator("#search-facets").is_hidden(), "on a phone the filters wait behind their button"
        assert tab.locator("#search-facets-toggle").is_visible()
    else:
        assert tab.locator("#search-facets").is_visible() and tab.locator("#search-facets-toggle").is_hidden()
        facets = tab.locator("#search-facets").bounding_box()
        assert facets["x"] < box["x"], "on a wide screen the filters are a column beside the results"
    assert tab.errors == []


@pytest.mark.browser
def test_on_a_phone_filters_open_apply_and_count(served_site, browser):
    base, _ = served_site
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(f"{base}/search/?q=web")
    tab.locator("#search-list li").first.wait_for()
    toggle = tab.locator("#search-facets-toggle")
    assert toggle.text_content() == "Filters" and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert tab.locator("#search-facets").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    apply = tab.locator("#search-facets .apply-filters")
    assert apply.is_visible(), "on a phone the filters apply with the Apply button"
    before = tab.locator("#search-list li").count()
    tab.locator("#facet-type-program").check()
    assert tab.locator("#search-list li").count() == before, "nothing changes until Apply"
    apply.click()
    assert "type=program" in tab.url
    assert toggle.text_content() == "Filters (1 active)" and toggle.get_attribute("aria-expanded") == "false"
    assert tab.locator("#search-facets").is_hidden()
    kinds = tab.locator("#search-list .search-card").evaluate_all("cards => cards.map(c => c.className)")
    assert kinds and all("search-program" in kind for kind in kinds)
    context.close()


@pytest.mark.browser
def test_on_a_wide_screen_filters_apply_as_you_go(served_site, browser):
    base, _ = served_site
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(f"{base}/search/?q=web")
    tab.locator("#search-list li").first.wait_for()
    assert tab.locator("#search-facets .apply-filters").is_hidden()
    tab.locator("#facet-type-program").check()
    tab.wait_for_url("**type=program**")
    kinds = tab.locator("#search-list .search-card").evaluate_all("cards => cards.map(c => c.className)")
    assert kinds and all("search-program" in kind for kind in kinds)
    context.close()
