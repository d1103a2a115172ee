"""Say in a partner's words what a JSON Schema error means, with a hint to fix it.

describe() looks up the error's keyword in _DESCRIBERS; each describer returns the problems
for one kind of error, placed at the line of the value it is about.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable

import jsonschema

from .formats import TextProblem, visible
from .loader import Entry
from .problems import MAX_PROBLEMS_PER_FILE, Problem, field_name, quoted, shortened

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list (lines starting with '- ')",
    "object": "a group of 'field: value' lines",
    "null": "empty",
}
_YES_NO = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "YES", "NO", "On", "Off"}
_BOUND_WORDS = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _suggest(word, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _missing_fields(error, schema, hint, problem) -> list[Problem]:
    location = tuple(error.absolute_path)
    missing = [name for name in error.validator_value if name not in error.instance]
    return [problem(f"required field '{name}' is missing", f"add a line '{name}: ...'", location + (name,)) for name in missing]


def _unknown_fields(error, schema, hint, problem) -> list[Problem]:
    location = tuple(error.absolute_path)
    allowed = sorted(schema.get("properties", {}))
    unknown = [name for name in error.instance if name not in allowed][: MAX_PROBLEMS_PER_FILE + 1]
    return [
        problem(
            f"unknown field {quoted(name)}", _suggest(name, allowed) or "remove it; allowed fields are: " + ", ".join(allowed), location + (name,), key=True
        )
        for name in unknown
    ]


def _quote_hint(value, hint: str) -> str:
    """Say how to write as text what was read as a number or true/false."""
    if hint:
        return hint  # the field's own advice ("two digits, a hyphen and four digits") says more
    if isinstance(value, float):
        return "put the value in quotes, exactly as you wrote it, so it is read as text"
    return f'put the value in quotes: "{value if not isinstance(value, bool) else str(value).lower()}"'


def _field_of(location: tuple) -> str:
    return location[-1] if location and isinstance(location[-1], str) else ""


def _type_hint(expected: list, value, hint: str, location: tuple) -> str:
    """Say how to write the value as the type the schema expects (hint: the field's own advice)."""
    if "boolean" in expected and isinstance(value, str) and value in _YES_NO:
        return "write true or false (yes, no, on and off are read as text)"
    if "string" in expected and isinstance(value, (int, float)):  # and bool, an int in Python
        return _quote_hint(value, hint)
    if "array" in expected and isinstance(value, str):
        return _list_hint(value, _field_of(location))
    if "array" in expected and isinstance(value, dict):
        return "make it a list: start each item's first line with '- '"
    if "object" in expected and value is not None:
        return "write the field name alone on its line, then its own fields below it, indented by two spaces"
    if ("number" in expected or "integer" in expected) and isinstance(value, str):
        return _number_hint(value)
    return "fill in a value or remove the line" if value is None else hint


def _wrong_type(error, schema, hint, problem) -> list[Problem]:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
    hint = _type_hint(expected, error.instance, hint, tuple(error.absolute_path))
    return [problem(f"must be {words}, not {_shown(error.instance)}", hint)]


def _not_allowed_value(error, schema, hint, problem) -> list[Problem]:
    if error.instance is None:
        return [problem("is empty", "fill in a value or remove the line")]
    allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
    listed = ", ".join(str(a) for a in allowed)
    suggestion = _suggest(error.instance, allowed)
    return [problem(f"{_shown(error.instance)} is not one of the allowed values", f"{suggestion + ' ' if suggestion else ''}use one of: {listed}")]


def _wrong_format(error, schema, hint, problem) -> list[Problem]:
    if isinstance(error.cause, TextProblem):
        return [problem(f"{_shown(visible(error.instance))} {error.cause.message}", error.cause.hint)]
    return [problem(f"{_shown(error.instance)} is not a real {error.validator_value}", hint or "check the numbers")]


def _out_of_bounds(error, schema, hint, problem) -> list[Problem]:
    return [problem(f"must be {_BOUND_WORDS[error.validator]} {error.validator_value}, not {_shown(error.instance)}", hint)]


def _not_in_form(error, schema, hint, problem) -> list[Problem]:
    return [problem(f"{_shown(error.instance)} is not in the expected form", hint)]


def _too_short(error, schema, hint, problem) -> list[Problem]:
    return [problem(f"is too short: at least {error.validator_value} characters are needed", "write a little more")]


def _too_long(error, schema, hint, problem) -> list[Problem]:
    return [problem(f"is too long: {len(error.instance)} characters, the limit is {error.validator_value}", "shorten it")]


def _too_few_items(error, schema, hint, problem) -> list[Problem]:
    return [problem(f"needs at least {error.validator_value} item(s)", "add an item as a line starting with '- '")]


def _too_many_items(error, schema, hint, problem) -> list[Problem]:
    return [problem(f"has {len(error.instance)} items; the limit is {error.validator_value}", "remove some")]


def _repeated_items(error, schema, hint, problem) -> list[Problem]:
    return [problem("lists the same item more than once", "remove the repeated item")]


def _not_allowed_here(error, schema, hint, problem) -> list[Problem]:
    # 'not': a field another one makes redundant (document beside source)
    return [problem("is not allowed here", hint)]


def _matches_no_choice(error, schema, hint, problem) -> list[Problem]:
    return [problem(f"{_shown(error.instance)} is not allowed here", hint or schema.get("description", ""))]


def _other(error, schema, hint, problem) -> list[Problem]:
    return [problem(error.message, hint)]


_DESCRIBERS: dict[str, Callable[..., list[Problem]]] = {
    "required": _missing_fields,
    "additionalProperties": _unknown_fields,
    "type": _wrong_type,
    "enum": _not_allowed_value,
    "const": _not_allowed_value,
    "pattern": _not_in_form,
    "format": _wrong_format,
    "minLength": _too_short,
    "maxLength": _too_long,
    **dict.fromkeys(_BOUND_WORDS, _out_of_bounds),
    "minItems": _too_few_items,
    "maxItems": _too_many_items,
    "uniqueItems": _repeated_items,
    "not": _not_allowed_here,
    "anyOf": _matches_no_choice,
    "oneOf": _matches_no_choice,
}


def describe(error: jsonschema.ValidationError, entry: Entry) -> list[Problem]:
    """Return the problems a schema error means, in words a partner understands."""
    location = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}

    def problem(message, hint="", where=location, key=False):
        line, column = entry.mark(where, key=key)
        return Problem(entry.relpath, line, column, field_name(where), message, hint=hint)

    describer = _DESCRIBERS.get(error.validator, _other)
    return describer(error, schema, schema.get("x-hint", ""), problem)


def _list_hint(text: str, field: str) -> str:
    """Say how to write as a list what was written as text: 'evenings, part-time' -> '- evenings' and '- part-time'."""
    items = [item.strip() for item in text.split(",") if item.strip()] or [text]
    if len(items) == 1:
        return f"write it as a list: a new line with '- {shortened(items[0])}'"
    shown = [f"'- {shortened(item, 40)}'" for item in items[:6]]
    listed = ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(items) <= 6 else ", ".join(shown) + f" and {len(items) - 6} more"
    alone = f"'{shortened(field, 40)}:' alone on its line, then " if field else ""
    return f"write it as a list: {alone}one line per item, {listed}"


def _number_hint(text: str) -> str:
    """Say how to write as a number what was written as text: '2,000' -> 2000."""
    text = text.strip()
    if len(text) > 40:
        return ""  # no real figure is this long; and int() refuses over 4,300 digits
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", text):
        return f"write just the year, for example {text[:4]}"
    if re.fullmatch(r"[-+]?0[0-9]+", text):
        return f"write the number without the leading zero: {int(text)}"
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", text):
        return f"write the number in ordinary digits: {int(text, 16)}"
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", text):
        return "remove the quotes around the number"
    digits = re.sub(r"[$,%\s]", "", text)
    if digits != text and re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", digits):
        return f"write the number without commas or symbols: {digits}"
    return ""
