"""The one schema walker: what a node means ($ref followed, allOf folded) and every field with its path."""

from __future__ import annotations

import pytest

from directory.data.problems import DirectoryError
from directory.data.schema_walk import Node, inline_refs, resolve, walk_fields

COMMON = {"$defs": {"url": {"type": "string", "format": "uri", "description": "A web address."}, "loop": {"$ref": "#/$defs/loop"}}}
DOCUMENTS = {"common.schema.json": COMMON}
PROGRAM = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string"},
        "url": {"$ref": "common.schema.json#/$defs/url", "description": "Its own page."},
        "cost": {"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}, "notes": {"type": "string"}}},
        "sources": {"type": "array", "items": {"type": "object", "properties": {"document": {"type": "string"}, "page": {"type": "integer"}}}},
        "skills": {"type": "array", "items": {"type": "string"}},
    },
}


def test_resolve_follows_a_ref_and_lets_the_fields_own_keywords_win():
    url = resolve(PROGRAM["properties"]["url"], PROGRAM, DOCUMENTS)
    assert url.schema == {"type": "string", "format": "uri", "description": "Its own page."}
    assert url.names == ("url",)


def test_a_description_beside_a_ref_replaces_the_definitions_translation_too():
    documents = {"common.schema.json": {"$defs": {"url": {"type": "string", "description": "A web address.", "x-description-es": "Una dirección web."}}}}
    shared = resolve({"$ref": "common.schema.json#/$defs/url"}, {}, documents)
    assert shared.schema["x-description-es"] == "Una dirección web."
    own = resolve({"$ref": "common.schema.json#/$defs/url", "description": "Its own page."}, {}, documents)
    assert own.schema == {"type": "string", "description": "Its own page."}  # no Spanish of another text
    both = resolve({"$ref": "common.schema.json#/$defs/url", "description": "Its own page.", "x-description-es": "Su propia página."}, {}, documents)
    assert both.schema["x-description-es"] == "Su propia página."


def test_resolve_folds_all_of_and_refuses_a_loop():
    folded = resolve({"allOf": [{"type": "object", "properties": {"a": {}}}, {"type": "array", "properties": {"b": {}}}], "title": "t"})
    assert folded.schema == {"title": "t", "type": "object", "properties": {"a": {}, "b": {}}}
    with pytest.raises(DirectoryError, match="refers back to itself"):
        resolve({"$ref": "common.schema.json#/$defs/loop"}, PROGRAM, DOCUMENTS)


def test_walk_fields_yields_every_field_in_schema_order_with_its_path():
    fields = list(walk_fields(Node(PROGRAM, PROGRAM, DOCUMENTS)))
    assert [field.dotted for field in fields] == ["name", "url", "cost", "cost.amount", "cost.notes", "sources", "sources.document", "sources.page", "skills"]
    assert [field.dotted for field in fields if field.required] == ["name", "cost.amount"]
    assert [field.dotted for field in fields if field.in_list] == ["sources.document", "sources.page"]
    assert fields[1].node.names == ("url",)


def test_walk_fields_numbers_the_items_of_a_list_of_groups_when_asked():
    counts = {("sources",): 2}
    fields = walk_fields(Node(PROGRAM, PROGRAM, DOCUMENTS), item_numbers=lambda path: counts[path])
    assert [field.path for field in fields if field.path[0] == "sources"] == [
        ("sources",),
        ("sources", 1, "document"),
        ("sources", 1, "page"),
        ("sources", 2, "document"),
        ("sources", 2, "page"),
    ]


def test_inline_refs_keeps_both_constraints_where_resolve_keeps_the_fields_own():
    field = {"$ref": "common.schema.json#/$defs/url", "format": "email"}
    assert resolve(field, PROGRAM, DOCUMENTS).schema["format"] == "email"
    inlined = inline_refs(field, PROGRAM, DOCUMENTS)
    assert inlined["allOf"] == [COMMON["$defs"]["url"], {"format": "email"}]
