/*
 * Keyboard access for three of the theme's controls that are CSS-only:
 * - the menu button (label for the drawer checkbox) becomes a real button for
 *   keyboard and screen reader users: focusable, Enter/Space, aria-expanded;
 * - the light/dark toggle (a radio group) switches with Enter or Space, not
 *   only with the arrow keys;
 * - the language menu (open while it has the focus or the pointer) closes with
 *   Escape, leaving the focus on its button (kirkas.css: .kirkas-select--closed).
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

  var select = document.querySelector(".kirkas-header .md-select");
  var selectButton = select && select.querySelector("button");
  if (select && selectButton) {
    var closed = "kirkas-select--closed";
    select.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !select.classList.contains(closed)) {
        select.classList.add(closed);
        selectButton.focus();
      }
    });
    // Open again as soon as a language (not the button) gets the focus, when the
    // button is pressed, or the pointer comes back; closed again once focus leaves.
    select.addEventListener("focusin", function (event) {
      if (event.target !== selectButton) {
        select.classList.remove(closed);
      }
    });
    selectButton.addEventListener("click", function () {
      select.classList.remove(closed);
    });
    select.addEventListener("pointerenter", function () {
      select.classList.remove(closed);
    });
    select.addEventListener("focusout", function (event) {
      if (!select.contains(event.relatedTarget)) {
        select.classList.remove(closed);
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
