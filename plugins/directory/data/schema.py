"""Check entries against the collections' JSON Schemas, in words a partner understands."""

from __future__ import annotations

import functools
import itertools
import json
import re
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from .formats import FORMATS, TextProblem
from .loader import Entry
from .problems import MAX_PROBLEMS_PER_FILE, DirectoryError, Problem
from .schema_messages import describe
from .schema_walk import inline_refs

__all__ = ["check_schema", "inline_refs", "load_schemas", "make_validators"]


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
        problems.update(dict.fromkeys(describe(error, entry)))
        if len(problems) > MAX_PROBLEMS_PER_FILE:
            break
    return list(problems)[: MAX_PROBLEMS_PER_FILE + 1]
