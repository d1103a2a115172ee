"""JSON: one file per collection and one per entry under /api/, and the schemas under /schemas/.

Each entry's document carries the data file's values untouched under "entry" (so the
collection's schema in data/schemas validates it) and, beside them, every reference
resolved to {id, name, url} both ways.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..data.shape import BUILD_KEYWORDS
from ..languages import gettext as _
from ..model import SINGULAR, URL_FOLDERS, Directory, Item, Step
from .shared import FORMAT_VERSION, Site, collection_title, json_bytes

API_FOLDER = "api"
SCHEMA_FOLDER = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _compact(data) -> str:
    return json_bytes(data)[:-1].decode("utf-8")


def entry_path(item: Item) -> str:
    return f"{API_FOLDER}/{item.collection}/{item.id}.json"


def link(item: Item, site: Site) -> dict:
    """Return a reference to an entry: its id, name and page address."""
    return {"id": item.id, "name": item.name, "url": site.absolute(item.url)}


def step_link(step: Step, site: Site) -> dict:
    """Return a reference to a pathway step: its id, name, address on the pathway page and pathway."""
    return {"id": step.id, "name": step.name, "url": site.absolute(f"{step.pathway.url}#{step.anchor}"), "pathway": link(step.pathway, site)}


def _links(items, site: Site) -> list[dict]:
    return [link(item, site) for item in items]


def references(item: Item, directory: Directory, site: Site) -> dict:
    """Return what an entry names (provider, regions, steps ...), each resolved to {id, name, url}."""
    refs: dict = {}
    if item.collection == "programs":
        refs["provider"] = link(item.provider, site)
        refs["host_employers"] = _links(item.host_employers, site)
        refs["funders"] = _links(item.funders, site)
        refs["occupations"] = _links(item.occupations, site)
        refs["regions"] = _links(item.regions, site)
        refs["pathway_steps"] = [step_link(step, site) for step in item.steps]
    elif item.collection == "pathways":
        refs["maintainers"] = _links(item.maintainers, site)
        refs["regions"] = _links(item.regions, site)
        refs["steps"] = [
            step_link(step, site) | {"occupation": link(step.occupation, site) if step.occupation else None, "leads_to": [n.id for n in step.next]}
            for step in item.steps
        ]
    elif item.collection == "partners":
        refs["regions"] = _links(item.regions, site)
    elif item.collection == "partnerships":
        refs["regions"] = _links(item.regions, site)
        refs["members"] = [link(member["partner"], site) | {"roles": list(member["roles"])} for member in item.members]
        if item.succeeds is not None:
            refs["succeeds"] = link(item.succeeds, site)
    elif item.collection == "occupations":
        ids = [row["region"] for table in ("projections", "employment") for row in item.get(table) or []]
        ids += [row["area"] for row in item.get("pay") or [] if row["area"] in directory.regions]
        refs["regions"] = _links((directory.regions[i] for i in dict.fromkeys(ids)), site)
    return {key: value for key, value in refs.items() if value}


def referenced_by(item: Item, site: Site) -> dict:
    """Return the entries that name this one, grouped by how (programs, memberships, steps ...)."""
    found: dict[str, list] = {}
    for key, linked in item.links.items():
        rows = []
        for thing in linked:
            if isinstance(thing, Step):
                rows.append(step_link(thing, site))
            elif isinstance(thing, dict):  # a partner's membership of a partnership
                rows.append(link(thing["partnership"], site) | {"roles": list(thing["roles"])})
            else:
                rows.append(link(thing, site))
        found["pathway_steps" if key == "steps" else key] = rows
    if item.collection == "pathways":
        found["programs"] = [link(program, site) | {"step": step.id} for step in item.steps for program in step.programs]
    return {key: found[key] for key in sorted(found) if found[key]}


def document(item: Item, directory: Directory, site: Site) -> dict:
    """Return an entry as the API describes it: ids and addresses, the entry itself, its links."""
    return {
        "id": item.id,
        "type": item.singular,
        "url": site.absolute(item.url),
        "api_url": site.absolute(entry_path(item)),
        "entry": item.values,
        "references": references(item, directory, site),
        "referenced_by": referenced_by(item, site),
    }


def envelope_schema(collection: str) -> dict:
    """Return the JSON Schema of one entry's API document; "entry" refers to the data schema."""
    kind = SINGULAR[collection]
    link_schema = {
        "type": "object",
        "required": ["id", "name", "url"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}},
    }
    return {
        "$schema": DRAFT,
        "$id": f"{kind}-api.schema.json",
        "title": f"{kind.capitalize()}, as the open-data API publishes it",
        "description": f"One {kind}: its id and addresses, the data file's values under `entry` (see {kind}.schema.json), and its references resolved.",
        "type": "object",
        "required": ["id", "type", "url", "api_url", "entry", "references", "referenced_by"],
        "properties": {
            "$schema": {"type": "string", "description": "The address of this schema."},
            "version": {"type": "string", "description": "The version of the export format, MAJOR.MINOR."},
            "id": {"$ref": "common.schema.json#/$defs/id"},
            "type": {"const": kind},
            "url": {"type": "string", "description": "The entry's page on the site."},
            "api_url": {"type": "string", "description": "This document's own address."},
            "entry": {"$ref": f"{kind}.schema.json", "description": "The values of the data file, exactly as written."},
            "references": {
                "type": "object",
                "description": "What the entry names, each as {id, name, url}.",
                "additionalProperties": {"anyOf": [{"$ref": "#/$defs/link"}, {"type": "array", "items": {"$ref": "#/$defs/link"}}]},
            },
            "referenced_by": {
                "type": "object",
                "description": "The entries that name this one, each as {id, name, url}.",
                "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/link"}},
            },
        },
        "additionalProperties": False,
        "$defs": {"link": link_schema},
    }


def collection_schema(collection: str) -> dict:
    """Return the JSON Schema of a collection file: a header and every entry's document."""
    kind = SINGULAR[collection]
    return {
        "$schema": DRAFT,
        "$id": f"{collection}-api.schema.json",
        "title": f"All {collection}, as the open-data API publishes them",
        "type": "object",
        "required": ["version", "collection", "count", "items"],
        "properties": {
            "$schema": {"type": "string"},
            "version": {"type": "string"},
            "collection": {"const": collection},
            "count": {"type": "integer", "minimum": 0},
            "updated": {"type": ["string", "null"], "description": "The newest last_verified date among the entries."},
            "url": {"type": "string", "description": "The collection's page on the site."},
            "items": {"type": "array", "items": {"$ref": f"{kind}-api.schema.json"}},
        },
        "additionalProperties": False,
    }


def published_schema(text: bytes) -> bytes:
    """Return a data schema as published: without the keywords only the build reads (shape.BUILD_KEYWORDS)."""
    schema = json.loads(text)
    if not _has_build_keywords(schema):
        return text
    return (json.dumps(_without_build_keywords(schema), indent=2) + "\n").encode("utf-8")


def _has_build_keywords(node) -> bool:
    if isinstance(node, dict):
        return any(key in BUILD_KEYWORDS for key in node) or any(_has_build_keywords(value) for value in node.values())
    return isinstance(node, list) and any(_has_build_keywords(value) for value in node)


def _without_build_keywords(node):
    if isinstance(node, dict):
        return {key: _without_build_keywords(value) for key, value in node.items() if key not in BUILD_KEYWORDS}
    if isinstance(node, list):
        return [_without_build_keywords(value) for value in node]
    return node


def export(directory: Directory, site: Site) -> dict[str, bytes]:
    """Return the JSON files: /api/<collection>.json, /api/<collection>/<id>.json and /schemas/."""
    files: dict[str, bytes] = {}
    for part in parts(directory, site):
        files.update(part)
    return files


def parts(directory: Directory, site: Site, batch: int = 1000):
    """Yield the JSON files in parts of at most `batch` entry files, so a writer never holds every entry's file at once."""
    files: dict[str, bytes] = {}
    for path in sorted(site.schema_dir.glob("*.schema.json")):
        files[f"{SCHEMA_FOLDER}/{path.name}"] = published_schema(path.read_bytes())
    for collection in URL_FOLDERS:
        kind = SINGULAR[collection]
        files[f"{SCHEMA_FOLDER}/{kind}-api.schema.json"] = json_bytes(envelope_schema(collection))
        files[f"{SCHEMA_FOLDER}/{collection}-api.schema.json"] = json_bytes(collection_schema(collection))
        items = list(directory.collection(collection).values())
        # Each document is encoded once and spliced into both its own file and the
        # collection's: the same bytes json.dumps would give for the merged dicts.
        texts = [_compact(document(item, directory, site)) for item in items]
        entry_head = _compact({"$schema": site.absolute(f"{SCHEMA_FOLDER}/{kind}-api.schema.json"), "version": FORMAT_VERSION})[:-1]
        for item, text in zip(items, texts, strict=True):
            files[entry_path(item)] = f"{entry_head},{text[1:]}\n".encode()
            if len(files) >= batch:
                yield files
                files = {}
        head = _compact(
            {
                "$schema": site.absolute(f"{SCHEMA_FOLDER}/{collection}-api.schema.json"),
                "version": FORMAT_VERSION,
                "collection": collection,
                "count": len(items),
                "updated": max((item["last_verified"] for item in items), default=None),
                "url": site.absolute(f"{URL_FOLDERS[collection]}/"),
            }
        )[:-1]
        files[f"{API_FOLDER}/{collection}.json"] = f'{head},"items":[{",".join(texts)}]}}\n'.encode()
    yield files


def in_one_file(collection: str) -> str:
    """Say what a collection's one JSON file holds: "Every program in one file."."""
    texts = {
        "programs": _("Every program in one file."),
        "partners": _("Every partner in one file."),
        "pathways": _("Every pathway in one file."),
        "partnerships": _("Every partnership in one file."),
        "occupations": _("Every occupation in one file."),
        "regions": _("Every region in one file."),
        "sources": _("Every source in one file."),
    }
    return texts.get(collection) or f"Every {SINGULAR[collection]} in one file."


def section(directory: Directory) -> dict:
    """Describe the JSON files for the Open data page."""
    files = []
    for collection in URL_FOLDERS:
        items = list(directory.collection(collection).values())
        files.append(
            {
                "path": f"{API_FOLDER}/{collection}.json",
                "title": collection_title(collection, len(items)),
                "about": in_one_file(collection),
                "pattern": f"{API_FOLDER}/{collection}/ID.json",
                "example": entry_path(items[0]) if items else None,
            }
        )
    files.append(
        {
            "path": f"{SCHEMA_FOLDER}/program.schema.json",
            "title": _("JSON Schemas"),
            "about": _("The schemas of the data files, as the checks use them, and of the files above."),
            "pattern": f"{SCHEMA_FOLDER}/KIND.schema.json, {SCHEMA_FOLDER}/KIND-api.schema.json, {SCHEMA_FOLDER}/COLLECTION-api.schema.json",
            "example": f"{SCHEMA_FOLDER}/program-api.schema.json",
        }
    )
    return {
        "id": "json",
        "title": "JSON",
        "about": Markup(
            _(
                "One file per kind of entry and one per entry. Each entry gives the values of its data file, unchanged, under "
                "<code>entry</code>, and every reference resolved under <code>references</code> and <code>referenced_by</code> as "
                "<code>{id, name, url}</code>, with full addresses. <code>version</code> is the version of this format; "
                "<code>$schema</code> points to the JSON Schema the file follows."
            )
        ),
        "files": files,
    }
