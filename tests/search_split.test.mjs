// The split index (search.py split_index, loaded by openSplit in search.js) ranks exactly as the
// unsplit index does, and a query fetches only the files its words reach.
// Run through pytest (tests/test_search.py::test_split_index_ranks_as_the_unsplit_index), which
// writes the split files of a directory, its compact index, its result store and the queries
// to a folder and passes a JSON file naming them in SEARCH_SPLIT: node --test tests/search_split.test.mjs
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const lunr = require("../node_modules/lunr/lunr.js");
require("../node_modules/lunr-languages/min/lunr.stemmer.support.min.js")(lunr); // the Spanish index's stop words and stemmer
require("../node_modules/lunr-languages/min/lunr.es.min.js")(lunr);
const search = require("../theme/static/js/engine.js");

const path = process.env.SEARCH_SPLIT;
const skip = path ? false : "SEARCH_SPLIT is not set: run this through pytest tests/test_search.py";
const expectations = path ? JSON.parse(readFileSync(path, "utf8")) : { datasets: [] };

function open(dataset, fetched) {
  const read = (name) => JSON.parse(readFileSync(join(dataset.folder, name + ".json"), "utf8"));
  return search.openSplit(lunr, read("manifest"), (key) => {
    fetched.push(key);
    return Promise.resolve().then(() => read(key));
  });
}

test("the split index is there to test", { skip }, () => {
  assert.ok(expectations.datasets.length > 0);
});

for (const dataset of expectations.datasets) {
  test(`the split index ranks as the unsplit index (${dataset.name}, ${dataset.queries.length} queries)`, async () => {
    const unsplit = search.loadIndex(lunr, JSON.parse(readFileSync(dataset.index, "utf8")));
    const store = JSON.parse(readFileSync(dataset.store, "utf8"));
    const fetched = [];
    const split = open(dataset, fetched);
    for (const query of dataset.queries) {
      const expected = search.queryIndex(lunr, unsplit, query, dataset.commonDocs ?? undefined);
      const found = await split.find(query);
      assert.deepEqual(found.slice(0, 10), expected.slice(0, 10), JSON.stringify(query));
      assert.equal(found.length, expected.length, JSON.stringify(query));
      const docs = found.slice(0, 10).map((ref) => split.store.docs[Number(ref)]);
      await split.rows(docs);
      for (const doc of docs) {
        const row = store.docs[doc.ref];
        assert.deepEqual([doc.kind, doc.name, doc.url, doc.line, doc.by, doc.regions], row.slice(0, 6), JSON.stringify(query));
        assert.deepEqual([doc.programType, doc.costs, doc.formats, doc.costText], row.length > 6 ? row.slice(6) : ["", [], [], ""]);
      }
    }
  });

  test(`a cold query fetches exactly the shards holding the terms its words reach (${dataset.name})`, async () => {
    const unsplit = search.loadIndex(lunr, JSON.parse(readFileSync(dataset.index, "utf8")));
    const manifest = JSON.parse(readFileSync(join(dataset.folder, "manifest.json"), "utf8"));
    const shardOf = (term) => manifest.shards.filter(([first]) => first <= term).length - 1;
    for (const query of dataset.queries) {
      const fetched = [];
      const split = open(dataset, fetched);
      await split.find(query);
      const reached = Object.keys(search.expandWords(lunr, unsplit.tokenSet, search.queryWords(query, unsplit.language), unsplit.language));
      const expected = [...new Set(reached.map((term) => "terms-" + shardOf(term)))].sort();
      assert.deepEqual(fetched.filter((key) => key.startsWith("terms-")).sort(), expected, JSON.stringify(query));
    }
  });
}

for (const dataset of expectations.datasets) {
  test(`facet files give every document its facet values, and no row is fetched for them (${dataset.name})`, async () => {
    const store = JSON.parse(readFileSync(dataset.store, "utf8"));
    const fetched = [];
    const split = open(dataset, fetched);
    await split.facets(split.store.docs);
    assert.ok(fetched.length > 0 && fetched.every((key) => key.startsWith("facets-")), JSON.stringify(fetched));
    split.store.docs.forEach((doc, ref) => {
      const row = store.docs[ref];
      assert.deepEqual([doc.kind, doc.regions], [row[0], row[5]]);
      assert.deepEqual([doc.programType, doc.costs, doc.formats], row.length > 6 ? row.slice(6, 9) : ["", [], []]);
    });
  });
}
