"""What partners use to contribute: the example files, the data dictionary, new.py, the issue form and its converter."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from directory.cli import issue_answers, issue_entry, issue_to_entry
from directory.data.checks import validate_data
from directory.data.dataset import COLLECTIONS
from directory.data.loader import parse_yaml
from directory.data.problems import DirectoryError, LoadError
from directory.data.schema import inline_refs, load_schemas
from directory.site.reference import describe_collections, load_examples, reference_context
from support import ROOT
from support.builders import make_partner, make_partnership, make_region, make_source, write_entry

SCHEMAS = load_schemas(ROOT / "data" / "schemas")
EXAMPLES = ROOT / "examples"
TODAY = dt.date(2026, 11, 22)
# Where each example would live in data/, and the entries its references need besides the examples.
EXAMPLE_IDS = {
    "partner": "example-community-college",
    "program": "example-evening-it-support-certificate",
    "pathway": "example-it-support",
    "partnership": "example-tech-partnership",
    "occupation": "15-1232",
    "region": "example-metro",
    "source": "example-tech-jobs-report",
}
OTHER_ENTRIES = [
    ("partners", "example-tech-employer", make_partner(name="Example Tech Employer", kinds=["employer"], regions=["example-metro"])),
    ("partners", "example-workforce-fund", make_partner(name="Example Workforce Fund", kinds=["funder"], regions=["example-metro"])),
    ("partnerships", "example-earlier-partnership", make_partnership(name="Example Earlier Partnership", members=[])),
    ("sources", "test-report", make_source()),  # the document the builders' entries cite
]


def schema_fields(name: str) -> list[str]:
    """Every property of a collection's schema as a dotted path, found through its $refs independently of reference.py."""
    documents = {schema["$id"]: schema for schema in SCHEMAS.values()}
    flat = inline_refs(SCHEMAS[name], SCHEMAS[name], documents)
    paths = []

    def walk(node, prefix):
        for part in node.get("allOf", []):
            walk(part, prefix)
        for key, child in node.get("properties", {}).items():
            path = f"{prefix}{key}"
            paths.append(path)
            walk(child, path + ".")
            if isinstance(child.get("items"), dict):
                walk(child["items"], path + ".")

    walk(flat, "")
    return list(dict.fromkeys(paths))


def value_paths(values, prefix="") -> set[str]:
    """Every dotted field path an entry's values use (list items merged)."""
    found = set()
    if isinstance(values, list):
        for item in values:
            found |= value_paths(item, prefix)
    elif isinstance(values, dict):
        for key, value in values.items():
            found.add(prefix + key)
            found |= value_paths(value, f"{prefix}{key}.")
    return found


# --- The commented example files -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COLLECTIONS.values()))
def test_every_collection_has_an_example_with_the_schema_line(name):
    path = EXAMPLES / f"{name}.yml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../data/schemas/{name}.schema.json"
    assert (path.parent / first.split("=", 1)[1]).resolve().is_file()


def test_the_examples_are_valid_together(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    for name, entry_id in EXAMPLE_IDS.items():
        folder = next(folder for folder, schema in COLLECTIONS.items() if schema == name)
        (data / folder).mkdir(exist_ok=True)
        shutil.copy(EXAMPLES / f"{name}.yml", data / folder / f"{entry_id}.yml")
    for collection, entry_id, values in OTHER_ENTRIES:
        write_entry(data, collection, entry_id, values)
    result = validate_data(data, today=TODAY)
    assert [p.text() for p in result.problems] == []


@pytest.mark.parametrize("name", sorted(COLLECTIONS.values()))
def test_each_example_has_every_field(name):
    values, _, _ = parse_yaml((EXAMPLES / f"{name}.yml").read_text(encoding="utf-8"), name)
    missing = [path for path in schema_fields(name) if path not in value_paths(values)]
    assert missing == [], f"examples/{name}.yml lacks {missing}"


@pytest.mark.parametrize("name", sorted(COLLECTIONS.values()))
def test_each_example_field_has_a_comment_the_first_time_it_appears(name):
    text = (EXAMPLES / f"{name}.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    _, _, key_marks = parse_yaml(text, name)
    seen = set()
    for location, (line, _) in sorted(key_marks.items(), key=lambda item: item[1]):
        path = ".".join(str(part) for part in location if isinstance(part, str))
        if path in seen:
            continue
        seen.add(path)
        above = lines[line - 2].strip() if line >= 2 else ""
        assert above.startswith("#") or " # " in lines[line - 1], f"examples/{name}.yml:{line}: explain '{path}' in a comment above it"


# --- The data dictionary --------------------------------------------------------------------


def test_the_dictionary_describes_fields_types_values_and_required_flags():
    examples = {name: values for name, (_, values) in load_examples(EXAMPLES).items()}
    programs = next(c for c in describe_collections(SCHEMAS, examples) if c.folder == "programs")
    fields = {f.path: f for f in programs.fields}
    assert [f.name for f in programs.required] == SCHEMAS["program"]["required"]
    assert fields["type"].values == SCHEMAS["program"]["properties"]["type"]["enum"]
    assert fields["schedule"].kind == "list of allowed values"
    assert fields["cost.amount"].required and fields["cost.amount"].parent == "cost" and not fields["cost.amount"].in_list
    assert fields["cost.amount"].limits == ["from 0 to 200,000"] and fields["cost.amount"].example == "1200"
    assert fields["sources.source"].in_list and not fields["sources.document"].required  # a document is named by id, or described inline
    assert fields["sources.date"].description.startswith("Only without `source`: when it was published")  # the field's own words win
    assert fields["last_verified"].kind == "date (YYYY-MM-DD)" and fields["last_verified"].example == "2026-11-01"
    assert fields["outcomes.median_earnings"].values == ["suppressed", "not-reported"]
    assert fields["locations.postal_code"].hint.startswith("write a five-digit ZIP code")
    regions = next(c for c in describe_collections(SCHEMAS) if c.folder == "regions")
    assert next(f for f in regions.fields if f.path == "figures.measure").required  # required added beside a $ref


def test_a_schema_example_wins_over_the_example_file():
    schemas = {name: dict(schema) for name, schema in SCHEMAS.items()}
    schemas["partner"] = dict(schemas["partner"], properties=dict(schemas["partner"]["properties"], short_name={"type": "string", "examples": ["LACC"]}))
    partner = next(c for c in describe_collections(schemas, {"partner": {"short_name": "ECC"}}) if c.schema == "partner")
    assert next(f for f in partner.fields if f.path == "short_name").example == "LACC"


class ReferencePage(HTMLParser):
    """Collect, per collection section, each row's field path and text."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, dict[str, str]] = {}
        self.section = None
        self.row = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and attrs.get("data-collection"):
            self.section = self.sections.setdefault(attrs["data-collection"], {})
        if tag == "tr" and attrs.get("data-field") and self.section is not None:
            self.row, self.text = attrs["data-field"], []

    def handle_data(self, data):
        if self.row:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "tr" and self.row:
            self.section[self.row] = " ".join("".join(self.text).split())
            self.row = None


@pytest.fixture(scope="module")
def reference_page(served_site):
    _, output = served_site
    parser = ReferencePage()
    parser.feed((output / "contribute" / "reference" / "index.html").read_text(encoding="utf-8"))
    return parser.sections


@pytest.mark.parametrize("folder, name", sorted(COLLECTIONS.items()))
def test_the_reference_page_shows_every_schema_property(reference_page, folder, name):
    rows = reference_page[folder]
    assert [path for path in schema_fields(name) if path not in rows] == []
    documents = {schema["$id"]: schema for schema in SCHEMAS.values()}
    flat = inline_refs(SCHEMAS[name], SCHEMAS[name], documents)
    for field in flat["required"]:
        assert " Required " in f" {rows[field]} ", f"{field} is not marked required"
    for path, text in rows.items():
        node = flat
        for part in path.split("."):
            node = node["properties"][part] if "properties" in node else node["items"]["properties"][part]
        words = re.split(r"[`*\[]", node.get("description", ""))[0].strip()
        assert words in text, f"{folder} {path}: the description is not shown"
        values = node.get("enum") or (node.get("items") or {}).get("enum") or []
        for value in values:
            assert value in text, f"{folder} {path}: the allowed value {value} is not listed"


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_the_reference_page_never_scrolls_sideways(served_site, browser, width):
    base, _ = served_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(f"{base}/contribute/reference/")
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"the reference page at {width}px scrolls sideways by {overflow}px"


def test_the_contribute_page_links_the_guide_and_the_dictionary(served_site):
    base, output = served_site
    text = (output / "contribute" / "index.html").read_text(encoding="utf-8")
    assert f'href="{base}/contribute/reference/"' in text
    assert "/blob/main/CONTRIBUTING.md" in text
    reference = (output / "contribute" / "reference" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Data dictionary</h1>" in reference and f'href="{base}/contribute/"' in reference
    assert "examples/program.yml" in reference


def test_reference_context_without_examples_still_lists_every_field(tmp_path):
    shutil.copytree(ROOT / "data" / "schemas", tmp_path / "data" / "schemas")
    context = reference_context(tmp_path / "data" / "schemas", render=str)
    programs = next(c for c in context["collections"] if c.folder == "programs")
    assert programs.example_path == "" and len(programs.fields) == len(schema_fields("program"))


def test_the_spanish_dictionary_reads_the_spanish_descriptions_and_labels(tmp_path):
    shutil.copytree(ROOT / "data" / "schemas", tmp_path / "data" / "schemas")
    english = reference_context(tmp_path / "data" / "schemas", render=str)
    spanish = reference_context(tmp_path / "data" / "schemas", render=str, language="es")
    assert (english["page_title"], spanish["page_title"], spanish["language"]) == ("Data dictionary", "Diccionario de datos", "es")
    programs = next(c for c in spanish["collections"] if c.folder == "programs")
    assert (programs.title, programs.title_lang, programs.description_lang) == ("Programa", "es", "es")
    status = next(f for f in programs.fields if f.path == "status")
    assert status.description.startswith("Si funciona, según sus fuentes") and status.description_lang == "es"
    assert status.description_html == status.description and status.kind == "un valor permitido"
    assert status.values == ["active", "pilot", "proposed", "ended", "unknown"] and status.value_labels["proposed"] == "En propuesta, todavía no en marcha"
    amount = next(f for f in programs.fields if f.path == "cost.amount")
    assert amount.limits == ["de 0 a 200,000"] and amount.kind == "número"
    english_programs = next(c for c in english["collections"] if c.folder == "programs")
    english_status = next(f for f in english_programs.fields if f.path == "status")
    assert english_status.value_labels["proposed"] == "Proposed, not yet running" and english_status.description_lang == "en"


def test_a_description_with_no_spanish_yet_is_shown_in_english_and_marked_so(tmp_path):
    schemas = tmp_path / "data" / "schemas"
    shutil.copytree(ROOT / "data" / "schemas", schemas)
    path = schemas / "program.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"x-description-es": "Quién lo ofrece:', '"x-untranslated": "Quién lo ofrece:'), encoding="utf-8")
    programs = next(c for c in reference_context(schemas, render=str, language="es")["collections"] if c.folder == "programs")
    provider = next(f for f in programs.fields if f.path == "provider")
    assert provider.description.startswith("Who runs it") and provider.description_lang == "en"
    with pytest.raises(DirectoryError, match="the data dictionary is written in en, es, not 'fr'"):
        reference_context(schemas, language="fr")


# --- CONTRIBUTING.md ------------------------------------------------------------------------


def test_contributing_links_resolve_and_name_the_examples_and_the_dictionary():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\((?!https?://|#)([^)]+)\)", text):
        assert (ROOT / target.split("#")[0]).exists(), f"CONTRIBUTING.md links to missing {target}"
    anchors = {re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-") for heading in re.findall(r"^#+ (.+)$", text, re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in anchors, f"CONTRIBUTING.md links to a missing section #{anchor}"
    for name in COLLECTIONS.values():
        assert f"(examples/{name}.yml)" in text
    assert "/contribute/reference/" in text


def test_contributing_states_the_review_time_as_the_maintainers_goal():
    text = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert re.search(r"maintainers' goal is to give every pull request a first review within \*\*\w+ working days\*\*", text)
    assert "not a promise" in text
    for heading in ("What reviewers check", "Update a program that is already listed", "Add a program in the web editor"):
        assert f"## {heading}" in text or f"### {heading}" in text


# --- scripts/new.py -------------------------------------------------------------------------


def run_new(data_dir, *args, answers: str | None = None):
    """Run directory-new on data_dir as a partner would, 'today' being 2026-05-17."""
    command = [str(Path(sys.executable).with_name("directory-new")), *args, "--data-dir", str(data_dir), "--today", "2026-05-17"]
    return subprocess.run(command, input=answers or "", capture_output=True, text=True, cwd=data_dir.parent, env=os.environ | {"PYTHONIOENCODING": "utf-8"})


SOURCE_FLAGS = ["--source-document", "Program page", "--source-publisher", "Test College"]
NEW_ENTRIES = {
    "program": (
        "programs",
        "evening-it-support",
        ["--name", "Evening IT Support", "--provider", "test-college", "--type", "certificate", "--description", "Two evenings a week of computer repair."],
    ),
    "partner": ("partners", "acme-tech", ["--name", "Acme Tech", "--kinds", "employer, funder", "--description", "An employer that funds local training."]),
    "pathway": (
        "pathways",
        "data-analysis",
        ["--name", "Data Analysis", "--description", "From spreadsheets to data jobs.", "--first-step", "Spreadsheet course"],
    ),
    "partnership": (
        "partnerships",
        "metro-tech-coalition",
        ["--name", "Metro Tech Coalition", "--kind", "coalition", "--description", "Employers and colleges of the metro area."],
    ),
}


@pytest.mark.parametrize("kind", sorted(NEW_ENTRIES))
def test_new_writes_a_valid_skeleton_from_flags(data_dir, kind):
    folder, entry_id, flags = NEW_ENTRIES[kind]
    done = run_new(data_dir, kind, *flags, *SOURCE_FLAGS)
    assert done.returncode == 0, done.stdout + done.stderr
    path = data_dir / folder / f"{entry_id}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
    assert (path.parent / "../schemas" / f"{kind}.schema.json").resolve().is_file()
    assert "Valid:" in done.stdout
    problems = [p for p in validate_data(data_dir, today=dt.date(2026, 5, 17)).problems if p.path.endswith(f"{entry_id}.yml")]
    assert [p for p in problems if p.severity == "error"] == []
    values = yaml.safe_load(text)
    assert values["last_verified"] == "2026-05-17" and values["sources"][0]["document"] == "Program page"
    assert "# More fields you can add" in text


def test_new_refuses_an_id_that_exists(data_dir):
    existing = data_dir / "programs" / "web-coding-boot-camp.yml"
    before = existing.read_text()
    _, _, flags = NEW_ENTRIES["program"]
    done = run_new(data_dir, "program", *flags, *SOURCE_FLAGS, "--id", "web-coding-boot-camp")
    assert done.returncode == 2
    assert "web-coding-boot-camp.yml already exists; edit that file instead" in done.stderr
    assert existing.read_text() == before


def test_new_says_already_exists_when_the_name_gives_a_taken_id(data_dir):
    _, _, flags = NEW_ENTRIES["program"]
    done = run_new(data_dir, "program", *flags[2:], "--name", "Web Coding Boot Camp", *SOURCE_FLAGS)
    assert done.returncode == 2
    assert "--id: data/programs/web-coding-boot-camp.yml already exists; edit that file instead, or choose another id" in done.stderr
    assert "missing" not in done.stderr


def help_flags(kind: str) -> set[str]:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("directory-new")), kind, "--help"], capture_output=True, text=True, env=os.environ | {"COLUMNS": "200"}
    )
    assert done.returncode == 0, done.stderr
    return set(re.findall(r"^\s+(--[a-z-]+)", done.stdout, re.M))


# The flag word of the first item of a list of groups, when it is not the list's name without its s.
ITEM_WORDS = {"sources": "source", "steps": "first-step"}


@pytest.mark.parametrize("kind", sorted(NEW_ENTRIES))
def test_new_has_a_flag_for_every_field_of_a_kind_and_shows_only_those(kind):
    flags = help_flags(kind)
    for field in SCHEMAS[kind]["properties"]:
        if field == "last_verified":  # always the day the file is written
            continue
        word = field.replace("_", "-")
        item = ITEM_WORDS.get(field, word.removesuffix("s"))
        assert {f"--{word}"} & flags or any(flag.startswith((f"--{word}-", f"--{item}-")) for flag in flags), f"{kind}: no flag sets {field}"
    others = {"program": "--provider", "partner": "--kinds", "pathway": "--first-step", "partnership": "--members"}
    for other, flag in others.items():
        if other != kind:
            assert not any(f == flag or f.startswith(flag + "-") for f in flags), f"{kind} --help shows {flag}, a flag of {other}"
    assert "--url" in help_flags("program")  # a program's own page


def test_new_fills_every_kind_of_field_from_flags(data_dir):
    _, _, flags = NEW_ENTRIES["program"]
    more = {
        "--url": "https://www.example.org/it",
        "--cost-amount": "1200",
        "--schedule": "evenings, part-time",
        "--eligibility-degree-required": "no",
        "--eligibility-minimum-age": "18",
        "--application-status": "open",
        "--application-deadline": "2026-09-01",
        "--location-name": "Main campus",
        "--location-city": "Example City",
        "--skills": "computer repair",
        "--source-date": "2026",
    }
    done = run_new(data_dir, "program", *flags, *SOURCE_FLAGS, *[part for pair in more.items() for part in pair])
    assert done.returncode == 0, done.stdout + done.stderr
    values = yaml.safe_load((data_dir / "programs" / "evening-it-support.yml").read_text())
    assert values["url"] == "https://www.example.org/it" and values["cost"] == {"amount": 1200}
    assert values["schedule"] == ["evenings", "part-time"]
    assert values["eligibility"] == {"degree_required": False, "minimum_age": 18}
    assert values["application"] == {"status": "open", "deadline": "2026-09-01"}
    assert values["locations"] == [{"name": "Main campus", "city": "Example City"}] and values["skills"] == ["computer repair"]
    assert values["sources"] == [{"document": "Program page", "publisher": "Test College", "date": "2026"}]
    assert list(values)[:4] == ["name", "type", "status", "provider"]  # in the schema's order


def test_new_refuses_a_bad_field_flag_by_its_name(data_dir):
    _, _, flags = NEW_ENTRIES["program"]
    done = run_new(data_dir, "program", *flags, *SOURCE_FLAGS, "--cost-amount", "lots", "--delivery", "by-post")
    assert done.returncode == 2
    assert "--cost-amount: " in done.stderr and "--delivery: " in done.stderr
    done = run_new(data_dir, "program", *flags, *SOURCE_FLAGS, "--location-city", "Example City")
    assert done.returncode == 2 and "--location-name: missing" in done.stderr
    assert not (data_dir / "programs" / "evening-it-support.yml").exists()


def test_new_never_asks_once_a_flag_is_given(data_dir):
    done = run_new(data_dir, "program", "--name", "Weekend Data Camp", answers="test-college\n1\n\nTwelve weekends of data work.\n")
    assert done.returncode == 2
    assert done.stdout == ""  # no question was printed
    for flag in ("--provider", "--type", "--description", "--source-document"):
        assert f"{flag}: missing" in done.stderr
    assert "--status: missing" not in done.stderr  # it has a default


def test_new_makes_a_readable_id_from_an_accented_name(data_dir):
    _, _, flags = NEW_ENTRIES["program"]
    done = run_new(data_dir, "program", *flags[2:], "--name", "Programa de programación", *SOURCE_FLAGS)
    assert done.returncode == 0, done.stderr
    assert (data_dir / "programs" / "programa-de-programacion.yml").is_file()


def test_new_refuses_bad_flags_and_names_each_one(data_dir):
    done = run_new(data_dir, "program", "--name", "X", "--provider", "test-colege", "--type", "bootcmp", "--description", "Too short", "--no-input")
    assert done.returncode == 2
    assert "--name: is too short: at least 2 characters are needed" in done.stderr
    assert "there is no partner 'test-colege' in data/partners/ (did you mean 'test-college'?" in done.stderr
    assert "--type: 'bootcmp' is not one of:" in done.stderr and "did you mean 'bootcamp'?" in done.stderr
    assert "--source-document: missing" in done.stderr
    assert not (data_dir / "programs" / "x.yml").exists()


def test_new_asks_interactively_and_asks_again_after_a_bad_answer(data_dir):
    answers = "\n".join(
        [
            "Weekend Data Boot Camp",  # name
            "",  # id: take the suggestion
            "nobody",  # provider: refused
            "test-college",
            "99",  # type: not a choice
            "1",  # bootcamp, by number
            "",  # status: active
            "short",  # description: refused
            "Twelve weekends of data analysis with spreadsheets and SQL.",
            "",  # source id: none, the program's own page is described below
            "",  # locator: skip
            "Catalogue 2026",
            "",  # publisher: the provider's name
            "not a web address",  # refused
            "",  # skip
        ]
    )
    done = run_new(data_dir, "program", answers=answers + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("Not accepted:") == 4
    assert "[weekend-data-boot-camp]" in done.stdout and "[Test College]" in done.stdout
    values = yaml.safe_load((data_dir / "programs" / "weekend-data-boot-camp.yml").read_text())
    assert values["type"] == "bootcamp" and values["status"] == "active" and values["provider"] == "test-college"
    assert values["sources"] == [{"document": "Catalogue 2026", "publisher": "Test College"}]
    assert "warning: is not linked to any pathway step" in done.stdout


def test_new_stops_cleanly_when_the_answers_run_out(data_dir):
    done = run_new(data_dir, "partner", answers="Half Answered Org\n")
    assert done.returncode == 2
    assert "Stopped: no answer for" in done.stderr and "Nothing was written" in done.stderr
    assert not (data_dir / "partners" / "half-answered-org.yml").exists()


# --- The issue form and scripts/issue_to_entry.py -------------------------------------------

FORM = issue_answers.load_form()
GOOD_ANSWERS = {
    "name": "Evening IT Support Certificate",
    "provider": "test-college",
    "type": "certificate — a college or industry certificate",
    "status": "active — it runs now",
    "description": "Two evenings a week for one semester.\n\nStudents learn to:\n\n- fix computers\n- help people by chat",
    "url": "https://www.example.org/it",
    "delivery": "hybrid",
    "regions": "test-metro",
    "cost": "$1,200",
    "schedule": "evenings, part-time",
    "degree": "no — no bachelor's degree needed",
    "application_status": "upcoming — applications open later",
    "deadline": "2026-08-01",
    "how_to_apply": "Fill in the college's online form.",
    "source_document": "IT certificate page",
    "source_publisher": "Test College",
    "source_url": "https://www.example.org/it/about",
    "confirm": [option for question in FORM if question.id == "confirm" for option in question.options],
}
EXPECTED = {
    "name": "Evening IT Support Certificate",
    "type": "certificate",
    "status": "active",
    "provider": "test-college",
    "description": GOOD_ANSWERS["description"],
    "url": "https://www.example.org/it",
    "delivery": "hybrid",
    "regions": ["test-metro"],
    "cost": {"amount": 1200},
    "schedule": ["evenings", "part-time"],
    "eligibility": {"degree_required": False},
    "application": {"status": "upcoming", "deadline": "2026-08-01", "how_to_apply": "Fill in the college's online form."},
    "sources": [{"document": "IT certificate page", "publisher": "Test College", "url": "https://www.example.org/it/about"}],
    "last_verified": "2026-05-17",
}


def render_issue(answers: dict, newline: str = "\n") -> str:
    """Write answers the way GitHub renders a submitted issue form."""
    parts = []
    for question in FORM:
        answer = answers.get(question.id)
        if question.type == "checkboxes":
            ticked = answer or []
            value = "\n".join(f"- [{'X' if option in ticked else ' '}] {option}" for option in question.options)
        elif question.type == "dropdown" and not answer:
            value = "None"
        else:
            value = answer or "_No response_"
        parts.append(f"### {question.label}\n\n{value}")
    return "\n\n".join(parts).replace("\n", newline)


def convert(data_dir, answers, **kwargs):
    return issue_to_entry.convert(render_issue(answers), data_dir, issue=12, today=dt.date(2026, 5, 17), **kwargs)


def loaded(path):
    values, _, _ = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    return values


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_filled_in_form_round_trips_into_a_valid_entry(data_dir, newline):
    path, warnings = issue_to_entry.convert(render_issue(GOOD_ANSWERS, newline), data_dir, issue=12, today=dt.date(2026, 5, 17))
    assert path == data_dir / "programs" / "evening-it-support-certificate.yml"
    assert loaded(path) == EXPECTED
    assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/program.schema.json\n# Made by scripts/issue_to_entry.py from issue #12.\n")
    assert warnings == ["The program: is not linked to any pathway step (add pathway_steps so jobseekers find it on a pathway)"]


def test_empty_optional_answers_leave_their_fields_out(data_dir):
    required = {q.id for q in FORM if q.required}
    answers = {key: value for key, value in GOOD_ANSWERS.items() if key in required}
    path, _ = convert(data_dir, answers)
    assert set(loaded(path)) == {"name", "type", "status", "provider", "description", "sources", "last_verified"}


def test_missing_and_invalid_answers_are_all_named_by_their_question(data_dir):
    answers = GOOD_ANSWERS | {"name": "", "cost": "about a thousand", "confirm": [], "deadline": "15 Feb 2027", "url": "www.example.org"}
    with pytest.raises(issue_to_entry.IssueError) as caught:
        convert(data_dir, answers)
    assert caught.value.problems == [
        "Program name: this answer is required",
        "Before you send: please tick every box",
        "Cost to the participant (US dollars): write a number of US dollars with the digits 0 to 9, for example 1200, or 0 if it is free",
        "Application deadline: '15 Feb 2027' is not a date written YYYY-MM-DD (write it like 2027-02-15: the year, the month, the day)",
    ]
    with pytest.raises(issue_to_entry.IssueError) as caught:
        convert(data_dir, answers | {"name": "Evening IT", "cost": "0", "confirm": GOOD_ANSWERS["confirm"], "deadline": "2027-02-15"})
    assert any(p.startswith("Program web page: 'www.example.org' is not in the expected form") for p in caught.value.problems)
    assert list((data_dir / "programs").glob("evening-it*.yml")) == []  # nothing left behind


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"provider": "test-colege"}, "Organization that runs it: there is no organization 'test-colege' on the site (did you mean Test College?)"),
        ({"type": "spaceship"}, "Type of program: 'spaceship' is not one of the choices (bootcamp, registered-apprenticeship"),
        ({"regions": "atlantis"}, "Regions it serves: there is no region 'atlantis' on the site (the regions are: Test Metro); separate regions with commas"),
        ({"regions": "Test Metr"}, "Regions it serves: there is no region 'Test Metr' on the site (did you mean Test Metro?)"),
        ({"name": "Web Coding Boot Camp"}, "Program name: a program named 'Web Coding Boot Camp' run by Test College is on the site already."),
        ({"deadline": "2027-02-30"}, "Application deadline: 2027-02-30 is not a day of the calendar (check the month and the day)"),
        ({"description": "x" * 7000}, "Description: is too long: 7000 characters, the limit is 6000"),
        ({"name": "N" * 500}, "Program name: is too long: 500 characters, the limit is 160"),
    ],
)
def test_bad_answers_get_a_clear_message(data_dir, monkeypatch, changes, message):
    monkeypatch.chdir(data_dir.parent)
    with pytest.raises(issue_to_entry.IssueError) as caught:
        convert(data_dir, GOOD_ANSWERS | changes, entry_id="n-long" if len(changes.get("name", "")) > 100 else None)
    assert any(problem.startswith(message) for problem in caught.value.problems), caught.value.problems


def test_the_organization_may_be_given_by_its_name(data_dir):
    path, _ = convert(data_dir, GOOD_ANSWERS | {"provider": "test college"})
    assert loaded(path)["provider"] == "test-college"


HOSTILE = {
    "name": 'Evening <script>alert("x")</script> IT: Support #1 & *more*',
    "description": (
        "<img src=x onerror=alert(1)>\n"
        "key: value\n"
        "---\n"
        "- [ ] not a box\n"
        "!!python/object/apply:os.system ['rm -rf /']\n"
        "&anchor *alias {flow: map} [flow, list] 'quote\" `tick`\n"
        "\ttabbed line and a zero-width joiner: \U0001f469\u200d\U0001f4bb, \u0915\u094d\u200d\u0937.\n"
        "%TAG ! tag:example.com,2000:\n"
        "@mention #123 ..."
    ),
    "how_to_apply": "Call 555-0100: ask for <b>Pat</b> | then `apply`",
    "source_document": "... | '' \"\" : #",
}


def test_hostile_text_stays_text(data_dir):
    path, _ = convert(data_dir, GOOD_ANSWERS | HOSTILE, entry_id="hostile")
    values = loaded(path)  # the project's strict loader reads it back: no tags, anchors or extra fields
    assert set(values) == set(EXPECTED)
    assert values["name"] == HOSTILE["name"]
    assert values["description"] == HOSTILE["description"]  # nothing removed: emoji and Indic text need the joiner
    assert values["application"]["how_to_apply"] == HOSTILE["how_to_apply"]
    assert values["sources"][0]["document"] == HOSTILE["source_document"]
    assert yaml.safe_load(path.read_text()) == values  # any YAML reader sees the same


def test_a_question_answered_twice_is_refused(data_dir):
    body = render_issue(GOOD_ANSWERS | {"description": "Looks fine.\n\n### Program name\n\nA different name"})
    with pytest.raises(issue_to_entry.IssueError) as caught:
        issue_to_entry.convert(body, data_dir, today=dt.date(2026, 5, 17))
    assert caught.value.problems == ["Program name: answered twice; edit the issue so that each question appears once"]


def problems_of(data_dir, answers, **kwargs) -> list[str]:
    with pytest.raises(issue_to_entry.IssueError) as caught:
        convert(data_dir, GOOD_ANSWERS | answers, **kwargs)
    return caught.value.problems


def test_regions_are_separated_by_commas_and_found_by_name(data_dir):
    write_entry(data_dir, "regions", "new-york-city", make_region(name="New York City", state="NY"))
    write_entry(data_dir, "regions", "philadelphia", make_region(name="Philadelphia", state="PA"))
    path, _ = convert(data_dir, GOOD_ANSWERS | {"regions": "New York City, Philadelphia, PA,test-metro, new york city"})
    assert loaded(path)["regions"] == ["new-york-city", "philadelphia", "test-metro"]


def test_the_schedule_is_separated_by_commas_with_or_without_spaces(data_dir):
    path, _ = convert(data_dir, GOOD_ANSWERS | {"schedule": "evenings,part-time"})
    assert loaded(path)["schedule"] == ["evenings", "part-time"]


@pytest.mark.parametrize("deadline", ['"2026-08-01"', "'2026-08-01'", "\u201c2026-08-01\u201d"])
def test_a_quoted_deadline_is_accepted(data_dir, deadline):
    path, _ = convert(data_dir, GOOD_ANSWERS | {"deadline": deadline})
    assert loaded(path)["application"]["deadline"] == "2026-08-01"


def test_problems_are_told_in_words_for_someone_filling_in_a_form(data_dir):
    problems = problems_of(data_dir, {"deadline": "next March", "regions": "atlantis", "provider": "nobody", "cost": "a lot", "type": "spaceship"})
    problems += problems_of(data_dir, {"url": "www.example.org", "source_url": "ftp://x", "name": "N" * 200}, entry_id="long")  # the validator's
    assert len(problems) == 8, problems
    for problem in problems:
        assert not re.search(r"data/|\.yml|quotes|YAML|indent", problem), problem


def test_a_program_already_listed_is_named_without_ids(data_dir):
    for changes in ({"name": "Web Coding Boot Camp"}, {"name": "The Web Coding Boot Camp"}):  # the same id; another id, a near-identical name
        problems = problems_of(data_dir, changes)
        assert problems == [
            "Program name: a program named 'Web Coding Boot Camp' run by Test College is on the site already. If it is this program, it can be"
            " updated instead (follow 'Suggest an edit' at the bottom of its page); if it is another one, give it a name that tells the two apart"
        ]


@pytest.mark.parametrize(
    "address",
    ["https://example.org/partners/test-college/", "https://org.github.io/directory/partners/test-college/index.html", "http://x.org/partners/test-college"],
)
def test_a_pasted_partner_page_is_the_partner(data_dir, address):
    path, _ = convert(data_dir, GOOD_ANSWERS | {"provider": address})
    assert loaded(path)["provider"] == "test-college"


def test_a_page_of_no_partner_is_refused(data_dir):
    problems = problems_of(data_dir, {"provider": "https://example.org/partners/acme-tech/"})
    assert problems == [
        "Organization that runs it: the page https://example.org/partners/acme-tech/ is not the page of an organization on the site"
        " (use the name shown on its page under Partners)"
    ]


def test_accented_names_give_readable_ids(data_dir):
    path, _ = convert(data_dir, GOOD_ANSWERS | {"name": "Programa de programación Ñandú"})
    assert path.name == "programa-de-programacion-nandu.yml"
    assert loaded(path)["name"] == "Programa de programación Ñandú"


def test_a_heading_that_is_not_a_question_is_refused_not_merged(data_dir):
    body = render_issue(GOOD_ANSWERS | {"description": "Two evenings a week.\n\n### Who can apply\n\nAnyone over 18."})
    with pytest.raises(issue_to_entry.IssueError) as caught:
        issue_to_entry.convert(body, data_dir, today=dt.date(2026, 5, 17))
    assert caught.value.problems == [
        "Description: the answer has a line '### Who can apply', which the form uses only for its questions, and this is not one of them;"
        " remove the ### at the start of that line"
    ]
    assert list((data_dir / "programs").glob("evening-it*.yml")) == []


def run_converter(data_dir, tmp_path, body: str):
    errors = tmp_path / "errors.md"
    command = [str(Path(sys.executable).with_name("directory-issue-to-entry")), "--body-file", "-", "--data-dir", str(data_dir), "--errors-file", str(errors)]
    done = subprocess.run(command, input=body, capture_output=True, text=True, cwd=data_dir.parent)
    return done, errors.read_text(encoding="utf-8")


def test_a_repeated_answer_gives_one_problem_not_megabytes(data_dir, tmp_path):
    body = render_issue(GOOD_ANSWERS | {"schedule": "x," * 20000})
    assert len(body) < issue_answers.MAX_BODY
    done, comment = run_converter(data_dir, tmp_path, body)
    assert done.returncode == 1
    assert comment.count("When does it meet?: 'x' is not one of the choices") == 1
    assert len(comment) < 2000 and len(done.stderr) < 2000


def test_the_problems_comment_stays_under_githubs_limit_and_counts_what_it_leaves_out(data_dir, tmp_path):
    body = render_issue(GOOD_ANSWERS | {"regions": ", ".join(f"nowhere {n}" * 3 for n in range(1000))})
    assert len(body) < issue_answers.MAX_BODY
    done, comment = run_converter(data_dir, tmp_path, body)
    assert done.returncode == 1
    assert len(comment) < 65536
    assert comment.count("Regions it serves: there is no region") == issue_to_entry.MAX_PROBLEMS_SHOWN
    assert re.search(r"\n950 more problems not shown: fix these first", comment), comment[-300:]
    long_lines = issue_to_entry.problems_comment([f"problem {n}: " + "y" * 5000 for n in range(100)])
    assert len(long_lines) < 65536 and "more problems not shown" in long_lines


@pytest.mark.parametrize(
    "text", ["A bell\x07 here.", "Reversed \u202etext.", "A line\u2028break.", "Zero\u200bwidth space.", "A joiner: \U0001f469\u200d\U0001f4bb."]
)
def test_text_the_loader_refuses_is_refused_with_the_loaders_message(data_dir, text):
    """Nothing is stripped: what a partner could not write in a file is refused with the loader's words, the rest kept."""
    try:
        parse_yaml(f'description: "{text}"\n', "x.yml")
        expected = None
    except LoadError as error:
        expected = f"Description: {error.problem.message}" + (f" ({error.problem.hint})" if error.problem.hint else "")
    if expected is None:  # the loader takes it: so does the form, unchanged
        path, _ = convert(data_dir, GOOD_ANSWERS | {"description": f"Two evenings a week. {text}"})
        assert loaded(path)["description"] == f"Two evenings a week. {text}"
    else:
        assert expected in problems_of(data_dir, {"description": f"Two evenings a week. {text}"})


@pytest.mark.parametrize("cost", ["1_0_0", "\u0661\u0662\u0660\u0660", "1e3", "\uff11\uff12\uff10\uff10", "12.345"])
def test_costs_that_are_not_plain_digits_are_refused(data_dir, cost):
    assert problems_of(data_dir, {"cost": cost}) == [
        "Cost to the participant (US dollars): write a number of US dollars with the digits 0 to 9, for example 1200, or 0 if it is free"
    ]


def test_a_body_that_is_not_the_form_or_too_long_is_refused(data_dir):
    for body, message in [
        ("Please add our program, it is great!", "this issue was not written with the 'Add a program' form"),
        ("x" * 70000, "the issue is 70,000 characters long; the limit is 65,536"),
    ]:
        with pytest.raises(issue_to_entry.IssueError) as caught:
            issue_to_entry.convert(body, data_dir, today=dt.date(2026, 5, 17))
        assert caught.value.problems[0].startswith(message)


def test_the_command_writes_outputs_for_the_workflow(data_dir, tmp_path):
    body = tmp_path / "issue.md"
    body.write_text(render_issue(GOOD_ANSWERS), encoding="utf-8")
    github, pull_request = tmp_path / "github-output", tmp_path / "pr.md"
    command = [str(Path(sys.executable).with_name("directory-issue-to-entry")), "--body-file", "-", "--issue", "12", "--data-dir", str(data_dir)]
    done = subprocess.run(
        [*command, "--github-output", str(github), "--pr-body-file", str(pull_request)],
        input=body.read_text(),
        capture_output=True,
        text=True,
        cwd=data_dir.parent,
    )
    assert done.returncode == 0, done.stderr
    assert github.read_text() == ("path=data/programs/evening-it-support-certificate.yml\nid=evening-it-support-certificate\nbranch=add-program/issue-12\n")
    assert "Closes #12" in pull_request.read_text()
    errors = tmp_path / "errors.md"
    hostile = render_issue(GOOD_ANSWERS | {"name": "@everyone <script>x</script> ```", "provider": "nobody"})
    failed = subprocess.run([*command, "--errors-file", str(errors)], input=hostile, capture_output=True, text=True, cwd=data_dir.parent)
    assert failed.returncode == 1
    comment = errors.read_text()
    block = comment[comment.index("```text\n") :]
    assert block.count("```") == 2  # the answers cannot close the code block
    assert "there is no organization 'nobody'" in block


FORM_FILES = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("add-program*.yml"))


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda path: path.name)
def test_the_form_and_the_schema_offer_the_same_values(path):
    form = issue_answers.load_form(path)
    questions = {q.id: q for q in form}
    program = SCHEMAS["program"]["properties"]
    pairs = {
        "type": program["type"]["enum"],
        "status": program["status"]["enum"],
        "delivery": program["delivery"]["enum"],
        "schedule": program["schedule"]["items"]["enum"],
        "application_status": program["application"]["properties"]["status"]["enum"],
    }
    for question_id, values in pairs.items():
        assert [issue_entry.option_value(o) for o in questions[question_id].options] == values, question_id
    assert [issue_entry.option_value(o) for o in questions["degree"].options] in (["no", "yes"], ["no", "sí"])
    assert set(questions) <= set(issue_to_entry.FIELD_TO_ANSWER.values()) | {"confirm"}, "every question of the form must be used by the converter"
    labels = [q.label for q in form]
    assert len(labels) == len(set(labels)), "the converter finds answers by label: labels must be unique"
    assert {q.id for q in form if q.required} >= {"name", "provider", "type", "status", "description", "source_document", "source_publisher"}


def test_the_converter_reads_every_question_of_the_forms_and_only_those():
    asked = {q.id for path in FORM_FILES for q in issue_answers.load_form(path)}
    assert asked == set(issue_to_entry.FIELD_TO_ANSWER.values()) | {"confirm"}
    english, spanish = ({q.label for q in issue_answers.load_form(path)} for path in FORM_FILES)
    assert not english & spanish, "the converter tells the forms apart by their labels"


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda path: path.name)
def test_the_form_names_no_partner_or_region_of_any_data(path):
    """The form suits any fork: no placeholder or description names an organization or place of ours."""
    text = path.read_text(encoding="utf-8")
    found = []
    for data in (ROOT / "data", ROOT / "tests" / "fixtures" / "site"):
        for path in sorted([*(data / "partners").glob("*.yml"), *(data / "regions").glob("*.yml")]):
            name = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("name", "")
            for word in (path.stem, name):
                if word and re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE):
                    found.append(word)
    assert found == []


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda path: path.name)
def test_the_form_is_a_valid_issue_form(path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    ids = [block["id"] for block in form["body"] if block["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z_]+", i) for i in ids)
    for block in form["body"]:
        assert block["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        options = block.get("attributes", {}).get("options", [])
        if block["type"] == "dropdown":
            assert all(isinstance(o, str) and o not in ("None", "_No response_") for o in options)
            if block["attributes"].get("multiple"):
                assert all(", " not in o for o in options), "multiple choices are separated by ', '"
    config = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert isinstance(config["blank_issues_enabled"], bool)


def test_new_offers_the_spanish_text_and_writes_it_where_the_schema_wants_it(data_dir):
    done = subprocess.run(
        [str(Path(sys.executable).with_name("directory-new")), "program", "--help"], capture_output=True, text=True, env=os.environ | {"COLUMNS": "200"}
    )
    assert re.search(r"--es-description TEXT\s+In Spanish: ", done.stdout), done.stdout
    _, _, flags = NEW_ENTRIES["program"]
    spanish = ["--es-name", "Soporte de TI nocturno", "--es-description", "Dos noches por semana de reparación de computadoras."]
    done = run_new(data_dir, "program", *flags, *SOURCE_FLAGS, *spanish)
    assert done.returncode == 0, done.stdout + done.stderr
    values = yaml.safe_load((data_dir / "programs" / "evening-it-support.yml").read_text(encoding="utf-8"))
    assert values["es"] == {"name": "Soporte de TI nocturno", "description": "Dos noches por semana de reparación de computadoras."}
