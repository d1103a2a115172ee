"""The query side of search in Python, for the tests: load the compact index with lunr.py and rank as search.js does.

search.js's engine is what visitors run, and the oracle: tests/test_search.py and
tests/test_search_limits.py hold it to the results and words of this twin (through
tests/search*.test.mjs in node), so what a test states here holds in the browser, and lunr.py
checks that the engine scores as lunr does. Change both together.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer
from lunr.token import Token
from lunr.token_set import TokenSet

from directory.search import spanish
from directory.search.docs import tokenize
from directory.search.split import COMMON_MIN_DOCS, COMMON_SHARE

_DIGITS = re.compile(r"[0-9]+")

# How a query word is matched, as in search.js: the word itself counts most, then words it
# begins, then words beginning with its stem (plurals: "technologies" finds "technology"),
# then words one edit away (typos), for words of FUZZY_MIN characters or more that are not
# numbers (a SOC code one digit off is another job). A fragment shorter than WIDE_PREFIX_MIN
# completes only words of names: "co" begins a name far more often than it begins every
# "could" in the lines.
BOOST_EXACT, BOOST_PREFIX, BOOST_STEM, BOOST_FUZZY = 10, 3, 2, 1
PREFIX_MIN, WIDE_PREFIX_MIN, STEM_MIN, FUZZY_MIN, FUZZY_MAX, MAX_WORDS = 2, 4, 3, 5, 20, 10
# lunr's typo set (TokenSet.from_fuzzy_string) and its walk of the index grow with the square
# of a word's length: a query of 10,000 letters froze a visitor's tab for 21 s and ran node
# out of memory. So a query is read up to MAX_QUERY characters, each word up to MAX_WORD
# (a longer word still finds the words it begins), and only words of FUZZY_MIN to FUZZY_MAX
# characters get typo variants: no real word that long is mistyped into another real word.
MAX_QUERY, MAX_WORD = 200, 40
# lunr.js spends about 2 microseconds on each (document, field) a query touches, so a word in
# 10,000 documents costs 20-30 ms. A term in more than a quarter of all documents (and in
# more than COMMON_MIN_DOCS, so small sites never get here) says almost nothing about which
# document is meant (lunr's idf under 1.4): like Lucene's common-terms cutoff, it only counts
# toward the words a document matches, read straight from the inverted index, and adds no score.


@dataclass
class LoadedIndex:
    """A lunr.py index loaded from the compact form, with what ranking needs besides lunr."""

    index: Index
    name_sizes: dict[str, int]  # ref -> distinct words in its name
    doc_counts: dict[str, int]  # term -> documents that have it
    common_docs: int  # a term in more documents than this is common (see query_index)
    language: str = "en"  # the compact index's "language" (the manifest's): its stop words and stems


def expand_index(compact: dict) -> tuple[dict, dict[str, int], dict[str, int]]:
    """Return lunr's serialized index from the compact form, the name sizes and the term counts.

    engine.js `loadIndex` reads the same numbers into its own arrays (postings and field vectors by ref).
    """
    fields = compact["fields"]
    term_lists: dict[tuple[str, int], list[int]] = {}
    inverted, doc_counts = [], {}
    for number, (term, posting) in enumerate(zip(compact["terms"], compact["postings"], strict=True)):
        full = {}
        for name in fields:
            refs, ref = {}, 0
            for gap in posting.get(name, []):
                ref += gap
                refs[str(ref)] = {}
                term_lists.setdefault((name, ref), []).append(number)
            full[name] = refs
        full["_index"] = number
        inverted.append([term, full])
        doc_counts[term] = sum(len(gaps) for gaps in posting.values())  # a word is in one field of a document
    vectors, name_sizes = [], {}
    for name in fields:
        weights = iter(compact["weights"][name])
        for (_, ref), numbers in sorted(item for item in term_lists.items() if item[0][0] == name):
            vectors.append([f"{name}/{ref}", [x for number in numbers for x in (number, next(weights))]])
            if name == "n":
                name_sizes[str(ref)] = len(numbers)
    serialized = {"version": compact["lunr"], "fields": fields, "fieldVectors": vectors, "invertedIndex": inverted, "pipeline": []}
    return serialized, name_sizes, doc_counts


def load_index(compact: dict) -> LoadedIndex:
    """Load a compact index with lunr.py."""
    serialized, name_sizes, doc_counts = expand_index(compact)
    common = max(COMMON_MIN_DOCS, math.floor(len(name_sizes) * COMMON_SHARE))
    return LoadedIndex(Index.load(serialized), name_sizes, doc_counts, common, compact.get("language", "en"))


def _spanish(label: str):
    """Return the lunr.py pipeline function registered under one of lunr-languages' Spanish labels, as engine.js looks it up."""
    if label not in Pipeline.registered_functions:
        spanish.register_pipeline(spanish.read_stop_words())
    return Pipeline.registered_functions[label]


def query_words(text: str, language: str = "en") -> list[str]:
    """Return the distinct words of a query, at most MAX_WORDS, as the index holds them.

    Only the first MAX_QUERY characters are read, and each word is cut to MAX_WORD characters.
    In Spanish, the Spanish stop words go too (after cutting, as in search.js).
    """
    words = [word[:MAX_WORD] for word in tokenize((text or "")[:MAX_QUERY])]
    if language == "es":
        words = [word for word in words if _spanish(spanish.STOP_WORD_LABEL)(Token(word)) is not None]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def _stems(word: str, language: str = "en") -> list[str]:
    """Return a word's stems that differ from it: English's, and in Spanish the Spanish stem first."""
    stems = [str(_spanish(spanish.STEMMER_LABEL)(Token(word)))] if language == "es" else []
    stems.append(str(stemmer(Token(word))))
    return [stem for stem in dict.fromkeys(stems) if stem != word and len(stem) >= STEM_MIN]


@dataclass
class Expansion:
    """What an index term gets from the query: boosts in all fields and in names only, and the
    words (bit i for word i) that reached it each way."""

    boost: int = 0
    name_boost: int = 0
    words: int = 0
    name_words: int = 0

    def words_in(self, field_name: str) -> int:
        """Return the words that reach this term in a field."""
        return self.words | (self.name_words if field_name == "n" else 0)


def expand_words(index: Index, words: list[str], language: str = "en") -> dict[str, Expansion]:
    """Expand each word to the index terms it matches, with lunr's token sets, summing boosts.

    Each term then goes to lunr once, in one clause (two if a fragment also reached it as a
    name word), so lunr walks a long posting list once rather than once per variant.
    """
    terms: dict[str, Expansion] = {}

    def add(pattern: TokenSet, boost: int, bit: int, names_only: bool = False):
        for term in index.token_set.intersect(pattern).to_list():
            entry = terms.setdefault(term, Expansion())
            if names_only:
                entry.name_boost += boost
                entry.name_words |= bit
            else:
                entry.boost += boost
                entry.words |= bit

    for number, word in enumerate(words):
        bit = 1 << number
        add(TokenSet.from_string(word), BOOST_EXACT, bit)
        if len(word) >= PREFIX_MIN:
            add(TokenSet.from_string(word + "*"), BOOST_PREFIX, bit, names_only=len(word) < WIDE_PREFIX_MIN)
        for stem in _stems(word, language):
            add(TokenSet.from_string(stem + "*"), BOOST_STEM, bit)
        if FUZZY_MIN <= len(word) <= FUZZY_MAX and not _DIGITS.fullmatch(word):
            add(TokenSet.from_fuzzy_string(word, 1), BOOST_FUZZY, bit)
    return terms


def query_index(loaded: LoadedIndex, text: str, common_docs: int | None = None) -> list[str]:
    """Return the refs that match a query, best first, exactly as search.js ranks them.

    Exact name first, then documents matching more of the words, then lunr's score
    (rounded, so lunr.py and lunr.js sum to the same number), then document order.
    """
    words = query_words(text, loaded.language)
    terms = expand_words(loaded.index, words, loaded.language)
    common_docs = loaded.common_docs if common_docs is None else common_docs
    rare = sorted(term for term in terms if loaded.doc_counts[term] <= common_docs)
    found: dict[str, list] = {}  # ref -> [score, words reached]

    def build(query):
        for term in rare:
            if terms[term].boost:
                query.term(term, boost=terms[term].boost, use_pipeline=False)
            if terms[term].name_boost:
                query.term(term, boost=terms[term].name_boost, use_pipeline=False, fields=["n"])

    for result in loaded.index.query(callback=build) if rare else []:
        reached = 0
        for term, fields in result["match_data"].metadata.items():
            reached |= terms[term].words | (terms[term].name_words if "n" in fields else 0)
        found[result["ref"]] = [result["score"], reached]
    inverted = loaded.index.inverted_index
    for term in sorted(set(terms) - set(rare)):
        for field_name in loaded.index.fields:
            reached = terms[term].words_in(field_name)
            for ref in inverted[term][field_name] if reached else ():
                found.setdefault(ref, [0, 0])[1] |= reached

    def exact(ref: str) -> bool:
        return loaded.name_sizes.get(ref) == len(words) and all(ref in inverted.get(word, {}).get("n", {}) for word in words)

    ranked = sorted((not exact(ref), -reached.bit_count(), -math.floor(score * 1e6 + 0.5), int(ref)) for ref, (score, reached) in found.items())
    return [str(ref) for *_, ref in ranked]
