"""The validator: one line per problem, naming file, line, column, field and fix."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from directory.data.checks import validate_data
from directory.derive import derive
from directory.exports import Site, build_exports
from directory.model import build_directory
from support.builders import make_occupation, make_partnership, make_pathway, make_program, write_entry

VALID_PROGRAM = """\
name: Evening Web Boot Camp
type: bootcamp
status: active
provider: test-college
description: Twelve weeks of evening classes in building web sites.
cost:
  amount: 0
eligibility:
  degree_required: false
occupations:
  - 15-1134
pathway_steps:
  - pathway: web-development
    step: intro-course
application:
  status: rolling
  starts: "2026-09-01"
sources:
  - document: Test document
    publisher: Test publisher
last_verified: "2026-01-15"
"""


def run_validate(*args, cwd=None, today_epoch="1779000000"):
    """Run directory-validate as a partner would; 'today' is 2026-05-17 unless told otherwise."""
    env = os.environ | ({"SOURCE_DATE_EPOCH": today_epoch} if today_epoch else {})
    return subprocess.run([str(Path(sys.executable).with_name("directory-validate")), *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env)


def messages(data_dir):
    """Validate data_dir as of 2026-05-17 and return the problem lines, paths relative to data_dir."""
    here = os.getcwd()
    os.chdir(data_dir.parent)
    try:
        result = validate_data(data_dir, today=dt.date(2026, 5, 17))
    finally:
        os.chdir(here)
    return [p.text().removeprefix("data/") for p in result.problems]


def test_minimal_dataset_is_valid(data_dir):
    assert messages(data_dir) == []


def test_script_exits_0_and_summarises(data_dir):
    done = run_validate(data_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == "7 entries, 0 errors, 0 warnings"


# (replace this line of VALID_PROGRAM, with this text) -> the exact problem line
PROGRAM_CASES = [
    (
        "type: bootcamp",
        "type: bootcam",
        "programs/p.yml:2:7: type: 'bootcam' is not one of the allowed values (fix: did you mean 'bootcamp'? use one of: bootcamp, registered-apprenticeship, pre-apprenticeship, internship, certificate, degree, online-course, work-based-learning, k12-pathway, faculty-externship, job-readiness, financial-aid, training)",
    ),
    (
        "provider: test-college",
        "provider: test-colege",
        "programs/p.yml:4:11: provider: refers to partner 'test-colege', which does not exist (fix: did you mean 'test-college'?)",
    ),
    (
        "provider: test-college",
        "provider: nobody-at-all",
        "programs/p.yml:4:11: provider: refers to partner 'nobody-at-all', which does not exist (fix: add data/partners/nobody-at-all.yml or use the id of an existing partner)",
    ),
    (
        "provider: test-college",
        "provider: Test College",
        "programs/p.yml:4:11: provider: 'Test College' is not in the expected form (fix: use lowercase letters, digits and single hyphens, for example snap-inc)",
    ),
    ("name: Evening Web Boot Camp", "nme: Evening Web Boot Camp", "programs/p.yml:1:1: name: required field 'name' is missing (fix: add a line 'name: ...')"),
    (
        "status: active",
        "status: active\ncolour: blue",
        "programs/p.yml:4:1: colour: unknown field 'colour' (fix: remove it; allowed fields are: application, cost, credential, delivery, description, duration, eligibility, es, financial_aid, funders, host_employers, languages, last_verified, locations, name, occupations, outcomes, paid, pathway_steps, provider, regions, schedule, skills, sources, status, status_as_of, supports, type, url)",
    ),
    ("status: active", "status: active\nprovder: x", "programs/p.yml:4:1: provder: unknown field 'provder' (fix: did you mean 'provider'?)"),
    ("  amount: 0", "  amount: -5", "programs/p.yml:7:11: cost.amount: must be at least 0, not -5"),
    ("  amount: 0", "  amount: free", "programs/p.yml:7:11: cost.amount: must be a number, not 'free'"),
    (
        "  degree_required: false",
        "  degree_required: no",
        "programs/p.yml:9:20: eligibility.degree_required: must be true or false, not 'no' (fix: write true or false (yes, no, on and off are read as text))",
    ),
    (
        "  - 15-1134",
        "  - 15-9999",
        "programs/p.yml:11:5: occupations[0]: refers to occupation '15-9999', which does not exist (fix: add data/occupations/15-9999.yml or use the id of an existing occupation)",
    ),
    (
        "    step: intro-course",
        "    step: intro",
        "programs/p.yml:14:11: pathway_steps[0].step: pathway 'web-development' has no step 'intro' (fix: use one of: intro-course, web-developer)",
    ),
    (
        "  - pathway: web-development",
        "  - pathway: web-dev",
        "programs/p.yml:13:14: pathway_steps[0].pathway: refers to pathway 'web-dev', which does not exist (fix: use the id of a pathway in data/pathways/)",
    ),
    (
        '  starts: "2026-09-01"',
        '  starts: "2026-09-31"',
        "programs/p.yml:17:11: application.starts: '2026-09-31' is not a real date (fix: write the date as YYYY-MM-DD, in a year from 1990 to 2100, for example 2026-05-31, in quotes)",
    ),
    (
        '  starts: "2026-09-01"',
        '  starts: 2026-09-01\n  deadline: "2026-10-01"',
        "programs/p.yml:18:13: application.deadline: deadline 2026-10-01 is after the start date 2026-09-01 (fix: the deadline must come before the program starts)",
    ),
    (
        '  starts: "2026-09-01"',
        '  starts: "2026-09-01"\n  ends: "2026-08-01"',
        "programs/p.yml:18:9: application.ends: end date 2026-08-01 is before the start date 2026-09-01 (fix: check both dates)",
    ),
    (
        'last_verified: "2026-01-15"',
        'last_verified: "2027-01-15"',
        "programs/p.yml:21:16: last_verified: 2027-01-15 is in the future (today is 2026-05-17) (fix: write the day the entry was actually checked)",
    ),
    (
        "  status: rolling",
        "  status: rolling\n  url: javascript:alert(1)",
        "programs/p.yml:17:8: application.url: 'javascript:alert(1)' is not in the expected form (fix: write a full web address starting with https:// (no user name or password in it))",
    ),
    (
        "  status: rolling",
        "  status: rolling\n  url: https://user:pw@example.org/",
        "programs/p.yml:17:8: application.url: 'https://user:pw@example.org/' is not in the expected form (fix: write a full web address starting with https:// (no user name or password in it))",
    ),
    (
        "  status: rolling",
        "  status: rolling\n  url: www.example.org",
        "programs/p.yml:17:8: application.url: 'www.example.org' is not in the expected form (fix: write a full web address starting with https:// (no user name or password in it))",
    ),
    ("type: bootcamp", "type: bootcamp\ntype: internship", "programs/p.yml:3:1: type: 'type' is written twice (first on line 2) (fix: keep one of them)"),
    (
        "status: active",
        "status: active\nname2: &n x",
        "programs/p.yml:4:8: uses the anchor &n (fix: write the value out in full; anchors and aliases are not allowed)",
    ),
    (
        "description: Twelve weeks of evening classes in building web sites.",
        "description: Classes: evenings: twelve weeks",
        "programs/p.yml:5:21: YAML syntax error: mapping values are not allowed in this context (fix: a value contains ': '; put the whole value in quotes)",
    ),
    (
        "cost:",
        "cost:\n\t",
        "programs/p.yml:7:1: YAML syntax error: a tab character is used to indent (fix: use spaces, never tabs: replace the tab with spaces)",
    ),
    (
        'last_verified: "2026-01-15"',
        'last_verified: "2026-01-15',
        "programs/p.yml:22:1: YAML syntax error: found unexpected end of stream (fix: close the quote that this value opens)",
    ),
    (
        "application:",
        "outcomes:\n  - period: '2020'\n    employment_rate: 120\n    source: Test\napplication:",
        "programs/p.yml:17:22: outcomes[0].employment_rate: 120 is not allowed here (fix: write a percentage from 0 to 100, or suppressed, or not-reported)",
    ),
    ("name: Evening Web Boot Camp", "name: 2024", 'programs/p.yml:1:7: name: must be text, not 2024 (fix: put the value in quotes: "2024")'),
    (
        "name: Evening Web Boot Camp",
        "name: Web Coding Bootcamp",
        "programs/p.yml:1:7: name: 'Web Coding Bootcamp' looks like the same program as data/programs/web-coding-boot-camp.yml ('Web Coding Boot Camp') from the same provider (fix: keep one entry for the program and remove the other)",
    ),
    (
        "name: Evening Web Boot Camp",
        "name: web coding  boot camp",
        "programs/p.yml:1:7: name: 'web coding  boot camp' is also the name of data/programs/web-coding-boot-camp.yml (fix: merge the two entries or make the names distinct)",
    ),
]


@pytest.mark.parametrize("old, new, expected", PROGRAM_CASES, ids=[case[2].split(": ", 2)[1] + ":" + case[1][:20] for case in PROGRAM_CASES])
def test_bad_program_is_reported_exactly(data_dir, old, new, expected):
    assert old in VALID_PROGRAM
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace(old, new, 1))
    assert expected in messages(data_dir)


@pytest.mark.parametrize("field", ["opens", "starts", "ends"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1989-12-31", "2101-01-01"])
def test_dates_outside_the_years_the_site_handles_are_refused(data_dir, field, day):
    text = VALID_PROGRAM.replace('  starts: "2026-09-01"', f'  {field}: "{day}"')
    write_entry(data_dir, "programs", "p", text)
    line = text.splitlines().index(f'  {field}: "{day}"') + 1
    hint = "write the date as YYYY-MM-DD, in a year from 1990 to 2100, for example 2026-05-31, in quotes"
    assert messages(data_dir) == [f"programs/p.yml:{line}:{len(field) + 5}: application.{field}: '{day}' is not in the expected form (fix: {hint})"]


def test_what_validates_at_the_edges_of_the_years_also_builds(data_dir):
    """The validator and the build agree: the last day the schema accepts goes through every export."""
    application = {"status": "upcoming", "opens": "2100-12-01", "deadline": "2100-12-15", "starts": "2100-12-31", "ends": "2100-12-31"}
    write_entry(data_dir, "programs", "far-future-camp", make_program(name="Far Future Camp", application=application, last_verified="1990-01-01"))
    assert [line for line in messages(data_dir) if "far-future-camp" in line and "warning" not in line] == []
    directory = build_directory(validate_data(data_dir, today=dt.date(2026, 5, 17)).entries)
    derive(directory)
    files = build_exports(directory, Site("https://example.org", "Test", "example.org", data_dir / "schemas"))
    assert "DTEND;VALUE=DATE:21010101" in files["calendar/programs/far-future-camp.ics"].decode("utf-8")


def test_markdown_that_costs_seconds_is_refused_and_what_is_dropped_is_warned(data_dir):
    text = VALID_PROGRAM.replace(
        "description: Twelve weeks of evening classes in building web sites.",
        'description: "' + "[" * 6000 + '"',
    )
    write_entry(data_dir, "programs", "p", text)
    assert [line for line in messages(data_dir) if line.startswith("programs/p.yml")] == [
        (
            "programs/p.yml:5:14: description: has 6,000 '[' characters; Markdown text may have at most 50 "
            "(fix: remove the extra brackets; one that is not a link can stay written as \\[)"
        )
    ]
    steps = make_pathway()["steps"]
    steps[0]["description"] = "| Term | Weeks |\n|---|---|\n| Fall | 12 |"
    write_entry(data_dir, "pathways", "web-development", make_pathway(steps=steps))
    assert [line for line in messages(data_dir) if line.startswith("pathways/")] == [
        "pathways/web-development.yml:13:16: warning: steps[0].description: has a table, which the site shows as plain lines with their | signs "
        "(fix: write the rows as a list instead, one '- ' line each)"
    ]


def test_a_line_of_succession_that_loops_is_refused(data_dir):
    write_entry(data_dir, "partnerships", "test-tech-partnership", make_partnership(succeeds="second-partnership"))
    write_entry(data_dir, "partnerships", "second-partnership", make_partnership(name="Second Partnership", succeeds="third-partnership"))
    write_entry(data_dir, "partnerships", "third-partnership", make_partnership(name="Third Partnership", succeeds="test-tech-partnership"))
    write_entry(data_dir, "partnerships", "earlier-partnership", make_partnership(name="Earlier Partnership"))
    fix = "(fix: a partnership can only succeed one that came before it: remove 'succeeds' from the earliest of them)"
    line = (data_dir / "partnerships" / "second-partnership.yml").read_text(encoding="utf-8").splitlines().index("succeeds: third-partnership") + 1
    lines = [line for line in messages(data_dir) if line.startswith("partnerships/")]
    assert lines == [
        f"partnerships/second-partnership.yml:{line}:11: succeeds: the line of succession loops: 'second-partnership' succeeds 'third-partnership', "
        f"which succeeds 'test-tech-partnership', which succeeds 'second-partnership' {fix}",
        f"partnerships/test-tech-partnership.yml:{line}:11: succeeds: the line of succession loops: 'test-tech-partnership' succeeds 'second-partnership', "
        f"which succeeds 'third-partnership', which succeeds 'test-tech-partnership' {fix}",
        f"partnerships/third-partnership.yml:{line}:11: succeeds: the line of succession loops: 'third-partnership' succeeds 'test-tech-partnership', "
        f"which succeeds 'second-partnership', which succeeds 'third-partnership' {fix}",
    ]
    write_entry(data_dir, "partnerships", "third-partnership", make_partnership(name="Third Partnership", succeeds="earlier-partnership"))
    assert [line for line in messages(data_dir) if line.startswith("partnerships/")] == []


OCCUPATION_FIX = (
    "(fix: keep one file per occupation and merge the other into it; two files may share a soc_code only when each is named after its own soc_2010_code)"
)


@pytest.mark.parametrize(
    "files, expected",
    [
        (
            {"15-1111": make_occupation(name="Computer Scientists")},
            [
                "occupations/15-1111.yml:3:16: soc_2010_code: the file is named 15-1111.yml, but the entry gives soc_code '15-1254' and soc_2010_code '15-1134' "
                "(fix: data/occupations/15-1134.yml already describes that occupation: merge the two files, or correct the code)",
            ],
        ),
        (
            {"15-1299": make_occupation(name="Computer Occupations, All Other", soc_code="15-1298", soc_2010_code=None)},
            [
                "occupations/15-1299.yml:2:11: soc_code: the file is named 15-1299.yml, but the entry gives soc_code '15-1298' "
                "(fix: rename the file to 15-1298.yml (the code its figures are published under), or correct the code)",
            ],
        ),
        (
            {"15-1254": make_occupation(name="Web Developers (2018)", soc_2010_code=None)},
            [
                f"occupations/15-1134.yml:2:11: soc_code: soc_code '15-1254' is also given by data/occupations/15-1254.yml: one occupation in two files {OCCUPATION_FIX}",
                f"occupations/15-1254.yml:2:11: soc_code: soc_code '15-1254' is also given by data/occupations/15-1134.yml: one occupation in two files {OCCUPATION_FIX}",
            ],
        ),
        (
            {"15-1254": make_occupation(name="Web Developers (2018)")},
            [
                f"occupations/15-1134.yml:2:11: soc_code: soc_code '15-1254' is also given by data/occupations/15-1254.yml: one occupation in two files {OCCUPATION_FIX}",
                f"occupations/15-1134.yml:3:16: soc_2010_code: soc_2010_code '15-1134' is also given by data/occupations/15-1254.yml: one occupation in two files {OCCUPATION_FIX}",
                f"occupations/15-1254.yml:2:11: soc_code: soc_code '15-1254' is also given by data/occupations/15-1134.yml: one occupation in two files {OCCUPATION_FIX}",
                f"occupations/15-1254.yml:3:16: soc_2010_code: soc_2010_code '15-1134' is also given by data/occupations/15-1134.yml: one occupation in two files {OCCUPATION_FIX}",
            ],
        ),
        ({"15-1133": make_occupation(name="Software Developers, Systems Software", soc_code="15-1254", soc_2010_code="15-1133")}, []),
    ],
    ids=["misnamed-onto-an-existing-one", "2018-code-disagrees", "2018-file-beside-a-2010-one", "2010-code-twice", "two-2010-occupations-merged-in-2018"],
)
def test_an_occupation_file_is_named_after_its_code_and_no_code_names_two_files(data_dir, files, expected):
    for entry_id, values in files.items():
        write_entry(data_dir, "occupations", entry_id, {key: value for key, value in values.items() if value is not None})
    assert [line for line in messages(data_dir) if line.startswith("occupations/")] == expected


def test_valid_program_text_is_valid(data_dir):
    write_entry(data_dir, "programs", "p", VALID_PROGRAM)
    assert messages(data_dir) == []


PATHWAY_CASES = [
    (
        [
            {"id": "a", "name": "Step A", "kind": "course", "level": "entry", "leads_to": ["b"]},
            {"id": "b", "name": "Step B", "kind": "job", "level": "mid", "leads_to": ["a"]},
        ],
        "pathways/p.yml:18:5: steps[1].leads_to[0]: step 'b' leads back to 'a', making a loop (fix: a pathway must only move forward: remove one of the links)",
    ),
    (
        [{"id": "a", "name": "Step A", "kind": "course", "level": "entry", "leads_to": ["a"]}],
        "pathways/p.yml:12:5: steps[0].leads_to[0]: step 'a' leads to itself (fix: remove it from its own leads_to)",
    ),
    (
        [{"id": "a", "name": "Step A", "kind": "course", "level": "entry"}, {"id": "b", "name": "Step B", "kind": "job", "level": "mid"}],
        "pathways/p.yml:11:7: steps[1].id: step 'b' cannot be reached from an entry step (fix: add it to the leads_to of an earlier step, or make it level: entry)",
    ),
    (
        [{"id": "a", "name": "Step A", "kind": "course", "level": "mid"}],
        "pathways/p.yml:7:1: steps: has no step with level 'entry' (fix: mark at least one starting step with 'level: entry')",
    ),
    (
        [{"id": "a", "name": "Step A", "kind": "course", "level": "entry", "leads_to": ["c"]}],
        "pathways/p.yml:12:5: steps[0].leads_to[0]: refers to step 'c', which is not in this pathway (fix: use the id of a step in this pathway)",
    ),
    (
        [{"id": "a", "name": "Step A", "kind": "course", "level": "entry"}, {"id": "a", "name": "Step A again", "kind": "job", "level": "entry"}],
        "pathways/p.yml:11:7: steps[1].id: step id 'a' is used twice (first at steps[0]) (fix: give each step its own id)",
    ),
    (
        [{"id": "a", "name": "Step A", "kind": "job", "level": "entry", "occupation": "99-0000"}],
        "pathways/p.yml:11:15: steps[0].occupation: refers to occupation '99-0000', which does not exist (fix: add data/occupations/99-0000.yml or use the id of an existing occupation)",
    ),
]


@pytest.mark.parametrize("steps, expected", PATHWAY_CASES)
def test_bad_pathway_graph_is_reported_exactly(data_dir, steps, expected):
    write_entry(data_dir, "pathways", "p", make_pathway(name="Another pathway", steps=steps))
    assert expected in messages(data_dir)


FILE_CASES = [
    (
        "programs",
        "Bad Name",
        "name: x\n",
        "programs/Bad Name.yml:1:1: file name 'Bad Name' is not a valid id (fix: rename the file to bad-name.yml: lowercase letters, digits and single hyphens)",
    ),
    ("programs", "empty", "", "programs/empty.yml:1:1: is empty (fix: write the entry's fields, starting with 'name:')"),
    (
        "programs",
        "list",
        "- a\n- b\n",
        "programs/list.yml:1:1: holds a list; an entry must be a set of 'field: value' lines (fix: start the file with 'name: ...')",
    ),
    (
        "programs",
        "two",
        "name: a\n---\nname: b\n",
        "programs/two.yml:2:1: holds more than one YAML document (fix: keep one entry per file and remove the extra '---')",
    ),
    ("programs", "merge", "base: {a: 1}\n<<: {b: 2}\n", "programs/merge.yml:2:1: uses a merge key (<<) (fix: write the fields out in full)"),
    (
        "programs",
        "tagged",
        "name: !!python/object:os.system x\n",
        "programs/tagged.yml:1:7: uses the tag tag:yaml.org,2002:python/object:os.system (fix: remove the tag; put the value in quotes if it must be text)",
    ),
    (
        "programs",
        "hidden",
        'name: "A\\u202eB"\n',
        "programs/hidden.yml:1:7: contains the invisible control character U+202E (fix: delete it and retype the text around it)",
    ),
]


NOT_XML = "which is not a character: web feeds and other XML cannot hold it (fix: delete it and retype the text around it)"


@pytest.mark.parametrize(
    "text, expected",
    [
        ('name: "Pierce \\uFFFE College"\n', f"1:7: contains U+FFFE, {NOT_XML}"),
        ('name: "Pierce College\\uffff"\n', f"1:7: contains U+FFFF, {NOT_XML}"),
        ("name: Pierce College\nkinds:\n  - college\ndescription: 'A \ufffe college'\n", f"4:17: contains U+FFFE, {NOT_XML}"),
        ("name: Pierce College\n# a comment \uffff\n", f"2:13: contains U+FFFF, {NOT_XML}"),
        ('name: Pierce College\nsources:\n  - document: "Report \\uFFFE"\n', f"3:15: contains U+FFFE, {NOT_XML}"),
        ('"key\\uFFFE": x\n', f"1:1: contains U+FFFE, {NOT_XML}"),
    ],
    ids=["escaped-fffe", "escaped-ffff", "raw-fffe", "raw-in-comment", "escaped-nested", "escaped-key"],
)
def test_characters_xml_cannot_hold_are_refused_escaped_or_not(data_dir, text, expected):
    write_entry(data_dir, "partners", "pierce-college", text)
    assert [line for line in messages(data_dir) if line.startswith("partners/pierce-college.yml")] == [f"partners/pierce-college.yml:{expected}"]


@pytest.mark.parametrize("collection, entry_id, text, expected", FILE_CASES, ids=[c[1] for c in FILE_CASES])
def test_bad_file_is_reported_exactly(data_dir, collection, entry_id, text, expected):
    write_entry(data_dir, collection, entry_id, text)
    assert expected in messages(data_dir)


def test_bytes_that_are_not_utf8(data_dir):
    (data_dir / "programs" / "latin1.yml").write_bytes("name: Caf\u00e9\n".encode("latin-1"))
    assert "programs/latin1.yml:1:10: is not valid UTF-8 (byte 0xe9) (fix: save the file with UTF-8 encoding)" in messages(data_dir)


def test_byte_order_mark(data_dir):
    (data_dir / "programs" / "bom.yml").write_bytes(b"\xef\xbb\xbfname: x\n")
    assert "programs/bom.yml:1:1: starts with a byte-order mark (BOM) (fix: save the file as UTF-8 without BOM)" in messages(data_dir)


def test_file_over_one_mebibyte(data_dir):
    (data_dir / "programs" / "big.yml").write_text("name: x\n" + "# padding\n" * 110_000)
    assert "programs/big.yml:1:1: is 1,100,008 bytes; the limit is 1,048,576 bytes (1 MiB) (fix: split the entry or shorten its text)" in messages(data_dir)


def test_symlink_is_refused(data_dir, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(VALID_PROGRAM)
    (data_dir / "programs" / "link.yml").symlink_to(outside)
    assert "programs/link.yml:1:1: is a symbolic link; data files must be real files (fix: replace the link with the file itself)" in messages(data_dir)


def test_stray_files_and_folders_are_reported(data_dir):
    (data_dir / "programs" / "notes.txt").write_text("x")
    (data_dir / "programs" / "old.yaml").write_text("x")
    (data_dir / "events").mkdir()
    (data_dir / "loose.yml").write_text("name: x\n")
    found = messages(data_dir)
    assert "programs/notes.txt:1:1: is not an entry (entries are .yml files) and is not used (fix: remove it from data/programs/)" in found
    assert "programs/old.yaml:1:1: ends in .yaml (fix: rename it to old.yml)" in found
    assert (
        "events:1:1: is not a known collection folder (fix: move its entries into one of: occupations, partners, partnerships, pathways, programs, regions, sources)"
        in found
    )
    assert any(line.startswith("loose.yml:1:1: is an entry outside any collection folder") for line in found)


def test_billion_laughs_is_refused_quickly(data_dir):
    lines = ['a0: &a0 "lol"'] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    write_entry(data_dir, "programs", "laughs", "\n".join(lines) + "\n")
    assert "programs/laughs.yml:1:5: uses the anchor &a0 (fix: write the value out in full; anchors and aliases are not allowed)" in messages(data_dir)


def test_deep_nesting_is_refused(data_dir):
    write_entry(data_dir, "programs", "deep", "name: " + "[" * 100 + "]" * 100 + "\n")
    assert any(line.startswith("programs/deep.yml:1:") and "is nested more than 24 levels deep" in line for line in messages(data_dir))


def test_warnings_do_not_fail(data_dir):
    write_entry(
        data_dir,
        "programs",
        "old",
        make_program(name="Old Program", last_verified="2024-01-01", pathway_steps=[], application={"status": "open", "deadline": "2025-01-01"}),
    )
    done = run_validate(data_dir)
    assert done.returncode == 0, done.stdout
    lines = done.stdout.splitlines()
    assert lines[-1] == "8 entries, 0 errors, 3 warnings"
    assert any("programs/old.yml:" in line and "warning: last_verified: not verified since 2024-01-01, over 12 months ago" in line for line in lines)
    assert any("warning: application.deadline: the deadline 2025-01-01 has passed but status is 'open'" in line for line in lines)
    assert any("warning: is not linked to any pathway step" in line for line in lines)


def test_script_reports_every_problem_and_exits_1(data_dir):
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("type: bootcamp", "type: bootcam").replace("provider: test-college", "provider: nobody"))
    write_entry(data_dir, "partners", "broken", "name: [\n")
    done = run_validate(data_dir, cwd=data_dir.parent)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("data/partners/broken.yml:2:1: YAML syntax error")
    assert lines[1].startswith("data/programs/p.yml:2:7: type:")
    assert lines[2].startswith("data/programs/p.yml:4:11: provider:")
    assert lines[-1] == "8 entries, 3 errors, 0 warnings"


def test_github_format_prints_annotations(data_dir):
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("type: bootcamp", "type: bootcam"))
    done = run_validate(data_dir, "--format", "github", cwd=data_dir.parent)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("::error file=data/programs/p.yml,line=2,col=7::type: 'bootcam' is not one of the allowed values")


def test_missing_folder_is_a_clear_error(tmp_path):
    done = run_validate(tmp_path / "nope")
    assert done.returncode == 1
    assert done.stderr.strip() == f"{tmp_path / 'nope'}: no such folder"


def test_parallel_checking_reports_the_same_lines(data_dir, monkeypatch):
    from directory import parallel

    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("provider: test-college", "provider: test-colege").replace("type: bootcamp", "type: bootcam"))
    serial = messages(data_dir)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)
    assert messages(data_dir) == serial
    assert "programs/p.yml:4:11: provider: refers to partner 'test-colege', which does not exist (fix: did you mean 'test-college'?)" in serial


def test_a_trailing_newline_does_not_slip_past_a_pattern(data_dir):
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("  status: rolling", '  status: rolling\n  url: "https://example.org/apply\\n"'))
    assert any(line.startswith("programs/p.yml:17:8: application.url:") for line in messages(data_dir))
    (data_dir / "programs" / "evil\n.yml").write_text(VALID_PROGRAM.replace("Evening Web Boot Camp", "Evil Camp"))
    assert any("is not a valid id" in line for line in messages(data_dir))


def test_a_large_directory_keeps_no_positions_yet_names_the_line_of_a_problem_found_across_files(data_dir, monkeypatch):
    from directory.data import checks

    write_entry(data_dir, "partnerships", "test-tech-partnership", make_partnership(succeeds="test-tech-partnership"))
    line = (data_dir / "partnerships" / "test-tech-partnership.yml").read_text(encoding="utf-8").splitlines().index("succeeds: test-tech-partnership") + 1
    small = [text for text in messages(data_dir) if text.startswith("partnerships/")]
    monkeypatch.setattr(checks, "PARALLEL_FROM", 1)  # every directory counts as large: positions are dropped after each file's own checks
    large = [text for text in messages(data_dir) if text.startswith("partnerships/")]
    assert large == small and len(large) == 1 and large[0].startswith(f"partnerships/test-tech-partnership.yml:{line}:11: succeeds:")
    result = validate_data(data_dir, today=dt.date(2026, 5, 17))
    with_problems = {problem.path for problem in result.problems}
    kept = [entry.relpath for group in result.entries.values() for entry in group.values() if entry.marks is not None]
    assert kept and set(kept) <= with_problems  # read again only where a problem needed its line


def test_a_data_folder_without_its_schemas_is_refused_in_one_line(tmp_path):
    (tmp_path / "data" / "programs").mkdir(parents=True)
    (tmp_path / "data" / "programs" / "a-program.yml").write_text("name: A program\n", encoding="utf-8")
    done = run_validate(tmp_path / "data")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "schemas/ is missing: the data folder needs the schemas; copy data/schemas/" in done.stdout + done.stderr
