// Site search, the page's side: the search page and the header box on every other page.
// Loaded on every page with defer, after engine.js (the engine: tokenising, matching,
// ranking, the split index); fetches lunr and the search manifest only on the search page or
// when the header box gets focus, then per query the index shards and result rows it needs
// (the engine's openSplit) and, once the first results show, the facet files of its facet
// counts. Results are built with DOM APIs and textContent only. Its words are the page's
// language's, from the JSON block base.html writes (#ui-words), else English.
(function () {
  "use strict";

  var searchEngine = window.searchEngine;
  if (!searchEngine) return; // without the engine the boxes stay plain forms that open the search page
  var openSplit = searchEngine.openSplit;

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

  // ---- Words: the page's (plugins/directory/site/ui_words.py), English without them -----
  // A counted text is [one, many]; %(name)s placeholders are filled in by say().
  var ENGLISH = {
    locale: "en-US",
    facetType: "Type of result",
    facetProgramType: "Type of program",
    facetCost: "Cost",
    facetFormat: "Format",
    facetRegion: "Region",
    filters: "Filters",
    filtersActive: ["Filters (%(num)s active)", "Filters (%(num)s active)"],
    keyFacts: "Key facts",
    showMore: ["Show %(num)s more", "Show %(num)s more"],
    results: ["%(num)s result", "%(num)s results"],
    resultsFor: ["%(num)s result for \u201c%(query)s\u201d", "%(num)s results for \u201c%(query)s\u201d"],
    resultsFiltered: ["%(shown)s of %(num)s result, filtered", "%(shown)s of %(num)s results, filtered"],
    resultsForFiltered: ["%(shown)s of %(num)s result for \u201c%(query)s\u201d, filtered", "%(shown)s of %(num)s results for \u201c%(query)s\u201d, filtered"],
    nothingMatchesQuery: "Nothing matches \u201c%(query)s\u201d. Try fewer or shorter words, or browse:",
    nothingMatchesFilters: "Nothing matches these filters. Try fewer or shorter words, or browse:",
    loading: "Loading search\u2026",
    loadFailed: "Search could not be loaded.",
    loadFailedBrowse: "Search could not be loaded. You can still browse everything:",
    noResultsFor: "No results for \u201c%(query)s\u201d",
    seeAll: ["See all %(num)s result", "See all %(num)s results"],
    noResultsOpenPage: "No results: open the search page",
    loadFailedEnter: "Search could not be loaded; press Enter to open the search page."
  };

  function pageWords() {
    var block = document.getElementById("ui-words"), given = null, words = {};
    try { given = block ? JSON.parse(block.textContent) : null; } catch (error) { given = null; }
    Object.keys(ENGLISH).forEach(function (key) {
      var word = given && Object.prototype.hasOwnProperty.call(given, key) ? given[key] : null;
      var fits = Array.isArray(ENGLISH[key]) ? Array.isArray(word) && word.length === 2 : typeof word === "string";
      words[key] = fits ? word : ENGLISH[key];
    });
    return words;
  }

  var WORDS = pageWords();

  function formatCount(count) {
    try { return count.toLocaleString(WORDS.locale); } catch (error) { return count.toLocaleString("en-US"); }
  }

  // Say a text in the page's words: say("resultsFor", {query: "java"}, 3) -> "3 results for “java”".
  function say(key, values, count) {
    var text = WORDS[key];
    if (Array.isArray(text)) text = text[count === 1 ? 0 : 1];
    values = values || {};
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(window.lunr); };
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  // lunr, then the lunr-languages scripts the form names (data-lunr-languages: space-separated,
  // in order; the Spanish index needs them), each once the one before it has run. load() runs once.
  function loadLunr() {
    var languages = (config.getAttribute("data-lunr-languages") || "").split(/\s+/).filter(Boolean);
    var loaded = window.lunr ? Promise.resolve(window.lunr) : addScript(config.getAttribute("data-lunr"));
    return languages.reduce(function (previous, src) {
      return previous.then(function () { return addScript(src); });
    }, loaded);
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
      loading = Promise.all([loadLunr(), fetchJson(manifestUrl)]).then(function (parts) {
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
    { param: "type", title: WORDS.facetType, values: function (doc) { return [doc.kind]; } },
    { param: "program-type", title: WORDS.facetProgramType, values: function (doc) { return doc.programType ? [doc.programType] : []; } },
    { param: "cost", title: WORDS.facetCost, values: function (doc) { return doc.costs; } },
    { param: "format", title: WORDS.facetFormat, values: function (doc) { return doc.formats; } },
    { param: "region", title: WORDS.facetRegion, values: function (doc) { return doc.regions; } }
  ];

  function passes(doc, chosen) {
    return FACETS.every(function (facet) {
      var wanted = chosen[facet.param];
      if (!wanted.length) return true;
      var values = facet.values(doc);
      return wanted.some(function (value) { return values.indexOf(value) !== -1; });
    });
  }

  // A document's facet values are one of a few combinations (doc.combo, the engine's): group
  // the documents by it, so each combination is read once, not each of thousands of results.
  function byCombination(docs) {
    var groups = new Map();
    docs.forEach(function (doc) {
      var key = doc.combo === undefined ? "doc " + doc.ref : doc.combo, group = groups.get(key);
      if (group === undefined) groups.set(key, { doc: doc, count: 1 }); else group.count += 1;
    });
    return groups;
  }

  // The documents that pass every chosen facet, judged once per combination.
  function passing(docs, chosen) {
    var verdicts = new Map();
    byCombination(docs).forEach(function (group, key) { verdicts.set(key, passes(group.doc, chosen)); });
    return docs.filter(function (doc) { return verdicts.get(doc.combo === undefined ? "doc " + doc.ref : doc.combo); });
  }

  // Count each value among the results that pass every other facet's choice, in one pass:
  // a result that fails no chosen facet counts everywhere, one that fails one counts there.
  function facetCounts(docs, chosen) {
    var counts = FACETS.map(function () { return Object.create(null); });
    byCombination(docs).forEach(function (group) {
      var doc = group.doc, failed = -1;
      for (var f = 0; f < FACETS.length; f++) {
        var wanted = chosen[FACETS[f].param], values = FACETS[f].values(doc);
        if (wanted.length && !wanted.some(function (value) { return values.indexOf(value) !== -1; })) {
          if (failed !== -1) return;
          failed = f;
        }
      }
      FACETS.forEach(function (facet, f) {
        if (failed === -1 || failed === f) facet.values(doc).forEach(function (value) { counts[f][value] = (counts[f][value] || 0) + group.count; });
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
      list.setAttribute("aria-label", WORDS.keyFacts);
      tags.forEach(function (tag) { list.appendChild(el("li", "tag", tag)); });
      card.appendChild(list);
    }
    item.appendChild(card);
    return item;
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
      toggle.textContent = active ? say("filtersActive", { num: active }, active) : WORDS.filters;
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
        var next = Math.min(PAGE_SIZE, matches.length - shown);
        more.textContent = say("showMore", { num: next }, next);
        return start;
      });
    }

    // Find the query's results (fetching the index shards its words reach) and the first page's
    // rows, then show them; the facet counts follow once every result's facet values are fetched
    // (chosen filters need them first).
    function render(chosen) {
      var text = input.value.trim(), turn = ++renders;
      var anyChosen = FACETS.some(function (facet) { return chosen[facet.param].length; });
      var finding = search.engine.words(text).length ? search.engine.find(text) : Promise.resolve(null);
      finding.then(function (refs) {
        var found = refs ? refs.map(function (ref) { return search.store.docs[Number(ref)]; }) : anyChosen ? search.store.docs : [];
        return (anyChosen ? search.engine.facets(found) : Promise.resolve()).then(function () {
          var passed = anyChosen ? passing(found, chosen) : found;
          return search.engine.rows(passed.slice(0, PAGE_SIZE)).then(function () {
            if (turn !== renders) return null;
            show(text, anyChosen, found, passed);
            return search.engine.facets(found);
          });
        }).then(function (counting) {
          if (counting !== null && turn === renders) renderFacets(facetCounts(found, chosen), chosen);
        });
      }).catch(function () {
        if (turn === renders) status.textContent = WORDS.loadFailed;
      });
    }

    function show(text, anyChosen, found, passed) {
      matches = passed;
      list.textContent = "";
      shown = 0;
      showMore();
      empty.hidden = matches.length > 0 || (!text && !anyChosen);
      emptyText.textContent = text ? say("nothingMatchesQuery", { query: text }) : WORDS.nothingMatchesFilters;
      var counted = { num: formatCount(found.length), shown: formatCount(matches.length), query: text };
      if (!text && !anyChosen) {
        status.textContent = "";
      } else if (found.length === matches.length) {
        status.textContent = say(text ? "resultsFor" : "results", counted, found.length);
      } else {
        status.textContent = say(text ? "resultsForFiltered" : "resultsFiltered", counted, found.length);
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
    status.textContent = input.value ? WORDS.loading : "";
    load().then(function (loaded) {
      search = loaded;
      render(chosenFromUrl().chosen);
    }, function () {
      status.textContent = WORDS.loadFailed;
      emptyText.textContent = WORDS.loadFailedBrowse;
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
      if (!search.engine.words(text).length) { panel.textContent = ""; close(); status.textContent = ""; return Promise.resolve(); }
      return search.engine.find(text).then(function (refs) {
        var docs = refs.slice(0, HEADER_LIMIT).map(function (ref) { return search.store.docs[Number(ref)]; });
        return search.engine.rows(docs).then(function () { if (turn === renders) show(search, text, refs); });
      });
    }

    function show(search, text, refs) {
      panel.textContent = "";
      var counted = { num: formatCount(refs.length), query: text };
      status.textContent = refs.length ? say("resultsFor", counted, refs.length) : say("noResultsFor", counted);
      var list = el("ul", "header-results-list");
      refs.slice(0, HEADER_LIMIT).forEach(function (ref) { list.appendChild(headerItem(search.store, search.store.docs[Number(ref)])); });
      if (refs.length) panel.appendChild(list);
      var all = el("a", "header-results-all", refs.length ? say("seeAll", counted, refs.length) : WORDS.noResultsOpenPage);
      all.href = headerForm.action + "?" + new URLSearchParams({ q: text }).toString();
      panel.appendChild(all);
      panel.hidden = false;
    }

    function run() {
      load().then(render).catch(function () {
        status.textContent = WORDS.loadFailedEnter;
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
