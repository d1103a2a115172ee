"""Search in a real browser, on the built site served under a subpath."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from support.builders import make_program, write_entry, write_minimal_dataset
from support.building import run_pelican
from support.serving import SUBPATH, QuietHandler, free_port

pytestmark = pytest.mark.browser

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
ODD_QUERIES = ["c++", '"data', "title:", "-", "*", "~", "^", "data~2", "web^10", "+cyber -data", "constructor", "__proto__", "𠀀🚀"]
# Real queries and the entry the first card must link to.
REAL_QUERIES = [
    ("cyber", "pathways/cybersecurity/"),
    ("web developers", "occupations/15-1134/"),
    ("15-1254", "occupations/15-1134/"),
    ("googel", "partners/google/"),
    ("pierce boot", "programs/pierce-college-coding-boot-camp/"),
    ("techhire", "partnerships/techhire/"),
    ("college security coursework", "pathways/cybersecurity/#step-security-course"),
]


def watch_requests(page) -> list[str]:
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def results(page) -> list[str]:
    return page.locator("#search-list .card-title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_header_box_loads_search_on_focus_and_shows_results(served_site, page):
    base, _ = served_site
    requests = watch_requests(page)
    page.goto(f"{base}/programs/")
    form = page.locator("form.header-search")
    assert form.get_attribute("action") == f"{base}/search/" and form.get_attribute("method") == "get"
    assert not any("/search/" in url for url in requests), "the search files must not load on every page view"
    page.click("#header-q")
    page.wait_for_function("() => window.lunr !== undefined")
    assert any(re.search(r"/search/manifest\.[0-9a-f]{10}\.json$", url) for url in requests)
    assert not any(re.search(r"/search/(terms|rows)-", url) for url in requests), "shards and rows wait for a query"
    page.keyboard.type("cyber")
    first = page.locator("#header-results a").first
    first.wait_for()
    assert any(re.search(r"/search/terms-[0-9]+\.[0-9a-f]{10}\.json$", url) for url in requests)
    assert any(re.search(r"/search/rows-[0-9]+\.[0-9a-f]{10}\.json$", url) for url in requests)
    assert first.get_attribute("href") == f"{base}/pathways/cybersecurity/"
    assert "result" in page.locator("#header-search-status").text_content()
    all_link = page.locator("#header-results a.header-results-all")
    assert all_link.get_attribute("href") == f"{base}/search/?q=cyber"
    page.keyboard.press("Tab")  # from the box to the button, then into the results
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#header-results') !== null")
    page.keyboard.press("Escape")
    assert page.locator("#header-results").is_hidden()
    page.fill("#header-q", "boot camp")
    page.keyboard.press("Enter")  # the box is a GET form: Enter opens the search page
    page.wait_for_url(f"{base}/search/?q=boot+camp")
    page.locator("#search-list li").first.wait_for()
    assert page.errors == []


@pytest.mark.parametrize(("query", "url"), REAL_QUERIES)
def test_real_queries_find_expected_entries(served_site, page, query, url):
    base, _ = served_site
    page.goto(f"{base}/search/?q={query}")
    page.locator("#search-list li").first.wait_for()
    assert results(page)[0] == f"{base}/{url}"
    assert page.input_value("#search-q") == query
    assert page.errors == []


def test_results_as_you_type_with_a_polite_count(served_site, page):
    base, _ = served_site
    page.goto(f"{base}/search/")
    status = page.locator("#search-status")
    assert status.get_attribute("aria-live") == "polite"
    page.click("#search-q")
    page.keyboard.type("santa mon", delay=20)
    page.wait_for_function("() => /\\d+ results? for \u201csanta mon\u201d/.test(document.getElementById('search-status').textContent)")
    count = int(re.match(r"(\d+)", status.text_content()).group(1))
    assert count == page.locator("#search-list > li").count() or count > 50
    assert f"{base}/partners/santa-monica-college/" in results(page)[:3]
    assert "q=santa+mon" in page.url
    page.keyboard.press("Tab")  # every result is reachable by Tab
    for _ in range(60):
        if page.evaluate("document.activeElement.closest('#search-list') !== null"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#search-list') !== null")
    assert page.errors == []


def test_odd_queries_raise_no_error(served_site, page):
    base, _ = served_site
    page.goto(f"{base}/search/")
    page.locator("#search-q").wait_for()
    page.wait_for_function("() => window.lunr !== undefined")
    for query in ODD_QUERIES:
        page.fill("#search-q", query)
        page.wait_for_function("q => document.getElementById('search-status').textContent.includes(q)", arg=query)
    page.fill("#search-q", "zzqqxxnothing")
    page.wait_for_function(
        "() => !document.getElementById('search-empty').hidden && document.getElementById('search-empty').textContent.includes('zzqqxxnothing')"
    )
    empty = page.locator("#search-empty")
    assert "zzqqxxnothing" in empty.text_content()
    assert empty.locator(f"a[href='{base}/programs/']").count() == 1  # the empty state offers the browse pages
    assert page.errors == []


def test_facets_filter_and_the_back_button_restores(served_site, page):
    base, _ = served_site
    page.goto(f"{base}/search/?q=boot+camp")
    page.locator("#search-list li").first.wait_for()
    everything = page.locator("#search-list > li").count()
    program_box = page.locator("input[name=type][value=program]")
    label = page.locator("label", has=program_box).text_content()
    programs = int(re.search(r"\((\d+)\)", label).group(1))
    assert 0 < programs < everything
    program_box.check()
    page.wait_for_url(re.compile(r"type=program"))
    assert page.locator("#search-list > li").count() == programs
    assert all(meta.startswith("Program") for meta in page.locator("#search-list .card-meta").all_text_contents())
    assert "filtered" in page.locator("#search-status").text_content()
    page.locator("input[name=region][value=los-angeles]").check()
    page.wait_for_url(re.compile(r"type=program.*region=los-angeles"))
    both = page.locator("#search-list > li").count()
    assert 0 < both <= programs
    page.go_back()
    page.wait_for_function("() => !location.search.includes('region=')")
    assert page.locator("#search-list > li").count() == programs
    assert not page.locator("input[name=region][value=los-angeles]").is_checked()
    page.go_back()
    page.wait_for_function("() => !location.search.includes('type=')")
    assert page.locator("#search-list > li").count() == everything
    assert not page.locator("input[name=type][value=program]").is_checked()
    page.go_forward()
    page.wait_for_function("() => location.search.includes('type=program')")
    assert page.locator("input[name=type][value=program]").is_checked()
    assert page.locator("#search-list > li").count() == programs
    assert page.errors == []


def test_a_shared_link_restores_query_and_filters(served_site, page):
    base, _ = served_site
    page.goto(f"{base}/search/?q=coding&type=program&cost=free")
    page.wait_for_function(
        "() => document.getElementById('search-status').textContent !== '' && !document.getElementById('search-status').textContent.startsWith('Loading')"
    )
    assert page.input_value("#search-q") == "coding"
    assert page.locator("input[name=type][value=program]").is_checked()
    assert page.errors == []


def test_no_csp_violation_and_nothing_from_elsewhere(served_site, page):
    base, _ = served_site
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    requests = watch_requests(page)
    page.goto(f"{base}/search/?q=data")
    page.locator("#search-list li").first.wait_for()
    assert not [m for m in messages if "Content Security Policy" in m]
    origin = "/".join(base.split("/")[:3])
    assert all(url.startswith(origin + "/") for url in requests)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The minimal dataset plus a program whose name is an HTML payload, built and served."""
    root = tmp_path_factory.mktemp("hostile-site")
    data = write_minimal_dataset(root / "data")
    write_entry(data, "programs", "hostile-name", make_program(name=HOSTILE_NAME, pathway_steps=[]))
    port = free_port()
    base = f"http://127.0.0.1:{port}/{SUBPATH}"
    done = run_pelican(root / "www" / SUBPATH, "publishconf.py", siteurl=base, data_path=data)
    assert done.returncode == 0, done.stdout + done.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(root / "www")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


def test_a_hostile_name_shows_as_text(hostile_site, page):
    base = hostile_site
    page.goto(f"{base}/search/?q=img+onerror")
    title = page.locator("#search-list .card-title a").first
    title.wait_for()
    assert title.text_content() == HOSTILE_NAME
    assert page.locator("#search-list img").count() == 0
    page.goto(f"{base}/")
    page.click("#header-q")
    page.keyboard.type("onerror")
    page.locator("#header-results a").first.wait_for()
    assert page.locator("#header-results .header-result-name").first.text_content() == HOSTILE_NAME
    assert page.locator("#header-results img").count() == 0
    assert page.errors == []  # an alert() would be recorded here as a dialog


def spanish_results(page, base: str, query: str) -> list[str]:
    page.goto(f"{base}/es/search/?q={query}")
    page.locator("#search-list li").first.wait_for()
    return results(page)


def test_spanish_search_finds_the_same_with_or_without_accents_and_opens_the_spanish_page(served_site, page):
    base, _ = served_site
    requests = watch_requests(page)
    found = {query: spanish_results(page, base, query) for query in ("programación", "programacion", "programar")}
    assert any(re.search(r"/search/es/manifest\.[0-9a-f]{10}\.json$", url) for url in requests)
    assert any(url.endswith("/theme/js/lunr.es-1.22.0.min.js") for url in requests)
    assert set(found["programación"]) == set(found["programacion"]) == set(found["programar"]), found  # the same entries, whatever their order
    program = f"{base}/es/programs/pierce-college-coding-boot-camp/"
    assert program in found["programacion"]
    # Two Spanish words of its description put it first, accents or not.
    assert spanish_results(page, base, "campamento programacion")[0] == program
    page.locator(f'#search-list .card-title a[href="{program}"]').click()
    page.wait_for_url(program)
    assert page.locator("html").get_attribute("lang") == "es"
    assert "campamento intensivo de programación" in page.locator("main").text_content()
    assert page.errors == []


def test_spanish_search_still_finds_english_names(served_site, page):
    base, _ = served_site
    page.goto(f"{base}/es/search/?q=techhire")
    page.locator("#search-list li").first.wait_for()
    assert results(page)[0] == f"{base}/es/partnerships/techhire/"
