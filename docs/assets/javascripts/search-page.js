// Pages with the search form in the page (the search page and the 404 pages;
// overrides/partials/search.html), on top of Material's search script:
// - on wide screens the search page (its script tag has data-kirkas-focus) puts the
//   cursor in the field at once, so the visitor can type (not on phones, where the
//   keyboard would pop up over the page);
// - the page stays scrollable: Material locks the page's scrolling while its search is
//   open, which is right for its full-screen dialog but not for results in the page;
// - the results stay in the Tab order: Material takes its result links out of it
//   (its dialog is left with the arrow keys), but here they are the page's links;
//   their headings rank below the page's own.
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.querySelector("form[name=search] input[name=query]");
  var list = document.querySelector("[data-md-component=search-result] > :last-child");
  if (!input || !list) {
    return;
  }

  if (script && script.hasAttribute("data-kirkas-focus") && window.matchMedia("(min-width: 60em)").matches) {
    // Material's scripts load after the first paint (partials/kirkas/scripts.html);
    // focus the field once they have started, or their start-up takes the focus away.
    document.addEventListener("kirkas-scripts-ready", function () {
      input.focus();
    }, { once: true });
  }

  new MutationObserver(function () {
    if (document.body.hasAttribute("data-md-scrolllock")) {
      document.body.removeAttribute("data-md-scrolllock");
      document.body.style.removeProperty("top");
    }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });

  new MutationObserver(function () {
    list.querySelectorAll("a[tabindex='-1'], summary[tabindex='-1']").forEach(function (element) {
      element.removeAttribute("tabindex");
    });
    // Material titles a result page with h1 and its sections with h2; in this page they
    // stand below its own h1.
    list.querySelectorAll("h1:not([aria-level]), h2:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("aria-level", heading.tagName === "H1" ? "2" : "3");
    });
  }).observe(list, { childList: true, subtree: true });
})();
