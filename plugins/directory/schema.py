"""Check entries against the collections' JSON Schemas, in words a partner understands."""

from __future__ import annotations

import difflib
import functools
import itertools
import json
import re
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from .formats import FORMATS, TextProblem, visible
from .loader import Entry
from .problems import MAX_PROBLEMS_PER_FILE, DirectoryError, Problem, field_name, quoted, shortened
from .schema_walk import inline_refs

__all__ = ["check_schema", "inline_refs", "load_schemas", "make_validators"]

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


def load_schemas(schema_dir: Path) -> dict[str, dict]:
    """Read every *.schema.json file in schema_dir, keyed by its name without suffix."""
    schemas = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        if path.is_symlink():
            raise DirectoryError(f"{path}: is a symbolic link; schema files must be real files")
        if not path.is_file():  # a pipe would block the reader forever
            raise DirectoryError(f"{path}: is not a regular file; schema files must be real files")
        try:
            schemas[path.name.removesuffix(".schema.json")] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise DirectoryError(f"{path}: cannot read the schema: {error}") from error
    return schemas


def make_validators(schemas: dict[str, dict]) -> dict[str, jsonschema.Validator]:
    """Build one reusable validator per schema, its $refs resolved once beforehand."""
    registry = Registry().with_resources((schema.get("$id", f"{name}.schema.json"), Resource.from_contents(schema)) for name, schema in schemas.items())
    documents = {schema.get("$id", f"{name}.schema.json"): schema for name, schema in schemas.items()}
    validators = {}
    for name, schema in schemas.items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
            # Resolving through the registry once proves every $ref points somewhere.
            jsonschema.Draft202012Validator(schema, registry=registry).is_valid({})
            flat = {key: value for key, value in inline_refs(schema, schema, documents).items() if key != "$defs"}
        except jsonschema.SchemaError as error:
            raise DirectoryError(f"data/schemas/{name}.schema.json is not a valid JSON Schema: {error.message}") from error
        except (KeyError, LookupError) as error:
            raise DirectoryError(f"data/schemas/{name}.schema.json has a $ref that points nowhere: {error}") from error
        validators[name] = _Validator(flat, format_checker=_format_checker())
    return validators


def _format_checker() -> jsonschema.FormatChecker:
    """JSON Schema's formats (date ...) and the project's own: name and web-address (formats.py)."""
    checker = jsonschema.FormatChecker()
    for format_name, check in FORMATS.items():
        checker.checks(format_name, raises=TextProblem)(lambda value, check=check: check(value) or True)  # raises when refused
    return checker


def _pattern_within_length(validator, pattern, instance, schema):
    """Match a pattern only against text within its maxLength."""
    # Longer text gets the maxLength problem anyway, and the web-address pattern takes
    # quadratic time on long text ("https://a.a.a.a..."): a megabyte would hang the check.
    if not validator.is_type(instance, "string") or len(instance) > schema.get("maxLength", len(instance)):
        return
    if not _ecma_pattern(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _ecma_pattern(pattern: str) -> re.Pattern:
    """Compile a schema pattern with JSON Schema's (ECMA-262) meaning of a final $: the end of the text.

    Python's $ also matches before a final newline, so "^[a-z]+$" would let "id\n" through.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _format_within_length(validator, format_name, instance, schema):
    """Check a format only on text within its maxLength, as patterns are: longer text gets the maxLength problem."""
    if validator.is_type(instance, "string") and len(instance) > schema.get("maxLength", len(instance)):
        return
    yield from jsonschema.Draft202012Validator.VALIDATORS["format"](validator, format_name, instance, schema)


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern_within_length, "format": _format_within_length})


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _suggest(word, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _describe(error: jsonschema.ValidationError, entry: Entry) -> list[Problem]:
    keyword = error.validator
    location = tuple(error.absolute_path)
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint", "")

    def problem(message, hint="", where=location, key=False):
        line, column = entry.mark(where, key=key)
        return Problem(entry.relpath, line, column, field_name(where), message, hint=hint)

    if keyword == "required":
        missing = [name for name in error.validator_value if name not in value]
        return [problem(f"required field '{name}' is missing", f"add a line '{name}: ...'", location + (name,)) for name in missing]
    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = [name for name in value if name not in allowed][: MAX_PROBLEMS_PER_FILE + 1]
        return [
            problem(
                f"unknown field {quoted(name)}", _suggest(name, allowed) or "remove it; allowed fields are: " + ", ".join(allowed), location + (name,), key=True
            )
            for name in unknown
        ]
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        if "boolean" in expected and isinstance(value, str) and value in _YES_NO:
            hint = "write true or false (yes, no, on and off are read as text)"
        elif "string" in expected and isinstance(value, (int, float)) and hint:
            pass  # the field's own advice ("two digits, a hyphen and four digits") says more
        elif "string" in expected and isinstance(value, float):
            hint = "put the value in quotes, exactly as you wrote it, so it is read as text"
        elif "string" in expected and isinstance(value, (int, float, bool)):
            hint = f'put the value in quotes: "{value if not isinstance(value, bool) else str(value).lower()}"'
        elif "array" in expected and isinstance(value, str):
            hint = _list_hint(value, location[-1] if location and isinstance(location[-1], str) else "")
        elif "array" in expected and isinstance(value, dict):
            hint = "make it a list: start each item's first line with '- '"
        elif "object" in expected and value is not None:
            hint = "write the field name alone on its line, then its own fields below it, indented by two spaces"
        elif ("number" in expected or "integer" in expected) and isinstance(value, str):
            hint = _number_hint(value)
        elif value is None:
            hint = "fill in a value or remove the line"
        return [problem(f"must be {words}, not {_shown(value)}", hint)]
    if keyword in ("enum", "const") and value is None:
        return [problem("is empty", "fill in a value or remove the line")]
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        listed = ", ".join(str(a) for a in allowed)
        suggestion = _suggest(value, allowed)
        return [problem(f"{_shown(value)} is not one of the allowed values", f"{suggestion + ' ' if suggestion else ''}use one of: {listed}")]
    if keyword == "pattern":
        return [problem(f"{_shown(value)} is not in the expected form", hint)]
    if keyword == "format" and isinstance(error.cause, TextProblem):
        return [problem(f"{_shown(visible(value))} {error.cause.message}", error.cause.hint)]
    if keyword == "format":
        return [problem(f"{_shown(value)} is not a real {error.validator_value}", hint or "check the numbers")]
    if keyword == "minLength":
        return [problem(f"is too short: at least {error.validator_value} characters are needed", "write a little more")]
    if keyword == "maxLength":
        return [problem(f"is too long: {len(value)} characters, the limit is {error.validator_value}", "shorten it")]
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}[keyword]
        return [problem(f"must be {words} {error.validator_value}, not {_shown(value)}", hint)]
    if keyword == "minItems":
        return [problem(f"needs at least {error.validator_value} item(s)", "add an item as a line starting with '- '")]
    if keyword == "maxItems":
        return [problem(f"has {len(value)} items; the limit is {error.validator_value}", "remove some")]
    if keyword == "uniqueItems":
        return [problem("lists the same item more than once", "remove the repeated item")]
    if keyword == "not":  # a field another one makes redundant (document beside source)
        return [problem("is not allowed here", hint)]
    if keyword in ("anyOf", "oneOf"):
        return [problem(f"{_shown(value)} is not allowed here", hint or schema.get("description", ""))]
    return [problem(error.message, hint)]


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


def check_schema(entry: Entry, validator: jsonschema.Validator) -> list[Problem]:
    """Return a problem for each place where the entry breaks its collection's schema."""
    # Enough errors to show that the file is broken; the rest would only flood the output.
    errors = list(itertools.islice(validator.iter_errors(entry.values), MAX_PROBLEMS_PER_FILE + 1))
    # "Not in the expected form" says more than "not a real date" about '2026-01-15 10:30'.
    misshapen = {tuple(error.absolute_path) for error in errors if error.validator == "pattern"}
    problems: dict[Problem, None] = {}  # ordered and unique: every 'required' error names each missing field
    for error in errors:
        if error.validator == "format" and tuple(error.absolute_path) in misshapen:
            continue
        problems.update(dict.fromkeys(_describe(error, entry)))
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            break
    return list(problems)[: MAX_PROBLEMS_PER_FILE + 1]
