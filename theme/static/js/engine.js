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

  // Rebuild lunr's serialized index from the compact form (search/index.py compact_index).
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
    return { index: index, tokenSet: index.tokenSet, nameSizes: expanded.nameSizes, docCounts: expanded.docCounts, commonDocs: common, language: languageOf(lunr, compact.language) };
  }

  // ---- The split index (search/split.py split_index): fetch only what a query reaches --------
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
    var loaded = { index: index, tokenSet: index.tokenSet, nameSizes: manifest.nameSizes, docCounts: Object.create(null), commonDocs: manifest.common, language: languageOf(lunr, manifest.language) };
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
      var words = queryWords(text, loaded.language), keys = [];
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
        Object.keys(expandWords(lunr, loaded.tokenSet, words, loaded.language)).forEach(function (term) { shards[shardOf(term)] = true; });
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
          var missing = Object.keys(expandWords(lunr, loaded.tokenSet, queryWords(text, loaded.language), loaded.language)).some(function (term) { return loaded.docCounts[term] === undefined; });
          return missing ? find(text) : queryIndex(lunr, loaded, text);
        });
      },
      rows: rows,
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
    var words = queryWords(text, loaded.language);
    var terms = expandWords(lunr, loaded.tokenSet, words, loaded.language);
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

  var engine = { MAX_QUERY: MAX_QUERY, MAX_WORD: MAX_WORD, FUZZY_MAX: FUZZY_MAX, tokenize: tokenize, queryWords: queryWords, expandIndex: expandIndex, loadIndex: loadIndex, queryIndex: queryIndex, expandWords: expandWords, openSplit: openSplit, languageOf: languageOf };
  if (typeof module === "object" && module.exports) module.exports = engine; // node's test runner (tests/search.test.mjs)
  else root.searchEngine = engine;
})(this);
