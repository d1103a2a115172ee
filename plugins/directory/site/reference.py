"""Turn the collections' JSON Schemas into a data dictionary: collections, fields, types, values, examples.

The reference page (/contribute/reference/) and scripts/new.py read it, so the field
documentation is written once, in the schemas' descriptions. Plain functions; no Pelican.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..data.dataset import COLLECTIONS, SCHEMA_FOLDER
from ..data.loader import parse_yaml
from ..data.problems import DirectoryError, LoadError
from ..data.schema import load_schemas
from ..data.schema_walk import Node, walk_fields

EXAMPLES_FOLDER = "examples"
EXAMPLE_LIMIT = 160  # characters of an example value shown beside its field

# Shared definitions that mean more to a reader than their JSON type: (one, several).
_DEFINITION_WORDS = {
    "id": ("id (lowercase-words-with-hyphens)", "ids (lowercase-words-with-hyphens)"),
    "url": ("web address", "web addresses"),
    "date": ("date (YYYY-MM-DD)", "dates (YYYY-MM-DD)"),
    "partial_date": ("year, month or day (YYYY, YYYY-MM or YYYY-MM-DD)", "years, months or days"),
    "markdown": ("text, Markdown allowed", "texts, Markdown allowed"),
    "soc_code": ("SOC code (NN-NNNN)", "SOC codes (NN-NNNN)"),
    "language": ("language code", "language codes"),
    "year": ("year", "years"),
}
_TYPE_WORDS = {
    "string": ("text", "lines of text"),
    "number": ("number", "numbers"),
    "integer": ("whole number", "whole numbers"),
    "boolean": ("true or false", "true or false values"),
    "object": ("group of fields", "groups of fields"),
}


@dataclass
class Field:
    """One field of a collection, wherever it sits (`cost.amount` is inside `cost`)."""

    path: str
    name: str
    parent: str
    depth: int
    in_list: bool
    description: str
    kind: str
    required: bool
    values: list = field(default_factory=list)
    example: str = ""
    hint: str = ""
    limits: list[str] = field(default_factory=list)
    description_html: str = ""

    @property
    def anchor(self) -> str:
        """Return the fragment id of the field on the reference page, e.g. cost-amount."""
        return re.sub(r"[^a-z0-9]+", "-", self.path.lower()).strip("-")


@dataclass
class Collection:
    """One collection: its folder in data/, its schema, and every field it has."""

    folder: str
    schema: str
    title: str
    description: str
    fields: list[Field]
    example_path: str = ""
    example_text: str = ""
    description_html: str = ""

    @property
    def required(self) -> list[Field]:
        """Return the fields every entry must have."""
        return [f for f in self.fields if f.required and not f.parent]


def _words(node: Node, many: bool = False) -> str:
    """Say what kind of value a schema takes, in plain words."""
    for name in node.names:
        if name in _DEFINITION_WORDS:
            return _DEFINITION_WORDS[name][many]
    schema = node.schema
    if "enum" in schema or "const" in schema:
        return "allowed values" if many else "one allowed value"
    if "anyOf" in schema:
        return " or ".join(dict.fromkeys(_words(branch, many) for branch in node.branches))
    kind = schema.get("type")
    if kind == "array":
        return ("lists" if many else "list") + " of " + _words(node.items, True)
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind][many]
    return "values" if many else "value"


def _values(node: Node) -> list:
    """Return the allowed values of a field, of its list items, or of an anyOf branch."""
    schema = node.schema
    if "enum" in schema:
        return list(schema["enum"])
    if "const" in schema:
        return [schema["const"]]
    if schema.get("type") == "array":
        return _values(node.items)
    for branch in node.branches:
        found = _values(branch)
        if found:
            return found
    return []


def _number(value) -> str:
    return f"{value:,}" if isinstance(value, int) and abs(value) >= 10000 else str(value)


def _limits(schema: dict) -> list[str]:
    """Say the size limits of a field: characters, numbers, items."""
    limits = []
    if schema.get("minLength", 0) > 1:
        limits.append(f"at least {schema['minLength']} characters")
    if "maxLength" in schema:
        limits.append(f"at most {_number(schema['maxLength'])} characters")
    low, high = schema.get("minimum"), schema.get("maximum")
    if "exclusiveMinimum" in schema:
        limits.append(f"more than {_number(schema['exclusiveMinimum'])}")
    if low is not None and high is not None:
        limits.append(f"from {_number(low)} to {_number(high)}")
    elif low is not None:
        limits.append(f"{_number(low)} or more")
    elif high is not None:
        limits.append(f"at most {_number(high)}")
    if schema.get("minItems", 0) > 0:
        limits.append(f"at least {schema['minItems']} item{'s' * (schema['minItems'] != 1)}")
    if "maxItems" in schema:
        limits.append(f"at most {schema['maxItems']} items")
    return limits


def _example_value(values, path: list[str]):
    """Find the value at a dotted path in an example entry, taking the first item of each list on the way."""
    for part in path:
        while isinstance(values, list) and values:
            values = values[0]
        if not isinstance(values, dict) or part not in values:
            return None
        values = values[part]
    return values


def show_example(value) -> str:
    """Write an example value the way it reads in a data file, shortened when long; '' for groups."""
    if value is None or isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = ", ".join(show_example(v) for v in value)
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= EXAMPLE_LIMIT else text[: EXAMPLE_LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"


def _describe_fields(schema: Node, example) -> list[Field]:
    """Return a Field for every field of a collection, each before the fields inside it."""
    fields = []
    for found in walk_fields(schema):
        path, resolved = found.dotted, found.node.schema
        examples = resolved.get("examples") or []
        example_text = show_example(examples[0]) if examples else show_example(_example_value(example, path.split(".")))
        fields.append(
            Field(
                path=path,
                name=found.name,
                parent=path.rpartition(".")[0],
                depth=len(found.path) - 1,
                in_list=found.in_list,
                description=resolved.get("description", ""),
                kind=_words(found.node),
                required=found.required,
                values=_values(found.node),
                example=example_text,
                hint=resolved.get("x-hint", ""),
                limits=_limits(resolved),
            )
        )
    return fields


def describe_collections(schemas: dict[str, dict], examples: dict[str, dict] | None = None) -> list[Collection]:
    """Return the data dictionary: one Collection per data/ folder, its fields in schema order.

    `schemas` maps a schema name ("program") to its document, as load_schemas returns them;
    `examples` optionally maps a schema name to an example entry's values, shown beside each field.
    """
    documents = {schema.get("$id", f"{name}.schema.json"): schema for name, schema in schemas.items()}
    collections = []
    for folder, name in COLLECTIONS.items():
        if name not in schemas:
            continue
        schema = schemas[name]
        fields = _describe_fields(Node(schema, schema, documents), (examples or {}).get(name))
        collections.append(Collection(folder, name, schema.get("title", name.capitalize()), schema.get("description", ""), fields))
    return collections


def load_examples(examples_dir: Path) -> dict[str, tuple[str, dict]]:
    """Read examples/<schema>.yml files: {schema name: (text, values)}; a missing folder gives {}."""
    found = {}
    if not examples_dir.is_dir():
        return found
    for name in COLLECTIONS.values():
        path = examples_dir / f"{name}.yml"
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            try:
                values, _, _ = parse_yaml(text, f"{EXAMPLES_FOLDER}/{path.name}")
            except LoadError as error:
                raise DirectoryError(f"the example file is broken: {error}") from error
            found[name] = (text, values)
    return found


def examples_folder(schema_dir: Path) -> Path:
    """Return where the commented example files sit: examples/ beside the data folder."""
    return schema_dir.parent.parent / EXAMPLES_FOLDER


def reference_context(schema_dir: Path, render: Callable[[str], str] | None = None, examples_dir: Path | None = None) -> dict:
    """Return what the reference page shows: every collection with its fields, descriptions rendered by `render`."""
    schemas = load_schemas(schema_dir)
    examples = load_examples(examples_dir or examples_folder(schema_dir.resolve()))
    collections = describe_collections(schemas, {name: values for name, (_, values) in examples.items()})
    for collection in collections:
        if collection.schema in examples:
            collection.example_path = f"{EXAMPLES_FOLDER}/{collection.schema}.yml"
            collection.example_text = examples[collection.schema][0]
        if render is not None:
            collection.description_html = render(collection.description)
            for item in collection.fields:
                item.description_html = render(item.description)
    return {
        "collections": collections,
        "schema_folder": f"data/{SCHEMA_FOLDER}/",
        "page_title": "Data dictionary",
        "page_description": "Every field of every data file, what it means, what values it takes, and which ones are required.",
    }
