"""The web's own rules for a built site's files, as checks that return one problem a line.

Atom: RFC 4287 (https://www.rfc-editor.org/rfc/rfc4287). Sitemap: the sitemaps.org protocol
(https://www.sitemaps.org/protocol.html). iCalendar: RFC 5545, read with the icalendar package.
HTML and CSS: the Nu HTML Checker (vnu.jar from npm), run with the Java runtime.
Each check reads only the files it is given, so a test can feed it a broken file and see it fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import feedparser
import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# RFC 3339 date-time as RFC 4287 section 3.3 restricts it: upper-case T and Z.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# W3C Datetime (https://www.w3.org/TR/NOTE-datetime), the format sitemaps.org asks of lastmod.
W3C_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")
LINK_RELATIONS = {"alternate", "related", "self", "enclosure", "via"}  # RFC 4287 4.2.7.2
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}


def java_or_skip() -> str:
    """Return the java command; skip when there is none, fail when CI requires it (REQUIRE_JAVA=1)."""
    java = shutil.which("java")
    reason = None
    if not java:
        reason = "no Java runtime on PATH (apt-get install default-jre-headless)"
    elif not VNU.exists():
        reason = f"{VNU.relative_to(ROOT)} is missing (run make setup: npm ci installs vnu-jar)"
    if reason:
        if os.environ.get("REQUIRE_JAVA"):
            pytest.fail(f"the Nu HTML Checker is required here but {reason}")
        pytest.skip(reason)
    return java


def nu_checker(java: str, *paths: Path, css: bool = False) -> list[str]:
    """Run vnu.jar on folders or files; return every error and warning as 'file:line: message'.

    Info messages about the Content-Security-Policy are left out: vnu reads the files from
    disk, where 'self' is the file: origin, so every same-site stylesheet looks blocked.
    """
    args = [java, "-jar", str(VNU), "--format", "json", "--css" if css else "--skip-non-html"]
    if css:
        args.append("--skip-non-css")
    done = subprocess.run([*args, *map(str, paths)], capture_output=True, text=True, timeout=600)
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    problems = []
    for message in report["messages"]:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue
        if message["type"] == "info" and "violates Content Security Policy" in message["message"]:
            continue
        where = message.get("url", "").removeprefix("file:")
        problems.append(f"{where}:{message.get('lastLine', '?')}: {message['type']}/{message.get('subType', '')}: {message['message']}")
    if done.returncode not in (0, 1) or (done.returncode == 1 and not problems):
        problems.append(f"vnu.jar exited with {done.returncode}: {done.stdout[-500:]} {done.stderr[-500:]}")
    return problems


def _only_once(parent, names: tuple[str, ...], where: str, required: bool) -> list[str]:
    problems = []
    for name in names:
        count = len(parent.findall(ATOM + name))
        if count > 1 or (required and count == 0):
            problems.append(f"{where}: atom:{name} appears {count} times (RFC 4287: exactly one{'' if required else ' at most'})")
    return problems


def _text_constructs(parent, names: tuple[str, ...], where: str) -> list[str]:
    return [
        f"{where}: atom:{name} type={element.get('type')!r} is not text, html or xhtml"
        for name in names
        for element in parent.findall(ATOM + name)
        if element.get("type", "text") not in ("text", "html", "xhtml")
    ]


def _people(parent, where: str) -> list[str]:
    problems = []
    for person in parent.findall(ATOM + "author") + parent.findall(ATOM + "contributor"):
        names = person.findall(ATOM + "name")
        if len(names) != 1 or not (names[0].text or "").strip():
            problems.append(f"{where}: a person construct needs exactly one non-empty atom:name")
    return problems


def _dates(parent, where: str) -> list[str]:
    return [
        f"{where}: atom:{name} {element.text!r} is not an RFC 3339 date-time"
        for name in ("updated", "published")
        for element in parent.findall(ATOM + name)
        if not RFC3339.match(element.text or "")
    ]


def _links(parent, where: str) -> list[str]:
    problems, alternates = [], []
    for link in parent.findall(ATOM + "link"):
        rel = link.get("rel", "alternate")
        if not link.get("href"):
            problems.append(f"{where}: atom:link without href")
        if rel not in LINK_RELATIONS and not urlparse(rel).scheme:
            problems.append(f"{where}: atom:link rel={rel!r} is neither a registered relation nor an IRI")
        if rel == "alternate":
            alternates.append((link.get("type"), link.get("hreflang")))
    if len(alternates) != len(set(alternates)):
        problems.append(f"{where}: two rel=alternate links with the same type and hreflang (RFC 4287 4.1.1)")
    return problems


def _absolute_iri(text: str | None) -> bool:
    return bool(text) and bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", text.strip()))


def atom_problems(path: Path) -> list[str]:
    """Check an Atom feed against RFC 4287's rules (and feedparser's reading of it)."""
    where = str(path)
    try:
        feed = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        return [f"{where}: not well-formed XML: {error}"]
    if feed.tag != ATOM + "feed":
        return [f"{where}: the root element is {feed.tag}, not atom:feed"]
    problems = _only_once(feed, ("id", "title", "updated"), where, True)
    problems += _only_once(feed, ("subtitle", "rights", "icon", "logo", "generator"), where, False)
    problems += _text_constructs(feed, ("title", "subtitle", "rights"), where) + _people(feed, where) + _dates(feed, where) + _links(feed, where)
    if not _absolute_iri(feed.findtext(ATOM + "id")):
        problems.append(f"{where}: the feed's atom:id is not an absolute IRI")
    if not [link for link in feed.findall(ATOM + "link") if link.get("rel") == "self"]:
        problems.append(f"{where}: no atom:link rel=self (RFC 4287 4.1.1: a feed SHOULD have one)")
    feed_has_author = bool(feed.findall(ATOM + "author"))
    ids, updated = [], []
    for number, entry in enumerate(feed.findall(ATOM + "entry"), 1):
        at = f"{where}: entry {number}"
        problems += _only_once(entry, ("id", "title", "updated"), at, True)
        problems += _only_once(entry, ("summary", "content", "published", "rights", "source"), at, False)
        problems += _text_constructs(entry, ("title", "summary", "rights"), at) + _people(entry, at) + _dates(entry, at) + _links(entry, at)
        if not feed_has_author and not entry.findall(ATOM + "author"):
            problems.append(f"{at}: no atom:author, and the feed has none (RFC 4287 4.1.1)")
        if entry.find(ATOM + "content") is None and not [link for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]:
            problems.append(f"{at}: neither atom:content nor a rel=alternate link (RFC 4287 4.1.1)")
        entry_id = entry.findtext(ATOM + "id")
        if not _absolute_iri(entry_id):
            problems.append(f"{at}: atom:id {entry_id!r} is not an absolute IRI")
        ids.append(entry_id)
        updated.append(entry.findtext(ATOM + "updated") or "")
    if len(ids) != len(set(ids)):
        problems.append(f"{where}: two entries share an atom:id")
    if updated and feed.findtext(ATOM + "updated") != max(updated):
        problems.append(f"{where}: the feed's atom:updated {feed.findtext(ATOM + 'updated')} is not its newest entry's {max(updated)}")
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        problems.append(f"{where}: feedparser: {parsed.bozo_exception}")
    return problems


def sitemap_problems(path: Path, siteurl: str) -> list[str]:
    """Check a sitemap against the sitemaps.org protocol; every loc must lie under siteurl."""
    where = str(path)
    raw = path.read_bytes()
    problems = []
    if not raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append(f"{where}: does not start with an XML declaration of UTF-8")
    if len(raw) > 50 * 1024 * 1024:
        problems.append(f"{where}: larger than 50 MB uncompressed")
    try:
        urlset = ElementTree.fromstring(raw)
    except ElementTree.ParseError as error:
        return [*problems, f"{where}: not well-formed XML: {error}"]
    if urlset.tag != SITEMAP + "urlset":
        return [*problems, f"{where}: the root element is {urlset.tag}, not urlset in the sitemaps.org namespace"]
    urls = list(urlset)
    if not urls or len(urls) > 50000:
        problems.append(f"{where}: {len(urls)} url elements (the protocol allows 1 to 50,000)")
    seen = set()
    for number, url in enumerate(urls, 1):
        at = f"{where}: url {number}"
        if url.tag != SITEMAP + "url":
            problems.append(f"{at}: {url.tag} is not a url element")
            continue
        children = [child.tag.removeprefix(SITEMAP) for child in url if child.tag.startswith(SITEMAP)]
        for name in set(children) - {"loc", "lastmod", "changefreq", "priority"}:
            problems.append(f"{at}: {name} is not a sitemap element")
        for name in ("loc", "lastmod", "changefreq", "priority"):
            if children.count(name) > 1 or (name == "loc" and children.count(name) != 1):
                problems.append(f"{at}: {name} appears {children.count(name)} times")
        loc = (url.findtext(SITEMAP + "loc") or "").strip()
        parts = urlparse(loc)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(loc) > 2048:
            problems.append(f"{at}: loc {loc!r} is not an absolute http(s) URL of at most 2,048 characters")
        if not (loc + "/").startswith(siteurl.rstrip("/") + "/"):
            problems.append(f"{at}: loc {loc!r} is not under the sitemap's site {siteurl}")
        if loc in seen:
            problems.append(f"{at}: loc {loc!r} is listed twice")
        seen.add(loc)
        lastmod = url.findtext(SITEMAP + "lastmod")
        if lastmod is not None and not W3C_DATETIME.match(lastmod):
            problems.append(f"{at}: lastmod {lastmod!r} is not in the W3C Datetime format")
        elif lastmod and len(lastmod) == 10 and date.fromisoformat(lastmod) > date.today():
            problems.append(f"{at}: lastmod {lastmod} is in the future")
        changefreq = url.findtext(SITEMAP + "changefreq")
        if changefreq is not None and changefreq not in CHANGEFREQ:
            problems.append(f"{at}: changefreq {changefreq!r} is not one of {sorted(CHANGEFREQ)}")
        priority = url.findtext(SITEMAP + "priority")
        if priority is not None and not (re.match(r"^(0(\.\d+)?|1(\.0+)?)$", priority)):
            problems.append(f"{at}: priority {priority!r} is not between 0.0 and 1.0")
    return problems


def sitemap_entries(path: Path) -> dict[str, str | None]:
    """Return {loc: lastmod or None} of a sitemap."""
    urlset = ElementTree.parse(path).getroot()
    return {url.findtext(SITEMAP + "loc"): url.findtext(SITEMAP + "lastmod") for url in urlset}


def ics_problems(path: Path) -> list[str]:
    """Check an iCalendar file against RFC 5545's required properties, as the icalendar package reads it."""
    import icalendar

    where = str(path)
    raw = path.read_bytes()
    problems = []
    lines = raw.split(b"\r\n")
    if lines[-1] != b"" or any(b"\n" in line for line in lines):
        problems.append(f"{where}: content lines must end with CRLF (RFC 5545 3.1)")
    for number, line in enumerate(lines, 1):
        if len(line) > 75:
            problems.append(f"{where}:{number}: a content line longer than 75 octets is not folded (RFC 5545 3.1)")
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except ValueError as error:
        return [*problems, f"{where}: icalendar cannot read it: {error}"]
    if calendar.name != "VCALENDAR":
        return [*problems, f"{where}: the object is {calendar.name}, not VCALENDAR"]
    for name in ("PRODID", "VERSION"):
        if name not in calendar:
            problems.append(f"{where}: VCALENDAR has no {name} (RFC 5545 3.6)")
    if str(calendar.get("VERSION")) != "2.0":
        problems.append(f"{where}: VERSION is {calendar.get('VERSION')!r}, not 2.0")
    if not calendar.subcomponents:
        problems.append(f"{where}: no component at all (RFC 5545 3.6: a calendar has at least one)")
    uids = []
    for component in calendar.walk():
        for error in getattr(component, "errors", []):
            problems.append(f"{where}: {component.name}: {error}")
    for event in calendar.walk("VEVENT"):
        at = f"{where}: VEVENT {event.get('UID', '?')}"
        for name in ("UID", "DTSTAMP", "DTSTART"):  # DTSTART: required when the calendar has no METHOD; we always give it
            if name not in event:
                problems.append(f"{at}: no {name} (RFC 5545 3.6.1)")
        if "DTEND" in event and "DURATION" in event:
            problems.append(f"{at}: both DTEND and DURATION (RFC 5545 3.6.1)")
        if "DTSTART" in event and "DTEND" in event:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            if type(start) is not type(end) or end <= start:
                problems.append(f"{at}: DTEND {end} is not after DTSTART {start}, or of another value type")
        stamp = event.decoded("DTSTAMP") if "DTSTAMP" in event else None
        if stamp is not None and (not isinstance(stamp, datetime) or stamp.utcoffset() is None or stamp.utcoffset().total_seconds() != 0):
            problems.append(f"{at}: DTSTAMP must be a date-time in UTC (RFC 5545 3.8.7.2)")
        uids.append(str(event.get("UID")))
    if len(uids) != len(set(uids)):
        problems.append(f"{where}: two events share a UID")
    return problems
