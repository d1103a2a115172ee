// Site search's engine: lunr over the index the build writes (plugins/directory/search/), no DOM.
// Queries are term clauses built here from words tokenised here and scored as lunr's
// Index.query scores them (scoreClauses), so no input is ever parsed as lunr syntax. The
// matching rules mirror the build's tokenize (search/docs.py) and the tests' Python twin
// (tests/support/search_twin.py); tests/search*.test.mjs load this file in node and hold it
// to them. In a page it sets window.searchEngine for search.js, which is loaded after it.
(function (root) {
  "use strict";

  // ---- Matching: the twin of search/docs.py -------------------------------------------------
  var STOP_WORDS = Object.create(null); // no prototype: "constructor" is a word like any other
  "a an and are as at be by for from in into is of on or the to with".split(" ").forEach(function (word) { STOP_WORDS[word] = true; });
  var BOOST_EXACT = 10, BOOST_PREFIX = 3, BOOST_STEM = 2, BOOST_FUZZY = 1;
  var PREFIX_MIN = 2, WIDE_PREFIX_MIN = 4, STEM_MIN = 3, FUZZY_MIN = 5, FUZZY_MAX = 20, MAX_WORDS = 10;
  // lunr's typo set grows with the square of a word's length (10,000 letters froze a tab for
  // 21 s), so a query is read up to MAX_QUERY characters, a word up to MAX_WORD, and only
  // words of FUZZY_MIN to FUZZY_MAX characters get typo variants.
  var MAX_QUERY = 200, MAX_WORD = 40;
  var COMMON_SHARE = 0.25, COMMON_MIN_DOCS = 1000; // see search/split.py: common terms add no score
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

  // language: what languageOf returns for the index (English when left out).
  function queryWords(text, language) {
    var seen = Object.create(null), words = [], stopWord = language && language.stopWord;
    tokenize(text ? firstCharacters(text, MAX_QUERY) : "").forEach(function (whole) {
      var word = whole.slice(0, MAX_WORD); // tokenize leaves no character outside the BMP
      if (stopWord && stopWord(word)) return;
      if (!seen[word] && words.length < MAX_WORDS) { seen[word] = true; words.push(word); }
    });
    return words;
  }

  // ---- Languages: the twin of search/spanish.py ---------------------------------------------
  // An index whose manifest says "language": "es" holds whole words as tokenize makes them, as
  // the English one does. Its queries lose lunr-languages' Spanish stop words too (but "ti":
  // TI is Spanish for IT) and each word gets its Spanish stem beside its English one; a
  // folded word gets back the accent Spanish always writes on a final -ión first, which the
  // Spanish stemmer needs to strip -ación. Both functions are lunr-languages' own, looked up
  // by its labels: lunr.stemmer.support.js and lunr.es.js must be loaded after lunr.
  var KEPT_WORDS = Object.create(null), ION_ENDING = /ion$/;
  KEPT_WORDS.ti = true;

  function fold(text) { return String(text).normalize("NFKD").replace(MARKS, ""); }

  function englishStem(lunr, word) { return lunr.stemmer(new lunr.Token(word)).toString(); }

  function languageOf(lunr, name) {
    if (!name || name === "en") return { name: "en", stopWord: null, stemmers: [englishStem] };
    if (name !== "es") throw new Error("the search index is in a language this engine does not know: " + name);
    var registered = lunr.Pipeline.registeredFunctions, stop = registered["stopWordFilter-es"], stem = registered["stemmer-es"];
    if (!stop || !stem) throw new Error("the Spanish search needs lunr-languages: load lunr.stemmer.support.js and lunr.es.js after lunr");
    return {
      name: "es",
      stopWord: function (word) { return !KEPT_WORDS[word] && stop(new lunr.Token(word)) === undefined; },
      stemmers: [function (lunr, word) { return fold(stem(new lunr.Token(word.replace(ION_ENDING, "i\u00f3n"))).toString()); }, englishStem]
    };
  }

  // A word's stems that differ from it and are long enough to complete: in Spanish, the Spanish one first.
  function stemsOf(lunr, word, language) {
    var stems = [];
    (language ? language.stemmers : [englishStem]).forEach(function (stemmer) {
      var stem = stemmer(lunr, word);
      if (stem !== word && stem.length >= STEM_MIN && stems.indexOf(stem) === -1) stems.push(stem);
    });
    return stems;
  }

  // ---- The loaded index: what scoring reads, filled from the compact form or from shards ----
  // postings: term -> {number: lunr's term _index, refs: per field (index.fields order) the
  // ascending refs that have it, or null}; vectors: per field, by ref, the field vector's
  // term numbers (ascending) and weights, as lunr's Vector holds its elements. Plain arrays
  // indexed by ref, not lunr's objects keyed "field/ref": a keystroke touches thousands.
  function emptyIndex(lunr, fields, tokenSet, language) {
    return {
      fields: fields, tokenSet: tokenSet, postings: Object.create(null), vectors: fields.map(function () { return []; }),
      nameSizes: [], docCounts: Object.create(null), commonDocs: 0, docCount: 0, termCount: 0, language: languageOf(lunr, language), scratch: null, refNames: null, expansions: new Map()
    };
  }

  // Add one field vector element (lunr's Vector.insert: kept in term order) for ref.
  function addWeight(vectors, ref, number, weight) {
    var vector = vectors[ref] || (vectors[ref] = { numbers: [], weights: [] }), numbers = vector.numbers, at = numbers.length;
    while (at > 0 && numbers[at - 1] > number) at--;
    if (at === numbers.length) { numbers.push(number); vector.weights.push(weight); } else { numbers.splice(at, 0, number); vector.weights.splice(at, 0, weight); }
  }

  // Add a term's postings, given per field as ref gaps (and, unless common, weights).
  function addTerm(loaded, term, number, gapsOf, weightsOf) {
    var fields = loaded.fields, refsOf = new Array(fields.length), count = 0;
    for (var f = 0; f < fields.length; f++) {
      var gaps = gapsOf(fields[f]);
      if (!gaps || !gaps.length) { refsOf[f] = null; continue; }
      var refs = new Array(gaps.length), weights = weightsOf(fields[f]), ref = 0;
      for (var g = 0; g < gaps.length; g++) {
        ref += gaps[g];
        refs[g] = ref;
        if (weights) addWeight(loaded.vectors[f], ref, number, weights[g]);
      }
      if (ref >= loaded.docCount) loaded.docCount = ref + 1;
      refsOf[f] = refs;
      count += gaps.length; // a word is in one field of a document
    }
    loaded.postings[term] = { number: number, refs: refsOf };
    if (number >= loaded.termCount) loaded.termCount = number + 1;
    loaded.docCounts[term] = count;
  }

  // Load the compact form (search/index.py compact_index): the weights of each field are in
  // (ref, term number) order, so a ref's next weight belongs to its next term in that field.
  function loadIndex(lunr, compact) {
    var fields = compact.fields, loaded = emptyIndex(lunr, fields, lunr.TokenSet.fromArray(compact.terms), compact.language);
    var termLists = fields.map(function () { return []; });
    compact.terms.forEach(function (term, number) {
      var posting = compact.postings[number];
      addTerm(loaded, term, number, function (field) { return posting[field]; }, function () { return null; });
      fields.forEach(function (field, f) {
        (loaded.postings[term].refs[f] || []).forEach(function (ref) { (termLists[f][ref] || (termLists[f][ref] = [])).push(number); });
      });
    });
    var named = 0;
    fields.forEach(function (field, f) {
      var weights = compact.weights[field], next = 0;
      termLists[f].forEach(function (numbers, ref) {
        loaded.vectors[f][ref] = { numbers: numbers, weights: numbers.map(function () { return weights[next++]; }) };
        if (field === "n") { loaded.nameSizes[ref] = numbers.length; named += 1; }
      });
    });
    loaded.commonDocs = Math.max(COMMON_MIN_DOCS, Math.floor(named * COMMON_SHARE));
    return loaded;
  }

  // ---- The split index (search/split.py split_index): fetch only what a query reaches --------
  // The manifest holds the vocabulary of words, the first term of each term shard and the
  // combinations of facet values; a query's words are expanded over the vocabulary (all-digit
  // terms come in small files by their first two digits), and only the term shards holding
  // the terms reached are fetched and added to the index, which grows as queries need it.
  // A document's facet values come with its row, or with its facet file for facet counts.
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
    var loaded = emptyIndex(lunr, fields, lunr.TokenSet.fromArray(vocabulary), manifest.language);
    loaded.nameSizes = manifest.nameSizes;
    loaded.commonDocs = manifest.common;
    loaded.docCount = manifest.docCount;
    // A document's facet values (and combo, their number in manifest.combos) come with its row
    // (rows) or its facet file (facets): the manifest holds nothing per document but its name's size.
    var docs = [];
    for (var ref = 0; ref < manifest.docCount; ref++) {
      docs.push({ ref: ref, kind: "", regions: [], programType: "", costs: [], formats: [], name: "", url: "", line: "", by: "", costText: "", loaded: false, faceted: false, combo: undefined });
    }

    function setCombo(doc, combo) {
      var values = manifest.combos[combo];
      doc.kind = values[0]; doc.regions = values[1]; doc.programType = values[2]; doc.costs = values[3]; doc.formats = values[4]; doc.combo = combo; doc.faceted = true;
    }

    function once(key, use) {
      if (!files[key]) {
        files[key] = fetchFile(key).then(use);
        files[key].catch(function () { delete files[key]; }); // a later query may try again
      }
      return files[key];
    }

    function addNumbers(terms) { vocabulary = mergeSorted(vocabulary, terms); stale = true; }

    function addShard(shard) {
      shard.postings.forEach(function (entry, i) {
        addTerm(loaded, shard.terms[i], shard.start + i, function (field) {
          var list = entry[field];
          return list && (Array.isArray(list[0]) ? list[0] : list);
        }, function (field) {
          var list = entry[field]; // a common term has no weights: lunr never scores it
          return list && Array.isArray(list[0]) ? list[1] : null;
        });
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
      var words = queryWords(text, loaded.language), keys = [];
      words.forEach(function (word) {
        if (DIGITS.test(word)) {
          if (numberKeys[word.slice(0, 2)]) keys.push(word.slice(0, 2));
        } else if (word.length >= FUZZY_MIN && word.length <= FUZZY_MAX && word.replace(/[0-9]/g, "").length === 1) {
          keys = keys.concat(manifest.numbers); // one letter away from a number: a typo may reach any
        }
      });
      return Promise.all(keys.map(function (key) { return once("numbers-" + key, addNumbers); })).then(function () {
        if (stale) { loaded.tokenSet = lunr.TokenSet.fromArray(vocabulary); loaded.expansions.clear(); stale = false; }
        var shards = Object.create(null);
        Object.keys(expansionOf(lunr, loaded, words)).forEach(function (term) { shards[shardOf(term)] = true; });
        return Promise.all(Object.keys(shards).map(function (shard) { return once("terms-" + shard, addShard); }));
      });
    }

    // Fetch the files (rows or facets, `per` documents each) holding the documents given that `has` says lack them.
    function fetchFor(wanted, name, per, has, use) {
      var needed = Object.create(null);
      wanted.forEach(function (doc) { if (!has(doc)) needed[Math.floor(doc.ref / per)] = true; });
      return Promise.all(Object.keys(needed).map(function (number) {
        return once(name + "-" + number, function (list) { list.forEach(function (item, i) { use(docs[Number(number) * per + i], item); }); });
      }));
    }

    // Fetch the rows of the documents given (their cards' text and facet values).
    function rows(wanted) {
      return fetchFor(wanted, "rows", manifest.rowsPerFile, function (doc) { return doc.loaded; }, function (doc, row) {
        doc.name = row[0]; doc.url = row[1]; doc.line = row[2]; doc.by = row[3]; doc.costText = row[4]; doc.loaded = true;
        setCombo(doc, row[5]);
      });
    }

    // Fetch the facet values of the documents given (facet counts and filters need every result's).
    function facets(wanted) {
      return fetchFor(wanted, "facets", manifest.facetsPerFile, function (doc) { return doc.faceted; }, setCombo);
    }

    return {
      loaded: loaded,
      store: { labels: manifest.labels, docs: docs },
      find: function find(text) {
        return prepare(text).then(function () {
          // Another query's number files may have grown the vocabulary meanwhile: fetch what that adds.
          var missing = Object.keys(expansionOf(lunr, loaded, queryWords(text, loaded.language))).some(function (term) { return loaded.docCounts[term] === undefined; });
          return missing ? find(text) : queryIndex(lunr, loaded, text);
        });
      },
      rows: rows,
      facets: facets,
      words: function (text) { return queryWords(text, loaded.language); } // what find(text) looks for: none, and it finds nothing
    };
  }

  // Expand each word to the index terms it matches, with lunr's token sets, summing boosts
  // per term: each term then goes to lunr once (twice if a fragment also reached it as a
  // name word). bits/nameBits say which words (bit i for word i) reached the term each way.
  function expandWords(lunr, tokenSet, words, language) {
    var terms = Object.create(null);
    function add(pattern, boost, bit, namesOnly) {
      tokenSet.intersect(pattern).toArray().forEach(function (term) {
        var entry = terms[term] || (terms[term] = { boost: 0, nameBoost: 0, bits: 0, nameBits: 0 });
        if (namesOnly) { entry.nameBoost += boost; entry.nameBits |= bit; } else { entry.boost += boost; entry.bits |= bit; }
      });
    }
    words.forEach(function (word, i) {
      var bit = 1 << i;
      add(lunr.TokenSet.fromString(word), BOOST_EXACT, bit, false);
      if (word.length >= PREFIX_MIN) add(lunr.TokenSet.fromString(word + "*"), BOOST_PREFIX, bit, word.length < WIDE_PREFIX_MIN);
      stemsOf(lunr, word, language).forEach(function (stem) { add(lunr.TokenSet.fromString(stem + "*"), BOOST_STEM, bit, false); });
      if (word.length >= FUZZY_MIN && word.length <= FUZZY_MAX && !/^[0-9]+$/.test(word)) add(lunr.TokenSet.fromFuzzyString(word, 1), BOOST_FUZZY, bit, false);
    });
    return terms;
  }

  // expandWords for the index as loaded, kept while its vocabulary stays the same: a
  // keystroke's words are expanded once, not once per look (prepare, find, queryIndex).
  var EXPANSIONS_KEPT = 64;

  function expansionOf(lunr, loaded, words) {
    var key = words.join(" "), terms = loaded.expansions.get(key);
    if (terms === undefined) {
      if (loaded.expansions.size >= EXPANSIONS_KEPT) loaded.expansions.clear();
      terms = expandWords(lunr, loaded.tokenSet, words, loaded.language);
      loaded.expansions.set(key, terms);
    }
    return terms;
  }

  // Per-document and per-(document, field) marks for one query, reused from query to query:
  // a mark is the query's turn number, so nothing needs clearing between queries.
  function scratchOf(loaded) {
    var size = loaded.docCount, slots = size * loaded.fields.length, scratch = loaded.scratch;
    if (!scratch || scratch.size < size) {
      scratch = loaded.scratch = {
        size: size, turn: 0, pairTurn: new Int32Array(slots), pairAt: new Int32Array(slots), foundTurn: new Int32Array(size),
        score: new Float64Array(size), reached: new Int32Array(size), rank: new Int32Array(size), rounded: new Float64Array(size),
        lookups: loaded.fields.map(function () { return new Float64Array(0); })
      };
    }
    scratch.turn += 1;
    return scratch;
  }

  // Note that ref is found (score 0 so far) or add the words that reached it.
  function reach(scratch, found, ref, score, bits) {
    if (scratch.foundTurn[ref] !== scratch.turn) {
      scratch.foundTurn[ref] = scratch.turn;
      scratch.score[ref] = score;
      scratch.reached[ref] = bits;
      found.push(ref);
    } else {
      scratch.score[ref] += score;
      scratch.reached[ref] |= bits;
    }
  }

  // lunr's Index.query for optional term clauses ({term, boost, fields}, terms the index has),
  // without the objects it makes per match (match data, sets, field refs): the same query
  // vectors (lunr.Vector, upserted as lunr does), the same (document, field) pairs in the same
  // order, each scored as lunr's Vector.similarity scores it and summed per document in that order,
  // so every score is lunr's to the bit (tests/test_search.py holds the results to lunr.py's).
  // Adds each document reached to found, its score and words (bits) to scratch.
  function scoreClauses(lunr, loaded, clauses, terms, scratch, found) {
    var fields = loaded.fields, count = fields.length, vectors = fields.map(function () { return new lunr.Vector(); });
    var fieldNumber = Object.create(null), done = Object.create(null), pairRefs = [], pairFields = [], pairBits = [];
    var pairTurn = scratch.pairTurn, pairAt = scratch.pairAt, turn = scratch.turn;
    fields.forEach(function (field, f) { fieldNumber[field] = f; });
    function sum(a, b) { return a + b; }
    for (var c = 0; c < clauses.length; c++) {
      var clause = clauses[c], posting = loaded.postings[clause.term];
      if (posting === undefined) continue;
      for (var k = 0; k < clause.fields.length; k++) {
        var field = clause.fields[k], f = fieldNumber[field], termField = clause.term + "/" + field;
        vectors[f].upsert(posting.number, clause.boost, sum);
        if (done[termField]) continue;
        done[termField] = true;
        var refs = posting.refs[f], bits = terms[clause.term].bits | (field === "n" ? terms[clause.term].nameBits : 0);
        for (var r = 0; refs && r < refs.length; r++) { // in ascending ref order, as lunr walks a posting's keys
          var slot = refs[r] * count + f;
          if (pairTurn[slot] !== turn) { pairTurn[slot] = turn; pairAt[slot] = pairRefs.length; pairRefs.push(refs[r]); pairFields.push(f); pairBits.push(bits); } else pairBits[pairAt[slot]] |= bits;
        }
      }
    }
    // lunr's similarity, query.dot(field) / query.magnitude(), walks both vectors; a query vector
    // of hundreds of expanded terms makes that slow, so the field vector's own (short) elements
    // are walked and the query's weights looked up (0: not in the query): the same products,
    // added in the same order.
    var magnitudes = vectors.map(function (vector, f) {
      var elements = vector.elements, lookup = scratch.lookups[f];
      if (lookup.length < loaded.termCount) lookup = scratch.lookups[f] = new Float64Array(loaded.termCount);
      for (var e = 0; e < elements.length; e += 2) lookup[elements[e]] = elements[e + 1];
      return vector.magnitude();
    });
    for (var p = 0; p < pairRefs.length; p++) {
      var lookup = scratch.lookups[pairFields[p]], vector = loaded.vectors[pairFields[p]][pairRefs[p]], dot = 0;
      var numbers = vector.numbers, weights = vector.weights;
      for (var i = 0; i < numbers.length; i++) {
        var weight = lookup[numbers[i]];
        if (weight !== 0) dot += weight * weights[i];
      }
      reach(scratch, found, pairRefs[p], dot / magnitudes[pairFields[p]] || 0, pairBits[p]);
    }
    vectors.forEach(function (vector, f) {
      for (var e = 0; e < vector.elements.length; e += 2) scratch.lookups[f][vector.elements[e]] = 0;
    });
  }

  function hasRef(refs, ref) {
    var low = 0, high = refs ? refs.length - 1 : -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (refs[middle] === ref) return true;
      if (refs[middle] < ref) low = middle + 1; else high = middle - 1;
    }
    return false;
  }

  // Return the matching refs, best first: exact name, more words matched, score, document order.
  function queryIndex(lunr, loaded, text, commonDocs) {
    var words = queryWords(text, loaded.language);
    var terms = expansionOf(lunr, loaded, words);
    var limit = commonDocs === undefined ? loaded.commonDocs : commonDocs;
    var all = Object.keys(terms).sort(), fields = loaded.fields, nameField = fields.indexOf("n");
    var clauses = [], found = [], scratch = scratchOf(loaded);
    all.forEach(function (term) {
      if (!(loaded.docCounts[term] <= limit)) return;
      if (terms[term].boost) clauses.push({ term: term, boost: terms[term].boost, fields: fields });
      if (terms[term].nameBoost) clauses.push({ term: term, boost: terms[term].nameBoost, fields: ["n"] });
    });
    scoreClauses(lunr, loaded, clauses, terms, scratch, found);
    all.forEach(function (term) { // common terms: only the words they reach
      var posting = loaded.postings[term];
      if (!(loaded.docCounts[term] > limit) || posting === undefined) return;
      fields.forEach(function (field, f) {
        var reached = terms[term].bits | (field === "n" ? terms[term].nameBits : 0), refs = posting.refs[f];
        for (var r = 0; reached && refs && r < refs.length; r++) reach(scratch, found, refs[r], 0, reached);
      });
    });
    var nameRefs = words.map(function (word) { return loaded.postings[word] && loaded.postings[word].refs[nameField]; });
    var rank = scratch.rank, rounded = scratch.rounded, highest = 0;
    found.forEach(function (ref) {
      var matched = 0;
      for (var bits = scratch.reached[ref]; bits; bits &= bits - 1) matched += 1;
      var exact = loaded.nameSizes[ref] === words.length && nameRefs.every(function (refs) { return hasRef(refs, ref); });
      rank[ref] = (exact ? 0 : RANKS / 2) + (RANKS / 2 - 1 - matched);
      rounded[ref] = Math.round(scratch.score[ref] * 1e6);
      if (rounded[ref] > highest) highest = rounded[ref];
    });
    return sortFound(loaded, found, rank, rounded, highest);
  }

  // Sort found refs by rank (exact name, then words matched: below RANKS), then rounded score
  // (highest first), then ref. Each is packed into one number when all three fit in a
  // double's 53 exact bits, so the engine's own numeric sort does it without a comparator.
  var RANKS = 64;

  function sortFound(loaded, found, rank, rounded, highest) {
    var refNames = loaded.refNames || (loaded.refNames = []);
    var refSpan = Math.pow(2, Math.ceil(Math.log2(loaded.docCount + 1))), scoreSpan = Math.pow(2, Math.ceil(Math.log2(highest + 1)));
    var order;
    if (RANKS * scoreSpan * refSpan <= Number.MAX_SAFE_INTEGER) {
      var keys = new Float64Array(found.length);
      for (var i = 0; i < found.length; i++) keys[i] = (rank[found[i]] * scoreSpan + (scoreSpan - 1 - rounded[found[i]])) * refSpan + found[i];
      keys.sort();
      order = new Array(keys.length);
      for (var k = 0; k < keys.length; k++) order[k] = keys[k] % refSpan;
    } else {
      order = found.sort(function (a, b) { return rank[a] - rank[b] || rounded[b] - rounded[a] || a - b; });
    }
    for (var o = 0; o < order.length; o++) order[o] = refNames[order[o]] || (refNames[order[o]] = String(order[o]));
    return order;
  }

  var engine = { MAX_QUERY: MAX_QUERY, MAX_WORD: MAX_WORD, FUZZY_MAX: FUZZY_MAX, tokenize: tokenize, queryWords: queryWords, loadIndex: loadIndex, queryIndex: queryIndex, expandWords: expandWords, openSplit: openSplit, languageOf: languageOf };
  if (typeof module === "object" && module.exports) module.exports = engine; // node's test runner (tests/search.test.mjs)
  else root.searchEngine = engine;
})(this);
