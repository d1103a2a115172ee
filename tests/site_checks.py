"""Checks of a built site that hold for any valid data: every entry has its page, links resolve, nothing foreign."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import yaml

COLLECTIONS = ("programs", "partners", "pathways", "partnerships", "occupations", "regions", "sources")


class PageParser(HTMLParser):
    """Collect links, ids, JSON-LD blocks, h1 count and external assets of one page."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, dict]] = []
        self.ids: set[str] = set()
        self.json_ld: list[str] = []
        self.h1 = 0
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "h1":
            self.h1 += 1
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append((tag, attrs[name], attrs))
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def entry_ids(data: Path, collection: str) -> list[str]:
    return sorted(p.stem for p in (data / collection).glob("*.yml"))


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


def pages_without_their_entry(data: Path, output: Path, collection: str) -> list[str]:
    """Entries of data/<collection> whose page is missing, or lacks one h1 with the entry's name."""
    wrong = []
    for entry_id in entry_ids(data, collection):
        page = output / collection / entry_id / "index.html"
        if not page.exists():
            wrong.append(f"{collection}/{entry_id}: no page")
            continue
        name = yaml.safe_load((data / collection / f"{entry_id}.yml").read_text(encoding="utf-8"))["name"]
        if f"<h1>{escape_html(name)}" not in page.read_text(encoding="utf-8"):
            wrong.append(f"{collection}/{entry_id}: the h1 does not carry {name!r}")
        elif parse(page).h1 != 1:
            wrong.append(f"{collection}/{entry_id}: more than one h1")
    return wrong


def broken_links(base: str, output: Path) -> list[str]:
    """Every link or asset of the site's pages that does not resolve under base (fragments included)."""
    host = urlparse(base).netloc
    broken = []
    for page in html_pages(output):
        parsed = parse(page)
        for _tag, link, _ in parsed.links:
            url, fragment = urldefrag(link)
            if link.startswith("#"):
                if fragment and fragment not in parsed.ids:
                    broken.append(f"{page.relative_to(output)}: {link}")
                continue
            parts = urlparse(url)
            if parts.scheme in ("http", "https") and parts.netloc != host:
                continue  # an outside page a reader may follow
            if not url.startswith(base + "/") and url != base:
                broken.append(f"{page.relative_to(output)}: {link} is not under {base}")
                continue
            target = output / url[len(base) + 1 :]
            if url.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(output)}: {link}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(output)}: {link} (no id {fragment})")
    return broken


def foreign_resources(base: str, output: Path) -> list[str]:
    """Scripts, images, styles loaded from another host, and outside links without rel=noopener."""
    host = urlparse(base).netloc
    foreign = []
    for page in html_pages(output):
        for tag, link, attrs in parse(page).links:
            parts = urlparse(link)
            external = parts.scheme in ("http", "https") and parts.netloc != host
            if external and (tag in ("script", "img", "iframe", "source") or (tag == "link" and attrs.get("rel") != "canonical")):
                foreign.append(f"{page.relative_to(output)}: <{tag}> {link}")
            if external and tag == "a" and "noopener" not in (attrs.get("rel") or ""):
                foreign.append(f"{page.relative_to(output)}: <a> {link} lacks rel=noopener")
    for css in output.rglob("*.css"):
        if re.search(r"url\(\s*['\"]?(https?:)?//|@import", css.read_text(encoding="utf-8")):
            foreign.append(f"{css.relative_to(output)}: loads from elsewhere")
    return foreign


# The project's internal names: a source document's working file ("000_1a2b3c4d5e6f7a8b") or the word
# for those files. A reader must find a cited document from its real title, publisher and address.
INTERNAL_NAME = re.compile(rb"\bseed\b|\b\d{3}_[0-9a-f]{16}\b", re.IGNORECASE)


def internal_names(output: Path) -> list[str]:
    """Return 'file: match' for every internal file name or the word 'seed' in any built file (gzip read through)."""
    found = []
    for path in sorted(output.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            found += [f"{path.relative_to(output)}: {match.group().decode(errors='replace')}" for match in INTERNAL_NAME.finditer(data)]
    return found
