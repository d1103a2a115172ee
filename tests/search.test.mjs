// lunr.js must find what lunr.py finds: the same index, the same queries, the same top results.
// Run through pytest (tests/test_search.py::test_lunr_js_agrees_with_lunr_py), which builds the
// indexes with lunr.py, writes the results of its Python twin (tests/support/search_twin.py)
// to a JSON file and passes its path in
// SEARCH_EXPECTATIONS: node --test tests/search.test.mjs
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const lunr = require("../node_modules/lunr/lunr.js");
// The Spanish index's functions, from the files the build copies for the browser (search/spanish.py SCRIPTS).
require("../node_modules/lunr-languages/min/lunr.stemmer.support.min.js")(lunr);
require("../node_modules/lunr-languages/min/lunr.es.min.js")(lunr);
const search = require("../theme/static/js/engine.js");

const path = process.env.SEARCH_EXPECTATIONS;
const skip = path ? false : "SEARCH_EXPECTATIONS is not set: run this through pytest tests/test_search.py";
const expectations = path ? JSON.parse(readFileSync(path, "utf8")) : { datasets: [], tokenize: {}, spanish: { words: {}, stems: {} } };

test("search.js tokenises as search.py does", { skip }, () => {
  for (const [text, words] of Object.entries(expectations.tokenize)) {
    assert.deepEqual(search.tokenize(text), words, JSON.stringify(text));
  }
});

test("a Spanish query loses the Spanish stop words and stems its words as search_twin.py does", { skip }, () => {
  const spanish = search.languageOf(lunr, "es");
  for (const [text, words] of Object.entries(expectations.spanish.words)) {
    assert.deepEqual(search.queryWords(text, spanish), words, JSON.stringify(text));
  }
  for (const [word, stems] of Object.entries(expectations.spanish.stems)) {
    assert.deepEqual(spanish.stemmers.map((stemmer) => stemmer(lunr, word)), stems, JSON.stringify(word));
  }
});

for (const dataset of expectations.datasets) {
  test(`lunr.js returns lunr.py's top results (${dataset.name} data)`, () => {
    const loaded = search.loadIndex(lunr, JSON.parse(readFileSync(dataset.index, "utf8")));
    for (const [query, refs] of Object.entries(dataset.expected)) {
      const commonDocs = dataset.commonDocs === null ? undefined : dataset.commonDocs;
      assert.deepEqual(search.queryIndex(lunr, loaded, query, commonDocs).slice(0, 10), refs, JSON.stringify(query));
    }
  });
}

test("queries that lunr would parse as syntax find what their words alone find", { skip }, () => {
  const loaded = search.loadIndex(lunr, JSON.parse(readFileSync(expectations.datasets[0].index, "utf8")));
  for (const [query, refs] of Object.entries(expectations.syntax)) {
    assert.deepEqual(search.queryIndex(lunr, loaded, query), refs, JSON.stringify(query));
  }
});
