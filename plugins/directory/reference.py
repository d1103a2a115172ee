"""Turn the collections' JSON Schemas into a data dictionary: collections, fields, types, values, examples.

The reference page (/contribute/reference/) and scripts/new.py read it, so the field
documentation is written once, in the schemas' descriptions. Plain functions; no Pelican.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .dataset import COLLECTIONS, SCHEMA_FOLDER
from .loader import parse_yaml
from .problems import DirectoryError, LoadError
from .schema import load_schemas

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


def resolve(node, document: dict, documents: dict[str, dict], depth: int = 0) -> tuple[dict, dict, list[str]]:
    """Follow node's $ref: return (schema, the document it lives in, names of the definitions passed).

    Keywords written beside a $ref win over the definition's ("required" lists are joined),
    so a field's own description replaces the shared one.
    """
    if not isinstance(node, dict) or "$ref" not in node:
        return (node if isinstance(node, dict) else {}), document, []
    if depth > 50:
        raise DirectoryError("data/schemas: a $ref refers back to itself; references must not loop")
    target_file, _, pointer = node["$ref"].partition("#")
    target_document = documents[target_file] if target_file else document
    target = target_document
    for part in filter(None, pointer.split("/")):
        target = target[part]
    resolved, inner_document, names = resolve(target, target_document, documents, depth + 1)
    merged = dict(resolved)
    for key, value in node.items():
        if key == "$ref":
            continue
        merged[key] = sorted(set(merged.get(key, [])) | set(value)) if key == "required" else value
    return merged, inner_document, [pointer.rsplit("/", 1)[-1], *names]


def _words(schema: dict, names: list[str], document: dict, documents: dict, many: bool = False) -> str:
    """Say what kind of value a schema takes, in plain words."""
    for name in names:
        if name in _DEFINITION_WORDS:
            return _DEFINITION_WORDS[name][many]
    if "enum" in schema or "const" in schema:
        return "allowed values" if many else "one allowed value"
    if "anyOf" in schema:
        parts = []
        for branch in schema["anyOf"]:
            branch, branch_document, branch_names = resolve(branch, document, documents)
            parts.append(_words(branch, branch_names, branch_document, documents, many))
        return " or ".join(dict.fromkeys(parts))
    kind = schema.get("type")
    if kind == "array":
        items, items_document, item_names = resolve(schema.get("items", {}), document, documents)
        return ("lists" if many else "list") + " of " + _words(items, item_names, items_document, documents, True)
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind][many]
    return "values" if many else "value"


def _values(schema: dict, document: dict, documents: dict) -> list:
    """Return the allowed values of a field, of its list items, or of an anyOf branch."""
    if "enum" in schema:
        return list(schema["enum"])
    if "const" in schema:
        return [schema["const"]]
    if schema.get("type") == "array":
        items, items_document, _ = resolve(schema.get("items", {}), document, documents)
        return _values(items, items_document, documents)
    for branch in schema.get("anyOf", []):
        branch, branch_document, _ = resolve(branch, document, documents)
        found = _values(branch, branch_document, documents)
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


def _describe_fields(schema: dict, document: dict, documents: dict, example, parent: str, depth: int, in_list: bool, fields: list[Field]) -> None:
    required = set(schema.get("required", []))
    for name, node in schema.get("properties", {}).items():
        resolved, resolved_document, names = resolve(node, document, documents)
        path = f"{parent}.{name}" if parent else name
        examples = resolved.get("examples") or []
        example_text = show_example(examples[0]) if examples else show_example(_example_value(example, path.split(".")))
        fields.append(
            Field(
                path=path,
                name=name,
                parent=parent,
                depth=depth,
                in_list=in_list,
                description=resolved.get("description", ""),
                kind=_words(resolved, names, resolved_document, documents),
                required=name in required,
                values=_values(resolved, resolved_document, documents),
                example=example_text,
                hint=resolved.get("x-hint", ""),
                limits=_limits(resolved),
            )
        )
        inner, inner_document, is_list = resolved, resolved_document, False
        if inner.get("type") == "array" and isinstance(inner.get("items"), dict):
            inner, inner_document, _ = resolve(inner["items"], inner_document, documents)
            is_list = True
        if "properties" in inner:
            _describe_fields(inner, inner_document, documents, example, path, depth + 1, is_list, fields)


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
        fields: list[Field] = []
        _describe_fields(schema, schema, documents, (examples or {}).get(name), "", 0, False, fields)
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
