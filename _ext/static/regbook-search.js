/* Offline search excerpts (added to search.html by _ext/reader.py).
 *
 * Sphinx's search page fetches each result's page to cut an excerpt from it. Browsers block
 * fetch() under file://, so a reader who opens the book from disk gets bare titles. The build
 * ships every page's text, section by section, in regbook-search-texts.js
 * (window.REGBOOK_SEARCH_TEXTS = {docname: [[ids, text], ...]}); here fetch() answers a page
 * request from that text, and the summary is cut from the section the result points to (an
 * index entry's target lies inside its defining section). Pages the texts do not know, and any
 * other request, go to the real fetch(). */
(function () {
  "use strict";
  var MARK = "regbook-search-text:";
  var texts = window.REGBOOK_SEARCH_TEXTS || {};
  var realFetch = window.fetch ? window.fetch.bind(window) : null;

  function docnameOf(url) {
    var s = String(url && url.url ? url.url : url);
    var root = document.documentElement.dataset.content_root || "";
    if (root && s.indexOf(root) === 0) s = s.slice(root.length);
    s = s.replace(/[?#].*$/, "").replace(/\.html$/, "");
    return Object.prototype.hasOwnProperty.call(texts, s) ? s : null;
  }

  window.fetch = function (url, init) {
    var doc = docnameOf(url);
    if (doc !== null)
      return Promise.resolve(new Response(MARK + doc, { headers: { "Content-Type": "text/plain" } }));
    return realFetch(url, init);
  };

  function sectionText(doc, anchor) {
    var sections = texts[doc];
    var id = anchor ? anchor.replace(/^#/, "") : "";
    if (id) {
      for (var i = 0; i < sections.length; i++)
        if (sections[i][0].indexOf(id) > -1 && sections[i][1]) return sections[i][1];
    }
    return sections.map(function (s) { return s[1]; }).join(" ");
  }

  function patch() {
    // searchtools.js declares `const Search` at top level: a global binding, not window.Search
    if (typeof Search === "undefined" || Search._regbookPatched) return;
    var original = Search.makeSearchSummary;
    Search.makeSearchSummary = function (htmlText, keywords, anchor) {
      if (typeof htmlText !== "string" || htmlText.indexOf(MARK) !== 0)
        return original(htmlText, keywords, anchor);
      var doc = htmlText.slice(MARK.length);
      var text = sectionText(doc, anchor);
      var lower = text.toLowerCase();
      if (anchor && ![...keywords].some(function (k) { return lower.indexOf(k.toLowerCase()) > -1; }))
        text = sectionText(doc, "");  // the section does not say it: look in the whole page
      // Sphinx centres the excerpt on the last search word it finds ("rule" in "one-standard-
      // error rule"); centre it on the whole query if the text has it, else on its longest word.
      var query = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase().trim();
      lower = text.toLowerCase();
      var at = query ? lower.indexOf(query) : -1;
      if (at < 0) {
        var longest = query.split(/[^\p{L}\p{N}]+/u).sort(function (a, b) { return b.length - a.length; })[0];
        at = longest ? lower.indexOf(longest) : -1;
      }
      if (at < 0) {
        var main = document.createElement("div");
        main.setAttribute("role", "main");
        main.textContent = text;
        return original(main.outerHTML, keywords, "");
      }
      var start = Math.max(at - 120, 0);
      var summary = document.createElement("p");
      summary.classList.add("context");
      summary.textContent = (start ? "..." : "") + text.substr(start, 240).trim() +
        (start + 240 < text.length ? "..." : "");
      return summary;
    };
    Search._regbookPatched = true;
  }
  patch();
  document.addEventListener("DOMContentLoaded", patch);
})();
