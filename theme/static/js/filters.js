// Program filters: combine checkboxes, keep the choice in the URL, show the matching programs.
// The list is cut into pages, so the cards in this page's HTML are only one page of it: the
// filters run over every program's filter values (the program-facets file the build writes
// beside the search files, plugins/directory/search/program_facets.py) and show the matches
// from the search's row files, PAGE_SIZE at a time. If those files cannot be fetched, the
// filters fall back to the cards on this page. Without this script the page still works:
// every filter is a link to its own page, and every page of the list has numbered links.
// Its words are the page's language's, from the JSON block base.html writes (#ui-words), else English.
(function () {
  "use strict";
  var WORDS = {
    programsMatch: ["%(shown)s of %(num)s program matches", "%(shown)s of %(num)s programs match"],
    showMore: ["Show %(num)s more", "Show %(num)s more"],
    keyFacts: "Key facts"
  };
  try {
    var block = document.getElementById("ui-words"), given = block ? JSON.parse(block.textContent) : {};
    Object.keys(WORDS).forEach(function (key) {
      var word = given[key], fits = Array.isArray(WORDS[key]) ? Array.isArray(word) && word.length === 2 && word.every(function (w) { return typeof w === "string"; }) : typeof word === "string";
      if (fits) WORDS[key] = word;
    });
  } catch (error) { /* the English words stay */ }
  var PAGE_SIZE = 50;

  function say(key, values, count) {
    return WORDS[key][count === 1 ? 0 : 1].replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  var form = document.getElementById("program-filters");
  var list = document.getElementById("program-list");
  if (!form || !list) return;
  var status = document.getElementById("filter-status");
  var empty = document.getElementById("no-results");
  var pageLinks = document.getElementById("page-links");
  var more = document.getElementById("filter-more");
  var cards = Array.prototype.slice.call(list.children); // this page's own cards, put back when no filter is chosen
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var labels = {}; // "format:online" -> "Online", from the form's own labels
  boxes.forEach(function (box) { labels[box.name + ":" + box.value] = box.nextSibling ? box.nextSibling.textContent.trim() : box.value; });
  var data = null, loading = null, rowFiles = {}, matches = [], shown = 0, turn = 0;

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-program-facets")).then(function (response) {
        if (!response.ok) throw new Error("program facets: " + response.status);
        return response.json();
      }).then(function (file) {
        data = { total: file.programs.length, rowsPerFile: file.rowsPerFile, programs: file.programs.map(function (combo) {
          return file.combos[combo].map(function (token) { return file.tokens[token]; });
        }) };
        return data;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function rows(positions) {
    var numbers = {};
    positions.forEach(function (position) { numbers[Math.floor(position / data.rowsPerFile)] = true; });
    return Promise.all(Object.keys(numbers).map(function (number) {
      if (!rowFiles[number]) {
        rowFiles[number] = fetch(form.getAttribute("data-rows").replace("{n}", number)).then(function (response) {
          if (!response.ok) throw new Error("rows: " + response.status);
          return response.json();
        });
        rowFiles[number].catch(function () { delete rowFiles[number]; });
      }
      return rowFiles[number];
    })).then(function () {
      return Promise.all(positions.map(function (position) {
        return rowFiles[Math.floor(position / data.rowsPerFile)].then(function (file) { return file[position % data.rowsPerFile]; });
      }));
    });
  }

  function chosen() {
    var byFacet = {};
    boxes.forEach(function (box) {
      if (box.checked) (byFacet[box.name] = byFacet[box.name] || []).push(box.name + ":" + box.value);
    });
    return byFacet;
  }

  // Any value within one facet, every facet across them.
  function passes(tokens, byFacet) {
    return Object.keys(byFacet).every(function (facet) {
      return byFacet[facet].some(function (token) { return tokens.indexOf(token) !== -1; });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A card like the page's own (_macros.html program_card), from a row [name, url, line, by, cost text] and the program's filter values.
  function card(row, tokens) {
    var item = el("li"), article = el("article", "card program-card"), heading = el("h2", "card-title"), link = el("a", "", row[0]);
    link.href = form.getAttribute("data-root") + "/" + row[1];
    heading.appendChild(link);
    article.appendChild(heading);
    var type = tokens.filter(function (token) { return token.indexOf("type:") === 0; })[0];
    article.appendChild(el("p", "card-meta", [type ? labels[type] || type.slice(5) : "", row[3]].filter(Boolean).join(" \u00b7 ")));
    var tags = el("ul", "tags"), cost = tokens.filter(function (token) { return token.indexOf("cost:") === 0; })[0];
    tags.setAttribute("aria-label", WORDS.keyFacts);
    if (row[4]) tags.appendChild(el("li", "tag tag-cost-" + (cost ? cost.slice(5) : "unknown"), row[4]));
    tokens.forEach(function (token) {
      if ((token.indexOf("format:") === 0 || token.indexOf("schedule:") === 0) && labels[token]) tags.appendChild(el("li", "tag", labels[token]));
    });
    if (tags.firstChild) article.appendChild(tags);
    item.appendChild(article);
    return item;
  }

  function showMore() {
    var start = shown, upto = Math.min(matches.length, shown + PAGE_SIZE), mine = turn;
    return rows(matches.slice(start, upto)).then(function (found) {
      if (mine !== turn) return;
      found.forEach(function (row, i) { list.appendChild(card(row, data.programs[matches[start + i]])); });
      shown = upto;
      var next = Math.min(PAGE_SIZE, matches.length - shown);
      more.hidden = next <= 0;
      more.textContent = say("showMore", { num: next }, next);
    });
  }

  function showPage() {
    list.textContent = "";
    cards.forEach(function (item) { item.hidden = false; list.appendChild(item); });
    if (pageLinks) pageLinks.hidden = false;
    more.hidden = true;
    empty.hidden = true;
    status.textContent = "";
  }

  // Without the filter file, filter the cards of this page only.
  function filterPage(byFacet) {
    var count = 0;
    cards.forEach(function (item) {
      item.hidden = !passes((item.getAttribute("data-facets") || "").split(" "), byFacet);
      if (!item.hidden) count += 1;
    });
    empty.hidden = count !== 0;
    status.textContent = say("programsMatch", { shown: count, num: cards.length }, cards.length);
  }

  // The list says it is busy while matches are fetched (tests and screen readers wait for it).
  function settle(mine) { if (mine === turn) list.removeAttribute("aria-busy"); }

  function apply() {
    var byFacet = chosen(), mine = ++turn;
    if (!Object.keys(byFacet).length) { showPage(); settle(mine); return; }
    list.setAttribute("aria-busy", "true");
    load().then(function () {
      if (mine !== turn) return;
      matches = [];
      data.programs.forEach(function (tokens, position) { if (passes(tokens, byFacet)) matches.push(position); });
      if (pageLinks) pageLinks.hidden = true;
      list.textContent = "";
      shown = 0;
      empty.hidden = matches.length !== 0;
      status.textContent = say("programsMatch", { shown: matches.length, num: data.total }, data.total);
      return showMore();
    }).catch(function () {
      if (mine !== turn) return;
      showPage();
      filterPage(byFacet);
    }).then(function () { settle(mine); });
  }

  function toUrl(push) {
    var params = new URLSearchParams();
    boxes.forEach(function (box) { if (box.checked) params.append(box.name, box.value); });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "");
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
    apply();
  }

  form.hidden = false;
  document.documentElement.classList.add("js-filters");
  // Each change applies at once, so the Apply button (the form's explicit submit) is
  // hidden; Enter in the form still applies.
  var applyButton = form.querySelector(".apply-filters");
  if (applyButton) applyButton.hidden = true;
  form.addEventListener("change", function () { apply(); toUrl(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(); toUrl(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); toUrl(true); });
  more.addEventListener("click", function () {
    var first = shown;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });
  window.addEventListener("popstate", fromUrl);
  fromUrl();
})();
