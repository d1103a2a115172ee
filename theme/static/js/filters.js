// Program filters: combine checkboxes, keep the choice in the URL, show matching cards.
// Without this script the page still works: every filter is a link to its own page. Its
// words are the page's language's, from the JSON block base.html writes (#ui-words), else English.
(function () {
  "use strict";
  var MATCH = ["%(shown)s of %(num)s program matches", "%(shown)s of %(num)s programs match"];
  try {
    var block = document.getElementById("ui-words"), given = block ? JSON.parse(block.textContent).programsMatch : null;
    if (Array.isArray(given) && given.length === 2 && typeof given[0] === "string" && typeof given[1] === "string") MATCH = given;
  } catch (error) { /* the English words stay */ }

  function matching(shown, total) {
    var values = { shown: shown, num: total };
    return MATCH[total === 1 ? 0 : 1].replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  var form = document.getElementById("program-filters");
  var list = document.getElementById("program-list");
  if (!form || !list) return;
  var status = document.getElementById("filter-status");
  var empty = document.getElementById("no-results");
  var cards = Array.prototype.slice.call(list.children);
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));

  function chosen() {
    var byFacet = {};
    boxes.forEach(function (box) {
      if (box.checked) (byFacet[box.name] = byFacet[box.name] || []).push(box.name + ":" + box.value);
    });
    return byFacet;
  }

  function apply() {
    var byFacet = chosen();
    var facets = Object.keys(byFacet);
    var shown = 0;
    cards.forEach(function (card) {
      var tokens = (card.getAttribute("data-facets") || "").split(" ");
      // Any value within one facet, every facet across them.
      var match = facets.every(function (facet) {
        return byFacet[facet].some(function (token) { return tokens.indexOf(token) !== -1; });
      });
      card.hidden = !match;
      if (match) shown += 1;
    });
    empty.hidden = shown !== 0;
    status.textContent = facets.length ? matching(shown, cards.length) : "";
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
  window.addEventListener("popstate", fromUrl);
  fromUrl();
})();
