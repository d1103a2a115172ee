"""Long queries: words and queries are capped and long words get no typo variants, in both twins.

Issue 12, item 9: `/search/?q=` and 10,000 letters froze the visitor's tab for 21 s, because
lunr's typo set grows with the square of a word's length. search.js and its Python twin
(tests/support/search_twin.py) cap the query and its words the same way;
tests/search_limits.test.mjs holds lunr.js to it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from directory.data.checks import validate_data
from directory.derive import derive
from directory.model import build_directory
from directory.search import index as search_index
from support import ROOT, search_twin
from support.builders import make_partner, make_program, write_entry, write_minimal_dataset

LONG_WORD = "pneumonoultramicroscopicsilicovolcanoconiosis"  # 45 letters, longer than MAX_WORD
MAX_SECONDS = 0.5

QUERIES = [
    "a" * 10_000,  # the reported query
    "ab" * 5_000,
    " ".join(["abcdefghijklmnopqrstuvwxyz" * 4] * 10),
    " ".join(f"{letter * 19}z" for letter in "bcdefghijk"),  # ten words just within FUZZY_MAX
    "🚀" * 5_000 + " web",  # astral characters: counted as characters on both sides
    "é" * 300 + " web",  # one character in the query, two in NFKD: the cap counts what was typed
    "web " * 3_000,
    "ﷺ" * 50,  # NFKD makes 18 letters of each
    LONG_WORD,
    LONG_WORD[:40] + "x" * 10,  # the first MAX_WORD letters decide
    "electroencephalograpy",  # a typo in a 21-letter word: no typo variants
    "electroencephalography",
    "telecomunications",  # a typo in a 17-letter word is still forgiven
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """The compact index of the minimal dataset plus entries with very long words, and its lunr.py load."""
    if not (ROOT / "node_modules" / "lunr" / "lunr.min.js").exists():
        pytest.skip("node_modules/lunr is missing: run make setup (npm ci)")
    data_dir = write_minimal_dataset(tmp_path_factory.mktemp("limits") / "data")
    write_entry(data_dir, "programs", "eeg-technician", make_program(name="Electroencephalography Technician Course"))
    write_entry(data_dir, "programs", "network-course", make_program(name="Telecommunications Network Course"))
    write_entry(data_dir, "partners", "long-word-clinic", make_partner(name=f"The {LONG_WORD.title()} Clinic"))
    result = validate_data(data_dir)
    assert not result.errors, [problem.text() for problem in result.errors]
    directory = build_directory(result.entries)
    derive(directory)
    index, store = search_index.unsplit_search(directory)
    compact = json.dumps(index).encode("utf-8")
    names = [row[1] for row in store["docs"]]
    return compact, search_twin.load_index(index), names


def test_query_words_are_capped():
    assert search_twin.query_words("a" * 10_000) == ["a" * search_twin.MAX_WORD]
    assert search_twin.query_words("b" * 300 + " web") == ["b" * search_twin.MAX_WORD]  # "web" is past MAX_QUERY
    words = search_twin.query_words(" ".join(f"word{n:03d}" for n in range(1_000)))
    assert len(words) == search_twin.MAX_WORDS
    assert len(search_twin.query_words("x " * 10_000)) == 1
    assert all(len(word) <= search_twin.MAX_WORD for query in QUERIES for word in search_twin.query_words(query))


def test_long_words_get_no_typo_variants(index):
    _, loaded, _ = index
    assert search_twin.expand_words(loaded.index, ["electroencephalograpy"]) == {}  # 21 letters: no typo set
    assert "telecommunications" in search_twin.expand_words(loaded.index, ["telecomunications"])  # 17: forgiven


def test_a_word_longer_than_the_cap_still_finds_the_words_it_begins(index):
    _, loaded, names = index
    for query in (LONG_WORD, LONG_WORD[:40] + "x" * 10):
        assert [names[int(ref)] for ref in search_twin.query_index(loaded, query)] == [f"The {LONG_WORD.title()} Clinic"], query


def test_every_query_is_cut_to_bounded_words_before_it_reaches_the_index(index):
    """Unbounded words made typo variants take minutes; speed itself is for make bench, not a timed test."""
    _, loaded, _ = index
    for query in QUERIES:
        assert all(len(word) <= search_twin.MAX_WORD for word in search_twin.query_words(query))
        search_twin.query_index(loaded, query)  # answers, without raising


def test_lunr_js_reads_and_answers_long_queries_as_lunr_py_does(index, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: tests/search_limits.test.mjs needs it")
    compact, loaded, _ = index
    (tmp_path / "index.json").write_bytes(compact)
    cases = [{"query": query, "words": search_twin.query_words(query), "refs": search_twin.query_index(loaded, query)} for query in QUERIES]
    limits = {"query": search_twin.MAX_QUERY, "word": search_twin.MAX_WORD, "fuzzy": search_twin.FUZZY_MAX}
    expected = {"index": str(tmp_path / "index.json"), "cases": cases, "limits": limits, "maxMilliseconds": MAX_SECONDS * 1000}
    (tmp_path / "limits.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "search_limits.test.mjs")],
        env=os.environ | {"SEARCH_LIMITS": str(tmp_path / "limits.json")},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# pass 3" in done.stdout and "# fail 0" in done.stdout, done.stdout
