// Search page only: where the search form is part of the header (wide screens), open
// it and put the cursor in it, so the visitor can type at once. On phones the form is
// a full-screen dialog that the header's search button opens (it would cover the
// page's heading and help text if it opened by itself).
(function () {
  "use strict";
  var toggle = document.getElementById("__search");
  var input = document.querySelector("form[name=search] input[name=query]");
  if (!toggle || !input || !window.matchMedia("(min-width: 60em)").matches) {
    return;
  }
  toggle.checked = true;
  // Material's scripts load after the first paint (partials/kirkas/scripts.html);
  // focus the input once they have started, or their start-up takes the focus away.
  document.addEventListener("kirkas-scripts-ready", function () {
    input.focus();
  }, { once: true });
})();
