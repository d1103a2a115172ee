"""The built site under the web's own validators: Nu HTML Checker, axe best practices, Atom, sitemaps.org, RFC 5545.

Each check runs on the fixture build (served_site) and, where it holds for any valid data,
on the shipped build as of today (shipped_site); each is also shown failing on a broken file.
"""

from __future__ import annotations

import json

import pytest
import yaml

from standards_checks import atom_problems, ics_problems, java_or_skip, nu_checker, sitemap_problems
from support import ROOT
from support.builders import write_fixture_site
from support.building import run_pelican

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# One page of each type a build writes (an entry page: the first of its folder), search with a
# filter so results show. Resolved on the built folder, so the shipped build is checked too.
AXE_PAGES = {
    "home": "",
    "programs": "programs/",
    "filter page": "programs/by/",
    "program": "programs/*",
    "pathways": "pathways/",
    "pathway": "pathways/*",
    "partnerships": "partnerships/",
    "benefits": "partnerships/benefits/",
    "partnership": "partnerships/*",
    "partners": "partners/",
    "partner": "partners/*",
    "occupations": "occupations/",
    "occupation": "occupations/*",
    "regions": "regions/",
    "region": "regions/*",
    "sources": "sources/",
    "source": "sources/*",
    "about": "about/",
    "reference": "contribute/reference/",
    "open data": "open-data/",
    "search": "search/?type=program",  # every program, whatever the data
    "not found": "404.html",
}


def page_of_type(output, path: str) -> str | None:
    """Return the URL path of a page of the type path names in output ('programs/*': the first program), or None."""
    if path == "programs/by/":
        pages = sorted(output.glob("programs/by/*/*/index.html"))
    elif path.endswith("/*"):
        pages = sorted(page for page in output.glob(f"{path}/index.html") if page.parent.name not in ("by", "benefits"))
    else:
        return path if "?" in path or (output / path / "index.html").exists() or (output / path).is_file() else None
    return f"{pages[0].parent.relative_to(output)}/" if pages else None


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

BROKEN_PAGE = '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>no</p></body></html>\n'


def test_nu_html_checker_finds_nothing_on_any_page(served_site, shipped_site, tmp_path):
    java = java_or_skip()
    broken = tmp_path / "broken" / "index.html"
    broken.parent.mkdir()
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    (_, fixture_output), (_, shipped_output) = served_site, shipped_site
    problems = nu_checker(java, fixture_output, shipped_output, broken.parent)
    assert any(str(broken) in problem for problem in problems), "the checker did not report the broken page: is it running?"
    problems = [problem for problem in problems if str(broken) not in problem]
    assert problems == [], "\n".join(problems[:50])


def test_nu_css_checker_finds_nothing(served_site, shipped_site):
    java = java_or_skip()
    (_, fixture_output), (_, shipped_output) = served_site, shipped_site
    sheets = sorted((fixture_output / "theme").rglob("*.css")) + sorted((shipped_output / "theme").rglob("*.css"))
    assert sheets
    problems = nu_checker(java, *sheets, css=True)
    assert problems == [], "\n".join(problems[:50])


@pytest.fixture
def axe_tab(browser):
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is not installed (run make setup)")
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
@pytest.mark.parametrize("name", sorted(AXE_PAGES))
def test_axe_best_practices_on_every_page_type(build, request, axe_tab, name):
    base, output = request.getfixturevalue(build)
    path = page_of_type(output, AXE_PAGES[name])
    if path is None:
        pytest.skip(f"this build has no {name} page")
    axe_tab.goto(f"{base}/{path}")
    if name == "search":
        axe_tab.wait_for_selector("#search-list li")
    axe_tab.add_script_tag(path=str(AXE))
    result = axe_tab.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})" for v in result["violations"]]
    assert violations == [], json.dumps(violations, indent=1)


def _feeds(output):
    return sorted(output.rglob("*.atom.xml"))


def test_feeds_follow_rfc_4287(served_site, shipped_site):
    for _, output in (served_site, shipped_site):
        feeds = _feeds(output)
        assert output / "feeds" / "programs.atom.xml" in feeds
        problems = [problem for feed in feeds for problem in atom_problems(feed)]
        assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda text: text.replace("<updated>", "<updated>x", 1), "is not an RFC 3339 date-time"),
        (lambda text: text.replace("<author><name>", "<author><nom>", 1).replace("</name></author>", "</nom></author>", 1), "exactly one non-empty atom:name"),
        (lambda text: text.replace('rel="self"', 'rel="myself"', 1), "neither a registered relation nor an IRI"),
        (lambda text: text.replace("<id>tag:", "<id>", 2), "is not an absolute IRI"),
    ],
)
def test_the_atom_check_can_fail(served_site, tmp_path, change, expected):
    _, output = served_site
    broken = tmp_path / "feed.atom.xml"
    broken.write_text(change((output / "feeds" / "programs.atom.xml").read_text(encoding="utf-8")), encoding="utf-8")
    assert any(expected in problem for problem in atom_problems(broken)), atom_problems(broken)


def test_sitemap_follows_sitemaps_org(served_site, shipped_site):
    for base, output in (served_site, shipped_site):
        problems = sitemap_problems(output / "sitemap.xml", base)
        assert problems == [], "\n".join(problems)
        assert f"Sitemap: {base}/sitemap.xml" in (output / "robots.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda text: text.replace("<loc>http://127.0.0.1", "<loc>/127.0.0.1", 1), "is not an absolute http(s) URL"),
        (lambda text: text.replace("</loc>", "</loc><lastmod>22/11/2026</lastmod>", 1), "lastmod '22/11/2026' is not in the W3C Datetime format"),
        (lambda text: text.replace("</loc>", "</loc><changefreq>sometimes</changefreq>", 1), "changefreq 'sometimes'"),
        (lambda text: text.replace("<url>", "<url><loc>http://127.0.0.1/x</loc>", 1), "loc appears 2 times"),
    ],
)
def test_the_sitemap_check_can_fail(served_site, tmp_path, change, expected):
    base, output = served_site
    broken = tmp_path / "sitemap.xml"
    broken.write_text(change((output / "sitemap.xml").read_text(encoding="utf-8")), encoding="utf-8")
    assert any(expected in problem for problem in sitemap_problems(broken, base)), sitemap_problems(broken, base)


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory):
    """The fixture directory with application dates on one program, built: its calendars have events."""
    root = tmp_path_factory.mktemp("dated")
    data = write_fixture_site(root / "data")
    path = data / "programs" / "la-tech-talent-challenge.yml"
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    # after the fixture's pinned day (2026-11-22), so no date has passed
    entry["application"] = {"status": "open", "opens": "2026-11-01", "deadline": "2027-01-15", "starts": "2027-02-01", "ends": "2027-05-01"}
    path.write_text(yaml.safe_dump(entry, sort_keys=False, allow_unicode=True), encoding="utf-8")
    output = root / "output"
    done = run_pelican(output, data_path=data)
    assert done.returncode == 0, done.stdout + done.stderr
    return output


def test_every_calendar_follows_rfc_5545(served_site, shipped_site, dated_build):
    calendars = sorted(dated_build.rglob("*.ics"))
    assert dated_build / "calendar" / "programs.ics" in calendars and len(calendars) == 2
    for _, output in (served_site, shipped_site):
        calendars += sorted(output.rglob("*.ics"))
    problems = [problem for calendar in calendars for problem in ics_problems(calendar)]
    assert problems == [], "\n".join(problems)


def test_a_calendar_is_offered_only_where_there_are_dates(served_site, shipped_site, dated_build):
    for _, output in (served_site, shipped_site, (None, dated_build)):
        page = (output / "open-data" / "index.html").read_text(encoding="utf-8")
        for calendar in ("calendar/programs.ics",):
            assert (f'/{calendar}"' in page) == (output / calendar).is_file(), output
        assert "(0 dates)" not in page


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda text: text.replace("PRODID:", "X-PRODID:", 1), "VCALENDAR has no PRODID"),
        (lambda text: text.replace("DTSTAMP:", "X-DTSTAMP:", 1), "no DTSTAMP"),
        (
            lambda text: "\r\n".join(
                line
                for line in text.split("\r\n")
                if not line.startswith(("BEGIN:VEVENT", "END:VEVENT", "UID", "DTS", "DTE", "SUMMARY", "DESCRIPTION", "CATEGORIES", "TRANSP", "URL", " "))
            ),
            "no component at all",
        ),
        (lambda text: text.replace("\r\n", "\n"), "must end with CRLF"),
    ],
)
def test_the_calendar_check_can_fail(dated_build, tmp_path, change, expected):
    broken = tmp_path / "broken.ics"
    broken.write_bytes(change((dated_build / "calendar" / "programs.ics").read_bytes().decode("utf-8")).encode("utf-8"))
    assert any(expected in problem for problem in ics_problems(broken)), ics_problems(broken)
