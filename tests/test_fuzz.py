"""Fuzzing: random YAML and random damage to the real entries give the project's own problems, never a crash.

tests/test_loader.py fuzzes the parser with random characters and one program with random
fields; here every collection's real entries are damaged the way a hurried edit damages
them (a value of the wrong type, a renamed or deleted field, a cut line, a stray
indent) and checked together with the rest of the shipped data, so the checks across
files see the damage too. Anything the validator accepts must also build.
"""

from __future__ import annotations

import copy
import datetime as dt
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.data.checks import validate_entries
from directory.data.dataset import COLLECTIONS, find_entry_files
from directory.data.loader import Entry, load_entry, parse_yaml
from directory.data.problems import ERROR, WARNING, LoadError, Problem
from directory.derive import derive
from directory.exports import open_data_catalog
from directory.exports.feeds import feed_plan
from directory.model import build_directory
from directory.site.pages import build_pages
from support import FIXTURE_SITE
from support.builders import MINIMAL

TODAY = dt.date(2026, 11, 22)
FILES, _ = find_entry_files(FIXTURE_SITE)
REAL = {path: load_entry(path, collection, f"data/{collection}/{path.name}") for collection, path in FILES}
IDS = sorted({entry.id for entry in REAL.values()})
FIELDS = sorted({key for entry in REAL.values() for key in entry.values})
# FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py searches longer than the suite has time for.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,  # speed is measured by make bench (bench_validate, bench_hostile), never here: timing flakes under load
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Values a partner, a spreadsheet export or an attacker might put anywhere.
SURPRISES = [
    "no",
    "on",
    "yes",
    "1e3",
    "012",
    "0x1F",
    "2026-02-30",
    "null",
    "~",
    "",
    " ",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "{{7*7}}",
    "../../etc/passwd",
    "a\nb",
    "\u202egnp.exe",
    "é" * 3,
    "x" * 400,
    "0" + "1" * 5000,
    "1" * 40,
    -1,
    0,
    1.5,
    10**18,
    1e300,
    True,
    None,
    [],
    {},
    [None],
    {"": None},
]
scalar = st.none() | st.booleans() | st.integers(-(10**6), 10**12) | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40)
json_like = st.recursive(
    scalar | st.sampled_from(SURPRISES) | st.sampled_from(IDS),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12) | st.sampled_from(FIELDS), children, max_size=4),
    max_leaves=12,
)


class _NoAliasDumper(yaml.SafeDumper):
    """Write repeated values out in full: the loader refuses aliases, which would hide the damage."""

    def ignore_aliases(self, data):
        return True


def _locations(node, here=()):
    """Yield the location of every value in a parsed entry, the root first."""
    yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _locations(value, here + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _locations(value, here + (index,))


def _at(root, location):
    for part in location:
        root = root[part]
    return root


def _field(location) -> str:
    """Return a location as problems name their field: pathway_steps[0].step."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in location).lstrip(".")


def _json_type(value) -> str:
    """Return the JSON type of a parsed value (an integer and a float are both numbers)."""
    for name, types in (("null", type(None)), ("boolean", bool), ("number", (int, float)), ("string", str), ("array", list)):
        if isinstance(value, types):
            return name
    return "object"


def assert_wrong_type_is_a_problem(result, relpath: str, location, original, wrong) -> None:
    """Only Problems come out, and a value of another JSON type than the original is an error at its field."""
    assert all(isinstance(problem, Problem) for problem in result.problems)
    if _json_type(wrong) != _json_type(original):
        at = [problem.field for problem in result.errors if problem.path == relpath]
        assert _field(location) in at, f"{_field(location)}: {original!r} -> {wrong!r} gave errors at {at}"


def _retyped(value):
    """Return value dressed as another type: text as a number or list, a list as its first item..."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return value[0] if value else {}
    if isinstance(value, dict):
        return list(value.values())
    return "null"


def mutate(values: dict, draw) -> dict:
    """Apply one random edit somewhere in an entry's values and return them."""
    location = draw(st.sampled_from(list(_locations(values))))
    action = draw(st.sampled_from(["replace", "retype", "delete", "rename", "add", "duplicate"]))
    if not location:
        return values if action not in ("replace", "retype") else draw(st.dictionaries(st.sampled_from(FIELDS), json_like, max_size=3))
    parent, last = _at(values, location[:-1]), location[-1]
    if action == "replace":
        parent[last] = draw(json_like)
    elif action == "retype":
        parent[last] = _retyped(parent[last])
    elif action == "delete":
        del parent[last]
    elif action == "rename" and isinstance(parent, dict):
        new = draw(st.sampled_from(FIELDS) | st.text(max_size=12) | st.just(str(last).upper()) | st.just(str(last)[:-1]))
        parent[new] = parent.pop(last)
    elif action == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from(FIELDS) | st.text(max_size=12))] = draw(json_like)
    elif action in ("add", "duplicate") and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]) if action == "duplicate" else draw(json_like))
    return values


def dump(values, draw) -> str:
    """Write values as YAML in a random but valid style."""
    return yaml.dump(
        values,
        Dumper=_NoAliasDumper,
        sort_keys=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        allow_unicode=draw(st.booleans()),
        width=draw(st.sampled_from([20, 80, 1000])),
    )


class Checker:
    """The session's validators behind a short repr, so a failing example prints readably."""

    def __init__(self, validators):
        self.validators = validators

    def __repr__(self) -> str:
        return "<the real schemas' validators>"


@pytest.fixture
def checker(validators) -> Checker:
    return Checker(validators)


def check_all(entry: Entry, checker: Checker) -> None:
    """Validate entry among the real data: only Problems come out; a valid result must build."""
    others = [other for other in REAL.values() if (other.collection, other.id) != (entry.collection, entry.id)]
    result = validate_entries(others + [entry], checker.validators, TODAY)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.severity in (ERROR, WARNING)
        assert problem.line >= 1 and problem.column >= 1 and problem.message
        assert "\n" not in problem.text() and "\n" not in problem.github()
    if not result.errors:
        # Whatever the validator lets through must render: a crash mid-build is half a site.
        build_site(result.entries)


def build_site(entries) -> None:
    """Link, derive and lay out every page of the entries, open-data page included, as the build does."""
    directory = build_directory(entries)
    derive(directory)
    build_pages(directory, "https://example.org", open_data=open_data_catalog(directory), feeds=feed_plan(directory))


def parse_or_refuse(text: str, relpath: str):
    """Return (values, marks, key_marks), or None when the loader refuses with its own LoadError."""
    try:
        return parse_yaml(text, relpath)
    except LoadError as error:
        assert error.problem.path == relpath
        assert error.problem.line >= 1 and error.problem.column >= 1
        assert "\n" not in error.problem.text()
        return None


@FUZZ
@given(st.sampled_from(sorted(REAL)), st.data())
def test_damaged_real_entries_give_problems_never_a_crash(checker, path, data):
    real = REAL[path]
    values = copy.deepcopy(real.values)
    for _ in range(data.draw(st.integers(1, 3))):
        values = mutate(values, data.draw)
    parsed = parse_or_refuse(dump(values, data.draw), real.relpath)
    if parsed is not None:
        check_all(Entry(real.collection, real.id, real.path, real.relpath, *parsed), checker)


# Edits to the text itself, as a slip of the keyboard makes them.
TEXT_EDITS = ["cut", "insert", "indent", "dedent", "double", "swap"]
SPECIALS = list(":-[]{}'\"&*!|>#\t,?%@`~\\") + ["\n", ": ", "- ", "  ", "\u00a0", "\ufeff", "\u2028", "\x85", "\x00", "\x1b", "é"]


@FUZZ
@given(st.sampled_from(sorted(REAL)), st.data())
def test_damaged_real_text_gives_problems_never_a_crash(checker, path, data):
    real = REAL[path]
    text = path.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        lines = text.split("\n")
        row = data.draw(st.integers(0, len(lines) - 1))
        edit = data.draw(st.sampled_from(TEXT_EDITS))
        if edit == "cut":
            start = data.draw(st.integers(0, len(text)))
            text = text[:start] + text[start + data.draw(st.integers(1, 40)) :]
            continue
        if edit == "insert":
            start = data.draw(st.integers(0, len(text)))
            text = text[:start] + data.draw(st.sampled_from(SPECIALS)) + text[start:]
            continue
        if edit == "indent":
            lines[row] = data.draw(st.sampled_from([" ", "  ", "\t"])) + lines[row]
        elif edit == "dedent":
            lines[row] = lines[row].lstrip()
        elif edit == "double":
            lines.insert(row, lines[row])
        elif edit == "swap" and row + 1 < len(lines):
            lines[row], lines[row + 1] = lines[row + 1], lines[row]
        text = "\n".join(lines)
    parsed = parse_or_refuse(text, real.relpath)
    if parsed is not None:
        check_all(Entry(real.collection, real.id, real.path, real.relpath, *parsed), checker)


# Random documents: any YAML shape, checked as an entry of any collection.
KEY = st.sampled_from(FIELDS) | st.text(alphabet="abc_-: '\"#&*!|>", min_size=1, max_size=8)
VALUE = st.sampled_from(
    [str(s) for s in SURPRISES if not isinstance(s, (list, dict))] + ["[a, b]", "{a: 1}", "|", ">-", "'x'", '"x\\ty"', "&a x", "*a", "!!str 1", "- x"]
)


@st.composite
def yaml_documents(draw) -> str:
    """Lines of 'key: value', list items and nested blocks at random indents."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4, 1, 3]))
        kind = draw(st.sampled_from(["pair", "pair", "item", "block", "comment", "raw"]))
        if kind == "pair":
            lines.append(f"{indent}{draw(KEY)}: {draw(VALUE)}")
        elif kind == "item":
            lines.append(f"{indent}- {draw(VALUE)}")
        elif kind == "block":
            lines.append(f"{indent}{draw(KEY)}:")
        elif kind == "comment":
            lines.append(f"{indent}# {draw(VALUE)}")
        else:
            lines.append(draw(st.text(max_size=20)))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n---\n", "\n...\n"]))


@FUZZ
@given(st.sampled_from(sorted(COLLECTIONS)), yaml_documents() | json_like.map(lambda tree: yaml.dump(tree, Dumper=_NoAliasDumper, allow_unicode=True)))
def test_random_documents_give_problems_never_a_crash(checker, collection, text):
    parsed = parse_or_refuse(text, f"data/{collection}/fuzz.yml")
    if parsed is not None:
        entry = Entry(collection, "fuzz", None, f"data/{collection}/fuzz.yml", *parsed)
        result = validate_entries([entry], checker.validators, TODAY)
        assert all(isinstance(problem, Problem) and "\n" not in problem.text() for problem in result.problems)


@pytest.mark.parametrize("collection, path", FILES[:: max(1, len(FILES) // 12)], ids=lambda value: getattr(value, "name", value))
def test_real_entries_survive_a_round_trip(validators, collection, path):
    """The fuzzers' starting point is sound: a real entry re-dumped is read back unchanged and valid."""
    real = REAL[path]
    values, _, _ = parse_yaml(yaml.dump(real.values, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False), real.relpath)
    assert values == real.values


# Every value of every collection's test entry, in turn, replaced by a value of each other type.
WRONG_TYPES = [None, True, 7, -1.5, "text", [], ["text"], {}, {"field": "text"}, [[]], [{}]]


def _typed_variants():
    for (collection, entry_id), build in MINIMAL.items():
        values = build()
        for location in list(_locations(values))[1:]:
            yield pytest.param(collection, entry_id, location, id=f"{collection}:{'.'.join(map(str, location))}")


@pytest.mark.parametrize("collection, entry_id, location", list(_typed_variants()))
def test_wrong_type_at_every_level_is_a_problem(checker, collection, entry_id, location):
    others = [
        Entry(c, i, None, f"data/{c}/{i}.yml", *parse_yaml(yaml.safe_dump(build()), f"data/{c}/{i}.yml"))
        for (c, i), build in MINIMAL.items()
        if c != collection
    ]
    for wrong in WRONG_TYPES:
        values = MINIMAL[(collection, entry_id)]()
        values = copy.deepcopy(values)
        parent = _at(values, location[:-1])
        original, parent[location[-1]] = parent[location[-1]], copy.deepcopy(wrong)
        relpath = f"data/{collection}/{entry_id}.yml"
        entry = Entry(collection, entry_id, None, relpath, *parse_yaml(yaml.dump(values, Dumper=_NoAliasDumper), relpath))
        result = validate_entries(others + [entry], checker.validators, TODAY)
        assert_wrong_type_is_a_problem(result, relpath, location, original, wrong)
        if not result.errors:
            build_site(result.entries)


def _richest_entries():
    """The real entry of each collection with the most values: the widest set of fields to damage."""
    for collection in sorted(COLLECTIONS):
        group = [entry for entry in REAL.values() if entry.collection == collection]
        yield max(group, key=lambda entry: (len(list(_locations(entry.values))), entry.id))


@pytest.mark.parametrize("real", list(_richest_entries()), ids=lambda entry: entry.relpath)
def test_wrong_type_anywhere_in_a_real_entry_is_a_problem(checker, real):
    for location in list(_locations(real.values))[1:]:
        for wrong in (None, 7, "text", ["text"], {"field": "text"}):
            values = copy.deepcopy(real.values)
            parent = _at(values, location[:-1])
            original, parent[location[-1]] = parent[location[-1]], copy.deepcopy(wrong)
            # The real positions serve: a problem inside the new value is placed at the value it replaced.
            entry = Entry(real.collection, real.id, None, real.relpath, values, real.marks, real.key_marks)
            result = validate_entries([entry], checker.validators, TODAY)
            assert_wrong_type_is_a_problem(result, real.relpath, location, original, wrong)
