// Site search: lunr over the index the build writes (plugins/directory/search.py).
// Loaded on every page with defer; fetches lunr and the search manifest only on the search
// page or when the header box gets focus, then per query the index shards and result rows it
// needs (openSplit). Results are built with DOM APIs and textContent only. Queries are term
// clauses built here from words tokenised here and scored as lunr's Index.query scores them
// (scoreClauses), so no input is ever parsed as lunr syntax. The matching rules mirror query_index in search.py;
// tests/search.test.mjs holds the two to the same results.
(function () {
  "use strict";

  // ---- Matching: the twin of search.py -------------------------------------------------
  var STOP_WORDS = Object.create(null); // no prototype: "constructor" is a word like any other
  "a an and are as at be by for from in into is of on or the to with".split(" ").forEach(function (word) { STOP_WORDS[word] = true; });
  var BOOST_EXACT = 10, BOOST_PREFIX = 3, BOOST_STEM = 2, BOOST_FUZZY = 1;
  var PREFIX_MIN = 2, WIDE_PREFIX_MIN = 4, STEM_MIN = 3, FUZZY_MIN = 5, FUZZY_MAX = 20, MAX_WORDS = 10;
  // See search_query.py: lunr's typo set grows with the square of a word's length (10,000
  // letters froze a tab for 21 s), so a query is read up to MAX_QUERY characters, a word up
  // to MAX_WORD, and only words of FUZZY_MIN to FUZZY_MAX characters get typo variants.
  var MAX_QUERY = 200, MAX_WORD = 40;
  var COMMON_SHARE = 0.25, COMMON_MIN_DOCS = 1000; // see search.py: common terms add no score
  var MARKS = /\p{M}/gu, ASTRAL = /[\u{10000}-\u{10FFFF}]/gu, CODE_HYPHEN = /([0-9])-(?=[0-9])/g, SEPARATORS = /[^\p{L}\p{N}]+/u;

  function tokenize(text) {
    if (!text) return [];
    var folded = String(text).normalize("NFKD").toLowerCase().replace(MARKS, "").replace(CODE_HYPHEN, "$1").replace(ASTRAL, " ");
    return folded.split(SEPARATORS).filter(function (word) { return word && !STOP_WORDS[word]; });
  }

  // The first `limit` characters (code points, as Python counts them) of text.
  function firstCharacters(text, limit) {
    var head = String(text).slice(0, 2 * limit); // a character is at most two code units
    return head.length <= limit ? head : Array.from(head).slice(0, limit).join("");
  }

  function queryWords(text) {
    var seen = Object.create(null), words = [];
    tokenize(text ? firstCharacters(text, MAX_QUERY) : "").forEach(function (whole) {
      var word = whole.slice(0, MAX_WORD); // tokenize leaves no character outside the BMP
      if (!seen[word] && words.length < MAX_WORDS) { seen[word] = true; words.push(word); }
    });
    return words;
  }

  function stemOf(lunr, word) {
    var stem = lunr.stemmer(new lunr.Token(word)).toString();
    return stem !== word && stem.length >= STEM_MIN ? stem : "";
  }

  // Rebuild lunr's serialized index from the compact form (search.py compact_index).
  function expandIndex(compact) {
    var fields = compact.fields, empty = {}, termLists = {}, inverted = new Array(compact.terms.length), docCounts = Object.create(null);
    fields.forEach(function (field) { termLists[field] = []; });
    for (var number = 0; number < compact.terms.length; number++) {
      var posting = compact.postings[number], full = { _index: number }, count = 0;
      for (var f = 0; f < fields.length; f++) {
        var field = fields[f], gaps = posting[field] || [], refs = {}, lists = termLists[field], ref = 0;
        for (var g = 0; g < gaps.length; g++) {
          ref += gaps[g];
          refs[ref] = empty; // metadata is empty; lunr only reads it
          (lists[ref] || (lists[ref] = [])).push(number);
        }
        full[field] = refs;
        count += gaps.length; // a word is in one field of a document
      }
      inverted[number] = [compact.terms[number], full];
      docCounts[compact.terms[number]] = count;
    }
    var vectors = [], nameSizes = {};
    fields.forEach(function (field) {
      var weights = compact.weights[field], next = 0, lists = termLists[field];
      lists.forEach(function (numbers, ref) {
        var elements = new Array(numbers.length * 2);
        for (var i = 0; i < numbers.length; i++) { elements[2 * i] = numbers[i]; elements[2 * i + 1] = weights[next++]; }
        vectors.push([field + "/" + ref, elements]);
        if (field === "n") nameSizes[ref] = numbers.length;
      });
    });
    return { serialized: { version: compact.lunr, fields: fields, fieldVectors: vectors, invertedIndex: inverted, pipeline: [] }, nameSizes: nameSizes, docCounts: docCounts };
  }

  function loadIndex(lunr, compact) {
    var expanded = expandIndex(compact);
    var common = Math.max(COMMON_MIN_DOCS, Math.floor(Object.keys(expanded.nameSizes).length * COMMON_SHARE));
    var index = lunr.Index.load(expanded.serialized);
    return { index: index, tokenSet: index.tokenSet, nameSizes: expanded.nameSizes, docCounts: expanded.docCounts, commonDocs: common };
  }

  // ---- The split index (search.py split_index): fetch only what a query reaches --------
  // The manifest holds the vocabulary of words, the first term of each term shard and each
  // document's facet values; a query's words are expanded over the vocabulary (all-digit
  // terms come in small files by their first two digits), and only the term shards holding
  // the terms reached are fetched and added to a lunr index that grows as queries need it.
  // Terms keep their global numbers, so lunr sums a score in the same order as the unsplit
  // index and ranks the same. fetchFile(key) returns a promise of the parsed file "key".
  var DIGITS = /^[0-9]+$/;

  function mergeSorted(a, b) {
    var merged = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) merged.push(a[i++]);
      else if (i < a.length && a[i] === b[j]) { merged.push(a[i++]); j++; } else merged.push(b[j++]);
    }
    return merged;
  }

  function openSplit(lunr, manifest, fetchFile) {
    var fields = manifest.fields, firsts = manifest.shards.map(function (shard) { return shard[0]; });
    var numberKeys = Object.create(null), files = Object.create(null), vocabulary = manifest.words, stale = false;
    manifest.numbers.forEach(function (key) { numberKeys[key] = true; });
    var index = new lunr.Index({ invertedIndex: Object.create(null), fieldVectors: Object.create(null), tokenSet: lunr.TokenSet.fromArray(vocabulary), fields: fields, pipeline: new lunr.Pipeline() });
    var loaded = { index: index, tokenSet: index.tokenSet, nameSizes: manifest.nameSizes, docCounts: Object.create(null), commonDocs: manifest.common };
    var docs = manifest.docs.map(function (combo, ref) {
      var values = manifest.combos[combo];
      return { ref: ref, kind: values[0], regions: values[1], programType: values[2], costs: values[3], formats: values[4], name: "", url: "", line: "", by: "", costText: "", loaded: false };
    });

    function once(key, use) {
      if (!files[key]) {
        files[key] = fetchFile(key).then(use);
        files[key].catch(function () { delete files[key]; }); // a later query may try again
      }
      return files[key];
    }

    function addNumbers(terms) { vocabulary = mergeSorted(vocabulary, terms); stale = true; }

    function addShard(shard) {
      var empty = {};
      shard.postings.forEach(function (entry, i) {
        var term = shard.terms[i], number = shard.start + i, posting = { _index: number }, count = 0;
        fields.forEach(function (field) {
          var list = entry[field], refs = {};
          posting[field] = refs;
          if (!list) return;
          var common = !Array.isArray(list[0]), gaps = common ? list : list[0], ref = 0;
          for (var g = 0; g < gaps.length; g++) {
            ref += gaps[g];
            refs[ref] = empty;
            if (!common) {
              var key = field + "/" + ref, vector = index.fieldVectors[key] || (index.fieldVectors[key] = new lunr.Vector([]));
              vector.insert(number, list[1][g]);
            }
          }
          count += gaps.length;
        });
        index.invertedIndex[term] = posting;
        loaded.docCounts[term] = count;
      });
    }

    function shardOf(term) {
      var low = 0, high = firsts.length - 1;
      while (low < high) {
        var middle = (low + high + 1) >> 1;
        if (firsts[middle] <= term) low = middle; else high = middle - 1;
      }
      return low;
    }

    // Fetch what the query's words reach: number files first (they add terms), then shards.
    function prepare(text) {
      var words = queryWords(text), keys = [];
      words.forEach(function (word) {
        if (DIGITS.test(word)) {
          if (numberKeys[word.slice(0, 2)]) keys.push(word.slice(0, 2));
        } else if (word.length >= FUZZY_MIN && word.length <= FUZZY_MAX && word.replace(/[0-9]/g, "").length === 1) {
          keys = keys.concat(manifest.numbers); // one letter away from a number: a typo may reach any
        }
      });
      return Promise.all(keys.map(function (key) { return once("numbers-" + key, addNumbers); })).then(function () {
        if (stale) { loaded.tokenSet = index.tokenSet = lunr.TokenSet.fromArray(vocabulary); stale = false; }
        var shards = Object.create(null);
        Object.keys(expandWords(lunr, loaded.tokenSet, words)).forEach(function (term) { shards[shardOf(term)] = true; });
        return Promise.all(Object.keys(shards).map(function (shard) { return once("terms-" + shard, addShard); }));
      });
    }

    // Fetch the rows of the documents given (their cards' text).
    function rows(wanted) {
      var needed = Object.create(null);
      wanted.forEach(function (doc) { if (!doc.loaded) needed[Math.floor(doc.ref / manifest.rowsPerFile)] = true; });
      return Promise.all(Object.keys(needed).map(function (number) {
        return once("rows-" + number, function (list) {
          list.forEach(function (row, i) {
            var doc = docs[Number(number) * manifest.rowsPerFile + i];
            doc.name = row[0]; doc.url = row[1]; doc.line = row[2]; doc.by = row[3]; doc.costText = row[4]; doc.loaded = true;
          });
        });
      }));
    }

    return {
      loaded: loaded,
      store: { labels: manifest.labels, docs: docs },
      find: function find(text) {
        return prepare(text).then(function () {
          // Another query's number files may have grown the vocabulary meanwhile: fetch what that adds.
          var missing = Object.keys(expandWords(lunr, loaded.tokenSet, queryWords(text))).some(function (term) { return loaded.docCounts[term] === undefined; });
          return missing ? find(text) : queryIndex(lunr, loaded, text);
        });
      },
      rows: rows
    };
  }

  // Expand each word to the index terms it matches, with lunr's token sets, summing boosts
  // per term: each term then goes to lunr once (twice if a fragment also reached it as a
  // name word). bits/nameBits say which words (bit i for word i) reached the term each way.
  function expandWords(lunr, tokenSet, words) {
    var terms = Object.create(null);
    function add(pattern, boost, bit, namesOnly) {
      tokenSet.intersect(pattern).toArray().forEach(function (term) {
        var entry = terms[term] || (terms[term] = { boost: 0, nameBoost: 0, bits: 0, nameBits: 0 });
        if (namesOnly) { entry.nameBoost += boost; entry.nameBits |= bit; } else { entry.boost += boost; entry.bits |= bit; }
      });
    }
    words.forEach(function (word, i) {
      var bit = 1 << i, stem = stemOf(lunr, word);
      add(lunr.TokenSet.fromString(word), BOOST_EXACT, bit, false);
      if (word.length >= PREFIX_MIN) add(lunr.TokenSet.fromString(word + "*"), BOOST_PREFIX, bit, word.length < WIDE_PREFIX_MIN);
      if (stem) add(lunr.TokenSet.fromString(stem + "*"), BOOST_STEM, bit, false);
      if (word.length >= FUZZY_MIN && word.length <= FUZZY_MAX && !/^[0-9]+$/.test(word)) add(lunr.TokenSet.fromFuzzyString(word, 1), BOOST_FUZZY, bit, false);
    });
    return terms;
  }

  // lunr's Index.query for optional term clauses ({term, boost, fields}, terms the index has),
  // without the objects it makes per match (match data, sets, field refs): the same query
  // vectors (lunr.Vector, upserted as lunr does), the same (document, field) pairs in the same
  // order, each scored as lunr's Vector.similarity scores it and summed per document in that order,
  // so every score is lunr's to the bit (tests/test_search.py holds the results to lunr.py's).
  // Sets found: ref -> {score, reached: the words (bits) that reached the document}.
  function scoreClauses(lunr, index, clauses, terms, found) {
    var vectors = Object.create(null), done = Object.create(null), pairs = [], pairOf = Object.create(null);
    index.fields.forEach(function (field) { vectors[field] = new lunr.Vector(); pairOf[field] = Object.create(null); });
    function sum(a, b) { return a + b; }
    for (var c = 0; c < clauses.length; c++) {
      var clause = clauses[c], posting = index.invertedIndex[clause.term];
      if (posting === undefined) continue;
      for (var f = 0; f < clause.fields.length; f++) {
        var field = clause.fields[f], termField = clause.term + "/" + field;
        vectors[field].upsert(posting._index, clause.boost, sum);
        if (done[termField]) continue;
        done[termField] = true;
        var refs = posting[field], seen = pairOf[field], bits = terms[clause.term].bits | (field === "n" ? terms[clause.term].nameBits : 0);
        for (var ref in refs) { // in Object.keys order, as lunr walks them
          var pair = seen[ref];
          if (pair === undefined) { pair = seen[ref] = { ref: ref, field: field, bits: 0 }; pairs.push(pair); }
          pair.bits |= bits;
        }
      }
    }
    // lunr's similarity, query.dot(field) / query.magnitude(), walks both vectors; a query vector
    // of hundreds of expanded terms makes that slow, so the field vector's own (short) elements
    // are walked and the query's weights looked up: the same products, added in the same order.
    var weights = Object.create(null), magnitudes = Object.create(null);
    index.fields.forEach(function (field) {
      var elements = vectors[field].elements, lookup = weights[field] = Object.create(null);
      for (var e = 0; e < elements.length; e += 2) lookup[elements[e]] = elements[e + 1];
      magnitudes[field] = vectors[field].magnitude();
    });
    for (var p = 0; p < pairs.length; p++) {
      var one = pairs[p], lookup = weights[one.field], elements = index.fieldVectors[one.field + "/" + one.ref].elements, dot = 0;
      for (var i = 0; i < elements.length; i += 2) {
        var weight = lookup[elements[i]];
        if (weight !== undefined) dot += weight * elements[i + 1];
      }
      var score = dot / magnitudes[one.field] || 0, entry = found.get(one.ref);
      if (entry === undefined) found.set(one.ref, { score: score, reached: one.bits }); else { entry.score += score; entry.reached |= one.bits; }
    }
  }

  // Return the matching refs, best first: exact name, more words matched, score, document order.
  function queryIndex(lunr, loaded, text, commonDocs) {
    var words = queryWords(text);
    var terms = expandWords(lunr, loaded.tokenSet, words);
    var limit = commonDocs === undefined ? loaded.commonDocs : commonDocs;
    var all = Object.keys(terms).sort();
    var rare = all.filter(function (term) { return loaded.docCounts[term] <= limit; });
    var found = new Map(); // ref -> {score, reached: bit i for word i}
    var clauses = [];
    rare.forEach(function (term) {
      if (terms[term].boost) clauses.push({ term: term, boost: terms[term].boost, fields: loaded.index.fields });
      if (terms[term].nameBoost) clauses.push({ term: term, boost: terms[term].nameBoost, fields: ["n"] });
    });
    scoreClauses(lunr, loaded.index, clauses, terms, found);
    var inverted = loaded.index.invertedIndex;
    all.forEach(function (term) {
      if (loaded.docCounts[term] <= limit) return;
      loaded.index.fields.forEach(function (field) {
        var reached = terms[term].bits | (field === "n" ? terms[term].nameBits : 0);
        if (!reached) return;
        for (var ref in inverted[term][field]) {
          var entry = found.get(ref);
          if (entry === undefined) found.set(ref, { score: 0, reached: reached }); else entry.reached |= reached;
        }
      });
    });
    var ranked = [];
    found.forEach(function (entry, ref) {
      var matched = 0;
      for (var bits = entry.reached; bits; bits &= bits - 1) matched += 1;
      var exact = loaded.nameSizes[ref] === words.length && words.every(function (word) { return inverted[word] !== undefined && inverted[word].n[ref] !== undefined; });
      ranked.push({ ref: ref, exact: exact ? 0 : 1, matched: matched, score: Math.round(entry.score * 1e6), position: Number(ref) });
    });
    ranked.sort(function (a, b) {
      return a.exact - b.exact || b.matched - a.matched || b.score - a.score || a.position - b.position;
    });
    return ranked.map(function (entry) { return entry.ref; });
  }

  var core = { MAX_QUERY: MAX_QUERY, MAX_WORD: MAX_WORD, FUZZY_MAX: FUZZY_MAX, tokenize: tokenize, queryWords: queryWords, expandIndex: expandIndex, loadIndex: loadIndex, queryIndex: queryIndex, expandWords: expandWords, openSplit: openSplit };
  if (typeof module === "object" && module.exports) {
    module.exports = core; // node's test runner (tests/search.test.mjs)
    return;
  }

  // ---- Loading: only when wanted ---------------------------------------------------------
  // The search page has one box, its own; every other page has the header box. Whichever
  // form is there says where the index, the store and lunr are.
  var headerForm = document.querySelector("form.header-search");
  var pageForm = document.getElementById("search-form");
  var config = pageForm || headerForm;
  if (!config || !config.getAttribute("data-index")) return;
  var root = config.getAttribute("data-search-root") || "";
  var headerInput = headerForm ? headerForm.querySelector("input[name=q]") : null;
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.lunr) { resolve(window.lunr); return; }
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(window.lunr); };
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  // A split file is named like the manifest: search/terms-3.<digest>.json beside search/manifest.<digest>.json.
  function splitUrl(manifestUrl, key) {
    return manifestUrl.replace(/manifest\.([0-9a-f]+)\.json$/, key + ".$1.json");
  }

  function load() {
    if (!loading) {
      var manifestUrl = config.getAttribute("data-index");
      loading = Promise.all([loadScript(config.getAttribute("data-lunr")), fetchJson(manifestUrl)]).then(function (parts) {
        var engine = openSplit(parts[0], parts[1], function (key) { return fetchJson(splitUrl(manifestUrl, key)); });
        return { lunr: parts[0], engine: engine, store: engine.store };
      });
      loading.catch(function () { loading = null; }); // a later focus may try again
    }
    return loading;
  }

  function labelOf(store, value) {
    return Object.prototype.hasOwnProperty.call(store.labels, value) ? store.labels[value] : value;
  }

  // ---- Facets --------------------------------------------------------------------------
  var FACETS = [
    { param: "type", title: "Type of result", values: function (doc) { return [doc.kind]; } },
    { param: "program-type", title: "Type of program", values: function (doc) { return doc.programType ? [doc.programType] : []; } },
    { param: "cost", title: "Cost", values: function (doc) { return doc.costs; } },
    { param: "format", title: "Format", values: function (doc) { return doc.formats; } },
    { param: "region", title: "Region", values: function (doc) { return doc.regions; } }
  ];

  function passes(doc, chosen) {
    return FACETS.every(function (facet) {
      var wanted = chosen[facet.param];
      if (!wanted.length) return true;
      var values = facet.values(doc);
      return wanted.some(function (value) { return values.indexOf(value) !== -1; });
    });
  }

  // Count each value among the results that pass every other facet's choice, in one pass:
  // a result that fails no chosen facet counts everywhere, one that fails one counts there.
  function facetCounts(docs, chosen) {
    var counts = FACETS.map(function () { return Object.create(null); });
    docs.forEach(function (doc) {
      var failed = -1;
      for (var f = 0; f < FACETS.length; f++) {
        var wanted = chosen[FACETS[f].param], values = FACETS[f].values(doc);
        if (wanted.length && !wanted.some(function (value) { return values.indexOf(value) !== -1; })) {
          if (failed !== -1) return;
          failed = f;
        }
      }
      FACETS.forEach(function (facet, f) {
        if (failed === -1 || failed === f) facet.values(doc).forEach(function (value) { counts[f][value] = (counts[f][value] || 0) + 1; });
      });
    });
    return FACETS.map(function (facet, f) {
      chosen[facet.param].forEach(function (value) { counts[f][value] = counts[f][value] || 0; });
      return { facet: facet, counts: counts[f] };
    });
  }

  // ---- The search page -----------------------------------------------------------------
  var PAGE_SIZE = 50;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultCard(store, doc) {
    var item = el("li");
    var card = el("article", "card search-card search-" + doc.kind);
    var heading = el("h3", "card-title");
    var link = el("a", "", doc.name);
    link.href = root + "/" + doc.url;
    heading.appendChild(link);
    card.appendChild(heading);
    var meta = [labelOf(store, doc.kind)];
    if (doc.by) meta.push(doc.by);
    if (doc.regions.length) meta.push(doc.regions.map(function (region) { return labelOf(store, region); }).join(", "));
    card.appendChild(el("p", "card-meta", meta.join(" \u00b7 ")));
    if (doc.line) card.appendChild(el("p", "search-line", doc.line));
    var tags = [];
    if (doc.programType) tags.push(labelOf(store, doc.programType));
    if (doc.costText) tags.push(doc.costText);
    doc.formats.forEach(function (format) { tags.push(labelOf(store, format)); });
    if (tags.length) {
      var list = el("ul", "tags");
      list.setAttribute("aria-label", "Key facts");
      tags.forEach(function (tag) { list.appendChild(el("li", "tag", tag)); });
      card.appendChild(list);
    }
    item.appendChild(card);
    return item;
  }

  function plural(count, word) {
    return count.toLocaleString("en-US") + " " + word + (count === 1 ? "" : "s");
  }

  function startPage() {
    var input = document.getElementById("search-q");
    var facetForm = document.getElementById("search-facets");
    var facetBox = document.getElementById("search-facet-groups");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-list");
    var more = document.getElementById("search-more");
    var empty = document.getElementById("search-empty");
    var emptyText = document.getElementById("search-empty-text");
    var toggle = document.getElementById("search-facets-toggle");
    var applyButton = facetForm.querySelector(".apply-filters");
    // Wide screens show the filters beside the results and apply each change at once; on a
    // phone they open behind the toggle and apply with the Apply button, which closes them.
    var wide = window.matchMedia("(min-width: 52rem)");
    var search = null, matches = [], shown = 0, timer = null, renders = 0;

    function chosenFromUrl() {
      var params = new URLSearchParams(location.search), chosen = {};
      FACETS.forEach(function (facet) { chosen[facet.param] = params.getAll(facet.param); });
      return { q: params.get("q") || "", chosen: chosen };
    }

    function chosenFromForm() {
      var chosen = {};
      FACETS.forEach(function (facet) { chosen[facet.param] = []; });
      Array.prototype.forEach.call(facetForm.querySelectorAll("input[type=checkbox]:checked"), function (box) {
        chosen[box.name].push(box.value);
      });
      return chosen;
    }

    function writeUrl(push) {
      var params = new URLSearchParams(), chosen = chosenFromForm();
      if (input.value) params.set("q", input.value);
      FACETS.forEach(function (facet) { chosen[facet.param].forEach(function (value) { params.append(facet.param, value); }); });
      var query = params.toString(), url = location.pathname + (query ? "?" + query : "");
      if (url === location.pathname + location.search) return;
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }

    function renderFacets(counted, chosen) {
      var focused = document.activeElement && facetBox.contains(document.activeElement) ? document.activeElement.id : null;
      facetBox.textContent = "";
      counted.forEach(function (group) {
        var values = Object.keys(group.counts).sort(function (a, b) {
          return group.counts[b] - group.counts[a] || labelOf(search.store, a).localeCompare(labelOf(search.store, b));
        });
        if (!values.length) return;
        var fieldset = el("fieldset");
        fieldset.appendChild(el("legend", "", group.facet.title));
        values.forEach(function (value) {
          var id = "facet-" + group.facet.param + "-" + value.replace(/[^a-z0-9-]/gi, "_");
          var label = el("label");
          var box = el("input");
          box.type = "checkbox";
          box.name = group.facet.param;
          box.value = value;
          box.id = id;
          box.checked = chosen[group.facet.param].indexOf(value) !== -1;
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + labelOf(search.store, value) + " "));
          label.appendChild(el("span", "count", "(" + group.counts[value] + ")"));
          fieldset.appendChild(label);
        });
        facetBox.appendChild(fieldset);
      });
      facetForm.hidden = !facetBox.firstChild;
      var active = FACETS.reduce(function (total, facet) { return total + chosen[facet.param].length; }, 0);
      toggle.disabled = facetForm.hidden;
      toggle.textContent = active ? "Filters (" + active + " active)" : "Filters";
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    }

    function openFacets(open) {
      facetForm.classList.toggle("collapsed", !open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function showApply() { applyButton.hidden = wide.matches; }

    // Show the next PAGE_SIZE results once their rows are fetched; resolves to the first one's position.
    function showMore() {
      var start = shown, upto = Math.min(matches.length, shown + PAGE_SIZE), turn = renders;
      return search.engine.rows(matches.slice(start, upto)).then(function () {
        if (turn !== renders || shown !== start) return start;
        shown = upto;
        for (var i = start; i < shown; i++) list.appendChild(resultCard(search.store, matches[i]));
        more.hidden = shown >= matches.length;
        more.textContent = "Show " + Math.min(PAGE_SIZE, matches.length - shown) + " more";
        return start;
      });
    }

    // Find the query's results (fetching the index shards its words reach) and the first page's rows, then show them.
    function render(chosen) {
      var text = input.value.trim(), turn = ++renders;
      var anyChosen = FACETS.some(function (facet) { return chosen[facet.param].length; });
      var finding = queryWords(text).length ? search.engine.find(text) : Promise.resolve(null);
      finding.then(function (refs) {
        var found = refs ? refs.map(function (ref) { return search.store.docs[Number(ref)]; }) : anyChosen ? search.store.docs : [];
        var passing = found.filter(function (doc) { return passes(doc, chosen); });
        return search.engine.rows(passing.slice(0, PAGE_SIZE)).then(function () {
          if (turn === renders) show(text, anyChosen, chosen, found, passing);
        });
      }).catch(function () {
        if (turn === renders) status.textContent = "Search could not be loaded.";
      });
    }

    function show(text, anyChosen, chosen, found, passing) {
      matches = passing;
      renderFacets(facetCounts(found, chosen), chosen);
      list.textContent = "";
      shown = 0;
      showMore();
      empty.hidden = matches.length > 0 || (!text && !anyChosen);
      emptyText.textContent = "Nothing matches " + (text ? "\u201c" + text + "\u201d" : "these filters") + ". Try fewer or shorter words, or browse:";
      if (!text && !anyChosen) {
        status.textContent = "";
      } else if (found.length === matches.length) {
        status.textContent = plural(matches.length, "result") + (text ? " for \u201c" + text + "\u201d" : "");
      } else {
        status.textContent = matches.length.toLocaleString("en-US") + " of " + plural(found.length, "result") + (text ? " for \u201c" + text + "\u201d" : "") + ", filtered";
      }
    }

    function fromUrl() {
      var state = chosenFromUrl();
      input.value = state.q;
      if (headerInput) headerInput.value = "";
      if (search) render(state.chosen);
    }

    function later(push) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        writeUrl(push);
        if (search) render(chosenFromForm());
      }, 150);
    }

    input.addEventListener("input", function () { later(false); });
    pageForm.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      writeUrl(true);
      if (search) render(chosenFromForm());
    });
    facetForm.addEventListener("change", function () {
      if (wide.matches) { writeUrl(true); render(chosenFromForm()); }
    });
    facetForm.addEventListener("submit", function (event) {
      event.preventDefault();
      writeUrl(true);
      if (search) render(chosenFromForm());
      if (!wide.matches) { openFacets(false); toggle.focus(); }
    });
    toggle.addEventListener("click", function () { openFacets(facetForm.classList.contains("collapsed")); });
    if (wide.addEventListener) wide.addEventListener("change", showApply);
    showApply();
    more.addEventListener("click", function () {
      showMore().then(function (first) {
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
    });
    window.addEventListener("popstate", fromUrl);
    // On this page the header box types into the page's box.
    if (headerInput) {
      headerInput.addEventListener("input", function () { input.value = headerInput.value; later(false); });
      headerForm.addEventListener("submit", function (event) {
        event.preventDefault();
        input.value = headerInput.value;
        writeUrl(true);
        if (search) render(chosenFromForm());
        input.focus();
      });
    }

    fromUrl();
    status.textContent = input.value ? "Loading search\u2026" : "";
    load().then(function (loaded) {
      search = loaded;
      render(chosenFromUrl().chosen);
    }, function () {
      status.textContent = "Search could not be loaded.";
      emptyText.textContent = "Search could not be loaded. You can still browse everything:";
      empty.hidden = false;
    });
  }

  // ---- The header box on every other page ----------------------------------------------
  var HEADER_LIMIT = 6;

  function headerItem(store, doc) {
    var item = el("li"), link = el("a");
    link.href = root + "/" + doc.url;
    link.appendChild(el("span", "header-result-name", doc.name));
    link.appendChild(el("span", "header-result-meta", [labelOf(store, doc.kind)].concat(doc.by ? [doc.by] : []).join(" \u00b7 ")));
    item.appendChild(link);
    return item;
  }

  function startHeader() {
    var panel = document.getElementById("header-results");
    var status = document.getElementById("header-search-status");
    if (!headerInput || !panel || !status) return;
    var timer = null, renders = 0;

    function close() { panel.hidden = true; }

    function render(search) {
      var text = headerInput.value.trim(), turn = ++renders;
      if (!queryWords(text).length) { panel.textContent = ""; close(); status.textContent = ""; return Promise.resolve(); }
      return search.engine.find(text).then(function (refs) {
        var docs = refs.slice(0, HEADER_LIMIT).map(function (ref) { return search.store.docs[Number(ref)]; });
        return search.engine.rows(docs).then(function () { if (turn === renders) show(search, text, refs); });
      });
    }

    function show(search, text, refs) {
      panel.textContent = "";
      status.textContent = refs.length ? plural(refs.length, "result") + " for \u201c" + text + "\u201d" : "No results for \u201c" + text + "\u201d";
      var list = el("ul", "header-results-list");
      refs.slice(0, HEADER_LIMIT).forEach(function (ref) { list.appendChild(headerItem(search.store, search.store.docs[Number(ref)])); });
      if (refs.length) panel.appendChild(list);
      var all = el("a", "header-results-all", refs.length ? "See all " + plural(refs.length, "result") : "No results: open the search page");
      all.href = headerForm.action + "?" + new URLSearchParams({ q: text }).toString();
      panel.appendChild(all);
      panel.hidden = false;
    }

    function run() {
      load().then(render).catch(function () {
        status.textContent = "Search could not be loaded; press Enter to open the search page.";
      });
    }

    headerInput.addEventListener("focus", function () { load(); });
    headerInput.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    headerForm.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { close(); headerInput.focus(); }
    });
    headerForm.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !headerForm.contains(event.relatedTarget)) close();
    });
  }

  if (pageForm) startPage(); else startHeader();
})();
