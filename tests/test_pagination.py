"""Lists of programs in numbered pages: the program list and each filter page, in every language.

The fixture directory (19 programs) built once with DIRECTORY_PAGE_SIZE=4, so /programs/ has
five pages; the filters.js checks run it in a browser.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter

import pytest

from directory.site.pagination import Pagination, paginate
from site_checks import html_pages
from support.building import run_pelican
from support.serving import serve_build

SIZE = 4


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory, fixture_data):
    """The fixture directory built with four program cards a page, served: (base_url, output_dir)."""
    with serve_build(tmp_path_factory.mktemp("paged"), data_path=fixture_data, settings_overrides={"DIRECTORY_PAGE_SIZE": SIZE}) as site:
        yield site


def read(output, url: str) -> str:
    return (output / url / "index.html").read_text(encoding="utf-8")


def cards(html: str) -> list[str]:
    """Return the program addresses of the cards in a page's list, in order."""
    listed = html.split('id="program-list"', 1)[1].split('id="filter-more"', 1)[0]
    return re.findall(r'<h2 class="card-title"><a href="[^"]*/(programs/[^"]+/)">', listed)


def list_pages(output, base: str) -> list[str]:
    """Return the addresses of every page of the list at base: base, base/page/2/ ... as written."""
    pages = [base]
    while (output / base / "page" / str(len(pages) + 1) / "index.html").is_file():
        pages.append(f"{base}page/{len(pages) + 1}/")
    return pages


# --- The numbers, without a build --------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 4, [1, 2, 3, 4]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
    ],
)
def test_numbered_links_show_the_ends_and_the_pages_around(number, count, shown):
    pagination = Pagination(number, count, "programs/", count * 5, 1, 5)
    assert [link and link["number"] for link in pagination.links()] == shown
    assert [link["number"] for link in pagination.links() if link and link["current"]] == [number]


def test_paginate_cuts_every_entry_once_and_keeps_page_one_at_the_list_address():
    pages = paginate(list(range(12)), "programs/by/cost/free/", 5)
    assert [chunk for chunk, _ in pages] == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]]
    assert [p.url for _, p in pages] == ["programs/by/cost/free/", "programs/by/cost/free/page/2/", "programs/by/cost/free/page/3/"]
    assert [(p.first, p.last, p.prev_url, p.next_url) for _, p in pages][::2] == [
        (1, 5, None, "programs/by/cost/free/page/2/"),
        (11, 12, "programs/by/cost/free/page/2/", None),
    ]
    assert [(chunk, p.count, p.total) for chunk, p in paginate([], "programs/", 5)] == [([], 1, 0)]  # an empty list is one page


# --- The built pages ----------------------------------------------------------------------------


def test_the_program_list_is_cut_into_pages_of_the_set_size_each_card_once(paged_site, fixture_data):
    _, output = paged_site
    programs = sorted(f"programs/{path.stem}/" for path in (fixture_data / "programs").glob("*.yml"))
    pages = list_pages(output, "programs/")
    assert len(pages) == math.ceil(len(programs) / SIZE) == 5
    listed = [cards(read(output, url)) for url in pages]
    assert [len(chunk) for chunk in listed] == [4, 4, 4, 4, 3]
    assert sorted(url for chunk in listed for url in chunk) == programs  # every program once across the pages
    assert f"{len(programs)} programs · showing 5 to 8, page 2 of 5" in read(output, "programs/page/2/")


def test_each_filter_page_is_cut_too_and_lists_each_match_once(paged_site):
    _, output = paged_site
    for index in (output / "programs" / "by").glob("*/*/index.html"):
        base = str(index.parent.relative_to(output)) + "/"
        if "/page/" in base:
            continue
        pages = list_pages(output, base)
        listed = [url for page in pages for url in cards(read(output, page))]
        total = int(re.search(r'<p class="lead">([0-9]+) program', read(output, base)).group(1))
        assert len(listed) == len(set(listed)) == total, base
        assert len(pages) == max(1, math.ceil(total / SIZE)), base
    assert (output / "programs/by/cost/unknown").exists() is False  # a hidden value still has no page
    assert len(list_pages(output, "programs/by/region/los-angeles/")) > 1  # the fixture has a long filter page


def head_links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}" href="([^"]+)">', html)


def test_each_page_names_itself_its_neighbours_and_its_numbers(paged_site):
    base, output = paged_site
    pages = list_pages(output, "programs/")
    for number, url in enumerate(pages, start=1):
        html = read(output, url)
        assert head_links(html, "canonical") == [f"{base}/{url}"]  # each page is its own, not a copy of page 1
        assert head_links(html, "prev") == ([f"{base}/{pages[number - 2]}"] if number > 1 else [])
        assert head_links(html, "next") == ([f"{base}/{pages[number]}"] if number < len(pages) else [])
        nav = html.split('<nav class="pagination" id="page-links" aria-label="Pages of the list">', 1)[1].split("</nav>", 1)[0]
        assert re.findall(r'<a href="[^"]+/(programs/(?:page/[0-9]+/)?)">([0-9]+)</a>', nav.replace(' aria-current="page"', "")) == [
            (link["url"], str(link["number"])) for link in Pagination(number, len(pages), "programs/", 19, 0, 0).links() if link
        ]
        assert re.findall(r'<a href="[^"]+" aria-current="page">([0-9]+)</a>', nav) == [str(number)]
        assert ('rel="prev"' in nav) == (number > 1) and ('rel="next"' in nav) == (number < len(pages))
        assert re.search(r'<link rel="alternate" hreflang="es" href="[^"]+/es/' + re.escape(url) + '">', html)
    assert '<nav class="pagination"' not in read(output, "programs/by/type/internship/")  # one page: no numbers


def test_no_two_pages_of_a_list_share_a_title_or_a_description(paged_site):
    _, output = paged_site
    heads = {}
    for path in html_pages(output):
        html = path.read_text(encoding="utf-8")
        if "/programs/" in f"/{path.relative_to(output).as_posix()}" and "pagination" in html:
            heads[path] = (re.search(r"<title>(.*?)</title>", html).group(1), re.search(r'<meta name="description" content="([^"]*)">', html).group(1))
    assert len(heads) > 8
    for kind in (0, 1):
        repeated = [text for text, times in Counter(head[kind] for head in heads.values()).items() if times > 1]
        assert repeated == []
    title, description = heads[output / "programs/page/3/index.html"]
    assert title.startswith("Programs, page 3 of 5") and description.startswith("Page 3 of 5. 19 programs")


def test_the_sitemap_lists_every_page_of_every_list_in_both_languages(paged_site):
    base, output = paged_site
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for path in html_pages(output):
        url = path.parent.relative_to(output).as_posix() + "/"
        if "/page/" in url:
            assert f"{base}/{url}" in locations, url
    assert f"{base}/es/programs/page/5/" in locations and f"{base}/programs/page/6/" not in locations


def test_spanish_pages_are_cut_the_same_way_in_spanish(paged_site):
    base, output = paged_site
    english = [cards(read(output, url)) for url in list_pages(output, "programs/")]
    spanish = [cards(read(output, f"es/{url}")) for url in list_pages(output, "programs/")]
    assert [len(chunk) for chunk in spanish] == [len(chunk) for chunk in english]
    html = read(output, "es/programs/page/2/")
    assert head_links(html, "canonical") == [f"{base}/es/programs/page/2/"] and head_links(html, "next") == [f"{base}/es/programs/page/3/"]
    assert '<nav class="pagination" id="page-links" aria-label="Páginas de la lista">' in html
    assert "Página 2 de 5." in re.search(r'<meta name="description" content="([^"]*)">', html).group(1)


def test_an_entry_that_names_more_programs_than_a_page_shows_a_page_of_them_and_links_the_whole_list(paged_site, fixture_data):
    _, output = paged_site
    occupation = read(output, "occupations/15-1134/")
    section = occupation.split('id="get-heading"', 1)[1].split("</section>", 1)[0]
    assert section.count('class="card program-card"') == SIZE
    assert re.search(r'<a href="[^"]+/occupations/15-1134/programs/">See all 5 programs</a>', section)
    pages = list_pages(output, "occupations/15-1134/programs/")
    listed = [url for page in pages for url in cards(read(output, page))]
    linked = sorted(f"programs/{path.stem}/" for path in (fixture_data / "programs").glob("*.yml") if "- 15-1134" in path.read_text(encoding="utf-8"))
    assert len(pages) == 2 and sorted(listed) == linked
    whole = read(output, "occupations/15-1134/programs/")
    assert "<h1>Programs that prepare for " in whole and 'id="program-filters"' not in whole  # the directory's filters are not this list's
    assert re.search(r'· <a href="[^"]+/occupations/15-1134/">back to ', whole)
    partner = read(output, "partners/proposed-la-tech-skills-coalition/")
    assert "See all 5 programs" in partner and len(list_pages(output, "partners/proposed-la-tech-skills-coalition/programs/")) == 2
    assert not (output / "partners/la-hi-tech/programs").exists()  # three programs: its page shows them all
    spanish = read(output, "es/occupations/15-1134/programs/page/2/")
    assert "Programas que preparan para " in spanish and "Ver los 5 programas" in read(output, "es/occupations/15-1134/")


@pytest.mark.parametrize("size", [0, -5, "50", True, 2.5])
def test_a_page_size_that_is_not_a_whole_number_stops_the_build(tmp_path, fixture_data, size):
    done = run_pelican(tmp_path / "out", data_path=fixture_data, settings_overrides={"DIRECTORY_PAGE_SIZE": size})
    assert done.returncode != 0
    assert "DIRECTORY_PAGE_SIZE: must be a whole number of program cards a page, 1 or more" in done.stderr


# --- filters.js over every program ----------------------------------------------------------------


def test_the_filter_file_holds_every_program_in_list_order_beside_its_search_row(paged_site):
    _, output = paged_site
    for prefix in ("", "es/"):
        form = re.search(r'data-program-facets="[^"]*/(search/[^"]+)" data-rows="[^"]*/(search/[^"]+)"', read(output, f"{prefix}programs/page/2/"))
        facets = json.loads((output / form.group(1)).read_text(encoding="utf-8"))
        pages = list_pages(output, f"{prefix}programs/")
        listed = [re.findall(r'<li data-facets="([^"]*)">', read(output, url).split('id="program-list"', 1)[1]) for url in pages]
        tokens = [" ".join(facets["tokens"][t] for t in facets["combos"][combo]) for combo in facets["programs"]]
        assert [set(t.split()) for t in tokens] == [set(t.split()) for page in listed for t in page], prefix
        urls = []
        for number in range(math.ceil(len(tokens) / facets["rowsPerFile"])):
            rows = json.loads((output / form.group(2).replace("{n}", str(number))).read_text(encoding="utf-8"))
            urls += [row[1] for row in rows]
        assert urls[: len(tokens)] == [url.removeprefix(prefix) for page in pages for url in cards(read(output, page))], prefix


@pytest.mark.browser
def test_filters_run_over_every_program_not_only_the_page_shown(paged_site, page):
    base, output = paged_site
    internships = cards(read(output, "programs/by/type/internship/"))
    page.goto(f"{base}/programs/page/3/")
    page.check("input[name=type][value=internship]")
    page.wait_for_selector("#program-list:not([aria-busy])")
    assert page.locator("#filter-status").inner_text() == f"{len(internships)} of 19 programs match"
    shown = [link.get_attribute("href").split("/sub/path/", 1)[1] for link in page.locator("#program-list .card-title a").all()]
    assert shown == internships  # found on whichever page they are, in the list's order
    assert page.locator("#page-links").is_hidden()
    assert "type=internship" in page.url
    page.uncheck("input[name=type][value=internship]")
    page.wait_for_selector("#program-list:not([aria-busy])")
    assert page.locator("#program-list > li").count() == SIZE and page.locator("#page-links").is_visible()
    page.goto(f"{base}/es/programs/?region=los-angeles&type=internship")
    page.wait_for_selector("#program-list:not([aria-busy])")
    assert re.fullmatch(r"[0-9]+ de 19 programas? coincide[n]?", page.locator("#filter-status").inner_text())
    assert page.errors == []


@pytest.mark.browser
def test_without_the_filter_file_the_filters_still_work_on_the_page_shown(paged_site, page):
    base, output = paged_site
    page.route("**/program-facets.*.json", lambda route: route.abort())
    page.goto(f"{base}/programs/?type=internship")
    page.wait_for_selector("#program-list:not([aria-busy])")
    on_page = [url for url in cards(read(output, "programs/")) if url in cards(read(output, "programs/by/type/internship/"))]
    assert page.locator("#filter-status").inner_text() == f"{len(on_page)} of {SIZE} programs match"
    assert page.locator("#program-list > li:visible").count() == len(on_page)
