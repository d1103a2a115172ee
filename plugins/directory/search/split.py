"""The split files the browser fetches: a manifest, term shards, number files and row files.

Made from lunr's serialized index and the search documents (see `split_index`); the tests
hold them to the same rankings as the unsplit forms (index.py).
"""

from __future__ import annotations

import json
import math
import re
from itertools import pairwise

from .docs import SearchDoc
from .index import json_bytes, round_weight

COMMON_SHARE, COMMON_MIN_DOCS = 0.25, 1000  # tests/support/search_twin.py explains the common-terms cutoff
SHARD_BYTES = 6000  # about this much JSON of postings per term shard
ROWS_PER_FILE = 4  # result rows per row file: a cold query fetches the files of the rows it shows
FACETS_PER_FILE = 2000  # documents per facet file: what facet counts and filters read, after the first results
NUMBER = re.compile(r"[0-9]+")


def common_docs(named: int) -> int:
    """Return how many documents make a term common, for an index of `named` named documents."""
    return max(COMMON_MIN_DOCS, math.floor(named * COMMON_SHARE))


def split_index(serialized: dict, docs: list[SearchDoc], labels: dict, common: int | None = None) -> tuple[dict, dict[str, object]]:
    """Return (manifest, {file key: data}): lunr's serialized index and the result rows, split.

    SPLIT: the browser fetches the manifest first: the vocabulary of words (terms that are not
    all digits), the keys of the number vocabulary files, the first term and number of each
    term shard, the distinct combinations of facet values (`combos`) and per document its
    name's size; the document count and the common-terms cutoff are in it, so nothing else
    needs the whole index. A query's words are expanded (prefix, stem, typo) over that
    vocabulary, and only the term shards that hold the terms reached are fetched, then the
    row files of the results shown. Each document's facet values (an index into `combos`) are
    in its row and in a facet file ("facets-N": refs N*FACETS_PER_FILE and on), which facet
    counts and filters read: a document's combo is not in the manifest, which would then
    grow by a number per document and be fetched before any result.

    A term shard ("terms-N") is a run of consecutive terms in sorted order, starting at global
    term number `start` (lunr's term `_index` in the unsplit index, so scores sum in the same
    order), its `terms` and, per term, {field: [[ref gaps], [weights]]}, or {field: [ref gaps]} for a common
    term (lunr never scores it). A weight is the element of lunr's field vector for that
    field, document and term, rounded as compact_index rounds it: a query's score is the dot
    product of its vector with those elements, so the terms a query reaches are all it needs.
    A number file ("numbers-KK") lists the all-digit terms that begin with KK; a row file
    ("rows-N") holds [name, url, line, by, cost text, combo] of refs N*ROWS_PER_FILE and on.
    """
    fields = serialized["fields"]
    inverted = sorted(serialized["invertedIndex"])
    weights, name_sizes = _vector_weights(serialized, inverted, len(docs))
    named = sum(1 for size in name_sizes if size)
    common = common_docs(named) if common is None else common
    files: dict[str, object] = {}
    shards, words, numbers = _term_shards(inverted, fields, weights, common, files)
    for key, terms in numbers.items():
        files[f"numbers-{key}"] = terms
    combos: dict[str, int] = {}
    doc_combos = []
    for doc in docs:
        program = doc.program or ["", [], [], ""]
        combo = [doc.kind, doc.regions, program[0], program[1], program[2]]
        doc_combos.append(combos.setdefault(json_bytes(combo).decode("utf-8"), len(combos)))
    for start in range(0, len(docs), ROWS_PER_FILE):
        files[f"rows-{start // ROWS_PER_FILE}"] = [
            [*doc.row()[1:5], doc.program[3] if doc.program else "", doc_combos[ref]] for ref, doc in enumerate(docs[start : start + ROWS_PER_FILE], start)
        ]
    for start in range(0, len(docs), FACETS_PER_FILE):
        files[f"facets-{start // FACETS_PER_FILE}"] = doc_combos[start : start + FACETS_PER_FILE]
    manifest = {
        "lunr": serialized["version"],
        "fields": fields,
        "common": common,
        "rowsPerFile": ROWS_PER_FILE,
        "facetsPerFile": FACETS_PER_FILE,
        "docCount": len(docs),
        "words": words,
        "numbers": sorted(numbers),
        "shards": shards,
        "labels": labels,
        "combos": [json.loads(combo) for combo in combos],
        "nameSizes": name_sizes,
    }
    return manifest, files


def _vector_weights(serialized: dict, inverted: list, count: int) -> tuple[list[dict[str, list[float]]], list[int]]:
    """Return the rounded field-vector weights of each term number by field, in ascending ref order, and the size of each document's name.

    lunr writes the field vectors in the order the documents were added (ref 0, 1, 2 ...), so
    appending as they come keeps each term's weights in the order of its refs; a list per
    term and field costs a pointer per weight (round_weight shares the floats), not a dict
    entry keyed by (term, field, ref).
    """
    number_of = {posting["_index"]: position for position, (_, posting) in enumerate(inverted)}
    weights: list[dict[str, list[float]]] = [{} for _ in inverted]
    name_sizes = [0] * count
    last_ref = -1
    for field_ref, elements in serialized["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        ref = int(ref)
        if ref < last_ref:
            raise ValueError(f"field vectors out of document order at ref {ref}")
        last_ref = ref
        for i in range(0, len(elements), 2):
            weights[number_of[elements[i]]].setdefault(name, []).append(round_weight(elements[i + 1]))
        if name == "n":
            name_sizes[ref] = len(elements) // 2
    return weights, name_sizes


def _term_shards(inverted: list, fields: list[str], weights: list, common: int, files: dict[str, object]) -> tuple[list, list[str], dict[str, list[str]]]:
    """Add the term shards to files; return the shards' first terms and numbers, the words and the all-digit terms by first two digits."""
    shards: list = []
    shard, shard_terms, shard_bytes = [], [], 0
    numbers: dict[str, list[str]] = {}
    words = []
    for number, (term, posting) in enumerate(inverted):
        entry = _term_postings(posting, fields, weights[number], common)
        size = len(json_bytes(entry))
        if shard and shard_bytes + size > SHARD_BYTES:
            files[f"terms-{len(shards) - 1}"] = {"start": shards[-1][1], "terms": shard_terms, "postings": shard}
            shard, shard_terms, shard_bytes = [], [], 0
        if not shard:
            shards.append([term, number])
        shard.append(entry)
        shard_terms.append(term)
        shard_bytes += size + len(term) + 3
        if NUMBER.fullmatch(term):
            numbers.setdefault(term[:2], []).append(term)
        else:
            words.append(term)
    if shard:
        files[f"terms-{len(shards) - 1}"] = {"start": shards[-1][1], "terms": shard_terms, "postings": shard}
    return shards, words, numbers


def _term_postings(posting: dict, fields: list[str], weights: dict[str, list[float]], common: int) -> dict:
    """Return a term's {field: [[ref gaps], [weights]]}, or {field: [ref gaps]} for a common term."""
    entry, count = {}, sum(len(posting[name]) for name in fields)
    for name in fields:
        refs = sorted(int(ref) for ref in posting[name])
        if not refs:
            continue
        gaps = [ref - before for before, ref in pairwise([0, *refs])]
        entry[name] = gaps if count > common else [gaps, weights[name]]
    return entry
