"""The loader: values keep their line and column; anything odd becomes a LoadError, never a crash."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.data.checks import validate_entries
from directory.data.loader import Entry, parse_yaml
from directory.data.problems import LoadError
from support.builders import make_program


def test_values_keep_their_positions():
    values, marks, key_marks = parse_yaml("name: Web\nsteps:\n  - id: a\n    leads_to: [b, c]\n", "t.yml")
    assert values == {"name": "Web", "steps": [{"id": "a", "leads_to": ["b", "c"]}]}
    assert marks[("name",)] == (1, 7)
    assert marks[("steps", 0, "leads_to", 1)] == (4, 19)
    assert key_marks[("steps", 0, "leads_to")] == (4, 5)


def test_scalars_are_read_the_yaml_1_2_way():
    values, _, _ = parse_yaml("a: no\nb: on\nc: 012\nd: 1e3\ne: 2020-01-01\nf: true\ng: ~\nh: 1.5\ni: 0x1F\nj: '7'\nk: E0\nl: 1.\n", "t.yml")
    assert values == {
        "a": "no",
        "b": "on",
        "c": "012",
        "d": 1000.0,
        "e": "2020-01-01",
        "f": True,
        "g": None,
        "h": 1.5,
        "i": "0x1F",
        "j": "7",
        "k": "E0",
        "l": 1.0,
    }


yaml_text = st.text(alphabet=st.sampled_from(list("ab: -[]{}'\"&*!|>#\n\t,?%@`~0123456789.eE\\<") + ["\u202e", "\x85", "é"]), max_size=120)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_text)
def test_any_text_gives_values_or_a_load_error(text):
    try:
        values, marks, _ = parse_yaml(text, "fuzz.yml")
    except LoadError as error:
        assert error.problem.path == "fuzz.yml"
        assert error.problem.line >= 1 and error.problem.column >= 1
    else:
        assert isinstance(values, dict)
        assert () in marks


json_like = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**6) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
program_fields = sorted(make_program())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(program_fields + ["extra"]), json_like, max_size=6))
def test_mutated_entries_give_problems_never_a_crash(validators, changes):
    values = make_program() | changes
    text = yaml.safe_dump(values, sort_keys=False, allow_unicode=True)
    try:
        parsed, marks, key_marks = parse_yaml(text, "programs/p.yml")
    except LoadError:
        return
    entry = Entry("programs", "p", None, "programs/p.yml", parsed, marks, key_marks)
    result = validate_entries([entry], validators, dt.date(2026, 5, 17))
    for problem in result.problems:
        assert problem.path == "programs/p.yml"
        assert problem.line >= 1
