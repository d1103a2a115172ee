"""A lunr.py index builder for documents whose fields are lists of final words."""

from __future__ import annotations

from collections import defaultdict

from lunr.builder import Builder
from lunr.field_ref import FieldRef

# Every posting's metadata is empty (no whitelist), so they all share one empty dict that nothing
# writes to: a posting then costs a pointer, not a dict of its own (50,000 programs: ~100 MiB less).
_NO_METADATA: dict = {}


class WordListBuilder(Builder):
    """lunr.py's Builder, fed lists of words that need no tokenizing and carry no metadata.

    lunr's own add() wraps every word in a Token with a deep copy of an empty metadata
    dict: about a third of the index build at 10,000 programs. With no pipeline and no
    metadata whitelist, this add() fills the same inverted index, term numbers, field
    frequencies and lengths (tests/test_search.py compares the two serialized indexes).
    """

    def add(self, doc, attributes=None):
        if self.metadata_whitelist or self.pipeline._stack:
            return super().add(doc, attributes)
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        inverted = self.inverted_index
        for field_name in self._fields:
            words = [str(word).lower() for word in doc.get(field_name) or ()]
            field_ref = str(FieldRef(doc_ref, field_name))
            frequencies = defaultdict(int)
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(words)
            for word in words:
                frequencies[word] += 1
                posting = inverted.get(word)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted[word] = posting
                if doc_ref not in posting[field_name]:
                    posting[field_name][doc_ref] = _NO_METADATA

    def _create_token_set(self):
        """Leave the token set out: only a loaded index needs it, and the serialized form does not hold it.

        lunr.js (and lunr.py's Index.load) build it again from the inverted index; built here
        it would be a trie of every term, the largest object of the build at 50,000 programs.
        """
        if self.metadata_whitelist or self.pipeline._stack:
            return super()._create_token_set()
        self.token_set = None

    def serialized(self) -> dict:
        """Return what build().serialize() returns, letting go of each step's data once the next holds it.

        The term frequencies go once the field vectors hold their scores, and the vectors go
        one by one as they are written out: at 50,000 programs the index is built with a
        third less memory. tests/test_search.py compares the result with lunr's Builder.
        """
        from lunr import __TARGET_JS_VERSION__

        self._calculate_average_field_lengths()
        self._create_field_vectors()
        self.field_term_frequencies = {}
        vectors, self.field_vectors = self.field_vectors, {}
        field_vectors = []
        for ref in list(vectors):
            field_vectors.append([ref, vectors.pop(ref).serialize()])
        inverted, self.inverted_index = self.inverted_index, {}
        return {
            "version": __TARGET_JS_VERSION__,
            "fields": list(self._fields.keys()),
            "fieldVectors": field_vectors,
            "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)],
            "pipeline": self.search_pipeline.serialize(),
        }
