"""The lunr index of the search documents, its compact form and the result store (the unsplit forms).

The tests and the Python twin read these; the browser fetches the split files made from them
(split.py). The Python twin rebuilds lunr's serialized form from the compact index
(search_twin.expand_index); loadIndex in engine.js reads it into the engine's own arrays.
The result store is {"labels": {value: label}, "docs": [row, ...]}, the row of ref N at position N.
"""

from __future__ import annotations

import functools
import json
from itertools import pairwise

import lunr

from ..languages import gettext
from ..model import Directory
from ..render import label
from .docs import KIND_LABELS, SearchDoc, search_documents
from .spanish import read_stop_words, spanish_documents, spanish_region_names
from .word_list import WordListBuilder

# Field name -> boost. One-letter names: each appears in every posting and field vector.
FIELDS = {
    "n": 10,  # name, short name
    "k": 4,  # kinds and types: program type, format, partner kinds, step kind, SOC codes
    "t": 3,  # topics: skills and occupation titles
    "p": 2,  # who: provider and host employers; for a step, its pathway
    "r": 1,  # region names
    "d": 1,  # the short line a result card shows: the first sentence or so of the description
}


def lunr_index(docs: list[SearchDoc], builder_class=WordListBuilder, release_words: bool = False) -> dict:
    """Build the lunr index of the documents with lunr.py and return it serialized, as lunr does.

    release_words: empty each document's word lists once the builder holds them (the build's
    own call, which needs only the documents' rows afterwards).
    """
    if not docs:  # lunr.py divides by the number of documents; an empty directory has an empty index
        return {"version": lunr.__TARGET_JS_VERSION__, "fields": list(FIELDS), "fieldVectors": [], "invertedIndex": [], "pipeline": []}
    builder = builder_class()  # empty pipelines: the words are final, see tokenize
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for position, doc in enumerate(docs):
        builder.add({"ref": str(position)} | index_fields(doc))
        if release_words:
            doc.fields = {}
    return builder.serialized() if isinstance(builder, WordListBuilder) else builder.build().serialize()


def build_index(docs: list[SearchDoc]) -> dict:
    """Build the lunr index of the documents and return it in the compact form."""
    return compact_index(lunr_index(docs))


def index_fields(doc: SearchDoc) -> dict[str, list[str]]:
    """Return the words of each field, each word only in the first (most boosted) field that has it.

    A word that a whole collection shares ("program") then touches one field per document,
    not several: lunr.js's query time grows with the (document, field) pairs a query touches.
    """
    seen: set[str] = set()
    fields = {}
    for name in FIELDS:
        words = doc.fields.get(name, [])
        fields[name] = [word for word in words if word not in seen]
        seen.update(words)
    return fields


@functools.cache  # lunr already rounds weights to 0.001, so few distinct values repeat many times
def round_weight(value: float) -> float | int:
    """Round a vector weight to three significant digits: enough to rank, and it compresses."""
    rounded = float(f"{value:.3g}")
    return int(rounded) if rounded.is_integer() else rounded


def compact_index(serialized: dict) -> dict:
    """Return lunr's serialized index as {lunr, fields, terms, postings, weights}.

    terms: sorted; a term's position is its lunr `_index`. postings: per term, {field: refs}
    with refs as gaps (ascending doc positions, each minus the one before). weights: per
    field, the field vectors' weights in (ref, term position) order; the term positions
    themselves follow from the postings, so they are not repeated.
    """
    fields = serialized["fields"]
    terms = [term for term, _ in serialized["invertedIndex"]]
    position = {posting["_index"]: number for number, (_, posting) in enumerate(serialized["invertedIndex"])}
    postings = []
    for _, posting in serialized["invertedIndex"]:
        entry = {}
        for name in fields:
            refs = sorted(int(ref) for ref in posting[name])
            if refs:
                entry[name] = [ref - before for before, ref in pairwise([0, *refs])]
        postings.append(entry)
    vectors = {}
    for field_ref, elements in serialized["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        pairs = sorted((position[elements[i]], elements[i + 1]) for i in range(0, len(elements), 2))
        vectors[name, int(ref)] = [round_weight(weight) for _, weight in pairs]
    weights = {name: [w for (field_name, _), values in sorted(vectors.items()) if field_name == name for w in values] for name in fields}
    return {"lunr": serialized["version"], "fields": fields, "terms": terms, "postings": postings, "weights": weights}


def build_store(docs: list[SearchDoc], directory: Directory) -> dict:
    """Return the result store: one row per document, and the labels of the values rows use."""
    values = set(KIND_LABELS)
    for doc in docs:
        if doc.program:
            values.update([doc.program[0], *doc.program[1], *doc.program[2]])
    labels = {value: gettext(KIND_LABELS[value]) if value in KIND_LABELS else label(value) for value in values}
    labels.update({region.id: region.name for region in directory.regions.values()})
    return {"labels": dict(sorted(labels.items())), "docs": [doc.row() for doc in docs]}


def unsplit_search(directory: Directory, language: str = "en") -> tuple[dict, dict]:
    """Return the compact index and the result store: the unsplit forms the split files come from.

    A Spanish index says so ("language": "es", as the manifest does): the query side's stop words and stems.
    """
    if language == "en":
        docs = search_documents(directory)
        return build_index(docs), build_store(docs, directory)
    docs = spanish_documents(directory, read_stop_words())
    store = build_store(docs, directory)
    store["labels"].update(spanish_region_names(directory))
    return build_index(docs) | {"language": language}, store


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
