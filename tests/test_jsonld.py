"""JSON-LD on every page: only properties schema.org defines for each type, an @id on every node, a BreadcrumbList where breadcrumbs show.

No machine-readable copy of the schema.org vocabulary is at hand offline, so the types the
site uses and their properties are listed here, each taken from its page on schema.org
(https://schema.org/<Type>, "Properties from <Type>" and those of its parent types).
A property or type that is not listed fails, with the page and the node named.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from directory.site.jsonld import script_json
from site_checks import html_pages

# https://schema.org/Thing
THING = {
    "additionalType",
    "alternateName",
    "description",
    "disambiguatingDescription",
    "identifier",
    "image",
    "mainEntityOfPage",
    "name",
    "potentialAction",
    "sameAs",
    "subjectOf",
    "url",
}
# https://schema.org/CreativeWork (a part: the properties a site like this could use)
CREATIVE_WORK = THING | {"about", "author", "dateModified", "datePublished", "educationalLevel", "inLanguage", "keywords", "publisher", "teaches", "version"}
# https://schema.org/EducationalOccupationalProgram
PROGRAM = THING | {
    "applicationDeadline",
    "applicationStartDate",
    "dayOfWeek",
    "educationalCredentialAwarded",
    "educationalProgramMode",
    "endDate",
    "financialAidEligible",
    "hasCourse",
    "maximumEnrollment",
    "numberOfCredits",
    "occupationalCategory",
    "occupationalCredentialAwarded",
    "offers",
    "programPrerequisites",
    "programType",
    "provider",
    "salaryUponCompletion",
    "startDate",
    "termDuration",
    "termsPerYear",
    "timeOfDay",
    "timeToComplete",
    "trainingSalary",
    "typicalCreditsPerTerm",
}
# https://schema.org/Organization (a part)
ORGANIZATION = THING | {
    "address",
    "areaServed",
    "department",
    "email",
    "foundingDate",
    "funder",
    "knowsAbout",
    "legalName",
    "location",
    "logo",
    "member",
    "memberOf",
    "parentOrganization",
    "sponsor",
    "subOrganization",
    "telephone",
}
# https://schema.org/ItemList
ITEM_LIST = THING | {"itemListElement", "itemListOrder", "numberOfItems"}
ALLOWED = {
    "EducationalOccupationalProgram": PROGRAM,
    "WorkBasedProgram": PROGRAM,  # https://schema.org/WorkBasedProgram adds occupationalCategory, trainingSalary
    "Organization": ORGANIZATION,
    # https://schema.org/Offer (a part)
    "Offer": THING | {"availability", "category", "eligibleRegion", "itemOffered", "offeredBy", "price", "priceCurrency", "priceSpecification", "validFrom"},
    # https://schema.org/Occupation
    "Occupation": THING
    | {
        "educationRequirements",
        "estimatedSalary",
        "experienceRequirements",
        "occupationLocation",
        "occupationalCategory",
        "qualifications",
        "responsibilities",
        "skills",
    },
    # https://schema.org/MonetaryAmountDistribution and its parent QuantitativeValueDistribution
    "MonetaryAmountDistribution": THING | {"currency", "duration", "median", "percentile10", "percentile25", "percentile75", "percentile90"},
    # https://schema.org/CategoryCode and https://schema.org/DefinedTerm
    "CategoryCode": THING | {"codeValue", "inCodeSet", "inDefinedTermSet", "termCode"},
    # https://schema.org/CategoryCodeSet (a CreativeWork through DefinedTermSet)
    "CategoryCodeSet": CREATIVE_WORK | {"hasCategoryCode", "hasDefinedTerm"},
    "ItemList": ITEM_LIST,
    "BreadcrumbList": ITEM_LIST,
    # https://schema.org/ListItem
    "ListItem": THING | {"item", "nextItem", "position", "previousItem"},
    # https://schema.org/Course
    "Course": CREATIVE_WORK | {"coursePrerequisites", "educationalCredentialAwarded", "hasCourseInstance", "numberOfCredits", "occupationalCredentialAwarded"},
    # https://schema.org/EducationalOccupationalCredential
    "EducationalOccupationalCredential": CREATIVE_WORK | {"competencyRequired", "credentialCategory", "educationalLevel", "recognizedBy", "validFor"},
    # https://schema.org/Place (a part)
    "Place": THING | {"address", "containedInPlace", "containsPlace", "geo"},
    # https://schema.org/PostalAddress (a part)
    "PostalAddress": THING | {"addressCountry", "addressLocality", "addressRegion", "postalCode", "streetAddress"},
    # https://schema.org/WebPage (a part)
    "WebPage": CREATIVE_WORK | {"breadcrumb", "lastReviewed", "mainContentOfPage", "primaryImageOfPage"},
    "Thing": THING,
}
# Pages that describe an entry: the type of the thing each one is about.
ENTRY_TYPES = {
    "programs": {"EducationalOccupationalProgram", "WorkBasedProgram"},
    "partners": {"Organization"},
    "pathways": {"ItemList"},
    "partnerships": {"Organization"},
    "occupations": {"Occupation"},
    "regions": {"Place"},
}


class LdParser(HTMLParser):
    """Collect the JSON-LD blocks and the breadcrumb's links and current item of a page."""

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self.crumbs: list[tuple[str, str | None]] = []
        self._in_ld = self._in_crumbs = False
        self._crumb: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag == "nav" and attrs.get("aria-label") == "Breadcrumb":
            self._in_crumbs = True
        if self._in_crumbs and tag == "li":
            self._crumb = ["", None]
        if self._in_crumbs and tag == "a" and self._crumb is not None:
            self._crumb[1] = attrs.get("href")

    def handle_data(self, data):
        if self._in_ld:
            self.blocks.append(data)
        elif self._crumb is not None:
            self._crumb[0] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False
        if tag == "li" and self._crumb is not None:
            self.crumbs.append((self._crumb[0].strip(), self._crumb[1]))
            self._crumb = None
        if tag == "nav":
            self._in_crumbs = False


def nodes(value, where: str):
    """Yield (where, node) for every dict with an @type, depth first."""
    if isinstance(value, dict):
        if "@type" in value:
            yield where, value
        for key, child in value.items():
            yield from nodes(child, f"{where}.{key}")
    elif isinstance(value, list):
        for number, child in enumerate(value):
            yield from nodes(child, f"{where}[{number}]")


def ld_problems(document: dict, where: str) -> list[str]:
    """Every property schema.org does not define for its node's type, every node without an @id."""
    problems = []
    if document.get("@context") != "https://schema.org":
        problems.append(f"{where}: @context is {document.get('@context')!r}")
    for at, node in nodes(document, where):
        kind = node["@type"]
        if kind not in ALLOWED:
            problems.append(f"{at}: type {kind} is not in the list taken from schema.org")
            continue
        unknown = sorted(key for key in node if not key.startswith("@") and key not in ALLOWED[kind])
        if unknown:
            problems.append(f"{at}: schema.org defines no {', '.join(unknown)} for {kind}")
        if not node.get("@id"):
            problems.append(f"{at}: {kind} has no @id")
    return problems


def read(page) -> LdParser:
    parser = LdParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
def test_json_ld_uses_only_schema_org_properties_and_every_node_has_an_id(build, request):
    base, output = request.getfixturevalue(build)
    problems, ids = [], {}
    for page in html_pages(output):
        where = str(page.relative_to(output))
        for block in read(page).blocks:
            document = json.loads(block)
            problems += ld_problems(document, where)
            for _, node in nodes(document, where):
                if node.get("@id", "").startswith(base) and node.get("name"):
                    ids.setdefault(node["@id"], set()).add(node["name"])
    assert problems == [], "\n".join(problems[:40])
    clashes = {node_id: names for node_id, names in ids.items() if len(names) > 1}
    assert clashes == {}, "one @id, two things"


@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
def test_every_entry_page_describes_its_entry(build, request):
    base, output = request.getfixturevalue(build)
    described = set()
    for collection, kinds in ENTRY_TYPES.items():
        for page in sorted((output / collection).glob("*/index.html")):
            if 'class="sources"' not in page.read_text(encoding="utf-8"):
                continue  # a page of the section that is not an entry's (the benefits comparison)
            where = page.relative_to(output)
            documents = [json.loads(block) for block in read(page).blocks]
            url = f"{base}/{page.parent.relative_to(output)}/"
            main = [d for d in documents if d.get("url") == url]
            assert len(main) == 1 and main[0]["@type"] in kinds, f"{where}: no {kinds} for the page's entry"
            described.add(collection)
    assert described, "no entry page was checked"


@pytest.mark.parametrize("build", ["served_site", "shipped_site"])
def test_a_breadcrumb_list_wherever_a_breadcrumb_shows(build, request):
    base, output = request.getfixturevalue(build)
    checked = 0
    for page in html_pages(output):
        parsed = read(page)
        if not parsed.crumbs:
            continue
        where = page.relative_to(output)
        lists = [node for block in parsed.blocks for _, node in nodes(json.loads(block), "") if node["@type"] == "BreadcrumbList"]
        assert len(lists) == 1, f"{where}: {len(lists)} BreadcrumbList nodes for one breadcrumb"
        elements = lists[0]["itemListElement"]
        assert [element["position"] for element in elements] == list(range(1, len(parsed.crumbs) + 1)), where
        assert [element["name"] for element in elements] == [name for name, _ in parsed.crumbs], where
        url = f"{base}/{page.parent.relative_to(output)}/".replace(f"{base}/./", f"{base}/")
        assert [element["item"] for element in elements] == [href or url for _, href in parsed.crumbs], where
        checked += 1
    assert checked, "no page with a breadcrumb was checked"


def test_the_vocabulary_check_can_fail():
    document = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "@id": "x#program",
        "teaches": ["Python"],
        "provider": {"@type": "Organization", "name": "No id"},
        "funder": [{"@type": "Organisation", "@id": "y"}],
    }
    problems = ld_problems(document, "page")
    assert "page: schema.org defines no funder, teaches for EducationalOccupationalProgram" in problems
    assert "page.provider: Organization has no @id" in problems
    assert "page.funder[0]: type Organisation is not in the list taken from schema.org" in problems
    assert not re.search("@context", " ".join(problems))


class _ScriptParser(HTMLParser):
    """Collect the text of every <script> element that has no src."""

    def __init__(self):
        super().__init__()
        self.inline: list[tuple[str | None, str]] = []
        self._kind = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._kind = attrs.get("type") if tag == "script" and "src" not in attrs else False
        if self._kind is not False:
            self.inline.append((self._kind, ""))

    def handle_data(self, data):
        if self._kind is not False:
            self.inline[-1] = (self._kind, self.inline[-1][1] + data)

    def handle_endtag(self, tag):
        self._kind = False


def test_every_inline_script_is_json_ld_written_by_the_one_serialiser(served_site):
    _, output = served_site
    written = 0
    for page in html_pages(output):
        parser = _ScriptParser()
        parser.feed(page.read_text(encoding="utf-8"))
        for kind, text in parser.inline:
            if kind == "application/json":  # the scripts' words (base.html's #ui-words): data that never runs, no "<" to close it
                assert "<" not in text and isinstance(json.loads(text), dict), f"{page.relative_to(output)}: a JSON data block that is not Jinja's tojson"
                continue
            assert kind == "application/ld+json", f"{page.relative_to(output)}: an inline script of type {kind!r}"
            assert text == script_json(json.loads(text)), f"{page.relative_to(output)}: JSON in a script not written by jsonld.script_json"
            written += 1
    assert written, "no JSON-LD block was checked"


def test_script_json_cannot_close_its_script_block():
    text = str(script_json({"name": "</script><script>alert(1)</script>", "note": "<!-- & \u2028"}))
    assert "</script" not in text.lower() and "<!--" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script>"


def test_script_json_is_compact_sorted_and_keeps_letters():
    written = script_json({"z": ["caf\u00e9", 1.5, None, "\u2029"], "a": {"b": "x > y & 'z'"}})
    assert written == '{"a":{"b":"x \\u003e y \\u0026 \'z\'"},"z":["caf\u00e9",1.5,null,"\\u2029"]}'
    assert isinstance(written, Markup), "the template must not escape it a second time"
