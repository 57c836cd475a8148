// Search worker with stemming in the page's language (hooks/search.py points the
// theme at this file on the search and 404 pages).
//
// Material's worker adds a trailing wildcard to every query word ("handledarna*"),
// and lunr skips stemming for wildcard words, so a stemmed index would find nothing.
// This worker stems each query word first ("handledarna" -> "handled") and then runs
// Material's own worker (named in ?material=), whose wildcard then matches every form
// of the word in the stemmed index ("handledare", "handledaren", "handledarna").
"use strict";

var language = "en";

function stem(word) {
  var rules = language === "en" ? self.lunr : self.lunr && self.lunr[language];
  if (!rules || !rules.stemmer) {
    return word;
  }
  return rules.stemmer(new self.lunr.Token(word.toLowerCase(), {})).toString();
}

function stemmedQuery(query) {
  // Words only; a word followed by ":" is a field name (title:) and stays as it is.
  return query.replace(/[\p{L}\p{N}]+(?![\p{L}\p{N}:])/gu, stem);
}

// Registered before Material's listener, so Material receives the stemmed query.
self.addEventListener("message", function (event) {
  var message = event.data;
  if (message && message.type === 0 && message.data && message.data.config) {
    language = message.data.config.lang[0];
  } else if (message && message.type === 2 && typeof message.data === "string") {
    message.data = stemmedQuery(message.data);
  }
});

(function () {
  var material = new URLSearchParams(self.location.search).get("material") || "";
  if (/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    self.importScripts(material);
  }
})();
