"""Hostile and broken input: refused clearly, never published, never lost.

Four parts, one per promise of issue 6:

- the corpus in tests/fixtures/bad/: every bad input is refused by directory-validate with
  exactly the lines in its expected.txt, exit 1, no traceback, in under a second, with
  bounded memory; inputs that cannot live in git (a 50 MB file, symbolic links, a pipe,
  odd file names) are made here at test time, with their lines in a table;
- nothing in data/ is dropped silently: strays get a message, editor litter is ignored;
- injection: attack strings in every text field of every collection build into pages,
  feeds, JSON-LD and search documents with no executable construct, and a browser runs
  the pages and a hostile search without a dialog or a script error;
- never half a site: `make html` replaces output/ only when the build succeeded.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tracemalloc
import urllib.parse
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from directory.cli import validate as validate_script
from directory.data import dataset, loader
from directory.data.checks import validate_data
from directory.data.problems import Problem
from support import ROOT
from support.builders import (
    make_occupation,
    make_partner,
    make_partnership,
    make_pathway,
    make_program,
    make_region,
    make_source,
    write_entry,
    write_minimal_dataset,
)
from support.building import run_pelican
from support.serving import SUBPATH, QuietHandler, free_port

FIXTURES = ROOT / "tests" / "fixtures" / "bad"
CASES = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())
TODAY_EPOCH = "1779000000"  # 2026-05-17, the day test_validate.py checks as of
SUMMARY = re.compile(r"^\d+ entries, \d+ errors?, \d+ warnings?$")
MAX_PROBLEMS = 50  # problems.MAX_PROBLEMS_PER_FILE
MAX_PEAK_BYTES = 16 * 1024 * 1024  # the 50 MB file, the billion laughs and 1,500 items all stay far below


def run_script(data_dir: Path, monkeypatch, trace_memory: bool = True) -> tuple[int, list[str], str, int]:
    """Run directory-validate's main() on data_dir from inside it; return code, lines, stderr, peak bytes.

    Tracing memory slows Python down several times; trace_memory=False leaves it off (peak is 0).
    """
    monkeypatch.chdir(data_dir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    out, err = io.StringIO(), io.StringIO()
    if trace_memory:
        tracemalloc.start()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = validate_script.main([str(data_dir)])
    finally:
        peak = tracemalloc.get_traced_memory()[1] if trace_memory else 0
        if trace_memory:
            tracemalloc.stop()
    return code, out.getvalue().splitlines(), err.getvalue(), peak


def assert_refused(data_dir: Path, monkeypatch, expected: list[str]) -> None:
    """The validator refuses data_dir with exactly the expected lines, in bounded memory.

    How fast it refuses is measured by `make bench` (bench_hostile), never by a timed test.
    """
    code, lines, errors, peak = run_script(data_dir, monkeypatch)
    assert "Traceback" not in errors
    assert code == 1, lines
    assert lines and SUMMARY.match(lines[-1]), lines
    assert lines[:-1] == expected
    assert peak < MAX_PEAK_BYTES, f"peak memory {peak:,} bytes"


# --- The corpus -------------------------------------------------------------------------

# Every kind of bad input issue 6 lists, and the fixtures that cover it (the rest of the
# kinds are made at test time below). A new fixture needs no entry here; a kind does.
KINDS = {
    "YAML syntax errors": ["yaml-tab-indent", "yaml-indent-too-deep", "yaml-unclosed-double-quote", "yaml-unclosed-bracket", "yaml-colon-in-list-item"],
    "duplicate keys at any depth": ["duplicate-key-nested", "duplicate-key-in-list-item", "duplicate-key-in-step", "duplicate-key-flow-mapping"],
    "anchors, aliases and merge keys": ["anchor-on-mapping", "alias-undefined", "merge-key-nested"],
    "a billion-laughs file": ["billion-laughs"],
    "a deeply nested structure": ["deep-nesting-block", "deep-nesting-flow-huge"],
    "an empty file": ["yaml-whitespace-only", "yaml-comments-only"],
    "a BOM": ["encoding-utf16-with-bom"],
    "non-UTF-8 bytes": ["encoding-windows-1252", "encoding-utf16-without-bom", "encoding-cut-utf8-sequence"],
    "control characters": ["control-escape-character", "control-nul-byte", "control-next-line", "control-newline-forges-a-line"],
    "YAML 1.1 surprises": [
        "yaml11-on-is-not-true",
        "yaml11-leading-zero-is-text",
        "yaml11-exponent-is-a-number",
        "yaml11-null-name",
        "yaml11-date-where-year-belongs",
    ],
    "wrong types at every level": ["yaml-root-is-text", "type-sources-is-mapping", "type-step-is-text", "type-cost-is-number", "type-roles-is-text"],
    "unknown fields": ["unknown-field-nested", "unknown-field-typo-in-step"],
    "missing required fields": ["missing-fields-region", "missing-step-level", "missing-figure-unit"],
    "ids with spaces, capitals, dots, '..'": ["id-with-spaces", "id-with-capitals", "id-with-dots", "id-with-dot-dot", "id-is-dot-dot"],
    "reserved names": ["id-reserved-by", "id-reserved-benefits", "id-windows-device-name"],
    "collisions that differ only in case": ["id-case-collision", "id-case-collision-new-files"],
    "dangling and self references": ["reference-dangling-member", "reference-wrong-collection", "reference-self-succeeds", "reference-dangling-source"],
    "pathway cycles": ["pathway-cycle-of-three"],
    "unreachable steps": ["pathway-unreachable-island"],
    "invalid SOC codes": ["soc-code-too-many-digits", "soc-code-en-dash", "soc-code-without-hyphen"],
    "impossible dates": ["date-february-30-in-source", "date-not-a-leap-year", "date-month-13"],
    "negative costs": ["number-negative-fee", "number-negative-wage"],
    "percentages over 100": ["percent-figure-over-100", "percent-completion-over-100"],
    "URLs with javascript:": ["url-javascript-mixed-case", "url-javascript-in-source"],
    "URLs with data:, vbscript:, file:": ["url-data", "url-vbscript", "url-file"],
    "URLs with a missing scheme": ["url-missing-scheme", "url-protocol-relative"],
    "credentials in the URL": ["url-credentials-host-trick"],
}


def test_the_corpus_covers_every_kind():
    assert len(CASES) >= 60
    missing = {kind: [name for name in names if name not in CASES] for kind, names in KINDS.items()}
    assert {kind: names for kind, names in missing.items() if names} == {}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_exactly(data_dir, monkeypatch, case):
    folder = FIXTURES / case
    for part in folder.iterdir():
        if part.is_dir():
            shutil.copytree(part, data_dir / part.name, dirs_exist_ok=True)
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{folder / 'expected.txt'} is empty"
    assert_refused(data_dir, monkeypatch, expected)


def _big_file(data_dir: Path) -> None:
    """Write data/programs/huge.yml: real YAML, exactly 50 MiB."""
    with (data_dir / "programs" / "huge.yml").open("w", encoding="utf-8") as file:
        file.write("name: A very large file\n")
        line = "# " + "padding " * 127 + "\n"
        left = 50 * 1024 * 1024 - len("name: A very large file\n")
        for _ in range(left // len(line)):
            file.write(line)
        file.write("#" * (left % len(line)))


def _outside(data_dir: Path) -> Path:
    outside = data_dir.parent / "outside"
    outside.mkdir(exist_ok=True)
    write_entry(outside, "programs", "elsewhere", make_program(name="Program Kept Elsewhere"))
    return outside / "programs" / "elsewhere.yml"


def _symlinked_collection(data_dir: Path) -> None:
    moved = data_dir.parent / "partnerships-elsewhere"
    shutil.move(data_dir / "partnerships", moved)
    (data_dir / "partnerships").symlink_to(moved)


def _symlinked_schema(data_dir: Path) -> None:
    schema = data_dir / "schemas" / "region.schema.json"
    shutil.move(schema, data_dir.parent / "region.schema.json")
    schema.symlink_to(data_dir.parent / "region.schema.json")


def _raw_name(data_dir: Path, name: bytes) -> None:
    try:
        with open(os.fsencode(data_dir / "programs") + b"/" + name, "w", encoding="utf-8") as file:
            file.write(yaml_of(make_program(name="Odd File Name")))
    except OSError as error:  # macOS, for one, refuses names that are not UTF-8
        pytest.skip(f"this file system refuses the name {name!r}: {error}")


def yaml_of(values) -> str:
    return yaml.safe_dump(values, sort_keys=False, allow_unicode=True)


# Inputs that cannot be committed: made in the minimal dataset at test time.
MADE_AT_TEST_TIME = [
    (
        "file-of-50-mb",
        _big_file,
        ["programs/huge.yml:1:1: is 52,428,800 bytes; the limit is 1,048,576 bytes (1 MiB) (fix: split the entry or shorten its text)"],
    ),
    (
        "symlink-to-a-file-outside-data",
        lambda data: (data / "programs" / "elsewhere.yml").symlink_to(_outside(data)),
        ["programs/elsewhere.yml:1:1: is a symbolic link; data files must be real files (fix: replace the link with the file itself)"],
    ),
    (
        "symlink-to-a-system-file",
        lambda data: (data / "partners" / "passwd.yml").symlink_to("/etc/passwd"),
        ["partners/passwd.yml:1:1: is a symbolic link; data files must be real files (fix: replace the link with the file itself)"],
    ),
    (
        "symlink-dangling",
        lambda data: (data / "regions" / "gone.yml").symlink_to(data.parent / "nowhere.yml"),
        ["regions/gone.yml:1:1: is a symbolic link; data files must be real files (fix: replace the link with the file itself)"],
    ),
    (
        "symlink-to-itself",
        lambda data: (data / "regions" / "loop.yml").symlink_to(data / "regions" / "loop.yml"),
        ["regions/loop.yml:1:1: is a symbolic link; data files must be real files (fix: replace the link with the file itself)"],
    ),
    (
        "symlink-folder-inside-a-collection",
        lambda data: (data / "programs" / "more").symlink_to(_outside(data).parent),
        ["programs/more:1:1: is a symbolic link (fix: replace the link with the real folder or file)"],
    ),
    (
        "symlink-as-a-collection",
        _symlinked_collection,
        ["partnerships:1:1: is a symbolic link (fix: replace the link with the real folder or file)"],
    ),
    (
        "symlink-to-data-itself",
        lambda data: (data / "programs" / "up").symlink_to(data),
        ["programs/up:1:1: is a symbolic link (fix: replace the link with the real folder or file)"],
    ),
    (
        "file-name-not-utf8",
        lambda data: _raw_name(data, b"caf\xe9.yml"),
        ["programs/caf\\xe9.yml:1:1: file name 'caf\\xe9' is not a valid id (fix: rename the file to caf.yml: lowercase letters, digits and single hyphens)"],
    ),
    (
        "file-name-with-a-line-break",
        lambda data: _raw_name(data, b"ok\nprograms:1:1: all fine.yml"),
        [
            "programs/ok\\nprograms:1:1: all fine.yml:1:1: file name 'ok\\nprograms:1:1: all fine' is not a valid id "
            "(fix: rename the file to ok-programs-1-1-all-fine.yml: lowercase letters, digits and single hyphens)"
        ],
    ),
    (
        "file-name-with-a-bidi-override",
        lambda data: _raw_name(data, "evil\u202elmy.yml".encode()),
        [
            "programs/evil\\u202elmy.yml:1:1: file name 'evil\\u202elmy' is not a valid id (fix: rename the file to evillmy.yml: lowercase letters, digits and single hyphens)"
        ],
    ),
]


@pytest.mark.parametrize("make, expected", [case[1:] for case in MADE_AT_TEST_TIME], ids=[case[0] for case in MADE_AT_TEST_TIME])
def test_input_made_at_test_time_is_refused_exactly(data_dir, monkeypatch, make, expected):
    make(data_dir)
    assert_refused(data_dir, monkeypatch, expected)


def test_a_symlinked_schema_is_refused(data_dir, monkeypatch):
    _symlinked_schema(data_dir)
    code, lines, errors, _ = run_script(data_dir, monkeypatch)
    assert code == 1 and lines == []
    assert errors.strip() == f"{data_dir / 'schemas' / 'region.schema.json'}: is a symbolic link; schema files must be real files"


def test_the_script_process_refuses_a_pipe_without_hanging(data_dir):
    """A named pipe would block a reader forever; the real process must refuse it and exit 1."""
    os.mkfifo(data_dir / "programs" / "pipe.yml")
    _big_file(data_dir)
    done = subprocess.run(
        [str(Path(sys.executable).with_name("directory-validate")), "data"],
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        timeout=30,
        env=os.environ | {"SOURCE_DATE_EPOCH": TODAY_EPOCH},
    )
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.splitlines() == [
        "data/programs/huge.yml:1:1: is 52,428,800 bytes; the limit is 1,048,576 bytes (1 MiB) (fix: split the entry or shorten its text)",
        "data/programs/pipe.yml:1:1: is not a regular file (fix: replace it with a real .yml file)",
        "7 entries, 2 errors, 0 warnings",
    ]


def test_a_pipe_among_the_schemas_is_refused_without_hanging(data_dir):
    os.mkfifo(data_dir / "schemas" / "extra.schema.json")
    done = subprocess.run([str(Path(sys.executable).with_name("directory-validate")), "data"], cwd=data_dir.parent, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == "data/schemas/extra.schema.json: is not a regular file; schema files must be real files"


def test_the_script_process_prints_one_line_per_problem_in_either_format(data_dir):
    shutil.copytree(FIXTURES / "control-newline-forges-a-line" / "programs", data_dir / "programs", dirs_exist_ok=True)
    _raw_name(data_dir, b"a\nb.yml")
    for output_format, prefix in (("text", "data/programs/"), ("github", "::error file=data/programs/")):
        done = subprocess.run(
            [str(Path(sys.executable).with_name("directory-validate")), "data", "--format", output_format],
            cwd=data_dir.parent,
            capture_output=True,
            text=True,
            env=os.environ | {"SOURCE_DATE_EPOCH": TODAY_EPOCH},
        )
        assert done.returncode == 1 and "Traceback" not in done.stderr
        lines = done.stdout.splitlines()
        assert len(lines) == 3 and all(line.startswith(prefix) for line in lines[:2]), lines


def test_a_file_that_cannot_be_read_is_a_problem(data_dir, monkeypatch):
    locked = write_entry(data_dir, "programs", "locked", make_program(name="Locked Program"))
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    assert_refused(data_dir, monkeypatch, ["programs/locked.yml:1:1: cannot be read (Permission denied) (fix: check that you may read the file)"])


def test_a_folder_that_cannot_be_read_is_a_problem(data_dir, monkeypatch):
    real_walk = os.walk

    def refusing_walk(top, onerror=None, **kwargs):
        if Path(top).name == "regions":
            onerror(PermissionError(13, "Permission denied", str(top)))
            return iter(())
        return real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(dataset.os, "walk", refusing_walk)
    monkeypatch.chdir(data_dir)
    lines = [problem.text() for problem in validate_data(data_dir).problems]
    assert "regions:1:1: cannot be read (Permission denied) (fix: check that you may read the folder and its files)" in lines


def test_a_file_that_grows_after_it_was_measured_is_still_cut_off(tmp_path, monkeypatch):
    path = tmp_path / "growing.yml"
    path.write_text("name: x\n" + "# pad\n" * 300_000)
    real_lstat = Path.lstat
    monkeypatch.setattr(Path, "lstat", lambda self: os.stat_result((*real_lstat(self)[:6], 10, *real_lstat(self)[7:])) if self == path else real_lstat(self))
    with pytest.raises(loader.LoadError) as refused:
        loader.read_text(path, "growing.yml")
    assert refused.value.problem.message == "is over 1,048,576 bytes (1 MiB)"


def _pathway_of_bad_links(steps: int, links: int) -> str:
    """A pathway whose every step leads to `links` steps that do not exist."""
    lines = ["name: Pathway of Bad Links", "description: A pathway whose steps lead nowhere.", "field: software-development", "steps:"]
    for i in range(steps):
        level = "entry" if i == 0 else "mid"
        lines.append(f"- {{id: step-{i}, name: Step {i}, kind: job, level: {level}, leads_to: [{','.join(['nowhere'] * links)}]}}")
    return "\n".join([*lines, "sources:", "- {document: Test document, publisher: Test publisher}", 'last_verified: "2026-01-15"', ""])


def test_a_file_of_a_million_tiny_values_is_refused_at_once(data_dir, monkeypatch):
    """Issue 12's 1 MiB pathway: 500 steps of 660 bad links took 100 s to validate."""
    text = _pathway_of_bad_links(500, 660).replace("nowhere", "q")
    assert len(text.encode()) < loader.MAX_FILE_BYTES
    write_entry(data_dir, "pathways", "many-links", text)
    code, lines, errors, _ = run_script(data_dir, monkeypatch, trace_memory=False)
    assert code == 1 and errors == ""
    assert lines[:-1] == ["pathways/many-links.yml:34:1108: has more than 20,000 values (fix: no entry needs so many: split it, or remove the extra lines)"]


def test_did_you_mean_is_worked_out_only_for_the_problems_listed(data_dir, monkeypatch):
    """Within the value limit, 17,000 bad links among 200 steps: a hint for each took seconds (make bench times it)."""
    write_entry(data_dir, "pathways", "many-links", _pathway_of_bad_links(200, 85))
    code, lines, errors, _ = run_script(data_dir, monkeypatch, trace_memory=False)
    assert code == 1 and errors == ""
    assert len(lines) == MAX_PROBLEMS + 2 and lines[0].endswith(
        "has more than 50 problems; only the first 50 are listed (fix: fix these, then check the file again)"
    )
    assert "steps[0].leads_to[0]: refers to step 'nowhere', which is not in this pathway (fix: use the id of a step in this pathway)" in "\n".join(lines)


def test_problem_lines_never_break():
    problem = Problem("programs/a\nb.yml", 1, 2, "x\ry", "bad \u202e\x1b[31m value\u2028", hint="tab\there \udce9")
    assert problem.text() == "programs/a\\nb.yml:1:2: x\\ry: bad \\u202e\\x1b[31m value\\u2028 (fix: tab\\there \\xe9)"
    assert "\n" not in problem.github() and "\r" not in problem.github()


# --- Nothing in data/ is dropped silently ------------------------------------------------

STRAYS = [
    ("a .yml at the top", {"loose.yml": "name: x\n"}, "loose.yml:1:1: is an entry outside any collection folder"),
    ("a .yaml at the top", {"loose.yaml": "name: x\n"}, "loose.yaml:1:1: is an entry outside any collection folder"),
    ("a note at the top", {"notes.txt": "x"}, "notes.txt:1:1: is not used by the site (fix: remove it, or move it out of data/)"),
    (
        "an unknown folder",
        {"events/meetup.yml": "name: x\n"},
        "events:1:1: is not a known collection folder (fix: move its entries into one of: occupations, partners, partnerships, pathways, programs, regions, sources)",
    ),
    (
        "a folder inside a collection",
        {"programs/2024/old-program.yml": "name: x\n"},
        "programs/2024:1:1: is a folder inside programs/; entries must sit directly in it (fix: move its files up into data/programs/)",
    ),
    (
        "a program in the partners folder",
        {"partners/evening-camp.yml": yaml_of(make_program(name="Evening Camp"))},
        "partners/evening-camp.yml:1:1: looks like a program entry, but it is in partners/ (fix: move the file to data/programs/)",
    ),
    (
        "a region in the occupations folder",
        {"occupations/other-metro.yml": yaml_of(make_region(name="Other Metro"))},
        "occupations/other-metro.yml:1:1: looks like a region entry, but it is in occupations/ (fix: move the file to data/regions/)",
    ),
    (
        "an editor's backup",
        {"programs/web-coding-boot-camp.yml~": "name: x\n"},
        "programs/web-coding-boot-camp.yml~:1:1: is not an entry (entries are .yml files) and is not used (fix: remove it from data/programs/)",
    ),
    (
        "an editor's swap file",
        {"programs/.web-coding-boot-camp.yml.swp": "x"},
        "programs/.web-coding-boot-camp.yml.swp:1:1: is not an entry (entries are .yml files) and is not used (fix: remove it from data/programs/)",
    ),
    (
        "a .yaml ending in capitals",
        {"regions/other-metro.YAML": "name: x\n"},
        "regions/other-metro.YAML:1:1: ends in .YAML (fix: rename it to other-metro.yml)",
    ),
    (
        "a stray file in schemas",
        {"schemas/notes.md": "x"},
        "schemas/notes.md:1:1: is not a schema (schema files end in .schema.json) and is not used (fix: remove it from data/schemas/)",
    ),
    (
        "a folder in schemas",
        {"schemas/old/program.schema.json": "{}"},
        "schemas/old:1:1: is a folder inside schemas/, which holds only schema files (fix: move it out of data/schemas/)",
    ),
]


@pytest.mark.parametrize("files, expected", [case[1:] for case in STRAYS], ids=[case[0] for case in STRAYS])
def test_a_stray_gets_a_message_saying_what_to_do(data_dir, monkeypatch, files, expected):
    for name, text in files.items():
        (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / name).write_text(text, encoding="utf-8")
    code, lines, _, _ = run_script(data_dir, monkeypatch)
    assert code == 1
    assert any(line == expected or line.startswith(expected + " (fix: ") for line in lines), lines


def test_litter_from_editors_and_systems_is_ignored_on_purpose(data_dir, monkeypatch):
    for folder in (data_dir, data_dir / "programs", data_dir / "schemas"):
        for name in dataset.IGNORED_NAMES:
            (folder / name).write_bytes(b"\x00\x01 not an entry")
    code, lines, _, _ = run_script(data_dir, monkeypatch)
    assert (code, lines) == (0, ["7 entries, 0 errors, 0 warnings"])


def test_every_file_under_data_is_an_entry_a_schema_or_a_problem(data_dir, monkeypatch):
    """The promise itself, on a messy folder: no file goes unmentioned."""
    for name in ("loose.yml", "programs/deep/x.yml", "programs/x.txt", "programs/Web-Coding-Boot-Camp.yml", "schemas/x.txt", "odd/y.yml", "regions/.hidden"):
        (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / name).write_text("name: x\n")
    monkeypatch.chdir(data_dir)
    found, problems = dataset.find_entry_files(data_dir)
    mentioned = {path.relative_to(data_dir) for _, path in found} | {Path(problem.path) for problem in problems}
    schemas = {path.relative_to(data_dir) for path in (data_dir / "schemas").glob("*.schema.json")}
    for path in data_dir.rglob("*"):
        if path.is_file() and path.name not in dataset.IGNORED_NAMES:
            relative = path.relative_to(data_dir)
            assert relative in schemas or any(relative == m or m in relative.parents for m in mentioned), relative


# --- Injection ---------------------------------------------------------------------------

# OWASP filter-evasion vectors, template injections and breakouts. Markdown fields get all of
# them at once; every other text field gets one per entry, an entry per vector.
VECTORS = [
    "<script>alert('XSS')</script>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#39;&#41;>",
    "<svg/onload=alert(1)>",
    "<img src=x onerror=alert(1)//",
    "<BODY ONLOAD=alert('XSS')>",
    '<a href="javascript&#58;alert(1)">x</a>',
    '<a href="&#14;javascript:alert(1)">x</a>',
    "[x](javascript&#58;alert(1)) [y]( javascript:alert(1)) ![z](javascript:alert(1))",
    "<javascript:alert(1)> [ref][1]\n\n[1]: javascript:alert(1)",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</title></textarea><script>alert(1)</script>",
    "{{7*7777}} {{ config }}",
    "{% raw %}{{7*7777}}{% endraw %}",
    "${7*7777} #{7*7777} <%= 7*7777 %>",
    "<!-- ]]> <![CDATA[<script>alert(1)</script>]]>",
    "<style>@import'https://evil.example/x.css';body{background:url(javascript:alert(1))}</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">go</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
]
# 7 * 7777: if any template, Markdown or JavaScript evaluated a vector, this would appear.
EVALUATED = "54439"
_EVALUATED = re.compile(r"(?<![\d.])54439(?![\d.])")


def _text(vector: str, index: int, limit: int = 300) -> str:
    """A vector in a one-line text field: unique per entry, within the field's length limit."""
    return f"{vector.replace(chr(10), ' ')} {index}"[-limit:].strip()


def _markdown() -> str:
    return "A description with every vector.\n\n" + "\n\n".join(VECTORS)


def _sources(vector, index):
    inline = {"document": _text(vector, index), "publisher": _text(vector, index), "note": _text(vector, index), "date": "2020"}
    return [inline, {"source": f"hostile-source-{index}", "locator": _text(vector, index), "note": _text(vector, index)}]


def hostile_entries(index: int, vector: str) -> dict[tuple[str, str], dict]:
    """One entry per collection with the vector in every text and Markdown field."""
    text = functools.partial(_text, vector, index)
    region, partner, occupation = f"hostile-region-{index}", f"hostile-partner-{index}", f"99-{index:04d}"
    pathway, partnership, program = f"hostile-pathway-{index}", f"hostile-partnership-{index}", f"hostile-program-{index}"
    place = {"name": text(limit=160), "address": text(), "city": text(), "state": "CA", "postal_code": "90012", "region": region}
    figure = {"label": text(), "measure": "tech-employees", "value": 1000 + index, "unit": "count", "year": 2015, "source": text(), "note": text()}
    document = {"name": text(limit=160), "publisher": text(), "publisher_inferred": text(), "author": text(), "url": "https://www.example.org/hostile"}
    document |= {"date_unknown": text(), "inferred_date": {"date": "2020", "or_later": True, "reason": text()}, "description": _markdown()}
    document |= {"see_also": [{"name": text(), "url": "https://www.example.org/see", "relation": "announcement", "publisher": text()}]}
    return {
        ("sources", f"hostile-source-{index}"): {key: value for key, value in make_source(kind="report", **document).items() if key != "published"},
        ("regions", region): make_region(name=text(limit=160), description=_markdown(), figures=[figure], sources=_sources(vector, index)),
        ("partners", partner): make_partner(
            name=text(limit=160),
            short_name=text(limit=40),
            description=_markdown(),
            regions=[region],
            locations=[place],
            gives=[text()],
            gets=[text()],
            sources=_sources(vector, index),
        ),
        ("occupations", occupation): make_occupation(
            name=text(limit=160),
            soc_code=occupation,  # a file is named after its SOC code
            soc_2010_code=occupation,
            description=_markdown(),
            projections=[{**make_occupation()["projections"][0], "region": region, "source": text()}],
            employment=[{"region": region, "year": 2016, "value": 10, "source": text()}],
            pay=[
                {
                    "area": region,
                    "release": "May 2016",
                    "soc_code": "15-1254",
                    "median_annual": 50000,
                    "source": f"hostile-source-{index}",
                    "locator": text(),
                    "note": text(),
                }
            ],
            sources=_sources(vector, index),
        ),
        ("pathways", pathway): make_pathway(
            name=text(limit=160),
            description=_markdown(),
            regions=[region],
            maintainers=[partner],
            steps=[
                {
                    "id": "intro-course",
                    "name": text(limit=160),
                    "kind": "course",
                    "level": "entry",
                    "description": text(limit=1000),
                    "skills": [text()],
                    "leads_to": ["job"],
                },
                {"id": "job", "name": f"Job {text(limit=150)}", "kind": "job", "level": "mid", "occupation": occupation, "skills": [text()]},
            ],
            sources=_sources(vector, index),
        ),
        ("programs", program): make_program(
            name=text(limit=160),
            provider=partner,
            host_employers=[partner],
            funders=[partner],
            description=_markdown(),
            regions=[region],
            locations=[place],
            cost={"amount": 100 + index, "details": text()},
            financial_aid={"available": True, "details": text()},
            paid={"kind": "stipend", "details": text()},
            duration={"weeks": 10, "hours_per_week": 12, "details": text()},
            eligibility={"degree_required": False, "audience": ["adults"], "prerequisites": [text()], "details": text()},
            credential={"kind": "certificate", "name": text()},
            skills=[text()],
            occupations=[occupation],
            pathway_steps=[{"pathway": pathway, "step": "intro-course"}],
            application={"status": "open", "deadline": "2027-01-15", "starts": "2027-02-01", "how_to_apply": text(), "url": "https://example.org/apply"},
            outcomes=[{"period": "2020", "completion_rate": 50, "note": text(), "source": text()}],
            sources=_sources(vector, index),
        ),
        ("partnerships", partnership): make_partnership(
            name=text(limit=160),
            short_name=text(limit=40),
            description=_markdown(),
            regions=[region],
            sectors=[text()],
            members=[{"partner": partner, "roles": ["member"], "note": text()}],
            benefits=[{"category": "networking", "for": ["employers"], "details": text()}],
            contributions=[{"from": ["employers"], "details": text()}],
            commitments=[text()],
            phases=[{"name": text(), "status": "current", "details": text()}],
            how_to_join=text(limit=2000),
            fee={"amount": 0, "details": text()},
            metrics=[{"name": text(), "target": 10, "target_period": text(), "note": text(), "actuals": [{"year": 2020, "value": 5, "source": text()}]}],
            figures=[figure],
            sources=_sources(vector, index),
        ),
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The minimal dataset plus a hostile entry per collection per vector, built with publishconf.py and served."""
    root = tmp_path_factory.mktemp("hostile")
    data = write_minimal_dataset(root / "data")
    for index, vector in enumerate(VECTORS):
        for (collection, entry_id), values in hostile_entries(index, vector).items():
            write_entry(data, collection, entry_id, values)
    port = free_port()
    base = f"http://127.0.0.1:{port}/{SUBPATH}"
    output = root / "www" / SUBPATH
    done = run_pelican(output, "publishconf.py", siteurl=base, data_path=data)
    assert done.returncode == 0, done.stdout + done.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(root / "www")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base, output
    server.shutdown()


_BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite", "ping"}


def _scheme_of(url: str) -> str:
    """Return the lowercased start of a URL as a browser reads it: control characters and spaces gone."""
    return re.sub(r"[\x00-\x20\x7f]+", "", url).lower()


class ExecutableFinder(HTMLParser):
    """Collect every construct in a document that could run code, and every JSON-LD block."""

    FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}

    def __init__(self, site_origin: str):
        super().__init__(convert_charrefs=True)
        self.site_origin = site_origin
        self.found: list[str] = []
        self.json_ld: list[str] = []
        self._raw: tuple[str, dict] | None = None
        self._raw_text: list[str] = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag in self.FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script":
            kind, source = attributes.get("type", ""), attributes.get("src", "")
            if kind in ("application/ld+json", "application/json"):  # data blocks (JSON-LD, the scripts' words): never run
                pass
            elif not source or not self._own_script(source):
                self.found.append(f"<script {attributes}>")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            elif name == "style":
                self.found.append(f"<{tag} style=...>")
            elif name in _URL_ATTRIBUTES and (_scheme_of(value).startswith(_BAD_SCHEMES) or "url=javascript" in _scheme_of(value)):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("script", "style"):
            self._raw, self._raw_text = (tag, attributes), []

    def _own_script(self, source: str) -> bool:
        url = urllib.parse.urlsplit(source)
        return (
            url.scheme in ("", "http", "https")
            and url.netloc in ("", self.site_origin)
            and re.fullmatch(r"[\w/.-]*/theme/js/[\w.-]+\.js", url.path) is not None
        )

    def handle_data(self, data):
        if self._raw:
            self._raw_text.append(data)

    def handle_endtag(self, tag):
        if not self._raw or tag != self._raw[0]:
            return
        text = "".join(self._raw_text)
        if tag == "script" and self._raw[1].get("type") == "application/ld+json":
            self.json_ld.append(text)
        elif tag == "style" and re.search(r"url\s*\(|@import|expression\s*\(", text, re.I):
            self.found.append("<style> with url(), @import or expression()")
        elif tag == "script" and self._raw[1].get("type") == "application/json":
            if "<" in text:  # Jinja's tojson writes < as \u003c: a "<" here could close the block
                self.found.append("a JSON data block with a '<'")
        elif tag == "script" and text.strip():
            self.found.append("inline <script> code")
        self._raw = None


def test_the_finder_sees_each_html_vector_when_it_is_not_escaped():
    """The scan below means something: written into a page as they are, the vectors are caught."""
    html_vectors = [v for v in VECTORS if "<" in v and not any(skip in v for skip in ("<!--", "<math>", "<%", "<javascript:")) and v.endswith(">")]
    assert len(html_vectors) >= 20
    for vector in html_vectors:
        finder = ExecutableFinder("127.0.0.1:8000")
        finder.feed(f"<p>{vector}</p>")
        finder.close()
        assert finder.found, vector


def test_no_output_file_carries_an_executable_construct(hostile_site):
    base, output = hostile_site
    origin = urllib.parse.urlsplit(base).netloc
    scanned = {"html": 0, "xml": 0, "json": 0, "json-ld": 0}
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".txt", ".css"):
            continue
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(output)
        if not path.name.startswith("index."):  # the search index is numbers, where 54439 may occur by chance
            assert not _EVALUATED.search(text), f"{where}: a template or script evaluated 7*7777"
        if path.suffix == ".json":
            data = json.loads(text)
            scanned["json"] += 1
            if path.name.startswith("rows-"):  # the search's result rows [name, url, ...]: a result's address is a page of the site
                for row in data:
                    assert re.fullmatch(r"[a-z0-9/#-]+", row[1]), (where, row[1])
            continue
        if path.suffix == ".xml":
            ElementTree.fromstring(text.encode("utf-8"))  # feeds and the sitemap stay well-formed XML
            scanned["xml"] += 1
        if path.suffix in (".html", ".xml"):
            finder = ExecutableFinder(origin)
            finder.feed(text)
            finder.close()
            assert finder.found == [], (where, finder.found[:5])
            for block in finder.json_ld:
                assert "</" not in block and "<!--" not in block, where
                json.loads(block)
                scanned["json-ld"] += 1
            scanned["html"] += path.suffix == ".html"
    assert scanned["html"] > 6 * len(VECTORS) and scanned["xml"] >= 2 and scanned["json"] >= 2 and scanned["json-ld"] > 3 * len(VECTORS), scanned


def test_hostile_text_is_shown_as_text(hostile_site):
    _, output = hostile_site
    page = (output / "programs" / "hostile-program-0" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;XSS&#39;)&lt;/script&gt; 0" in page or "&lt;script&gt;alert(&#x27;XSS&#x27;)&lt;/script&gt; 0" in page
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(ld)["name"] == "<script>alert('XSS')</script> 0"


@pytest.mark.browser
def test_hostile_pages_and_searches_run_no_script(hostile_site, page):
    base, _ = hostile_site
    for url in (
        "programs/hostile-program-0/",
        "programs/hostile-program-5/",
        "partners/hostile-partner-16/",
        "pathways/hostile-pathway-3/",
        "partnerships/hostile-partnership-21/",
        "partnerships/benefits/",
        "regions/",
        "occupations/",
        "programs/",
    ):
        response = page.goto(f"{base}/{url}")
        assert response.ok, url
        page.wait_for_load_state("load")
        assert page.errors == [], url
    for query in ("script alert", "onerror", "<img src=x onerror=alert(1)>", '"><script>alert(1)</script>', "javascript:alert(1)", "{{7*7777}}"):
        page.goto(f"{base}/search/?{urllib.parse.urlencode({'q': query})}")
        page.wait_for_function("q => document.getElementById('search-status').textContent.includes(q)", arg=query)
        assert page.input_value("#search-q") == query
        assert not _EVALUATED.search(page.content())
        assert page.errors == [], query
    for url in ('programs/?type="]<script>alert(1)</script>&region=__proto__', 'search/?q=camp&type="]<img src=x onerror=alert(1)>&cost=constructor'):
        page.goto(f"{base}/{url}")
        page.wait_for_load_state("load")
        assert page.errors == [], url
    page.goto(f"{base}/search/?q=alert")
    page.locator("#search-list .card-title a").first.wait_for()
    assert page.locator("#search-list > li").count() > 6
    page.click("#search-q")  # the search page's one box
    page.keyboard.type("<svg/onload=alert(1)>", delay=5)
    page.wait_for_timeout(300)
    assert page.errors == []


# --- Never half a site -------------------------------------------------------------------


def make_html(output: Path, data: Path) -> subprocess.CompletedProcess:
    """Run `make html` on data into output, skipping setup and validate so Pelican itself meets the data."""
    pelican = f"{ROOT / '.venv' / 'bin' / 'pelican'} content --fatal warnings -e DIRECTORY_DATA_PATH='\"{data}\"'"
    return subprocess.run(
        ["make", "--no-print-directory", "-o", "setup", "-o", "validate", "html", f"OUTPUT={output}", f"PELICAN={pelican}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"SOURCE_DATE_EPOCH": "1795305600"},
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.skipif(shutil.which("make") is None or not (ROOT / ".venv" / "bin" / "pelican").exists(), reason="needs make and .venv")
def test_a_failed_build_leaves_the_previous_site_untouched(data_dir, tmp_path):
    output = tmp_path / "site" / "output"
    first = make_html(output, data_dir)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (output / "programs" / "web-coding-boot-camp" / "index.html").exists()
    before = _snapshot(output)
    write_entry(data_dir, "programs", "broken", "name: [\n")
    failed = make_html(output, data_dir)
    assert failed.returncode != 0
    assert "data/programs/broken.yml:2:1: YAML syntax error" in failed.stderr.replace(str(data_dir.parent) + "/", "")
    assert f"The build failed: {output}/ was left as it was." in failed.stderr
    assert _snapshot(output) == before
    assert sorted(path.name for path in output.parent.iterdir()) == ["output"], "no temporary folder is left behind"
    (data_dir / "programs" / "broken.yml").unlink()
    write_entry(data_dir, "programs", "second-camp", make_program(name="Second Camp"))
    again = make_html(output, data_dir)
    assert again.returncode == 0, again.stderr
    assert (output / "programs" / "second-camp" / "index.html").exists()
    assert sorted(path.name for path in output.parent.iterdir()) == ["output"]
