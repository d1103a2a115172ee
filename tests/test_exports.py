"""Open data: every export parses, follows its schema or standard, counts what the data has, and agrees with the pages."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import uuid
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import feedparser
import icalendar
import jsonschema
import pytest
from referencing import Registry, Resource

from directory.data import csv_cells, csv_import
from directory.data.checks import validate_data
from directory.data.shape import BUILD_KEYWORDS
from directory.derive import derive
from directory.exports import FORMAT_VERSION, Site, build_exports, csv_export, feeds, ical
from directory.model import SINGULAR, URL_FOLDERS, build_directory
from support import FIXTURE_SITE, ROOT
from support.builders import MINIMAL, make_partner, make_program, write_entry
from support.building import pinned_clock, run_pelican

HSDS_DIR = ROOT.parent / "shared" / "standards" / "hsds-3.0"
BASE = "https://example.org/sub"
AUTHORITY = "tech-pathways.directory"
ATOM = "{http://www.w3.org/2005/Atom}"
COLLECTIONS = tuple(URL_FOLDERS)
DATED = {
    "status": "open",
    "opens": "2026-12-01",
    "deadline": "2027-01-15",
    "starts": "2027-02-01",
    "ends": "2027-05-01",
    "how_to_apply": "Fill in the form.",
    "url": "https://example.org/apply",
}


def export_data(data: Path, siteurl: str = BASE) -> tuple[object, dict[str, bytes]]:
    """Load a data folder and return (directory, files) as the build would write them."""
    result = validate_data(data)
    assert not result.errors, [p.text() for p in result.errors]
    directory = build_directory(result.entries)
    derive(directory)
    return directory, build_exports(directory, Site(siteurl, "Tech Pathways Directory", AUTHORITY, data / "schemas"))


def read_json(files: dict[str, bytes], path: str):
    return json.loads(files[path].decode("utf-8"))


def read_csv(files: dict[str, bytes], path: str) -> list[dict]:
    data = files[path]
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def fixture_site(fixture_data):
    """The fixture directory and its exports, under an absolute SITEURL, as of the fixtures' day."""
    with pinned_clock():
        return export_data(fixture_data)


def dated_dataset(root: Path) -> Path:
    """The minimal dataset plus a program with every date, an address, languages, a cost and a funder."""
    data = root / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    for (collection, entry_id), build in MINIMAL.items():
        write_entry(data, collection, entry_id, build())
    place = {"name": "Main Campus", "address": "1 College Way", "city": "Testville", "state": "CA", "postal_code": "90001", "region": "test-metro"}
    write_entry(
        data,
        "programs",
        "evening-data-camp",
        make_program(
            name="Evening Data Camp",
            url="https://example.org/camp",
            application=DATED,
            locations=[place],
            languages=["en", "es"],
            funders=["test-college"],
            cost={"amount": 500, "details": "per term"},
        ),
    )
    write_entry(
        data,
        "programs",
        "formula-camp",
        make_program(
            name='=HYPERLINK("http://evil")', skills=["-2+3", "@SUM(A1)", "plain; with semicolon"], application={"status": "open", "deadline": "2027-03-01"}
        ),
    )
    return data


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """The dated dataset and its exports."""
    return export_data(dated_dataset(tmp_path_factory.mktemp("dated")))


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    """The dated dataset built by Pelican under BASE: (output folder, data folder)."""
    root = tmp_path_factory.mktemp("dated-site")
    data = dated_dataset(root)
    output = root / "out"
    done = run_pelican(output, "publishconf.py", siteurl=BASE, data_path=data)
    assert done.returncode == 0, done.stdout + done.stderr
    return output, data


# --- JSON ------------------------------------------------------------------------------


def _schema_registry(files: dict[str, bytes]) -> Registry:
    schemas = [json.loads(content) for path, content in files.items() if path.startswith("schemas/")]
    return Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_json_collection_validates_and_counts_the_data(fixture_site, validators, collection):
    directory, files = fixture_site
    kind = SINGULAR[collection]
    document = read_json(files, f"api/{collection}.json")
    ids = sorted(path.stem for path in (FIXTURE_SITE / collection).glob("*.yml"))
    assert document["version"] == FORMAT_VERSION
    assert document["count"] == len(ids) == len(document["items"])
    assert sorted(item["id"] for item in document["items"]) == ids
    assert document["$schema"] == f"{BASE}/schemas/{collection}-api.schema.json"
    registry = _schema_registry(files)
    envelope = jsonschema.Draft202012Validator({"$ref": f"{collection}-api.schema.json"}, registry=registry, format_checker=jsonschema.FormatChecker())
    assert [error.message for error in envelope.iter_errors(document)] == []
    for item in document["items"]:
        assert list(validators[kind].iter_errors(item["entry"])) == [], item["id"]
        assert item["url"] == f"{BASE}/{collection}/{item['id']}/"
        alone = read_json(files, f"api/{collection}/{item['id']}.json")
        assert alone == {"$schema": f"{BASE}/schemas/{kind}-api.schema.json", "version": FORMAT_VERSION} | item
        assert item["api_url"] == f"{BASE}/api/{collection}/{item['id']}.json"


def test_json_resolves_references_both_ways(fixture_site):
    directory, files = fixture_site
    program = read_json(files, "api/programs/aws-educate-cloud-program-santa-monica-college.json")
    assert program["references"]["provider"] == {"id": "santa-monica-college", "name": "Santa Monica College", "url": f"{BASE}/partners/santa-monica-college/"}
    assert {step["pathway"]["id"] for step in program["references"]["pathway_steps"]} == {"cloud-and-infrastructure", "data-and-research", "cybersecurity"}
    partner = read_json(files, "api/partners/santa-monica-college.json")
    assert "aws-educate-cloud-program-santa-monica-college" in [p["id"] for p in partner["referenced_by"]["programs"]]
    pathway = read_json(files, "api/pathways/cloud-and-infrastructure.json")
    assert pathway["references"]["steps"][0]["url"] == f"{BASE}/pathways/cloud-and-infrastructure/#step-cloud-courses"


def _without_build_keywords(node):
    if isinstance(node, dict):
        return {key: _without_build_keywords(value) for key, value in node.items() if key not in BUILD_KEYWORDS}
    return [_without_build_keywords(value) for value in node] if isinstance(node, list) else node


def test_schemas_are_published_as_copies_without_the_build_keywords(fixture_site):
    _, files = fixture_site
    for path in (ROOT / "data" / "schemas").glob("*.schema.json"):
        published = files[f"schemas/{path.name}"]
        assert json.loads(published) == _without_build_keywords(json.loads(path.read_bytes()))
        assert not BUILD_KEYWORDS & set(re.findall(r'"(x-[a-z-]+)":', published.decode())) and published.endswith(b"}\n")
    assert b'"x-labels"' in (ROOT / "data" / "schemas" / "program.schema.json").read_bytes()  # there was something to leave out


def test_without_siteurl_addresses_are_root_relative(fixture_data):
    with pinned_clock():
        _, files = export_data(fixture_data, siteurl="")
    program = read_json(files, "api/programs/la-tech-talent-challenge.json")
    assert program["$schema"] == "/schemas/program-api.schema.json"
    assert program["url"] == "/programs/la-tech-talent-challenge/"
    assert program["references"]["provider"]["url"] == "/partners/bixel-exchange/"


# --- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_csv_has_a_row_per_entry_that_reads_back_to_the_entry(fixture_site, validators, collection):
    directory, files = fixture_site
    data = files[f"api/{collection}.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[0] == "id" and header[-1] in ("page_url", "provider_name")
    assert len(body) == len(directory.collection(collection))
    schema = validators[SINGULAR[collection]].schema
    for row in body:
        values, notes = csv_import.entry_from_row(header, row, schema)
        assert notes == []
        assert values == directory.collection(collection)[row[0]].values


def test_csv_columns_are_stable_names_from_the_schema(fixture_site, validators):
    _, files = fixture_site
    header = files["api/programs.csv"].decode("utf-8-sig").split("\r\n")[0].split(",")
    for column in (
        "name",
        "provider",
        "cost.amount",
        "application.deadline",
        "eligibility.degree_required",
        "sources.1.document",
        "locations.1.city",
        "page_url",
        "provider_name",
    ):
        assert column in header
    # the same columns whatever order the entries come in, and every field even when no entry uses it
    programs = [program.values for program in fixture_site[0].programs.values()]
    schema = validators["program"].schema
    assert csv_export.columns(schema, programs) == csv_export.columns(schema, programs[::-1])
    assert {"application.deadline", "sources.1.document", "locations.1.postal_code", "outcomes.1.period"} <= set(csv_export.columns(schema, []))


@pytest.mark.parametrize(
    "text, written",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=already quoted", "''=already quoted"),
        ("'plain", "'plain"),
        ("plain", "plain"),
        ("a = b", "a = b"),
    ],
)
def test_formula_cells_are_neutralised_and_read_back(text, written):
    assert csv_cells.neutralise(text) == written
    assert csv_cells.restore(written) == text


def test_csv_neutralises_formulas_in_names_and_lists(dated):
    directory, files = dated
    rows = {row["id"]: row for row in read_csv(files, "api/programs.csv")}
    row = rows["formula-camp"]
    assert row["name"] == '\'=HYPERLINK("http://evil")'
    assert row["skills"] == "'-2+3; @SUM(A1); plain\\; with semicolon"
    assert row["provider_name"] == "Test College"
    assert csv_cells.split_list(csv_cells.restore(row["skills"])) == ["-2+3", "@SUM(A1)", "plain; with semicolon"]


# --- Open Referral HSDS 3.0 ------------------------------------------------------------


@pytest.fixture(scope="module")
def hsds_schemas():
    """The published HSDS 3.0 schemas, read from ../shared/standards/hsds-3.0/ (never copied here)."""
    if not HSDS_DIR.is_dir():
        pytest.skip(f"the HSDS 3.0 schemas are not here: {HSDS_DIR} is missing (they live in the shared standards folder beside the repository)")
    return {
        name: json.loads((HSDS_DIR / f"{name}.json").read_text(encoding="utf-8")) for name in ("organization", "service", "service_at_location", "datapackage")
    }


def _hsds_errors(schema: dict, records: list[dict]) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [
        f"{record.get('name', record['id'])}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for record in records
        for error in validator.iter_errors(record)
    ]


@pytest.mark.parametrize("dataset", ["fixture_site", "dated"])
def test_hsds_json_validates_against_the_published_schemas(request, hsds_schemas, dataset):
    directory, files = request.getfixturevalue(dataset)
    organizations = read_json(files, "hsds/organizations.json")
    services = read_json(files, "hsds/services.json")
    at_locations = read_json(files, "hsds/service_at_locations.json")
    locations = read_json(files, "hsds/locations.json")
    assert organizations["total_items"] == len(organizations["contents"]) == len(directory.partners)
    assert services["total_items"] == len(services["contents"]) == len(directory.programs)
    assert len(at_locations["contents"]) == sum(len(p.get("locations") or []) for p in directory.programs.values())
    assert _hsds_errors(hsds_schemas["organization"], organizations["contents"]) == []
    assert _hsds_errors(hsds_schemas["service"], services["contents"]) == []
    assert _hsds_errors(hsds_schemas["service_at_location"], at_locations["contents"]) == []
    assert _hsds_errors(hsds_schemas["service_at_location"]["properties"]["location"], locations["contents"]) == []
    for service in services["contents"]:
        assert service["status"] in ("active", "inactive", "defunct", "temporarily closed")
    # the check has teeth: a service with a status HSDS does not know, or a malformed id, is refused
    assert _hsds_errors(hsds_schemas["service"], [{"id": "not-a-uuid", "name": "X", "status": "open"}])


def test_hsds_ids_are_uuid5_of_the_entry_ids(dated):
    directory, files = dated
    services = {s["name"]: s for s in read_json(files, "hsds/services.json")["contents"]}
    camp = services["Evening Data Camp"]
    assert camp["id"] == str(uuid.uuid5(uuid.NAMESPACE_URL, f"tag:{AUTHORITY},2026:programs/evening-data-camp"))
    assert camp["organization_id"] == str(uuid.uuid5(uuid.NAMESPACE_URL, f"tag:{AUTHORITY},2026:partners/test-college"))
    address = camp["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["city"], address["state_province"], address["postal_code"], address["country"]) == (
        "1 College Way",
        "Testville",
        "CA",
        "90001",
        "US",
    )
    assert [language["code"] for language in camp["languages"]] == ["en", "es"]
    assert camp["cost_options"][0]["amount"] == 500


@pytest.mark.parametrize("dataset", ["fixture_site", "dated"])
def test_hsds_tables_follow_the_published_data_package(request, hsds_schemas, dataset):
    directory, files = request.getfixturevalue(dataset)
    published = {resource["name"]: resource for resource in hsds_schemas["datapackage"]["resources"]}
    ours = read_json(files, "hsds/datapackage.json")
    assert ours["profile"] == "tabular-data-package"
    tables: dict[str, list[dict]] = {}
    for resource in ours["resources"]:
        standard = published[resource["name"]]
        assert resource["path"] == standard["path"]
        expected = [(f["name"], f["type"], f.get("format"), f.get("constraints", {}).get("required", False)) for f in standard["schema"]["fields"]]
        written = [(f["name"], f["type"], f.get("format"), f["constraints"]["required"]) for f in resource["schema"]["fields"]]
        assert written == expected, resource["name"]
        text = files[f"hsds/{resource['path']}"].decode("utf-8")
        assert not text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert text.split("\r\n")[0].split(",") == [f["name"] for f in standard["schema"]["fields"]]
        for field in standard["schema"]["fields"]:
            constraints = field.get("constraints", {})
            for row in rows:
                value = row[field["name"]]
                if constraints.get("required"):
                    assert value, (resource["name"], field["name"])
                if value and constraints.get("enum"):
                    assert value in constraints["enum"], (resource["name"], field["name"], value)
                if value and field.get("format") == "uuid":
                    assert str(uuid.UUID(value)) == value
        tables[resource["name"]] = rows
    for resource in ours["resources"]:
        assert len({row["id"] for row in tables[resource["name"]]}) == len(tables[resource["name"]]), "ids are unique"
        for key in resource["schema"].get("foreignKeys", []):
            targets = {row["id"] for row in tables[key["reference"]["resource"]]}
            assert {row[key["fields"]] for row in tables[resource["name"]] if row[key["fields"]]} <= targets, (resource["name"], key)
    assert len(tables["organization"]) == len(directory.partners) and len(tables["service"]) == len(directory.programs)


# --- CTDL ------------------------------------------------------------------------------


def test_every_published_csv_neutralises_formulas(dated):
    """One writer, one guard: the HSDS tables quote formula cells as api/*.csv does."""
    directory, files = dated
    services = {row["name"]: row for row in read_csv(files, "hsds/services.csv")}
    assert '\'=HYPERLINK("http://evil")' in services, sorted(services)
    for path, content in files.items():
        if path.endswith(".csv"):
            for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")):
                assert not [value for value in row if value[:1] in ("=", "+", "@", "\t", "\r")], path
    assert {row["amount"] for row in read_csv(files, "hsds/cost_options.csv")} == {"0", "500"}  # numbers stay numbers


def test_hsds_places_whose_fields_join_alike_stay_apart(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    for (collection, entry_id), build in MINIMAL.items():
        write_entry(data, collection, entry_id, build())
    places = [{"name": "North|Main"}, {"name": "North", "address": "Main|"}, {"name": "North", "address": "Main|"}]
    write_entry(data, "partners", "test-college", make_partner(locations=places))
    directory, files = export_data(data)
    locations = read_json(files, "hsds/locations.json")["contents"]
    assert sorted((place["name"], place.get("description")) for place in locations) == [("North", "Main|"), ("North|Main", None)]
    assert len(read_csv(files, "hsds/locations.csv")) == 2  # the same place twice is one location


def test_ctdl_pathways_have_their_components_in_order(fixture_site):
    directory, files = fixture_site
    assert sorted(p for p in files if p.startswith("ctdl/")) == sorted(f"ctdl/pathways/{i}.jsonld" for i in directory.pathways)
    for pathway in directory.pathways.values():
        document = read_json(files, f"ctdl/pathways/{pathway.id}.jsonld")
        assert document["@context"] == "https://credreg.net/ctdl/schema/context/json"
        nodes = {node["@id"]: node for node in document["@graph"]}
        root = document["@graph"][0]
        assert root["@type"] == "ceterms:Pathway" and root["ceterms:name"]["en-US"] == pathway.name
        assert root["ceterms:ctid"].startswith("ce-") and uuid.UUID(root["ceterms:ctid"][3:])
        steps = pathway["steps"]
        assert len(root["ceterms:hasChild"]) == len(steps)
        for step in steps:
            component = nodes[f"{BASE}/{pathway.url}#step-{step['id']}"]
            assert component["@type"].startswith("ceterms:") and component["@type"].endswith("Component")
            assert component["ceterms:isPartOf"] == root["@id"]
            following = [f"{BASE}/{pathway.url}#step-{target}" for target in step.get("leads_to") or []]
            assert component.get("ceterms:precedes", []) == following
            for target in following:
                assert component["@id"] in nodes[target]["ceterms:precededBy"]
        assert root["ceterms:hasDestinationComponent"] and all(not nodes[i].get("ceterms:precedes") for i in root["ceterms:hasDestinationComponent"])


# --- iCalendar and Atom ----------------------------------------------------------------


def test_ics_parses_with_stable_uids_and_data_dates(dated):
    directory, files = dated
    site = icalendar.Calendar.from_ical(files["calendar/programs.ics"])
    events = list(site.walk("VEVENT"))
    assert len(events) == 4  # three dates of the camp, the deadline of the other
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert "evening-data-camp-application-deadline@tech-pathways.directory" in uids
    by_uid = {str(event["UID"]): event for event in events}
    deadline = by_uid["evening-data-camp-application-deadline@tech-pathways.directory"]
    assert deadline.decoded("DTSTART").isoformat() == "2027-01-15"
    assert deadline.decoded("DTSTAMP").date().isoformat() == "2026-01-15"  # the entry's last_verified
    assert str(deadline["SUMMARY"]) == "Application deadline: Evening Data Camp"
    assert str(deadline["URL"]) == f"{BASE}/programs/evening-data-camp/"
    # one calendar per program with dates, and none for programs without
    assert sorted(p for p in files if p.startswith("calendar/programs/")) == ["calendar/programs/evening-data-camp.ics", "calendar/programs/formula-camp.ics"]
    camp = icalendar.Calendar.from_ical(files["calendar/programs/evening-data-camp.ics"])
    assert sorted(str(e["UID"]) for e in camp.walk("VEVENT")) == sorted(u for u in uids if u.startswith("evening-data-camp-"))
    assert all(len(line.encode("utf-8")) <= 75 for line in files["calendar/programs.ics"].decode("utf-8").split("\r\n"))
    assert (
        build_exports(directory, Site(BASE, "Tech Pathways Directory", AUTHORITY, ROOT / "data" / "schemas"))["calendar/programs.ics"]
        == files["calendar/programs.ics"]
    )


def test_without_dates_no_calendar_is_written_or_offered(fixture_site):
    directory, files = fixture_site
    dated = sum(1 for p in directory.programs.values() for key in ical.DATES if (p.get("application") or {}).get(key))
    calendars = sorted(path for path in files if path.startswith("calendar/"))
    section = ical.section(directory)
    if dated:  # the fixture may gain dates: then every calendar holds events
        assert all(list(icalendar.Calendar.from_ical(files[path]).walk("VEVENT")) for path in calendars)
        assert [file["path"] for file in section["files"]] == calendars
    else:  # RFC 5545: a calendar has at least one component; an empty one is not made
        assert calendars == [] and section["files"] == []
        assert "no calendar" in section["about"]


def test_ics_text_is_escaped_and_folded():
    assert ical.escape_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"
    long = "DESCRIPTION:" + "é" * 80
    assert all(len(line.encode("utf-8")) <= 75 for line in ical.fold(long).split("\r\n"))
    assert ical.fold(long).replace("\r\n ", "") == long


def test_atom_feeds_per_type_and_region_parse_with_stable_ids(fixture_site):
    directory, files = fixture_site
    feeds = sorted(p for p in files if p.startswith("feeds/"))
    types = {p["type"] for p in directory.programs.values()}
    regions = {r.id for r in directory.regions.values() if r.links.get("programs")}
    assert feeds == sorted([f"feeds/types/{t}.atom.xml" for t in types] + [f"feeds/regions/{r}.atom.xml" for r in regions])
    for path in feeds:
        feed = feedparser.parse(files[path])
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.feed.id == f"tag:{AUTHORITY},2026:{path}"
        kind, name = path.split("/")[1], Path(path).name.removesuffix(".atom.xml")
        expected = {p.id for p in directory.programs.values() if (p["type"] == name if kind == "types" else name in (p.get("regions") or []))}
        assert {entry.id for entry in feed.entries} == {f"tag:{AUTHORITY},2026:programs/{i}" for i in expected}
        for entry in feed.entries:
            assert entry.link.startswith(f"{BASE}/programs/")


# What the hand-written Atom writer gave for FEED_PROGRAMS, before feedgenerator wrote the feeds:
# feedgenerator may lay the XML out differently, but every element, attribute and text must stay.
HAND_WRITTEN_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Site: A &amp; B &lt;feed&gt;</title>
<id>tag:example.org,2026:feeds/x.atom.xml</id>
<link rel="self" href="https://example.org/sub/feeds/x.atom.xml"/>
<link rel="alternate" href="https://example.org/sub/programs/by/x/"/>
<updated>2026-05-01T00:00:00Z</updated>
<entry>
<title>Apprentice Two</title>
<id>tag:example.org,2026:programs/apprentice-two</id>
<link rel="alternate" href="https://example.org/sub/programs/apprentice-two/"/>
<updated>2026-05-01T00:00:00Z</updated>
<author><name>Ça Va Co.</name></author>
<summary type="text">Two: a &lt; b &gt; c.</summary>
</entry>
<entry>
<title>Apprentice One</title>
<id>tag:example.org,2026:programs/apprentice-one</id>
<link rel="alternate" href="https://example.org/sub/programs/apprentice-one/"/>
<updated>2026-05-01T00:00:00Z</updated>
<author><name>Ça Va Co.</name></author>
<summary type="text">One.</summary>
</entry>
<entry>
<title>Code &lt;Nights&gt; &amp; "Days"</title>
<id>tag:example.org,2026:programs/code-nights</id>
<link rel="alternate" href="https://example.org/sub/programs/code-nights/"/>
<updated>2026-03-02T00:00:00Z</updated>
<author><name>R&amp;D Lab &lt;LA&gt;</name></author>
<summary type="text">Learn &lt;b&gt;code&lt;/b&gt; &amp; 'more' — at night.</summary>
</entry>
</feed>
"""
HAND_WRITTEN_EMPTY_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Empty</title>
<id>tag:example.org,2026:feeds/empty.atom.xml</id>
<link rel="self" href="/feeds/empty.atom.xml"/>
<link rel="alternate" href="/programs/"/>
<updated>2000-01-01T00:00:00Z</updated>
</feed>
"""


class _FeedProgram(dict):
    """The little of a program a feed reads: its last_verified, id, name, url and provider's name."""

    def __init__(self, program_id: str, name: str, verified: str, provider: str):
        super().__init__(last_verified=verified)
        self.id, self.name, self.url, self.provider = program_id, name, f"programs/{program_id}/", SimpleNamespace(name=provider)


FEED_PROGRAMS = [
    _FeedProgram("code-nights", 'Code <Nights> & "Days"', "2026-03-02", "R&D Lab <LA>"),
    _FeedProgram("apprentice-one", "Apprentice One", "2026-05-01", "Ça Va Co."),
    _FeedProgram("apprentice-two", "Apprentice Two", "2026-05-01", "Ça Va Co."),
]
FEED_SUMMARIES = {"code-nights": "Learn <b>code</b> & 'more' — at night.", "apprentice-one": "One.", "apprentice-two": "Two: a < b > c."}


def _atom_tree(element):
    """Return an element as nested tuples: attributes sorted, whitespace dropped, the entries in
    their order and the other children of a feed or entry sorted (RFC 4287 gives their order no meaning)."""
    children = [_atom_tree(child) for child in element]
    if element.tag in (ATOM + "feed", ATOM + "entry"):
        entries = [tree for tree, child in zip(children, element, strict=True) if child.tag == ATOM + "entry"]
        children = sorted(tree for tree, child in zip(children, element, strict=True) if child.tag != ATOM + "entry") + entries
    return (element.tag, sorted(element.attrib.items()), (element.text or "").strip(), children)


@pytest.mark.parametrize(
    "programs, siteurl, title, path, alternate, expected",
    [
        (FEED_PROGRAMS, "https://example.org/sub", "Site: A & B <feed>", "feeds/x.atom.xml", "programs/by/x/", HAND_WRITTEN_FEED),
        ([], "", "Empty", "feeds/empty.atom.xml", "programs/", HAND_WRITTEN_EMPTY_FEED),
    ],
)
def test_atom_feed_holds_what_the_hand_written_feed_held(programs, siteurl, title, path, alternate, expected):
    text = feeds.atom_feed(programs, siteurl, title, path, FEED_SUMMARIES, "example.org", alternate=alternate)
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    written, before = ElementTree.fromstring(text.encode("utf-8")), ElementTree.fromstring(expected.encode("utf-8"))
    assert _atom_tree(written) == _atom_tree(before)
    assert [entry.findtext(ATOM + "id") for entry in written.findall(ATOM + "entry")] == [
        entry.findtext(ATOM + "id") for entry in before.findall(ATOM + "entry")
    ], "newest checked first, ties by id"


# --- One program, every format ---------------------------------------------------------


class _LdParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in:
            self.blocks.append(data)

    def handle_endtag(self, tag):
        self._in = False


def test_a_program_agrees_in_every_format(dated_site):
    output, _ = dated_site
    page_url = f"{BASE}/programs/evening-data-camp/"
    parser = _LdParser()
    parser.feed((output / "programs" / "evening-data-camp" / "index.html").read_text(encoding="utf-8"))
    ld = json.loads(parser.blocks[0])
    document = json.loads((output / "api" / "programs" / "evening-data-camp.json").read_text(encoding="utf-8"))
    row = next(
        r for r in csv.DictReader(io.StringIO((output / "api" / "programs.csv").read_text(encoding="utf-8-sig"), newline="")) if r["id"] == "evening-data-camp"
    )
    service = next(s for s in json.loads((output / "hsds" / "services.json").read_text(encoding="utf-8"))["contents"] if s["name"] == "Evening Data Camp")
    events = {
        str(e["UID"]).split("@")[0]: e
        for e in icalendar.Calendar.from_ical((output / "calendar" / "programs" / "evening-data-camp.ics").read_bytes()).walk("VEVENT")
    }

    # name
    assert ld["name"] == document["entry"]["name"] == row["name"] == service["name"] == "Evening Data Camp"
    assert str(events["evening-data-camp-cohort-start"]["SUMMARY"]).endswith(": Evening Data Camp")
    # provider
    assert ld["provider"]["name"] == document["references"]["provider"]["name"] == row["provider_name"] == service["organization"]["name"] == "Test College"
    assert ld["provider"]["url"] == document["references"]["provider"]["url"] == f"{BASE}/partners/test-college/"
    assert "Provider: Test College." in str(events["evening-data-camp-application-deadline"]["DESCRIPTION"])
    # url: the directory's page, and the program's own page
    assert ld["url"] == document["url"] == row["page_url"] == str(events["evening-data-camp-cohort-start"]["URL"]) == page_url
    assert ld["sameAs"] == document["entry"]["url"] == row["url"] == service["url"] == "https://example.org/camp"
    # dates
    assert ld["applicationStartDate"] == document["entry"]["application"]["opens"] == row["application.opens"] == "2026-12-01"
    assert ld["applicationDeadline"] == document["entry"]["application"]["deadline"] == row["application.deadline"] == "2027-01-15"
    assert ld["startDate"] == document["entry"]["application"]["starts"] == row["application.starts"] == service["schedules"][0]["valid_from"] == "2027-02-01"
    assert ld["endDate"] == row["application.ends"] == service["schedules"][0]["valid_to"] == "2027-05-01"
    assert "Applications open 2026-12-01." in service["application_process"] and "Apply by 2027-01-15." in service["application_process"]
    assert events["evening-data-camp-applications-open"].decoded("DTSTART").isoformat() == "2026-12-01"
    assert events["evening-data-camp-application-deadline"].decoded("DTSTART").isoformat() == "2027-01-15"
    assert events["evening-data-camp-cohort-start"].decoded("DTSTART").isoformat() == "2027-02-01"


def test_open_data_page_links_every_export(dated_site):
    output, _ = dated_site
    page = (output / "open-data" / "index.html").read_text(encoding="utf-8")
    for path in (
        "api/programs.json",
        "api/programs/formula-camp.json",  # the first program by name, the example of the per-entry files
        "api/regions.csv",
        "schemas/program.schema.json",
        "hsds/services.json",
        "hsds/datapackage.json",
        "ctdl/pathways/web-development.jsonld",
        "calendar/programs.ics",
        "calendar/programs/evening-data-camp.ics",
        "feeds/types/bootcamp.atom.xml",
        "feeds/regions/test-metro.atom.xml",
    ):
        assert f'href="{BASE}/{path}"' in page, path
        assert (output / path).is_file(), path
    assert f'<a href="{BASE}/open-data/">Open data</a>' in (output / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["tag:a,2026:partners/x", "tag:tech-pathways.directory,2026:programs/é", ""])
def test_name_uuid_is_uuid5(name):
    import uuid

    from directory.exports import name_uuid

    assert name_uuid(name) == str(uuid.uuid5(uuid.NAMESPACE_URL, name))
