"""The site search: a lunr index and its result rows, split into files a query fetches a few of.

Plain Python, no Pelican: the build, the tests and the benchmark call the same functions.

The index holds whole words as `tokenize` makes them (no stemming; stop words dropped), so
every term is a word the query side can produce. theme/static/js/engine.js tokenises queries
the same way and adds prefix, stem and typo variants itself; tests/support/search_twin.py is
its twin in Python for the tests, and the node test holds the two to the same results. Descriptions are not indexed,
only the short line a result card shows: NOTES.md measured whole descriptions at 5x the size.

What the browser fetches: see `split_index` (a manifest, term shards, number and row files).
The unsplit forms remain for the Python twin and the tests, which hold the split files to
the same rankings: the compact index (`compact_index`; readers rebuild lunr's serialized form
from it, search_twin.expand_index and expandIndex in engine.js) and the result store,
{"labels": {value: label}, "docs": [row, ...]}, the row of ref N at position N. A row is
[kind, name, url, line, by, regions] and, for programs only, four more values: program type,
[cost classes], [formats], cost text.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import lunr
import markdown
import nh3

from .derive import plain_summary, require_derived
from .model import Directory
from .problems import DirectoryError
from .render import cost_text, label
from .search_builder import WordListBuilder
from .shape import current_shape

ROOT = Path(__file__).resolve().parents[2]
LUNR_PACKAGE = ROOT / "node_modules" / "lunr"

# Field name -> boost. One-letter names: each appears in every posting and field vector.
FIELDS = {
    "n": 10,  # name, short name
    "k": 4,  # kinds and types: program type, format, partner kinds, step kind, SOC codes
    "t": 3,  # topics: skills and occupation titles
    "p": 2,  # who: provider and host employers; for a step, its pathway
    "r": 1,  # region names
    "d": 1,  # the short line a result card shows: the first sentence or so of the description
}
# Words too common to help; the query side drops the same ones ("it" is kept: IT support).
STOP_WORDS = frozenset("a an and are as at be by for from in into is of on or the to with".split())
KIND_LABELS = {
    "program": "Program",
    "partner": "Partner",
    "pathway": "Pathway",
    "step": "Pathway step",
    "partnership": "Partnership",
    "occupation": "Occupation",
}
LINE_LIMIT = 140
_ASCII_SEPARATORS = re.compile(r"[^a-z0-9]+")
_CODE_HYPHEN = re.compile(r"(?<=[0-9])-(?=[0-9])")


class SearchError(DirectoryError):
    """The search assets cannot be built (lunr.js missing, for example)."""


def tokenize(text: str | None) -> list[str]:
    """Split text into index words: folded accents, lower case, letters and digits, codes joined.

    Mirrors `tokenize` in search.js: NFKD, lower case, marks removed, every character that is
    not a letter or digit (or is outside the BMP) separates words, and a hyphen between digits
    joins them, so "15-1134" is the word "151134" on both sides.
    """
    if not text:
        return []
    text = unicodedata.normalize("NFKD", str(text)).lower()
    if text.isascii():
        words = _ASCII_SEPARATORS.split(_CODE_HYPHEN.sub("", text))
    else:
        text = _CODE_HYPHEN.sub("", "".join(char for char in text if unicodedata.category(char)[0] != "M"))
        words = "".join(char if unicodedata.category(char)[0] in "LN" and ord(char) <= 0xFFFF else " " for char in text).split()
    return [word for word in words if word and word not in STOP_WORDS]


@dataclass
class SearchDoc:
    """One search result: what is indexed (fields) and what its card shows (row)."""

    kind: str
    name: str
    url: str
    line: str
    by: str = ""
    regions: list[str] = field(default_factory=list)
    program: list | None = None
    fields: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self):
        self.fields["d"] = tokenize(self.line)

    def row(self) -> list:
        row = [self.kind, self.name, self.url, self.line, self.by, self.regions]
        return row + self.program if self.program else row


def _words(*texts) -> list[str]:
    return [word for text in texts for word in tokenize(text)]


def _short(text: str | None) -> str:
    """Cut plain text to a card line (plain_summary reads HTML, hence the escape)."""
    return plain_summary(html.escape(text), LINE_LIMIT) if text else ""


def _labels(values) -> list[str]:
    return [label(value) for value in values or []]


def program_doc(program) -> SearchDoc:
    """Return the search document of a program."""
    facets = program.facets
    region_names = [region.name for region in program.regions]
    kinds = [program["type"], label(program["type"]), *_labels(facets["format"])]
    if "free" in facets["cost"]:
        kinds.append("free")
    employers = [program.provider.name, *(partner.name for partner in program.host_employers)]
    return SearchDoc(
        "program",
        program.name,
        program.url,
        _short(program.summary),
        program.provider.name,
        [region.id for region in program.regions],
        [program["type"], [cost for cost in facets["cost"] if cost != "unknown"], facets["format"], cost_text(program, unknown="")],
        {
            "n": _words(program.name),
            "k": _words(*kinds),
            "t": _words(*(program.get("skills") or []), *(o.name for o in program.occupations)),
            "p": _words(*employers),
            "r": _words(*region_names),
        },
    )


def partner_doc(partner) -> SearchDoc:
    """Return the search document of a partner."""
    return SearchDoc(
        "partner",
        partner.name,
        partner.url,
        _short(partner.summary),
        ", ".join(_labels(partner.get("kinds"))),
        [region.id for region in partner.regions],
        None,
        {
            "n": _words(partner.name, partner.get("short_name")),
            "k": _words("partner", *partner.get("kinds") or [], *_labels(partner.get("kinds"))),
            "t": _words(*_labels(partner.get("sectors"))),
            "r": _words(*(region.name for region in partner.regions)),
        },
    )


def pathway_docs(pathway, regions) -> list[SearchDoc]:
    """Return the search documents of a pathway and of each of its steps."""
    region_ids = list(pathway.get("regions") or [])
    region_words = _words(*(regions[i].name for i in region_ids if i in regions))
    skills = sorted({skill for step in pathway.steps for skill in step.get("skills") or []})
    jobs = sorted({step.occupation.name for step in pathway.steps if step.occupation is not None})
    docs = [
        SearchDoc(
            "pathway",
            pathway.name,
            pathway.url,
            _short(pathway.summary),
            "" if label(pathway.get("field")).casefold() == pathway.name.casefold() else label(pathway.get("field")),
            region_ids,
            None,
            {
                "n": _words(pathway.name),
                "k": _words("pathway", label(pathway.get("field"))),
                "t": _words(*skills, *jobs),
                "r": region_words,
            },
        )
    ]
    for step in pathway.steps:
        job = [step.occupation.name] if step.occupation is not None else []
        docs.append(
            SearchDoc(
                "step",
                step.name,
                f"{pathway.url}#{step.anchor}",
                _short(step.summary),
                pathway.name,
                region_ids,
                None,
                {
                    "n": _words(step.name),
                    "k": _words(step.get("kind"), label(step.get("kind")), label(step.get("level"))),
                    "t": _words(*(step.get("skills") or []), *job),
                    "p": _words(pathway.name),
                    "r": region_words,
                },
            )
        )
    return docs


def partnership_doc(partnership) -> SearchDoc:
    """Return the search document of a partnership."""
    return SearchDoc(
        "partnership",
        partnership.name,
        partnership.url,
        _short(partnership.summary),
        label(partnership.get("kind")),
        [region.id for region in partnership.regions],
        None,
        {
            "n": _words(partnership.name, partnership.get("short_name")),
            "k": _words("partnership", label(partnership.get("kind"))),
            "t": _words(*(partnership.get("sectors") or [])),
            "r": _words(*(region.name for region in partnership.regions)),
        },
    )


def occupation_doc(occupation) -> SearchDoc:
    """Return the search document of an occupation: title, SOC code and 2010 SOC code."""
    codes = [occupation.get("soc_code"), occupation.get("soc_2010_code")]
    return SearchDoc(
        "occupation",
        occupation.name,
        occupation.url,
        _short(occupation.summary),
        " · ".join(f"SOC {code}" for code in codes if code),
        [],
        None,
        {
            "n": _words(occupation.name),
            "k": _words("occupation", "job", *codes, label(occupation.get("family"))),
        },
    )


def search_documents(directory: Directory) -> list[SearchDoc]:
    """Return every search document of a derived directory in a stable order: programs, partners, pathways and steps, ..."""
    require_derived(directory)
    docs = [program_doc(program) for program in directory.programs.values()]
    docs += [partner_doc(partner) for partner in directory.partners.values()]
    for pathway in directory.pathways.values():
        docs += pathway_docs(pathway, directory.regions)
    docs += [partnership_doc(partnership) for partnership in directory.partnerships.values()]
    docs += [occupation_doc(occupation) for occupation in directory.occupations.values()]
    return docs


def lunr_index(docs: list[SearchDoc], builder_class=WordListBuilder) -> dict:
    """Build the lunr index of the documents with lunr.py and return it serialized, as lunr does."""
    if not docs:  # lunr.py divides by the number of documents; an empty directory has an empty index
        return {"version": lunr.__TARGET_JS_VERSION__, "fields": list(FIELDS), "fieldVectors": [], "invertedIndex": [], "pipeline": []}
    builder = builder_class()  # empty pipelines: the words are final, see tokenize
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    for position, doc in enumerate(docs):
        builder.add({"ref": str(position)} | index_fields(doc))
    return builder.build().serialize()


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
def _weight(value: float) -> float | int:
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
        vectors[name, int(ref)] = [_weight(weight) for _, weight in pairs]
    weights = {name: [w for (field_name, _), values in sorted(vectors.items()) if field_name == name for w in values] for name in fields}
    return {"lunr": serialized["version"], "fields": fields, "terms": terms, "postings": postings, "weights": weights}


# ---- The split files: what the browser fetches (see SPLIT below) ---------------------------

COMMON_SHARE, COMMON_MIN_DOCS = 0.25, 1000  # tests/support/search_twin.py explains the common-terms cutoff
SHARD_BYTES = 6000  # about this much JSON of postings per term shard
ROWS_PER_FILE = 4  # result rows per row file: a cold query fetches the files of the rows it shows
NUMBER = re.compile(r"[0-9]+")


def common_docs(named: int) -> int:
    """Return how many documents make a term common, for an index of `named` named documents."""
    return max(COMMON_MIN_DOCS, math.floor(named * COMMON_SHARE))


def split_index(serialized: dict, docs: list[SearchDoc], labels: dict, common: int | None = None) -> tuple[dict, dict[str, object]]:
    """Return (manifest, {file key: data}): lunr's serialized index and the result rows, split.

    SPLIT: the browser fetches the manifest first: the vocabulary of words (terms that are not
    all digits), the keys of the number vocabulary files, the first term and number of each
    term shard, and per document its facet values (as an index into `combos`) and its name's
    size; the document count and the common-terms cutoff are in it, so nothing else needs
    the whole index. A query's words are expanded (prefix, stem, typo) over that vocabulary,
    and only the term shards that hold the terms reached are fetched, then the row files of
    the results shown.

    A term shard ("terms-N") is a run of consecutive terms in sorted order, starting at global
    term number `start` (lunr's term `_index` in the unsplit index, so scores sum in the same
    order), its `terms` and, per term, {field: [[ref gaps], [weights]]}, or {field: [ref gaps]} for a common
    term (lunr never scores it). A weight is the element of lunr's field vector for that
    field, document and term, rounded as compact_index rounds it: a query's score is the dot
    product of its vector with those elements, so the terms a query reaches are all it needs.
    A number file ("numbers-KK") lists the all-digit terms that begin with KK; a row file
    ("rows-N") holds [name, url, line, by, cost text] of refs N*ROWS_PER_FILE and on.
    """
    fields = serialized["fields"]
    inverted = sorted(serialized["invertedIndex"])
    number_of = {posting["_index"]: position for position, (_, posting) in enumerate(inverted)}
    weights: dict[tuple[int, str, int], float] = {}
    name_sizes = [0] * len(docs)
    for field_ref, elements in serialized["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        for i in range(0, len(elements), 2):
            weights[number_of[elements[i]], name, int(ref)] = _weight(elements[i + 1])
        if name == "n":
            name_sizes[int(ref)] = len(elements) // 2
    named = sum(1 for size in name_sizes if size)
    common = common_docs(named) if common is None else common
    files: dict[str, object] = {}
    shards, shard, shard_terms, shard_bytes = [], [], [], 0

    def close_shard():
        nonlocal shard, shard_terms, shard_bytes
        if shard:
            files[f"terms-{len(shards) - 1}"] = {"start": shards[-1][1], "terms": shard_terms, "postings": shard}
        shard, shard_terms, shard_bytes = [], [], 0

    numbers: dict[str, list[str]] = {}
    words = []
    for number, (term, posting) in enumerate(inverted):
        entry, count = {}, sum(len(posting[name]) for name in fields)
        for name in fields:
            refs = sorted(int(ref) for ref in posting[name])
            if not refs:
                continue
            gaps = [ref - before for before, ref in pairwise([0, *refs])]
            entry[name] = gaps if count > common else [gaps, [weights[number, name, ref] for ref in refs]]
        size = len(_json_bytes(entry))
        if shard and shard_bytes + size > SHARD_BYTES:
            close_shard()
        if not shard:
            shards.append([term, number])
        shard.append(entry)
        shard_terms.append(term)
        shard_bytes += size + len(term) + 3
        if NUMBER.fullmatch(term):
            numbers.setdefault(term[:2], []).append(term)
        else:
            words.append(term)
    close_shard()
    for key, terms in numbers.items():
        files[f"numbers-{key}"] = terms
    combos: dict[str, int] = {}
    doc_combos = []
    for doc in docs:
        program = doc.program or ["", [], [], ""]
        combo = [doc.kind, doc.regions, program[0], program[1], program[2]]
        doc_combos.append(combos.setdefault(_json_bytes(combo).decode("utf-8"), len(combos)))
    for start in range(0, len(docs), ROWS_PER_FILE):
        files[f"rows-{start // ROWS_PER_FILE}"] = [doc.row()[1:5] + [doc.program[3] if doc.program else ""] for doc in docs[start : start + ROWS_PER_FILE]]
    manifest = {
        "lunr": serialized["version"],
        "fields": fields,
        "common": common,
        "rowsPerFile": ROWS_PER_FILE,
        "words": words,
        "numbers": sorted(numbers),
        "shards": shards,
        "labels": labels,
        "combos": [json.loads(combo) for combo in combos],
        "docs": doc_combos,
        "nameSizes": name_sizes,
    }
    return manifest, files


def build_store(docs: list[SearchDoc], directory: Directory) -> dict:
    """Return the result store: one row per document, and the labels of the values rows use."""
    values = set(KIND_LABELS)
    for doc in docs:
        if doc.program:
            values.update([doc.program[0], *doc.program[1], *doc.program[2]])
    labels = {value: KIND_LABELS.get(value) or label(value) for value in values}
    labels.update({region.id: region.name for region in directory.regions.values()})
    return {"labels": dict(sorted(labels.items())), "docs": [doc.row() for doc in docs]}


def unsplit_search(directory: Directory) -> tuple[dict, dict]:
    """Return the compact index and the result store: the unsplit forms the split files come from."""
    docs = search_documents(directory)
    return build_index(docs), build_store(docs, directory)


def _json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# The index and the store are named by what they are built from (the entries, the code
# that shapes them and the versions of lunr.py, Markdown and nh3), so the pages can link to
# them before they exist and the build can make them while pages are written. The same
# name always means the same bytes.
_SHAPING_CODE = [
    Path(__file__).with_name(name) for name in ("search.py", "search_builder.py", "derive.py", "render.py", "model.py", "facets.py", "pay.py", "shape.py")
]
_CODE_DIGEST = hashlib.sha256(
    b"".join(path.read_bytes() for path in _SHAPING_CODE) + f"lunr {lunr.__VERSION__} markdown {markdown.__version__} nh3 {nh3.__version__}".encode()
).digest()


def input_digest(directory: Directory) -> str:
    """Return a short hash of everything the search files are made from."""
    digest = hashlib.sha256(_CODE_DIGEST)
    digest.update(repr(current_shape()).encode("utf-8"))  # the schemas' labels and facets the search shows
    for item in directory.items():
        digest.update(item.url.encode("utf-8"))
        digest.update(_json_bytes(item.values))
    return digest.hexdigest()[:10]


@dataclass
class SearchAssets:
    """The search files (output path -> bytes) and the paths pages link to, by name.

    plan_search_assets() names the files; build() makes them (build_search_assets does both).
    """

    urls: dict[str, str]
    directory: Directory = field(repr=False)
    lunr_script: Path = field(repr=False)
    files: dict[str, bytes] = field(default_factory=dict, repr=False)

    def build(self) -> dict[str, bytes]:
        """Make the manifest, the term shards, the number and row files and the copy of lunr.js."""
        docs = search_documents(self.directory)
        store = build_store(docs, self.directory)
        manifest, parts = split_index(lunr_index(docs), docs, store["labels"])
        self.files = {self.urls["manifest"]: _json_bytes(manifest), self.urls["lunr"]: self.lunr_script.read_bytes()}
        self.files.update((split_path(self.urls["manifest"], key), _json_bytes(data)) for key, data in parts.items())
        return self.files


def split_path(manifest_url: str, key: str) -> str:
    """Return the path of a split file beside the manifest: search/terms-3.<digest>.json."""
    folder, _, name = manifest_url.rpartition("/")
    return f"{folder}/{key}.{name.split('.')[1]}.json"


def plan_search_assets(directory: Directory, lunr_package: Path = LUNR_PACKAGE) -> SearchAssets:
    """Name the search files without making them: cheap, so pages can link to them first."""
    script = lunr_package / "lunr.min.js"
    if not script.is_file():
        raise SearchError(f"{script} is missing; run `make setup` (npm ci) to install lunr.js")
    version = json.loads((lunr_package / "package.json").read_text(encoding="utf-8"))["version"]
    digest = input_digest(directory)
    urls = {"manifest": f"search/manifest.{digest}.json", "lunr": f"theme/js/lunr-{version}.min.js"}
    return SearchAssets(urls, directory, script)


def build_search_assets(directory: Directory, lunr_package: Path = LUNR_PACKAGE) -> SearchAssets:
    """Name and make the split search files and a copy of lunr.js."""
    assets = plan_search_assets(directory, lunr_package)
    assets.build()
    return assets
