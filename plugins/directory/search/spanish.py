"""The Spanish search: the documents in Spanish, the Spanish stop words and the Spanish stemmer.

The Spanish index is made as the English one is (docs.py): whole words as `tokenize` makes
them, accents folded, so "programación" and "programacion" are one word; less the Spanish
stop words. The query side (engine.js with npm's lunr-languages in the browser,
tests/support/search_twin.py in the tests) drops the same stop words and adds stem variants
with the Spanish stemmer beside the English one, so "programar" reaches "programacion" and
"programas", and "technologies" still reaches "technology". Both sides look the two
functions up by lunr-languages' pipeline labels, `stopWordFilter-es` and `stemmer-es`:
lunr-languages registers them in lunr.js, register_pipeline() in lunr.py.

The index keeps whole words rather than stems so that a word typed halfway ("programaci")
still completes, and so that accents fold before the stemmer on both sides: stemming first
and folding after gives another stem for a third of the accented words ("ingeniería" ->
"ingeni", "ingenieria" -> "ingenieri"). lunr-languages' tokenizer (`trimmer-es`) is not used:
`tokenize` is the trimmer, and trimmer-es would strip every digit ("15-1134" would vanish).

Nothing is downloaded: the stop words are read from lunr-languages' lunr.es.js, the file the
browser runs, and the stemmer is NLTK's SpanishStemmer, pure code and the same Snowball
algorithm as lunr-languages' (tests/test_search.py holds the two to the same stems in node).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from lunr.pipeline import Pipeline

from ..data.markdown import MarkdownRenderer
from ..derive import describe
from ..model import Directory
from .docs import SearchDoc, _short, sourced_documents, tokenize

LUNR_LANGUAGES_PACKAGE = Path(__file__).resolve().parents[3] / "node_modules" / "lunr-languages"
# The scripts the browser loads after lunr.js, in this order (from the package's min/ folder).
SCRIPTS = ("lunr.stemmer.support", "lunr.es")
STOP_WORD_LABEL, STEMMER_LABEL = "stopWordFilter-es", "stemmer-es"
# "ti" is a pronoun, and TI is Spanish for IT ("soporte de TI"): kept, as docs.py keeps "it".
KEPT_WORDS = frozenset({"ti"})
_STOP_WORD_LIST = re.compile(r"lunr\.es\.stopWordFilter\s*=\s*lunr\.generateStopWordFilter\(\s*'([^']*)'")
# Spanish writes a final -ión with its accent (programación, región, conexión); the stemmers
# strip -ación, -ución ... only when it is there, so a folded word gets it back before them.
_ION_ENDING = re.compile(r"ion$")


def read_stop_words(package: Path = LUNR_LANGUAGES_PACKAGE) -> frozenset[str] | None:
    """Return lunr-languages' Spanish stop words less KEPT_WORDS, or None if lunr.es.js is missing or has no list."""
    script = package / "lunr.es.js"
    match = _STOP_WORD_LIST.search(script.read_text(encoding="utf-8")) if script.is_file() else None
    return frozenset(match.group(1).split()) - KEPT_WORDS if match else None


@functools.cache
def _snowball():
    from nltk.stem.snowball import SpanishStemmer  # imported only when a Spanish index is made or searched

    return SpanishStemmer()


def spanish_stem(word: str) -> str:
    """Return the Spanish stem of a word as tokenize makes it (folded), as engine.js's Spanish stem does."""
    stem = _snowball().stem(_ION_ENDING.sub("ión", word))
    return "".join(char for char in unicodedata.normalize("NFKD", stem) if unicodedata.category(char)[0] != "M")


def register_pipeline(stop_words: frozenset[str]) -> None:
    """Register the Spanish stop-word filter and stemmer in lunr.py under lunr-languages' labels."""

    def stop_word_filter_es(token, i=None, tokens=None):
        return None if str(token) in stop_words else token

    def stemmer_es(token, i=None, tokens=None):
        return token.update(lambda word, metadata: spanish_stem(word))

    for function, label in ((stop_word_filter_es, STOP_WORD_LABEL), (stemmer_es, STEMMER_LABEL)):
        function.label = label
        Pipeline.registered_functions[label] = function  # register_function warns on a second build's call


def spanish_documents(directory: Directory, stop_words: frozenset[str]) -> list[SearchDoc]:
    """Return the search documents with their Spanish text, in search_documents' order, less the Spanish stop words.

    A Spanish name replaces the name (shown, and indexed as the name); the English name's
    other words go to the topics, so an English query still finds the entry and a Spanish
    name typed in full still counts as the exact name. A Spanish description gives the
    card's line; a step shows its pathway's Spanish name. What has no Spanish text stays as
    it is in English: the directory keeps organization and program names untranslated.
    """
    pairs = sourced_documents(directory)
    texts = [_spanish(source).get("description") for source, _ in pairs]
    described = iter(describe([text for text in texts if text], MarkdownRenderer()))
    region_names = spanish_region_names(directory)
    for (source, doc), text in zip(pairs, texts, strict=True):
        spanish = _spanish(source)
        if spanish.get("name"):
            english = doc.fields["n"]
            doc.name = spanish["name"]
            doc.fields["n"] = tokenize(spanish["name"])
            doc.fields["t"] = _beside(english, doc.fields["n"]) + doc.fields.get("t", [])
        if text:
            doc.line = _short(next(described)[1])
            doc.fields["d"] = tokenize(doc.line)
        if doc.kind == "step" and _spanish(source.pathway).get("name"):
            doc.by = _spanish(source.pathway)["name"]
            doc.fields["p"] = tokenize(doc.by) + _beside(doc.fields.get("p", []), tokenize(doc.by))
        regions = [word for region in doc.regions if region in region_names for word in tokenize(region_names[region])]
        if regions:
            doc.fields["r"] = regions + _beside(doc.fields.get("r", []), regions)
        doc.fields = {name: [word for word in words if word not in stop_words] for name, words in doc.fields.items()}
    return [doc for _, doc in pairs]


def _beside(words: list[str], taken: list[str]) -> list[str]:
    """Return the words that are not already taken (the Spanish text's own words)."""
    return [word for word in words if word not in taken]


def spanish_region_names(directory: Directory) -> dict[str, str]:
    """Return {region id: Spanish name} for the regions whose name Spanish writes differently."""
    return {region.id: region.values["es"]["name"] for region in directory.regions.values() if _spanish(region).get("name")}


def _spanish(source) -> dict:
    spanish = source.get("es")
    return spanish if isinstance(spanish, dict) else {}
