// Long queries cost the visitor's browser no more than short ones (issue 12, item 9).
// Run through pytest (tests/test_search_limits.py), which builds a small index, asks
// tests/support/search_twin.py (the Python twin) for the words and results of each query, and passes
// them in SEARCH_LIMITS: node --test tests/search_limits.test.mjs
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const lunr = require("../node_modules/lunr/lunr.js");
const search = require("../theme/static/js/engine.js");

const path = process.env.SEARCH_LIMITS;
const skip = path ? false : "SEARCH_LIMITS is not set: run this through pytest tests/test_search_limits.py";
const expected = path ? JSON.parse(readFileSync(path, "utf8")) : { cases: [], limits: {} };

test("search.js has the limits of the Python twin", { skip }, () => {
  assert.deepEqual({ query: search.MAX_QUERY, word: search.MAX_WORD, fuzzy: search.FUZZY_MAX }, expected.limits);
});

test("search.js reads a query's words as the Python twin does, within the limits", { skip }, () => {
  for (const { query, words } of expected.cases) {
    // Checked before any query runs: on an uncapped search.js the long ones would take minutes.
    assert.deepEqual(search.queryWords(query), words, JSON.stringify(query.slice(0, 60)));
  }
});

test("every query answers quickly and as the Python twin does", { skip }, () => {
  const loaded = search.loadIndex(lunr, JSON.parse(readFileSync(expected.index, "utf8")));
  for (const { query, refs } of expected.cases) {
    const started = performance.now();
    const found = search.queryIndex(lunr, loaded, query);
    const took = performance.now() - started;
    assert.deepEqual(found, refs, JSON.stringify(query.slice(0, 60)));
    assert.ok(took < expected.maxMilliseconds, `${JSON.stringify(query.slice(0, 60))} took ${took.toFixed(0)} ms`);
  }
});
