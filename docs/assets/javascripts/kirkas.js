/*
 * Keyboard access for two of the theme's controls that are CSS-only labels:
 * - the menu button (label for the drawer checkbox) becomes a real button for
 *   keyboard and screen reader users: focusable, Enter/Space, aria-expanded;
 * - the light/dark toggle (a radio group) switches with Enter or Space, not
 *   only with the arrow keys.
 */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector("[data-kirkas-menu]");
  if (drawer && menu) {
    menu.setAttribute("role", "button");
    menu.setAttribute("tabindex", "0");
    menu.setAttribute("aria-controls", "__drawer");
    var sync = function () {
      menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    };
    sync();
    drawer.addEventListener("change", sync);
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        // The theme clicks a focused label on Enter too: toggle only once.
        event.preventDefault();
        event.stopPropagation();
        drawer.click();
        if (drawer.checked) {
          var first = document.querySelector(".md-sidebar--primary a[href]");
          if (first) {
            window.setTimeout(function () { first.focus(); }, 50);
          }
        }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        menu.focus();
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") &&
        target instanceof HTMLInputElement && target.classList.contains("md-option")) {
      event.preventDefault();
      var label = target.nextElementSibling;
      if (label && label.tagName === "LABEL") {
        label.click();
        var next = document.getElementById(label.htmlFor);
        if (next) {
          next.focus();
        }
      }
    }
  });
})();
