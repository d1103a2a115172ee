"""Read the collections' JSON Schemas as a tree of fields: the one walker of the schemas.

resolve() says what a schema node means (its $ref followed, its allOf parts folded in);
walk_fields() yields every field below a node with its path, in schema order. The data
dictionary (reference.py), the CSV columns and the CSV import read the schemas through them,
and inline_refs() follows each $ref the same way to give the validators a schema without any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .problems import DirectoryError

MAX_REF_DEPTH = 50
# Keywords beside a $ref that describe the field rather than constrain its value.
_DESCRIBING = ("description", "x-description-es", "title", "x-hint")
# The translations of a description: one written beside a $ref replaces the definition's, and
# so does away with the definition's translations, which translate another text.
_TRANSLATED = ("x-description-es",)


def _refuse_loop(depth: int) -> None:
    if depth > MAX_REF_DEPTH:
        raise DirectoryError("data/schemas: a $ref refers back to itself; references must not loop")


def follow_ref(ref: str, document: dict, documents: dict[str, dict]) -> tuple[dict, dict, str]:
    """Return what a $ref points to, the document it lives in and the name of the definition."""
    target_file, _, pointer = ref.partition("#")
    target_document = documents[target_file] if target_file else document
    target = target_document
    for part in filter(None, pointer.split("/")):
        target = target[part]
    return target, target_document, pointer.rsplit("/", 1)[-1]


@dataclass(frozen=True, eq=False)
class Node:
    """A schema node as it means: its $ref followed and allOf folded in, with where its own $refs point."""

    schema: dict
    document: dict
    documents: dict[str, dict]
    names: tuple[str, ...] = ()  # the definitions its $refs passed through ("url", "id" ...)

    def at(self, child) -> Node:
        """Return a node written inside this one (a property, the items, an anyOf branch), resolved."""
        return resolve(child, self.document, self.documents)

    @property
    def items(self) -> Node:
        return self.at(self.schema.get("items", {}))

    @property
    def branches(self) -> list[Node]:
        return [self.at(branch) for branch in self.schema.get("anyOf", [])]

    @property
    def properties(self) -> dict[str, Node]:
        return {name: self.at(child) for name, child in self.schema.get("properties", {}).items()}

    @property
    def is_group(self) -> bool:
        return self.schema.get("type") == "object" or "properties" in self.schema

    @property
    def is_list_of_groups(self) -> bool:
        return self.schema.get("type") == "array" and self.items.is_group


def fold_all_of(schema: dict) -> dict:
    """Return a schema with its allOf parts folded in: properties joined, the first value of any other keyword kept."""
    if "allOf" not in schema:
        return schema
    result = {key: value for key, value in schema.items() if key != "allOf"}
    for part in schema["allOf"]:
        for key, value in fold_all_of(part).items():
            if key == "properties":
                result["properties"] = result.get("properties", {}) | value
            else:
                result.setdefault(key, value)
    return result


def resolve(node, document: dict | None = None, documents: dict[str, dict] | None = None, depth: int = 0) -> Node:
    """Return what a schema node means: its $ref followed, its allOf parts folded in.

    Keywords written beside a $ref win over the definition's ("required" lists are joined),
    so a field's own description replaces the shared one.
    """
    document = {} if document is None else document
    documents = {} if documents is None else documents
    if not isinstance(node, dict) or "$ref" not in node:
        return Node(fold_all_of(node) if isinstance(node, dict) else {}, document, documents)
    _refuse_loop(depth)
    target, target_document, name = follow_ref(node["$ref"], document, documents)
    inner = resolve(target, target_document, documents, depth + 1)
    schema = dict(inner.schema)
    if "description" in node:
        schema = {key: value for key, value in schema.items() if key not in _TRANSLATED}
    for key, value in node.items():
        if key != "$ref":
            schema[key] = sorted(set(schema.get(key, [])) | set(value)) if key == "required" else value
    return Node(schema, inner.document, documents, (name, *inner.names))


@dataclass(frozen=True, eq=False)
class Field:
    """One field below a schema node: its path (names, and item numbers when asked for) and its node."""

    path: tuple[str | int, ...]
    node: Node
    required: bool
    in_list: bool  # a field of the items of a list of groups

    @property
    def name(self) -> str:
        return str(self.path[-1])

    @property
    def dotted(self) -> str:
        return ".".join(map(str, self.path))


def walk_fields(node: Node, item_numbers: Callable[[tuple], int] | None = None, path: tuple = (), in_list: bool = False) -> Iterator[Field]:
    """Yield every field below node in schema order, each before the fields inside it.

    The fields of a list of groups' items follow the list; with item_numbers, once for each
    item number 1 .. item_numbers(the list's path), the number in their path (sources.1.document).
    """
    required = set(node.schema.get("required", []))
    for name, child in node.properties.items():
        field_path = (*path, name)
        yield Field(field_path, child, name in required, in_list)
        if child.is_list_of_groups:
            numbers = [()] if item_numbers is None else [(number,) for number in range(1, item_numbers(field_path) + 1)]
            for number in numbers:
                yield from walk_fields(child.items, item_numbers, (*field_path, *number), in_list=True)
        elif child.is_group:
            yield from walk_fields(child, item_numbers, field_path)


def inline_refs(node, document: dict, documents: dict[str, dict], depth: int = 0):
    """Return node with every $ref replaced by the schema it points to.

    Following a $ref through the registry on every validation costs more than all the
    other checking together; our schemas have no recursive references, so each one is
    resolved once, here. Sibling keywords of a $ref are merged in ("required" lists are
    joined), which is what a $ref beside other keywords means in Draft 2020-12: unlike
    resolve(), a sibling that constrains the value does not replace the definition's
    keyword but joins it in an allOf, so that both hold.
    """
    _refuse_loop(depth)
    if isinstance(node, list):
        return [inline_refs(item, document, documents, depth) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target, target_document, _ = follow_ref(node["$ref"], document, documents)
        resolved = dict(inline_refs(target, target_document, documents, depth + 1))
        for key, value in node.items():
            if key == "$ref":
                continue
            value = inline_refs(value, document, documents, depth)
            if key == "required" and key in resolved:
                resolved[key] = sorted(set(resolved[key]) | set(value))
            elif key in resolved and key not in _DESCRIBING:
                resolved = {"allOf": [resolved, {key: value}]} | {k: v for k, v in resolved.items() if k in ("description", "x-description-es", "x-hint")}
            else:
                resolved[key] = value
        return resolved
    return {key: (value if key in ("$defs", "enum", "const") else inline_refs(value, document, documents, depth)) for key, value in node.items()}
