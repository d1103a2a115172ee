"""The Spanish edition: every page in both languages, linked to its counterpart, with its words translated.

Built from the fixture directory (served_site), where one program has Spanish text and the
others have none; the catalog checks read theme/translations/ and the sources they are
extracted from.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from directory.data.translations import has_english, localized, translated_fields
from directory.languages import LANGUAGES
from site_checks import html_pages
from support import ROOT
from support.building import run_pelican

CATALOG = ROOT / "theme" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
TRANSLATED = ("description", "details", "how_to_apply", "how_to_join")


class LanguageParser(HTMLParser):
    """Collect a page's html lang, its hreflang links, its language switch and its text outside lang="en" parts."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.alternates: dict[str, str] = {}
        self.switch: list[dict] = []
        self.text: list[str] = []
        self.english_marks = 0
        self.notices = 0
        self._stack: list[tuple[str, bool]] = []  # (tag, inside an English part)
        self._skip = 0

    def _english(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "a" and "language-switch" in attrs.get("class", ""):
            self.switch.append(attrs)
        if "translation-notice" in attrs.get("class", ""):
            self.notices += 1
        if attrs.get("lang") == "en" and tag != "html":
            self.english_marks += 1
        if tag in ("script", "style"):
            self._skip += 1
        if tag not in self.VOID:
            self._stack.append((tag, self._english() or (attrs.get("lang") == "en" and tag != "html")))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skip and not self._english() and data.strip():
            self.text.append(" ".join(data.split()))


def parse(path: Path) -> LanguageParser:
    parser = LanguageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def site_paths(output: Path) -> tuple[set[str], set[str]]:
    """Return the HTML pages of the English edition and of the Spanish one, as paths inside their edition."""
    pages = [page.relative_to(output).as_posix() for page in html_pages(output)]
    spanish = {page.removeprefix("es/") for page in pages if page.startswith("es/")}
    return {page for page in pages if not page.startswith("es/")}, spanish


def page_url(path: str) -> str:
    return "404.html" if path == "404.html" else path.removesuffix("index.html")


def test_every_page_has_its_spanish_counterpart_and_back(served_site):
    _, output = served_site
    english, spanish = site_paths(output)
    assert len(english) > 50
    assert english == spanish


def test_each_page_names_its_language_and_links_to_its_counterpart(served_site):
    base, output = served_site
    english, _ = site_paths(output)
    for path in sorted(english):
        for code, prefix in (("en", ""), ("es", "es/")):
            parsed = parse(output / (prefix + path))
            assert parsed.lang == code, path
            other = "es/" if code == "en" else ""
            switch = [(link["href"], link["hreflang"], link["lang"]) for link in parsed.switch]
            assert switch == [(f"{base}/{other}{page_url(path)}", "es" if code == "en" else "en", "es" if code == "en" else "en")], prefix + path
            if path != "404.html":  # the 404 page is no address to index, so it names no alternates
                assert parsed.alternates == {"en": f"{base}/{page_url(path)}", "es": f"{base}/es/{page_url(path)}", "x-default": f"{base}/{page_url(path)}"}


def test_the_sitemap_lists_both_editions_with_their_alternates(served_site):
    base, output = served_site
    root = ET.parse(output / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)} for url in root.findall("s:url", ns)}
    assert f"{base}/programs/" in entries and f"{base}/es/programs/" in entries
    assert f"{base}/es/about/" in entries
    for loc, alternates in entries.items():
        assert loc in alternates.values(), loc
        assert set(alternates) == {"en", "es"}
        assert alternates["es"] == alternates["en"].replace(f"{base}/", f"{base}/es/", 1)
    assert len(entries) % 2 == 0


def test_spanish_text_is_shown_and_english_left_over_is_marked_once(served_site):
    _, output = served_site
    translated = parse(output / "es/programs/pierce-college-coding-boot-camp/index.html")
    assert any("campamento intensivo de programación" in text for text in translated.text)
    assert translated.notices == 0 and translated.english_marks == 2  # the language switch and the credit link to the English page
    untranslated = output / "es/programs/bixel-la-tech-talent-pipeline/index.html"
    parsed = parse(untranslated)
    assert parsed.notices == 1
    assert '<div lang="en"><p>One of the Bixel Exchange' in untranslated.read_text(encoding="utf-8")
    assert not any("One of the Bixel Exchange" in text for text in parsed.text)  # only inside the English part
    english = (output / "programs/pierce-college-coding-boot-camp/index.html").read_text(encoding="utf-8")
    assert "campamento" not in english
    assert len(re.findall(r'\slang="en"', english)) == 1  # only <html lang="en">: no part is marked


def test_a_spanish_region_page_shows_its_figures_spanish_text_and_marks_what_stays_english(served_site):
    _, output = served_site
    page = output / "es/regions/los-angeles/index.html"
    html, parsed = page.read_text(encoding="utf-8"), parse(page)
    assert "Empleos de TI, ingeniería y medios digitales en el condado de Los Ángeles" in parsed.text  # the fixture's one translated figure
    assert any("recuadro comparativo muestra el mismo número sin año" in text for text in parsed.text)
    assert '<th scope="row"><span lang="en">Average tech salary</span></th>' in html  # a figure without Spanish text
    assert '<span lang="en">The comparison box gives no year.</span>' in html
    assert '<span lang="en">BLS estimate, cited in the LA tech-skills coalition road map (Chapter 1 and Table 1)</span>' in html  # a source stays English
    assert not any("Average tech salary" in text or "BLS estimate" in text for text in parsed.text)  # only inside the English parts
    english = (output / "regions/los-angeles/index.html").read_text(encoding="utf-8")
    assert "IT, engineering and digital media jobs in Los Angeles County" in english and "Empleos de TI" not in english
    assert '<span lang="en">' not in english


def test_spanish_pages_say_who_translated_them(served_site):
    base, output = served_site
    text = (output / "es/programs/pierce-college-coding-boot-camp/index.html").read_text(encoding="utf-8")
    assert 'class="translation-credit' in text
    assert f'href="{base}/programs/pierce-college-coding-boot-camp/" hreflang="en"' in text
    assert 'class="translation-credit' not in (output / "programs/pierce-college-coding-boot-camp/index.html").read_text(encoding="utf-8")


def test_spanish_feeds_link_spanish_pages_and_keep_ids_of_their_own(served_site):
    base, output = served_site
    atom = "{http://www.w3.org/2005/Atom}"
    english = ET.parse(output / "feeds/programs.atom.xml").getroot()
    spanish = ET.parse(output / "es/feeds/programs.atom.xml").getroot()
    assert spanish.find(f"{atom}id").text != english.find(f"{atom}id").text
    ids = {entry.find(f"{atom}id").text for entry in english.iter(f"{atom}entry")}
    for entry in spanish.iter(f"{atom}entry"):
        assert entry.find(f"{atom}link").get("href").startswith(f"{base}/es/programs/")
        assert entry.find(f"{atom}id").text not in ids
    assert list((output / "es/feeds/types").glob("*.atom.xml")), "the per-type feeds have Spanish editions"


def test_spanish_pages_use_the_spanish_search_root(served_site):
    base, output = served_site
    text = (output / "es/programs/index.html").read_text(encoding="utf-8")
    assert f'action="{base}/es/search/"' in text and f'data-search-root="{base}/es"' in text
    assert f'href="{base}/es/pathways/"' in text


def catalog():
    with CATALOG.open("rb") as po:
        return read_po(po, locale="es_US")


def test_every_interface_text_has_a_spanish_translation():
    missing = []
    for message in catalog():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    assert not missing, (
        f"{len(missing)} interface texts have no Spanish translation (run make translations, then translate them in {CATALOG.relative_to(ROOT)}): {missing[:10]}"
    )


def test_the_catalog_holds_every_text_the_templates_and_code_ask_for(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_", "-k", "gettext", "-k", "ngettext:1,2", "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as template:
        wanted = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(template) if message.id}
    have = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog() if message.id}
    assert not wanted - have, f"run make translations: the catalog lacks {sorted(wanted - have)[:10]}"


def english_phrases() -> list[str]:
    """The English interface texts whose Spanish differs, cut at their placeholders into phrases of three words or more (four for pieces)."""
    phrases = set()
    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings:
                continue
            parts = re.split(r"%\(\w+\)[sd]|%[sd]", english)
            # A piece between placeholders ("per 1,000 jobs") may be an entry's own words: only longer ones count.
            shortest = 3 if len(parts) == 1 else 4
            for part in parts:
                part = " ".join(part.split()).strip(" .,:;()")
                if len(part.split()) >= shortest:
                    phrases.add(part)
    return sorted(phrases)


def test_no_spanish_page_shows_english_interface_text(served_site):
    _, output = served_site
    phrases = english_phrases()
    assert len(phrases) > 20
    found = {}
    for page in html_pages(output / "es"):
        text = " ".join(parse(page).text)
        hits = [phrase for phrase in phrases if phrase in text]
        if hits:
            found[page.relative_to(output).as_posix()] = hits[:3]
    assert not found, f"English interface text on Spanish pages: {dict(list(found.items())[:5])}"


def test_localized_puts_spanish_in_place_and_marks_what_stays_english():
    values = {
        "name": "Coding boot camp",
        "description": "A camp.",
        "es": {"description": "Un campamento."},
        "cost": {"amount": 0, "details": "Free for residents."},
        "application": {"how_to_apply": "Apply online.", "es": {"how_to_apply": "Solicite en línea."}},
    }
    spanish = localized(values, "es", frozenset(TRANSLATED))
    assert spanish["description"] == "Un campamento." and spanish["application"]["how_to_apply"] == "Solicite en línea."
    assert spanish["cost"]["_english"] == ("details",)
    assert "_english" not in spanish and "_english" not in spanish["application"]
    assert spanish["name"] == "Coding boot camp"  # a name without a Spanish one is the name
    assert has_english(spanish) and not has_english(localized({"description": "A.", "es": {"description": "B."}}, "es", frozenset(TRANSLATED)))
    assert values["description"] == "A camp."  # the English values are left as they were


def test_the_schemas_say_which_fields_are_translated():
    from directory.data.schema import load_schemas

    fields = translated_fields(load_schemas(ROOT / "data" / "schemas"))
    assert {"description", "how_to_join", "how_to_apply", "details", "label", "note"} <= fields
    assert "name" not in fields and "reviewed_by" not in fields
    assert "source" not in fields  # a figure's source names its document as titled, in English


def test_a_content_page_without_a_spanish_translation_stops_the_build(tmp_path, fixture_data):
    content = tmp_path / "content" / "pages"
    content.mkdir(parents=True)
    for page in (ROOT / "content" / "pages").glob("*.md"):
        if page.name != "about.es.md":
            (content / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    done = run_pelican(tmp_path / "out", data_path=fixture_data, settings_overrides={"PATH": str(tmp_path / "content")})
    assert done.returncode != 0
    assert "content/pages/about.md: has no Español translation; add content/pages/about.es.md with 'Lang: es' and 'Slug: about'" in done.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_an_english_only_site_has_no_spanish_pages_or_alternates(tmp_path, fixture_data):
    done = run_pelican(tmp_path / "out", data_path=fixture_data, settings_overrides={"DIRECTORY_LANGUAGES": ["en"]})
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "out" / "es").exists()
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "hreflang" not in home and "language-switch" not in home
    assert "xhtml:link" not in (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [["es", "en"], ["en", "fr"], "en", ["en", "en"]])
def test_directory_languages_must_name_known_languages_english_first(tmp_path, fixture_data, value):
    done = run_pelican(tmp_path / "out", data_path=fixture_data, settings_overrides={"DIRECTORY_LANGUAGES": value})
    assert done.returncode != 0
    assert f"DIRECTORY_LANGUAGES: must list the site's languages, English first, each once, from {', '.join(LANGUAGES)}" in done.stderr


def test_localized_shares_what_it_does_not_change():
    skills = ["coding"]
    values = {"description": "A.", "es": {"description": "B."}, "skills": skills, "cost": {"amount": 0}}
    spanish = localized(values, "es", frozenset(TRANSLATED))
    assert spanish["skills"] is skills and spanish["cost"] is values["cost"]
    assert localized(values["cost"], "es", frozenset(TRANSLATED)) is values["cost"]
