"""The directory's shape, as the schemas declare it: collections, references, labels and facets.

The JSON Schemas in data/schemas/ say what a value may be; beside that, a few `x-` keywords
say what the rest of the code needs to know about it, so no module writes it again:

- `x-collections` (common.schema.json): every collection in order, with its data folder,
  its schema (the singular: "program") and its URL folder.
- `x-references` on a field holding the id (or the list of ids) of an entry of another
  collection: the collection's folder, or {"collection": ..., "or": [values also allowed]}.
- `x-labels` beside every `enum`: the words a reader sees for each value.
- `x-facet` on a program field the programs list and search filter by: its name (the
  URL's word), title, order, the labels of values it derives (cost: free, paid ...) and the
  values that get no filter page of their own (`hidden`).
- `x-form` on a program field the add-program issue form asks about (issue_form.py).

load_shape() reads them once per schema folder; a build uses use_shape() so the labels,
facets and references of the site's own schemas (a fork's, a test's copy) are the ones read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .problems import DirectoryError
from .schema import inline_refs, load_schemas

SHIPPED_SCHEMAS = Path(__file__).resolve().parents[3] / "data" / "schemas"
EACH = "*"  # in a field path: every item of a list
# The keywords above: the build reads them; the schemas published under /schemas/ leave them out.
BUILD_KEYWORDS = frozenset({"x-collections", "x-references", "x-labels", "x-facet", "x-form"})


@dataclass(frozen=True)
class Collection:
    """One kind of entry: its data folder (programs), its schema (program) and its URL folder."""

    folder: str
    singular: str
    url_folder: str


@dataclass(frozen=True)
class Reference:
    """A field whose value names entries of another collection: where it is, and which collection."""

    collection: str  # the folder of the entries holding the field
    path: tuple[str, ...]  # keys from the entry down to the id, EACH for every item of a list
    target: str  # the folder of the entries it names
    also: tuple[str, ...] = ()  # values allowed beside the ids ('national' for a pay area)

    @property
    def field(self) -> str:
        """Return the field's top-level name (provider, regions, members ...)."""
        return self.path[0]


@dataclass(frozen=True)
class Facet:
    """One filter of the programs list: the field it reads, its title, and its own labels."""

    name: str
    title: str
    order: int
    path: tuple[str, ...]
    labels: dict
    hidden: tuple[str, ...]


@dataclass(frozen=True)
class Shape:
    """What the schemas declare, read once."""

    collections: tuple[Collection, ...]
    references: tuple[Reference, ...]
    labels: dict
    facets: tuple[Facet, ...]
    fields: dict  # collection folder -> the names of its entries' top-level fields

    def collection(self, folder: str) -> Collection:
        """Return the collection kept in data/<folder>/."""
        return next(c for c in self.collections if c.folder == folder)

    def references_of(self, folder: str) -> tuple[Reference, ...]:
        """Return the reference fields of one collection's entries, in the schema's order."""
        return tuple(r for r in self.references if r.collection == folder)

    def facet(self, name: str) -> Facet:
        return next(f for f in self.facets if f.name == name)


def _walk(node, path: tuple, found: dict) -> None:
    """Collect the x- keywords of an inlined schema with the field path each sits at."""
    if isinstance(node, list):
        for child in node:
            _walk(child, path, found)
        return
    if not isinstance(node, dict):
        return
    listed = path + (EACH,) if "items" in node else path
    if "x-references" in node:
        found["references"].append((listed, node["x-references"]))
    if "x-labels" in node:
        found["labels"].append((path, node.get("enum"), node["x-labels"]))
    if "x-facet" in node:
        found["facets"].append((path, node["x-facet"]))
    for key, child in (node.get("properties") or {}).items():
        _walk(child, path + (key,), found)
    if isinstance(node.get("items"), dict):
        _walk(node["items"], path + (EACH,), found)
    for key in ("allOf", "anyOf", "oneOf"):
        _walk(node.get(key) or [], path, found)


def _add_labels(labels: dict, more: dict, where: str) -> None:
    # Templates label a value without its field (label filter), so a value reads the same everywhere.
    for value, text in more.items():
        if labels.setdefault(value, text) != text:
            raise DirectoryError(f"{where}: x-labels gives '{value}' the label {text!r}, another field gives it {labels[value]!r}; give it one label")


def load_shape(schema_dir: Path = SHIPPED_SCHEMAS) -> Shape:
    """Read the collections, references, labels and facets the schemas in schema_dir declare (once per version of their text)."""
    schema_dir = Path(schema_dir)
    version = tuple((path.name, path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(schema_dir.glob("*.schema.json")))
    return _read_shape(schema_dir, version)


@functools.lru_cache(maxsize=8)
def _read_shape(schema_dir: Path, version: tuple) -> Shape:
    schemas = load_schemas(schema_dir)
    documents = {f"{name}.schema.json": schema for name, schema in schemas.items()}
    declared = (schemas.get("common") or {}).get("x-collections")
    if not declared:
        raise DirectoryError(f"{schema_dir}/common.schema.json: has no x-collections list; it names every collection's folder, schema and URL folder")
    collections = tuple(Collection(c["folder"], c["schema"], c["url"]) for c in declared)
    references, labels, facets, fields = [], {}, [], {}
    for collection in collections:
        where = f"{schema_dir}/{collection.singular}.schema.json"
        schema = schemas[collection.singular]
        fields[collection.folder] = tuple(sorted(schema.get("properties", {})))
        found: dict[str, list] = {"references": [], "labels": [], "facets": []}
        _walk(inline_refs({k: v for k, v in schema.items() if k != "$defs"}, schema, documents), (), found)
        for path, target in found["references"]:
            spec = target if isinstance(target, dict) else {"collection": target}
            references.append(Reference(collection.folder, path, spec["collection"], tuple(spec.get("or", ()))))
        for path, enum, more in found["labels"]:
            if enum is not None and set(map(str, enum)) != set(more):
                raise DirectoryError(f"{where}: the x-labels of {'.'.join(path)} must label exactly its enum values")
            _add_labels(labels, more, where)
        for path, spec in found["facets"]:
            _add_labels(labels, spec.get("x-labels") or {}, where)
            facets.append(Facet(spec["name"], spec["title"], spec["order"], path, dict(spec.get("x-labels") or {}), tuple(spec.get("hidden", ()))))
    return Shape(collections, tuple(dict.fromkeys(references)), labels, tuple(sorted(facets, key=lambda f: f.order)), fields)


_current: list[Shape] = []


def use_shape(schema_dir: Path) -> Shape:
    """Make the schemas in schema_dir the shape this build reads (labels, facets); return it."""
    _current[:] = [load_shape(Path(schema_dir))]
    return _current[0]


def current_shape() -> Shape:
    """Return the shape of this build: the one use_shape() chose, else the shipped schemas'."""
    return _current[0] if _current else load_shape()
