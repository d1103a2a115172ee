"""What every page tells browsers, screen readers, search engines and link previews about itself.

Icon and social preview image, named landmarks, filter forms with a submit button. Built from
the fixture directory (served_site); the checks that hold for any data also run on the
shipped build (shipped_site).
"""

from __future__ import annotations

import re
import struct
import zlib
from collections import Counter
from html.parser import HTMLParser

import pytest

from directory.site.artwork import SOCIAL_SIZE, favicon_svg, social_png
from site_checks import html_pages
from support import ROOT


class HeadParser(HTMLParser):
    """Collect meta and link tags, landmarks with their names, and forms with their buttons."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.regions: list[str | None] = []
        self.searches: list[dict] = []
        self.forms: dict[str, list[dict]] = {}
        self.ids: dict[str, str] = {}
        self._form: str | None = None
        self._text_of: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if tag == "link":
            self.links.append(attrs)
        if attrs.get("role") == "region":
            self.regions.append(attrs.get("aria-label") or attrs.get("aria-labelledby"))
        if attrs.get("role") == "search":
            self.searches.append(attrs)
        if tag == "form":
            self._form = attrs.get("id") or attrs.get("class") or "form"
            self.forms[self._form] = []
        if tag == "button" and self._form:
            self.forms[self._form].append(attrs | {"text": ""})
            self._text_of = "button"
        if "id" in attrs and tag in ("label", "h2"):
            self.ids[attrs["id"]] = ""
            self._text_of = attrs["id"]

    def handle_data(self, data):
        if self._text_of == "button" and self._form:
            self.forms[self._form][-1]["text"] += data
        elif self._text_of:
            self.ids[self._text_of] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag in ("button", "label", "h2"):
            self._text_of = None


def read(path) -> HeadParser:
    parser = HeadParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def png_size_and_first_pixel(data: bytes) -> tuple[tuple[int, int], bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    position, idat = 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            idat += data[position + 8 : position + 8 + length]
        position += 12 + length
    raw = zlib.decompress(idat)
    return (width, height), raw[1:4]


@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
def test_every_page_has_an_icon_and_a_social_preview_of_our_own(build, request):
    base, output = request.getfixturevalue(build)
    colors = (output / "theme" / "css" / "settings.css").read_text(encoding="utf-8")
    pages = html_pages(output)
    assert pages
    for page in pages:
        head = read(page)
        where = page.relative_to(output)
        icons = [link for link in head.links if link.get("rel") == "icon"]
        assert len(icons) == 1 and icons[0]["type"] == "image/svg+xml", where
        icon = output / icons[0]["href"].removeprefix(base + "/")
        assert icon.is_file() and icon.read_bytes().startswith(b'<svg xmlns="http://www.w3.org/2000/svg"'), where
        image = head.meta.get("og:image", "")
        assert image.startswith(base + "/theme/images/social.") and image.endswith(".png"), where
        size, first_pixel = png_size_and_first_pixel((output / image.removeprefix(base + "/")).read_bytes())
        assert size == (int(head.meta["og:image:width"]), int(head.meta["og:image:height"])) == SOCIAL_SIZE, where
        assert f"--brand: #{first_pixel.hex()};" in colors, "the image's background is the theme's brand colour"
        assert head.meta.get("og:image:alt") and head.meta.get("twitter:card") == "summary_large_image", where


def test_the_artwork_follows_a_forks_colours():
    colors = {"brand": "#123456", "accent": "#abcdef"}
    svg = favicon_svg(colors).decode("utf-8")
    assert 'fill="#123456"' in svg and 'fill="#abcdef"' in svg
    png = social_png(colors, size=(120, 63))
    assert png_size_and_first_pixel(png) == ((120, 63), bytes.fromhex("123456"))
    assert png == social_png(colors, size=(120, 63)), "the same colours give the same bytes"
    assert social_png({"brand": "#000000", "accent": "#ffffff"}, size=(120, 63)) != png


def _accessible_name(head: HeadParser, attrs: dict) -> str:
    if attrs.get("aria-label"):
        return attrs["aria-label"]
    return " ".join(head.ids.get(ref, "").strip() for ref in attrs.get("aria-labelledby", "").split())


@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
def test_landmarks_and_scroll_regions_have_names_of_their_own(build, request):
    _, output = request.getfixturevalue(build)
    for page in html_pages(output):
        head = read(page)
        where = page.relative_to(output)
        names = [_accessible_name(head, form) for form in head.searches]
        assert all(names) and len(set(names)) == len(names), f"{where}: search landmarks {names}"
        assert all(head.regions), f"{where}: a region without a name"
        repeated = [name for name, count in Counter(head.regions).items() if count > 1]
        assert repeated == [], f"{where}: region names used twice: {repeated}"
        assert not any(name.startswith(("Table, scrolls", "Chart, scrolls")) for name in head.regions), where


def test_the_search_page_has_one_search_box(served_site):
    _, output = served_site
    head = read(output / "search" / "index.html")
    assert [form.get("id") for form in head.searches] == ["search-form"]
    assert 'class="header-search"' not in (output / "search" / "index.html").read_text(encoding="utf-8")
    assert len(read(output / "programs" / "index.html").searches) == 1


def test_filter_forms_have_a_visible_apply_button(served_site):
    _, output = served_site
    for page, form in (("programs/index.html", "program-filters"), ("search/index.html", "search-facets")):
        buttons = read(output / page).forms[form]
        submits = [button for button in buttons if button.get("type") == "submit"]
        assert [button["text"].strip() for button in submits] == ["Apply filters"], page
        assert "hidden" not in submits[0], f"{page}: the Apply button is hidden before any script runs"


@pytest.mark.browser
def test_the_apply_button_hides_only_where_filters_apply_as_you_go(served_site, browser):
    base, _ = served_site
    context = browser.new_context(viewport={"width": 1350, "height": 940})
    tab = context.new_page()
    tab.goto(f"{base}/programs/")
    assert tab.locator("#program-filters .apply-filters").is_hidden()  # each change applies at once
    tab.locator("#program-filters input[type=checkbox]").first.check()
    tab.wait_for_function("() => document.getElementById('filter-status').textContent !== ''")
    context.close()
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base}/programs/")
    assert tab.locator(".filter-links a").first.is_visible()  # without the script, every filter is a page
    context.close()


# --- Descriptions, dates and feeds ------------------------------------------------------

from standards_checks import ATOM, sitemap_entries  # noqa: E402


def _description(page) -> str:
    return read(page).meta.get("description", "")


@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
def test_every_page_describes_itself(build, request):
    base, output = request.getfixturevalue(build)
    tagline = _description(output / "index.html")
    spanish_tagline = _description(output / "es" / "index.html")
    descriptions: dict[str, list[str]] = {}
    for page in html_pages(output):
        where = str(page.relative_to(output))
        if where.removeprefix("es/") in ("index.html", "404.html"):
            continue
        description = _description(page)
        assert description and description not in (tagline, spanish_tagline), f"{where}: no description of its own"
        assert len(description) <= 200, where
        # within one language: a Spanish page may show an English description no one has translated yet
        descriptions.setdefault((where.startswith("es/"), description), []).append(where)
    shared = {text: pages for (_, text), pages in descriptions.items() if len(pages) > 1}
    assert shared == {}, "pages that share a description"


@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
def test_every_page_but_search_is_in_the_sitemap_with_its_date(build, request):
    base, output = request.getfixturevalue(build)
    listed = sitemap_entries(output / "sitemap.xml")
    expected = {f"{base}/{page.parent.relative_to(output)}/".replace("/./", "/") for page in html_pages(output) if page.name == "index.html"}
    expected -= {f"{base}/search/", f"{base}/es/search/"}
    assert set(listed) == expected, f"missing: {sorted(expected - set(listed))}, extra: {sorted(set(listed) - expected)}"
    assert {f"{base}/about/", f"{base}/contribute/"} <= set(listed)
    undated = sorted(url for url, lastmod in listed.items() if not lastmod)
    assert undated == []


@pytest.fixture(scope="module")
def verified_build(tmp_path_factory):
    """The fixture directory with two programs checked on other days than the rest, built."""
    import yaml

    from support.builders import write_fixture_site
    from support.building import run_pelican

    root = tmp_path_factory.mktemp("verified")
    data = write_fixture_site(root / "data")
    for program, day in (("la-tech-talent-challenge", "2026-03-01"), ("pierce-college-coding-boot-camp", "2026-02-01")):
        path = data / "programs" / f"{program}.yml"
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry["last_verified"] = day
        path.write_text(yaml.safe_dump(entry, sort_keys=False, allow_unicode=True), encoding="utf-8")
    output = root / "output"
    done = run_pelican(output, data_path=data)
    assert done.returncode == 0, done.stdout + done.stderr
    return data, output


def test_feed_entries_carry_their_own_check_date(verified_build):
    from xml.etree import ElementTree

    import yaml

    data, output = verified_build
    verified = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["last_verified"] for path in (data / "programs").glob("*.yml")}
    feeds = sorted(output.rglob("*.atom.xml"))
    assert len(feeds) > 2
    for feed in feeds:
        root = ElementTree.parse(feed).getroot()
        entries = {entry.findtext(ATOM + "id").rsplit("/", 1)[1]: entry.findtext(ATOM + "updated") for entry in root.findall(ATOM + "entry")}
        assert entries and all(updated == f"{verified[program]}T00:00:00Z" for program, updated in entries.items()), feed
        assert root.findtext(ATOM + "updated") == max(entries.values()), feed
    every = ElementTree.parse(output / "feeds" / "programs.atom.xml").getroot()
    assert len({entry.findtext(ATOM + "updated") for entry in every.findall(ATOM + "entry")}) >= 3, "entries checked on other days say so"


def test_each_list_of_programs_advertises_its_own_feed(served_site):
    base, output = served_site
    from xml.etree import ElementTree

    checked = 0
    for feed in sorted(output.rglob("*.atom.xml")):
        root = ElementTree.parse(feed).getroot()
        page_url = next(link.get("href") for link in root.findall(ATOM + "link") if link.get("rel") == "alternate")
        page = output / page_url.removeprefix(base + "/") / "index.html"
        feeds = [link for link in read(page).links if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"]
        assert feeds and feeds[0]["href"] == f"{base}/{feed.relative_to(output)}", f"{page.relative_to(output)} does not name {feed.name} first"
        checked += 1
    assert checked > 2


# --- Asset names and the one style sheet ------------------------------------------------

HASHED = re.compile(r"^theme/(css|js|images)/[a-z]+\.([0-9a-f]{10})\.(css|js|svg|png)$")


@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
def test_pages_link_one_style_sheet_and_only_content_hashed_theme_files(build, request):
    import hashlib

    base, output = request.getfixturevalue(build)
    linked = set()
    for page in html_pages(output):
        where = page.relative_to(output)
        text = page.read_text(encoding="utf-8")
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
        assert len(sheets) == 1, f"{where}: {len(sheets)} style sheets"
        theme_files = re.findall(r'(?:href|src|content)="' + re.escape(base) + r'/(theme/[^"]+)"', text)
        assert theme_files, where
        for path in theme_files:
            match = HASHED.match(path)
            assert match, f"{where}: {path} has no content hash in its name"
            content = (output / path).read_bytes()
            assert hashlib.sha256(content).hexdigest()[:10] == match.group(2), f"{path}: the name does not match the content"
            linked.add(path)
    sheet = next(output / path for path in linked if path.endswith(".css"))
    css = sheet.read_text(encoding="utf-8")
    assert css.startswith(":root {") and "--brand:" in css, "the theme colours come first"
    for part in ("site.css", "search.css"):
        assert (ROOT / "theme" / "static" / "css" / part).read_text(encoding="utf-8") in css
    assert {path.split("/")[1] for path in linked} == {"css", "js", "images"}
