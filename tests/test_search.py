"""Search: the index built from the fixture directory finds what people type, and lunr.js agrees with lunr.py."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess

import pytest
from lunr.builder import Builder
from lunr.stemmer import stemmer
from lunr.token import Token

from directory import search
from directory.data.checks import validate_data
from directory.derive import derive
from directory.model import build_directory
from directory.search import docs as search_docs
from directory.search import index as search_index
from directory.search import split as search_split
from directory.search.spanish import spanish_stem
from support import ROOT, search_twin
from support.builders import MINIMAL, make_program, write_entry, write_minimal_dataset
from support.building import pinned_clock

HOSTILE_NAMES = {
    "hostile-html": "<img src=x onerror=alert(1)>",
    "hostile-syntax": 'title:data -foo *bar ~baz ^2 "quoted c++',
    "hostile-accents": "Café Ñandú İstanbul ﬁle",
    "hostile-astral": "Rocket 🚀 𠀀 𝔻ata",
    "hostile-proto": "constructor __proto__ toString",
}
ODD_QUERIES = [
    "c++",
    '"data',
    "title:",
    "-",
    "*",
    "~",
    "^",
    "",
    "   ",
    "the and of",
    "a" * 500,
    "𠀀🚀",
    "\u0000\ufeff",
    "constructor",
    "__proto__",
    "-data +web",
    "web~2^10",
]

# Real queries against the fixture directory: the entry that must come first, or within the top few.
REAL_QUERIES = [
    ("cyber", "pathways/cybersecurity/", 1),  # a prefix: "cyber" finds "cybersecurity"
    ("cybersecurity", "pathways/cybersecurity/", 1),
    ("Cybersecurty", "pathways/cybersecurity/", 1),  # a typo
    ("web developers", "occupations/15-1134/", 1),  # exact name first
    ("15-1254", "occupations/15-1134/", 1),  # SOC code
    ("15-1134", "occupations/15-1134/", 1),  # 2010 SOC code
    ("information security analysts", "occupations/15-1122/", 1),
    ("college security coursework", "pathways/cybersecurity/#step-security-course", 1),
    ("techhire", "partnerships/techhire/", 1),
    ("lausd", "partners/lausd/", 1),  # short name
    ("googel", "partners/google/", 1),
    ("samasch", "partners/samaschool/", 1),
    ("pierce boot", "programs/pierce-college-coding-boot-camp/", 1),  # all words before any word
    ("boot camp", "programs/santa-monica-college-coding-boot-camp/", 5),
    ("santa monica", "partners/santa-monica-college/", 3),
    ("AWS", "partners/amazon-web-services/", 1),
    ("technologies", "partnerships/greater-philadelphia-technology-partnership/", 3),  # a plural finds the singular
    ("faculty externship", "programs/la-coalition-faculty-externships/", 1),
    ("internships", "programs/la-coalition-internship-pipeline/", 3),
    ("database administrator", "occupations/15-1141/", 5),
]


@pytest.fixture(scope="module")
def site(fixture_data):
    """The search assets of the fixture directory, built as the build builds them."""
    with pinned_clock():
        directory = build_directory(validate_data(fixture_data).entries)
    derive(directory)
    assets = search.build_search_assets(directory)
    index, store = search_index.unsplit_search(directory)
    return {"directory": directory, "assets": assets, "index": index, "store": store, "loaded": search_twin.load_index(index)}


def found(site, query: str) -> list[str]:
    docs = site["store"]["docs"]
    return [docs[int(ref)][2] for ref in search_twin.query_index(site["loaded"], query)]


def test_every_entry_and_step_is_a_result(site):
    directory = site["directory"]
    urls = [row[2] for row in site["store"]["docs"]]
    expected = [item.url for name in ("programs", "partners", "pathways", "partnerships", "occupations") for item in directory.collection(name).values()]
    expected += [f"{pathway.url}#{step.anchor}" for pathway in directory.pathways.values() for step in pathway.steps]
    assert sorted(urls) == sorted(expected)
    assert len(urls) == len(set(urls))
    assert not any(url.startswith("regions/") for url in urls)


def test_program_rows_carry_card_and_facet_values(site):
    rows = {row[2]: row for row in site["store"]["docs"]}
    kind, name, _, line, by, regions, program_type, costs, formats, cost_text = rows["programs/santa-monica-college-coding-boot-camp/"]
    assert (kind, name, by, regions, program_type) == ("program", "Santa Monica College coding boot camp", "Santa Monica College", ["los-angeles"], "bootcamp")
    assert 0 < len(line) <= search_docs.LINE_LIMIT + 1
    assert "unknown" not in costs and formats == ["in-person"]
    labels = site["store"]["labels"]
    assert labels["bootcamp"] == "Boot camp" and labels["los-angeles"] == "Los Angeles" and labels["step"] == "Pathway step"


def test_index_is_compact_and_expands_to_lunr_form(site):
    index = site["index"]
    assert set(index) == {"lunr", "fields", "terms", "postings", "weights"}
    assert index["terms"] == sorted(index["terms"])
    assert all(w == float(f"{w:.3g}") for weights in index["weights"].values() for w in weights)  # rounded
    serialized, name_sizes, doc_counts = search_twin.expand_index(index)
    assert serialized["version"] == "2.3.9" and serialized["pipeline"] == []
    assert [posting["_index"] for _, posting in serialized["invertedIndex"]] == list(range(len(index["terms"])))
    assert name_sizes["0"] == len(set(search_docs.tokenize(site["store"]["docs"][0][1])))
    assert doc_counts["cybersecurity"] == sum(len(refs) for refs in index["postings"][index["terms"].index("cybersecurity")].values())


def test_compaction_keeps_what_lunr_built(site):
    original = search_index.lunr_index(search_docs.search_documents(site["directory"]), Builder)
    expanded, _, _ = search_twin.expand_index(search_index.compact_index(original))
    original_terms = {term: {f: sorted(refs) for f, refs in posting.items() if f != "_index"} for term, posting in original["invertedIndex"]}
    expanded_terms = {term: {f: sorted(refs) for f, refs in posting.items() if f != "_index"} for term, posting in expanded["invertedIndex"]}
    assert expanded_terms == original_terms
    terms = [term for term, _ in original["invertedIndex"]]
    by_index = {posting["_index"]: term for term, posting in original["invertedIndex"]}
    original_vectors = {ref: {by_index[e[i]]: e[i + 1] for i in range(0, len(e), 2)} for ref, e in original["fieldVectors"] if e}
    expanded_vectors = {ref: {terms[e[i]]: e[i + 1] for i in range(0, len(e), 2)} for ref, e in expanded["fieldVectors"]}
    assert expanded_vectors.keys() == original_vectors.keys()
    for ref, weights in original_vectors.items():
        assert expanded_vectors[ref].keys() == weights.keys()
        assert all(abs(expanded_vectors[ref][t] - w) <= 0.005 * w + 1e-9 for t, w in weights.items()), ref


@pytest.mark.parametrize(("query", "url", "within"), REAL_QUERIES)
def test_real_queries_find_the_expected_entry(site, query, url, within):
    results = found(site, query)
    assert url in results[:within], f"{query!r}: {url} not in the top {within}: {results[: within + 3]}"


def test_a_word_in_a_name_outranks_the_same_word_in_a_line(site):
    assert found(site, "mastercard")[0] == "partners/mastercard/"
    assert found(site, "web developer")[0].endswith("#step-web-developer")  # two pathways have this step: exact name first


def test_common_terms_still_match_and_rank_by_the_rare_ones(site):
    loaded = site["loaded"]
    common = {term for term, count in loaded.doc_counts.items() if count > 3}
    assert {"college", "los", "angeles"} <= common
    everything = search_twin.query_index(loaded, "los angeles college coding", common_docs=10**9)
    cut = search_twin.query_index(loaded, "los angeles college coding", common_docs=3)
    assert sorted(cut) == sorted(everything)  # the same documents match
    docs = site["store"]["docs"]
    assert docs[int(cut[0])][2] == "programs/pierce-college-coding-boot-camp/"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("15-1134", ["151134"]),
        ("Café", ["cafe"]),
        ("IT support", ["it", "support"]),
        ("C++ & C#", ["c", "c"]),
        ("the and of", []),
        ("ﬁle", ["file"]),
        ("İstanbul", ["istanbul"]),
        ("𝔻ata 🚀 𠀀", ["data"]),
        ("pay-it-forward", ["pay", "it", "forward"]),
        ("1-2-3 a-1", ["123", "1"]),
    ],
)
def test_tokenize(text, words):
    assert search_docs.tokenize(text) == words


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A small dataset whose program names are HTML, lunr syntax, accents and astral characters."""
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(ROOT / "data" / "schemas", root / "schemas")
    for (collection, entry_id), build in MINIMAL.items():
        write_entry(root, collection, entry_id, build())
    for entry_id, name in HOSTILE_NAMES.items():
        write_entry(root, "programs", entry_id, make_program(name=name, pathway_steps=[]))
    result = validate_data(root)
    assert not result.errors, [p.text() for p in result.errors]
    directory = build_directory(result.entries)
    derive(directory)
    assets = search.build_search_assets(directory)
    index, store = search_index.unsplit_search(directory)
    return {"directory": directory, "assets": assets, "index": index, "store": store, "loaded": search_twin.load_index(index)}


@pytest.mark.parametrize(
    ("query", "entry_id"),
    [
        ("img onerror", "hostile-html"),
        ("cafe nandu", "hostile-accents"),
        ("quoted", "hostile-syntax"),
        ("rocket data", "hostile-astral"),
        ("constructor", "hostile-proto"),
    ],
)
def test_hostile_names_are_indexed_as_words(hostile, query, entry_id):
    docs = hostile["store"]["docs"]
    results = [docs[int(ref)] for ref in search_twin.query_index(hostile["loaded"], query)]
    assert results and results[0][2] == f"programs/{entry_id}/"
    assert results[0][1] == HOSTILE_NAMES[entry_id]  # the store keeps the name as it is: cards set it as text


def test_build_is_deterministic_and_named_by_content(site):
    again = search.build_search_assets(site["directory"])
    assert again.files == site["assets"].files and again.urls == site["assets"].urls
    digest = site["assets"].urls["manifest"].split(".")[1]
    assert re.fullmatch(r"[0-9a-f]{10}", digest)
    for path in site["assets"].files:
        if path.startswith("search/"):
            assert re.fullmatch(rf"search/(manifest|terms-[0-9]+|numbers-[0-9]{{1,2}}|rows-[0-9]+|facets-[0-9]+|program-facets)\.{digest}\.json", path), path
    lunr = site["assets"].urls["lunr"]
    assert site["assets"].files[lunr] == (ROOT / "node_modules" / "lunr" / "lunr.min.js").read_bytes()


def test_missing_lunr_js_says_how_to_fix_it(site, tmp_path):
    with pytest.raises(search.SearchError, match="make setup"):
        search.build_search_assets(site["directory"], lunr_package=tmp_path)


def test_index_stays_small(site):
    files = site["assets"].files
    assert len(gzip.compress(files[site["assets"].urls["manifest"]])) < 8_000
    assert max(len(gzip.compress(data)) for path, data in files.items() if "/terms-" in path) < 4_000


# ---- lunr.js (node) must return what lunr.py returns -------------------------------------

AGREEMENT_QUERIES = (
    [query for query, _, _ in REAL_QUERIES] + ["it support", "los angeles coding", "data", "de", "netw sup", "philadelphia tech", "free online"] + ODD_QUERIES
)
TOKENIZE_CASES = ["15-1134 and 1-2-3", "Café Ñandú İstanbul ﬁle ß", "𝔻ata 🚀 𠀀 x", "C++ & C# -foo *bar", "ΣΑΣ Straße", "résumé naïve"] + list(
    HOSTILE_NAMES.values()
)


# Queries with words, written in lunr's query syntax: a required or prohibited word, a field, a wildcard, a typo distance, a boost.
LUNR_SYNTAX = [
    "-data +web",
    "+cyber -data",
    "-data",
    "title:cyber",
    "name:google",
    "web*",
    "*data*",
    "cyber~1",
    "data~",
    "data^10 web",
    "web^",
    '"web developer"',
]
LUNR_SYNTAX += ["+", ":", "\\"]  # no words: nothing found


# Spanish queries of the Spanish index: accented and not, a verb and its nouns, English words of English names, stop words.
SPANISH_QUERIES = [
    "programación",
    "programacion",
    "programar",
    "programas",
    "programaci",
    "análisis de datos",
    "analisis de datos",
    "data analysis",
    "soporte de TI",
    "IT support",
    "tecnologías",
    "technology",
    "learn to code",
    "desarrollo web",
    "web development",
    "metro de prueba",
    "de la y",
    "curso introductorio",
]
SPANISH_WORDS = ["programación", "programacion", "programar", "programas", "ingeniería", "ingenieria", "región", "conexion", "tecnologías", "developers"]


def test_lunr_js_agrees_with_lunr_py(site, hostile, spanish_search, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the lunr.js agreement test (tests/search.test.mjs) needs it")
    if not (ROOT / "node_modules" / "lunr" / "lunr.js").exists():
        pytest.skip("node_modules/lunr is missing: run make setup (npm ci)")
    datasets = []
    # common_docs=3 sends the site data's frequent words down the common-terms path too.
    for name, built, common_docs in (("site", site, None), ("site, common terms", site, 3), ("hostile", hostile, None), ("Spanish", spanish_search, None)):
        path = tmp_path / f"{len(datasets)}.index.json"
        path.write_text(json.dumps(built["index"]), encoding="utf-8")
        queries = (
            AGREEMENT_QUERIES if built is site else [*AGREEMENT_QUERIES, *HOSTILE_NAMES.values()] if built is hostile else SPANISH_QUERIES + AGREEMENT_QUERIES
        )
        expected = {query: search_twin.query_index(built["loaded"], query, common_docs)[:10] for query in queries}
        datasets.append({"name": name, "index": str(path), "commonDocs": common_docs, "expected": expected})
    tokens = {text: search_docs.tokenize(text) for text in TOKENIZE_CASES}
    # A query lunr would read as syntax must find what its words alone find ("-data +web" what "data web" finds).
    syntax = {query: search_twin.query_index(site["loaded"], " ".join(search_twin.query_words(query))) for query in ODD_QUERIES + LUNR_SYNTAX}
    assert all(syntax[query] for query in LUNR_SYNTAX if search_twin.query_words(query))  # each finds something, so a lost result shows
    fixture = tmp_path / "expected.json"
    spanish = {
        "words": {text: search_twin.query_words(text, "es") for text in SPANISH_QUERIES + ODD_QUERIES},
        "stems": {word: [spanish_stem(word), str(stemmer(Token(word)))] for word in search_docs.tokenize(" ".join(SPANISH_WORDS))},
    }
    fixture.write_text(json.dumps({"datasets": datasets, "tokenize": tokens, "syntax": syntax, "spanish": spanish}, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "search.test.mjs")],
        env=os.environ | {"SEARCH_EXPECTATIONS": str(fixture)},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# skipped 0" in done.stdout and "# fail 0" in done.stdout
    assert f"# pass {3 + len(datasets)}" in done.stdout, done.stdout


def test_files_are_named_by_what_they_are_built_from(site, data_dir):
    plan = search.plan_search_assets(site["directory"])
    assert plan.urls == site["assets"].urls and plan.files == {}  # named before they are made
    directory = build_directory(validate_data(data_dir).entries)
    before = search.plan_search_assets(directory).urls["manifest"]
    next(iter(directory.programs.values())).values["name"] = "Renamed Program"
    after = search.plan_search_assets(directory).urls["manifest"]
    assert after != before and re.fullmatch(r"search/manifest\.[0-9a-f]{10}\.json", after)


def test_word_list_builder_builds_what_lunr_builds(site):
    from directory.search.word_list import WordListBuilder

    docs = search_docs.search_documents(site["directory"])
    assert search_index.lunr_index(docs, WordListBuilder) == search_index.lunr_index(docs, Builder)


# ---- The split files rank as the unsplit index --------------------------------------------

SPLIT_WORDS = "cloud data web network security support design cyber python java analytics systems database mobile devops".split()


@pytest.fixture(scope="module")
def larger(tmp_path_factory):
    """The minimal dataset plus 600 programs named from a few words and a number: many shards."""
    root = write_minimal_dataset(tmp_path_factory.mktemp("larger") / "data")
    for number in range(600):
        first, second = SPLIT_WORDS[number % 15], SPLIT_WORDS[(number + 1 + (number // 15) % 14) % 15]
        name = f"{first.title()} {second.title()} Training {number}"
        write_entry(root, "programs", f"training-{number}", make_program(name=name, skills=[first, second], pathway_steps=[]))
    result = validate_data(root)
    assert not result.errors, [p.text() for p in result.errors[:3]]
    directory = build_directory(result.entries)
    derive(directory)
    index, store = search_index.unsplit_search(directory)
    return {"directory": directory, "index": index, "store": store, "loaded": search_twin.load_index(index)}


def split_queries(index: dict) -> list[str]:
    """Many queries from the index's own terms: whole words, fragments, typos, numbers, pairs."""
    terms = index["terms"]
    picked = terms[:: max(1, len(terms) // 150)]
    queries = list(AGREEMENT_QUERIES)
    for number, term in enumerate(picked):
        queries.append(term)
        queries.append(term[:3])
        if len(term) >= 5:
            queries.append(term[0] + term[2:])  # a letter missing
            queries.append(term[1] + term[0] + term[2:])  # two letters swapped
        queries.append(f"{term} {picked[(number * 7) % len(picked)]}")
    return queries + ["12", "1", "123", "5a7", "data 42", "securty trainng 15", "x1234"]


def write_split(folder, directory, common=None, language="en") -> int:
    """Write the split files of a directory into folder as KEY.json; return the number of term shards.

    A language other than English: the files as the build makes them (search/es/terms-3.<digest>.json is terms-3).
    """
    folder.mkdir(parents=True)
    if language != "en":
        assets = search.build_search_assets(directory, language=language)
        for path, data in assets.files.items():
            if path.startswith(f"search/{language}/"):
                (folder / f"{path.rsplit('/', 1)[1].split('.')[0]}.json").write_bytes(data)
        return len(json.loads(assets.files[assets.urls["manifest"]])["shards"])
    docs = search_docs.search_documents(directory)
    store = search_index.build_store(docs, directory)
    manifest, files = search_split.split_index(search_index.lunr_index(docs), docs, store["labels"], common)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for key, data in files.items():
        (folder / f"{key}.json").write_text(json.dumps(data), encoding="utf-8")
    return len(manifest["shards"])


def test_split_index_ranks_as_the_unsplit_index(site, hostile, larger, spanish_search, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the split index test (tests/search_split.test.mjs) needs it")
    datasets = []
    built_sets = (
        ("site", site, None),
        ("hostile", hostile, None),
        ("larger", larger, None),
        ("larger, common terms", larger, 20),
        ("Spanish", spanish_search, None),
    )
    for name, built, common in built_sets:
        folder = tmp_path / str(len(datasets))
        shards = write_split(folder, built["directory"], common, built["index"].get("language", "en"))
        (folder / "index.json").write_text(json.dumps(built["index"]), encoding="utf-8")
        (folder / "store.json").write_text(json.dumps(built["store"]), encoding="utf-8")
        queries = split_queries(built["index"]) + ([*HOSTILE_NAMES.values()] if built is hostile else SPANISH_QUERIES if built is spanish_search else [])
        datasets.append(
            {
                "name": name,
                "folder": str(folder),
                "index": str(folder / "index.json"),
                "store": str(folder / "store.json"),
                "commonDocs": common,
                "queries": queries,
                "shards": shards,
            }
        )
    assert datasets[2]["shards"] >= 10  # the larger directory really is split
    fixture = tmp_path / "split.json"
    fixture.write_text(json.dumps({"datasets": datasets}, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "search_split.test.mjs")],
        env=os.environ | {"SEARCH_SPLIT": str(fixture)},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# skipped 0" in done.stdout and "# fail 0" in done.stdout
    assert f"# pass {1 + 3 * len(datasets)}" in done.stdout


def test_a_common_term_carries_no_weights(larger):
    docs = search_docs.search_documents(larger["directory"])
    manifest, files = search_split.split_index(search_index.lunr_index(docs), docs, {}, 20)
    shard = next(files[f"terms-{n}"] for n, (first, _) in enumerate(manifest["shards"]) if "training" in files[f"terms-{n}"]["terms"])
    entry = shard["postings"][shard["terms"].index("training")]
    assert list(entry) == ["n"] and all(isinstance(gap, int) for gap in entry["n"]) and sum(entry["n"]) >= 599
    assert manifest["common"] == 20 and manifest["docCount"] == len(manifest["nameSizes"]) == len(docs)
