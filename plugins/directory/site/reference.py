"""Turn the collections' JSON Schemas into a data dictionary: collections, fields, types, values, examples.

The reference page (/contribute/reference/) and scripts/new.py read it, so the field
documentation is written once, in the schemas' descriptions. In Spanish (language="es") it
reads each `x-description-es` and `x-title-es` instead, and the values' Spanish labels; a text
with no Spanish yet stays English, its `*_lang` saying so (for a lang="en" on it). Plain
functions; no Pelican.
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
from ..data.shape import load_shape
from .reference_words import DEFINITION_WORDS, LANGUAGES, TYPE_WORDS, WORDS

EXAMPLES_FOLDER = "examples"
EXAMPLE_LIMIT = 160  # characters of an example value shown beside its field


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
    description_lang: str = "en"  # the language the description is written in
    hint_lang: str = "en"
    value_labels: dict = field(default_factory=dict)  # each allowed value's label, in the page's language

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
    title_lang: str = "en"
    description_lang: str = "en"

    @property
    def required(self) -> list[Field]:
        """Return the fields every entry must have."""
        return [f for f in self.fields if f.required and not f.parent]


def _words(node: Node, many: bool = False, language: str = "en") -> str:
    """Say what kind of value a schema takes, in plain words."""
    for name in node.names:
        if name in DEFINITION_WORDS[language]:
            return DEFINITION_WORDS[language][name][many]
    schema, words = node.schema, WORDS[language]
    if "enum" in schema or "const" in schema:
        return words["allowed"][many]
    if "anyOf" in schema:
        return words["or"].join(dict.fromkeys(_words(branch, many, language) for branch in node.branches))
    kind = schema.get("type")
    if kind == "array":
        return words["list of"][many].format(_words(node.items, True, language))
    if kind in TYPE_WORDS[language]:
        return TYPE_WORDS[language][kind][many]
    return words["value"][many]


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


def _limits(schema: dict, language: str = "en") -> list[str]:
    """Say the size limits of a field: characters, numbers, items."""
    limits, words = [], WORDS[language]
    if schema.get("minLength", 0) > 1:
        limits.append(words["min_length"].format(schema["minLength"]))
    if "maxLength" in schema:
        limits.append(words["max_length"].format(_number(schema["maxLength"])))
    low, high = schema.get("minimum"), schema.get("maximum")
    if "exclusiveMinimum" in schema:
        limits.append(words["more_than"].format(_number(schema["exclusiveMinimum"])))
    if low is not None and high is not None:
        limits.append(words["from_to"].format(_number(low), _number(high)))
    elif low is not None:
        limits.append(words["or_more"].format(_number(low)))
    elif high is not None:
        limits.append(words["at_most"].format(_number(high)))
    if schema.get("minItems", 0) > 0:
        limits.append(words["min_items"][schema["minItems"] != 1].format(schema["minItems"]))
    if "maxItems" in schema:
        limits.append(words["max_items"].format(schema["maxItems"]))
    return limits


def in_language(schema: dict, key: str, language: str) -> tuple[str, str]:
    """Return a schema's text for key in language (x-description-es beside description ...) and the language it is in.

    A text with no translation yet is the English one, and says so.
    """
    if language != "en":
        translated = schema.get(f"x-{key}-{language}")
        if translated:
            return translated, language
    return schema.get(key, ""), "en"


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


def _describe_fields(schema: Node, example, language: str = "en", labels: dict | None = None) -> list[Field]:
    """Return a Field for every field of a collection, each before the fields inside it."""
    fields = []
    for found in walk_fields(schema):
        path, resolved = found.dotted, found.node.schema
        examples = resolved.get("examples") or []
        example_text = show_example(examples[0]) if examples else show_example(_example_value(example, path.split(".")))
        description, description_lang = in_language(resolved, "description", language)
        values = _values(found.node)
        fields.append(
            Field(
                path=path,
                name=found.name,
                parent=path.rpartition(".")[0],
                depth=len(found.path) - 1,
                in_list=found.in_list,
                description=description,
                kind=_words(found.node, language=language),
                required=found.required,
                values=values,
                example=example_text,
                hint=resolved.get("x-hint", ""),
                limits=_limits(resolved, language),
                description_lang=description_lang,
                value_labels={value: (labels or {})[str(value)] for value in values if str(value) in (labels or {})},
            )
        )
    return fields


def describe_collections(
    schemas: dict[str, dict], examples: dict[str, dict] | None = None, language: str = "en", labels: dict | None = None
) -> list[Collection]:
    """Return the data dictionary: one Collection per data/ folder, its fields in schema order.

    `schemas` maps a schema name ("program") to its document, as load_schemas returns them;
    `examples` optionally maps a schema name to an example entry's values, shown beside each field;
    `language` is the one its words are in ("en", "es"), `labels` the values' labels in it.
    """
    documents = {schema.get("$id", f"{name}.schema.json"): schema for name, schema in schemas.items()}
    collections = []
    for folder, name in COLLECTIONS.items():
        if name not in schemas:
            continue
        schema = schemas[name]
        fields = _describe_fields(Node(schema, schema, documents), (examples or {}).get(name), language, labels)
        title, title_lang = in_language(schema, "title", language)
        description, description_lang = in_language(schema, "description", language)
        collection = Collection(folder, name, title or name.capitalize(), description, fields)
        collection.title_lang, collection.description_lang = title_lang, description_lang
        collections.append(collection)
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


def reference_context(schema_dir: Path, render: Callable[[str], str] | None = None, examples_dir: Path | None = None, language: str = "en") -> dict:
    """Return what the reference page shows in language: every collection with its fields, descriptions rendered by `render`."""
    if language not in LANGUAGES:
        raise DirectoryError(f"the data dictionary is written in {', '.join(LANGUAGES)}, not {language!r}")
    schemas = load_schemas(schema_dir)
    examples = load_examples(examples_dir or examples_folder(schema_dir.resolve()))
    shape = load_shape(schema_dir)
    labels = shape.labels_es if language == "es" else shape.labels
    collections = describe_collections(schemas, {name: values for name, (_, values) in examples.items()}, language, labels)
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
        "page_title": WORDS[language]["page_title"],
        "page_description": WORDS[language]["page_description"],
        "language": language,
    }
