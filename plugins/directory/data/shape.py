"""The directory's shape, as the schemas declare it: collections, references, labels and facets.

The JSON Schemas in data/schemas/ say what a value may be; beside that, a few `x-` keywords
say what the rest of the code needs to know about it, so no module writes it again:

- `x-collections` (common.schema.json): every collection in order, with its data folder,
  its schema (the singular: "program") and its URL folder.
- `x-references` on a field holding the id (or the list of ids) of an entry of another
  collection: the collection's folder, or {"collection": ..., "or": [values also allowed]}.
- `x-labels` beside every `enum`: the words a reader sees for each value; `x-labels-es`
  beside it, the same values' words on the Spanish pages.
- `x-facet` on a program field the programs list and search filter by: its name (the
  URL's word), title (and `title-es`), order, the labels of values it derives (cost: free,
  paid ...; `x-labels-es` beside them) and the values that get no filter page of their own (`hidden`).
- `x-description-es` beside every `description` and `x-title-es` beside a schema's `title`:
  the Spanish of the contributor documentation (reference.py).
- `x-form` on a program field the add-program issue form asks about (issue_form.py).

load_shape() reads them once per schema folder; a build uses use_shape() so the labels,
facets and references of the site's own schemas (a fork's, a test's copy) are the ones read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .problems import DirectoryError
from .schema import inline_refs, load_schemas

SHIPPED_SCHEMAS = Path(__file__).resolve().parents[3] / "data" / "schemas"
EACH = "*"  # in a field path: every item of a list
# The keywords above: the build reads them; the schemas published under /schemas/ leave them out.
BUILD_KEYWORDS = frozenset({"x-collections", "x-references", "x-labels", "x-labels-es", "x-facet", "x-form", "x-description-es", "x-title-es"})


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
    """One filter of the programs list: the field it reads, its title, and its own labels (each also in Spanish)."""

    name: str
    title: str
    order: int
    path: tuple[str, ...]
    labels: dict
    hidden: tuple[str, ...]
    title_es: str = ""
    labels_es: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Shape:
    """What the schemas declare, read once."""

    collections: tuple[Collection, ...]
    references: tuple[Reference, ...]
    labels: dict
    facets: tuple[Facet, ...]
    fields: dict  # collection folder -> the names of its entries' top-level fields
    labels_es: dict = field(default_factory=dict)  # value -> its label on the Spanish pages

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
        found["labels"].append((path, node.get("enum"), node["x-labels"], node.get("x-labels-es")))
    if "x-facet" in node:
        found["facets"].append((path, node["x-facet"]))
    for key, child in (node.get("properties") or {}).items():
        _walk(child, path + (key,), found)
    if isinstance(node.get("items"), dict):
        _walk(node["items"], path + (EACH,), found)
    for key in ("allOf", "anyOf", "oneOf"):
        _walk(node.get(key) or [], path, found)


def _add_labels(labels: dict, more: dict, where: str, keyword: str = "x-labels") -> None:
    # Templates label a value without its field (label filter), so a value reads the same everywhere.
    for value, text in more.items():
        if labels.setdefault(value, text) != text:
            raise DirectoryError(f"{where}: {keyword} gives '{value}' the label {text!r}, another field gives it {labels[value]!r}; give it one label")


def _spanish_labels(english: dict, spanish: dict | None, where: str, field_path: str) -> dict:
    """Return the Spanish labels beside a field's x-labels, refusing any that do not label the same values."""
    if spanish is None:
        return {}
    if set(spanish) != set(english):
        missing, extra = sorted(set(english) - set(spanish)), sorted(set(spanish) - set(english))
        said = "; ".join(
            part for part in (f"no Spanish for {', '.join(missing)}" if missing else "", f"{', '.join(extra)} not in x-labels" if extra else "") if part
        )
        raise DirectoryError(f"{where}: the x-labels-es of {field_path} must label exactly the values its x-labels labels ({said})")
    return dict(spanish)


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
    references, labels, labels_es, facets, fields = [], {}, {}, [], {}
    for collection in collections:
        where = f"{schema_dir}/{collection.singular}.schema.json"
        schema = schemas[collection.singular]
        fields[collection.folder] = tuple(sorted(schema.get("properties", {})))
        found: dict[str, list] = {"references": [], "labels": [], "facets": []}
        _walk(inline_refs({k: v for k, v in schema.items() if k != "$defs"}, schema, documents), (), found)
        for path, target in found["references"]:
            spec = target if isinstance(target, dict) else {"collection": target}
            references.append(Reference(collection.folder, path, spec["collection"], tuple(spec.get("or", ()))))
        for path, enum, more, spanish in found["labels"]:
            if enum is not None and set(map(str, enum)) != set(more):
                raise DirectoryError(f"{where}: the x-labels of {'.'.join(path)} must label exactly its enum values")
            _add_labels(labels, more, where)
            _add_labels(labels_es, _spanish_labels(more, spanish, where, ".".join(path)), where, "x-labels-es")
        for path, spec in found["facets"]:
            own = dict(spec.get("x-labels") or {})
            own_es = _spanish_labels(own, spec.get("x-labels-es"), where, f"{'.'.join(path)} (x-facet)")
            _add_labels(labels, own, where)
            _add_labels(labels_es, own_es, where, "x-labels-es")
            facets.append(Facet(spec["name"], spec["title"], spec["order"], path, own, tuple(spec.get("hidden", ())), spec.get("title-es", ""), own_es))
    return Shape(collections, tuple(dict.fromkeys(references)), labels, tuple(sorted(facets, key=lambda f: f.order)), fields, labels_es)


_current: list[Shape] = []


def use_shape(schema_dir: Path) -> Shape:
    """Make the schemas in schema_dir the shape this build reads (labels, facets); return it."""
    _current[:] = [load_shape(Path(schema_dir))]
    return _current[0]


def current_shape() -> Shape:
    """Return the shape of this build: the one use_shape() chose, else the shipped schemas'."""
    return _current[0] if _current else load_shape()
