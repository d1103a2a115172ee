"""Messages a partner reads: each names the file, line and field, and a fix that is right for the case."""

from __future__ import annotations

import datetime as dt

import pytest
from test_validate import VALID_PROGRAM, messages, run_validate

from directory.data.checks import validate_data
from directory.model import build_directory
from support.builders import make_occupation, make_partner, make_pathway, make_program, write_entry


def line_of(path, text: str) -> int:
    """Return the number of the first line of a written file that holds text."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_http_address_is_a_warning_not_an_error(data_dir):
    partner = write_entry(data_dir, "partners", "other-college", make_partner(name="Other College", website="http://other.example.org/about"))
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("Twelve weeks", "Read [the syllabus](http://other.example.org/syllabus). Twelve weeks"))
    found = messages(data_dir)
    fix = "(fix: write it with https:// instead, once you have checked that the page opens that way)"
    website = line_of(partner, "website:")
    assert (
        f"partners/other-college.yml:{website}:10: warning: website: 'http://other.example.org/about' is an http:// address, which browsers mark as not secure {fix}"
        in found
    )
    assert (
        f"programs/p.yml:5:14: warning: description: 'http://other.example.org/syllabus' is an http:// address, which browsers mark as not secure {fix}"
        in found
    )
    done = run_validate(data_dir)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().endswith(", 0 errors, 2 warnings")


def test_https_address_gets_no_warning(data_dir):
    write_entry(data_dir, "partners", "other-college", make_partner(name="Other College", website="https://other.example.org/about"))
    assert messages(data_dir) == []


@pytest.mark.parametrize(
    "name, expected",
    [
        ("x.yml.txt", "programs/x.yml.txt:1:1: ends in .yml.txt (fix: rename it to x.yml; your computer may not show its last ending, .txt)"),
        ("y.yaml.txt", "programs/y.yaml.txt:1:1: ends in .yaml.txt (fix: rename it to y.yml; your computer may not show its last ending, .txt)"),
        ("Z.YML.TXT", "programs/Z.YML.TXT:1:1: ends in .YML.TXT (fix: rename it to z.yml; your computer may not show its last ending, .TXT)"),
        ("w.yml.yml", "programs/w.yml.yml:1:1: ends in .yml.yml (fix: rename it to w.yml; your computer may not show its last ending, .yml)"),
        ("v.YML", "programs/v.YML:1:1: ends in .YML (fix: rename it to v.yml)"),
        (
            "web-coding-boot-camp.yml.txt",
            "programs/web-coding-boot-camp.yml.txt:1:1: ends in .yml.txt, and web-coding-boot-camp.yml is already there"
            " (fix: merge the two into web-coding-boot-camp.yml and delete this one; your computer may not show its last ending, .txt)",
        ),
    ],
)
def test_wrong_ending_is_told_to_rename(data_dir, name, expected):
    (data_dir / "programs" / name).write_text(VALID_PROGRAM, encoding="utf-8")
    assert expected in messages(data_dir)


def test_entry_with_wrong_ending_outside_a_folder(data_dir):
    (data_dir / "loose.yml.txt").write_text("name: x\n")
    assert any(line.startswith("loose.yml.txt:1:1: is an entry outside any collection folder") for line in messages(data_dir))


@pytest.mark.parametrize(
    "value, fix",
    [
        ("evenings, part-time", "write it as a list: 'schedule:' alone on its line, then one line per item, '- evenings' and '- part-time'"),
        (
            "evenings,part-time, weekends",
            "write it as a list: 'schedule:' alone on its line, then one line per item, '- evenings', '- part-time' and '- weekends'",
        ),
        ("evenings", "write it as a list: a new line with '- evenings'"),
    ],
)
def test_list_written_as_text_gets_the_right_list(data_dir, value, fix):
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("cost:\n", f"schedule: {value}\ncost:\n"))
    assert f"programs/p.yml:6:11: schedule: must be a list (lines starting with '- '), not '{value}' (fix: {fix})" in messages(data_dir)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("\ttype: bootcamp", "2:1: YAML syntax error: a tab character is used to indent (fix: use spaces, never tabs: replace the tab with spaces)"),
        (
            "schedule:\n  -\tevenings",
            "3:4: YAML syntax error: a tab character is used between the parts of this line (fix: use spaces, never tabs: replace the tab with spaces)",
        ),
        ("contact: @acme", '2:10: YAML syntax error: a value cannot start with @ unless it is in quotes (fix: put the whole value in quotes: "@acme")'),
        (
            "contact: @acme # the handle",
            '2:10: YAML syntax error: a value cannot start with @ unless it is in quotes (fix: put the whole value in quotes: "@acme")',
        ),
        ("schedule:\n  - @acme", '3:5: YAML syntax error: a value cannot start with @ unless it is in quotes (fix: put the whole value in quotes: "@acme")'),
        ('contact: @a "b"', "2:10: YAML syntax error: a value cannot start with @ unless it is in quotes (fix: put the whole value in quotes: '@a \"b\"')"),
        ("contact: `acme`", '2:10: YAML syntax error: a value cannot start with ` unless it is in quotes (fix: put the whole value in quotes: "`acme`")'),
        ("contact: [@acme]", "2:11: YAML syntax error: a value cannot start with @ unless it is in quotes (fix: put the whole value in quotes)"),
        (
            "@contact: acme",
            "2:1: YAML syntax error: a field name cannot start with @ (fix: remove the @: field names are the lowercase words the schema lists)",
        ),
    ],
)
def test_tab_and_at_sign_get_their_own_messages(data_dir, line, expected):
    write_entry(data_dir, "programs", "p", f"name: Evening Web Boot Camp\n{line}\n")
    assert f"programs/p.yml:{expected}" in messages(data_dir)


# --- Occupations: the 2018 code of exactly one entry means that entry ---------------------


def test_program_and_step_may_name_an_occupation_by_its_2018_code(data_dir):
    # The minimal occupation is 15-1134 (2010) with 2018 code 15-1254.
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("  - 15-1134", "  - 15-1254"))
    steps = make_pathway()["steps"]
    steps[1]["occupation"] = "15-1254"
    write_entry(data_dir, "pathways", "web-development", make_pathway(steps=steps))
    assert messages(data_dir) == []
    result = validate_data(data_dir, today=dt.date(2026, 5, 17))
    directory = build_directory(result.entries, dt.date(2026, 5, 17))
    occupation = directory.occupations["15-1134"]
    assert [o.id for o in directory.programs["p"].occupations] == ["15-1134"]
    assert directory.programs["p"] in occupation.links["programs"]
    assert [step.pathway.id for step in occupation.links["steps"]] == ["web-development"]


def test_a_2018_code_that_two_occupations_share_is_refused_with_both(data_dir):
    # Two 2010 occupations that the 2018 system merged into one code.
    write_entry(data_dir, "occupations", "15-1132", make_occupation(name="Software Developers, Applications", soc_code="15-1252", soc_2010_code="15-1132"))
    write_entry(data_dir, "occupations", "15-1133", make_occupation(name="Software Developers, Systems Software", soc_code="15-1252", soc_2010_code="15-1133"))
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("  - 15-1134", "  - 15-1252"))
    assert (
        "programs/p.yml:11:5: occupations[0]: refers to occupation '15-1252', a SOC code 2 occupations give:"
        " '15-1132' (Software Developers, Applications), '15-1133' (Software Developers, Systems Software)"
        " (fix: use the id of the one you mean: 15-1132 or 15-1133)"
    ) in messages(data_dir)


@pytest.mark.parametrize(
    "written, fix",
    [
        # A neighbouring code is another job: never offered as "did you mean".
        ("15-1135", "add data/occupations/15-1135.yml or use the id of an existing occupation"),
        ("15-1255", "add data/occupations/15-1255.yml or use the id of an existing occupation"),
        # The same code written another way, or the occupation's name, is the same job.
        ('"151134"', "did you mean '15-1134' (Web Developers)?"),
        ('"15-1134.00"', "did you mean '15-1134' (Web Developers)?"),
        ('"15-1254.00"', "did you mean '15-1134' (Web Developers)?"),
        ("web developers", "did you mean '15-1134' (Web Developers)?"),
    ],
)
def test_occupation_suggestions_never_name_another_job(data_dir, written, fix):
    write_entry(data_dir, "programs", "p", VALID_PROGRAM.replace("  - 15-1134", f"  - {written}"))
    shown = written.strip('"')
    assert f"programs/p.yml:11:5: occupations[0]: refers to occupation '{shown}', which does not exist (fix: {fix})" in messages(data_dir)


def test_one_occupation_named_by_both_codes_is_listed_twice(data_dir):
    program = write_entry(data_dir, "programs", "p", make_program(name="Another Camp", occupations=["15-1134", "15-1254"]))
    line = line_of(program, "- 15-1254")
    assert (
        f"programs/p.yml:{line}:3: occupations[1]: '15-1254' is another code of '15-1134', listed already as occupations[0] (fix: list each occupation once)"
        in messages(data_dir)
    )
