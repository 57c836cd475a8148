/*
 * Quote request form (overrides/partials/kirkas/quote-form.html).
 *
 * Nothing leaves the browser: the form is checked here and turned into a mailto:
 * address with the subject and body percent-encoded (encodeURIComponent; line
 * breaks as CRLF, i.e. %0D%0A). The visitor's own email program sends it. The
 * messages (validation, status) come from data-* attributes in the page's language.
 */
(function () {
  "use strict";

  var form = document.getElementById("kirkas-quote-form");
  if (!form) {
    return;
  }

  var summary = document.getElementById("kirkas-quote-summary");
  var status = document.getElementById("kirkas-quote-status");
  var opened = document.getElementById("kirkas-quote-opened");

  /** Text of a message template with {field} filled in. */
  function message(name, field) {
    return (form.getAttribute("data-" + name) || "").replace("{field}", field || "");
  }

  /** CRLF line breaks, as RFC 6068 asks for in a mailto: body. */
  function crlf(text) {
    return String(text).replace(/\r\n|\r|\n/g, "\r\n");
  }

  /** The value of a radio group, or "". */
  function radioValue(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  /** Text read from the page, without the soft hyphens the build puts into long words. */
  function plain(text) {
    return text.replace(/\u00ad/g, "").trim();
  }

  /** The visible label of the checked radio button of a group, or "". */
  function radioText(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? plain(checked.parentNode.textContent) : "";
  }

  /** The visible text of a select's chosen option. */
  function selectText(select) {
    var option = select.options[select.selectedIndex];
    return option && option.value !== "" ? plain(option.textContent) : "";
  }

  /** Show (or clear) the error of a field or radio group; returns the message. */
  function setError(control, text) {
    var id = control.id;
    var error = document.getElementById(id + "-error");
    if (error) {
      error.textContent = text;
    }
    var targets = control.tagName === "FIELDSET" ? control.querySelectorAll("input") : [control];
    Array.prototype.forEach.call(targets, function (target) {
      if (text) {
        target.setAttribute("aria-invalid", "true");
      } else {
        target.removeAttribute("aria-invalid");
      }
    });
    return text;
  }

  /** Check every field; returns [{control, text}] for the invalid ones. */
  function validate() {
    var problems = [];

    function check(control, text) {
      if (setError(control, text)) {
        problems.push({ control: control, text: text });
      }
    }

    var name = form.elements.name;
    check(name, name.value.trim() ? "" : message("error-required", name.getAttribute("data-field-name")));

    var email = form.elements.email;
    if (!email.value.trim()) {
      check(email, message("error-required", email.getAttribute("data-field-name")));
    } else {
      check(email, email.validity.typeMismatch ? message("error-email") : "");
    }

    var service = form.elements.service;
    check(service, service.value ? "" : message("error-choose", service.getAttribute("data-field-name")));

    var participants = document.getElementById("quote-participants");
    check(participants, radioValue("participants") ? "" : message("error-choose", participants.getAttribute("data-field-name")));

    var size = form.elements.group_size;
    var sizeText = size.value.trim();
    var sizeOk = sizeText === "" || (/^\d+$/.test(sizeText) && +sizeText >= 2 && +sizeText <= 500);
    if (size.validity.badInput) {
      sizeOk = false;
    }
    check(size, sizeOk ? "" : message("error-group-size"));

    var where = document.getElementById("quote-where");
    check(where, radioValue("where") ? "" : message("error-choose", where.getAttribute("data-field-name")));

    var town = form.elements.town;
    var needsTown = radioValue("where") === "on_site" && !town.value.trim();
    check(town, needsTown ? message("error-required", town.getAttribute("data-field-name")) : "");

    var text = form.elements.message;
    check(text, text.value.trim() ? "" : message("error-required", text.getAttribute("data-field-name")));

    return problems;
  }

  /** List the problems at the top of the form, each linking to its field (focused after a submit). */
  function showSummary(problems, options) {
    summary.textContent = "";
    if (!problems.length) {
      return;
    }
    var title = document.createElement("p");
    title.textContent = form.getAttribute("data-errors-title");
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var target = problem.control.tagName === "FIELDSET"
        ? problem.control.querySelector("input")
        : problem.control;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + target.id;
      link.textContent = problem.text;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        target.focus();
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.appendChild(title);
    summary.appendChild(list);
    if (!options || options.focus !== false) {
      summary.focus();
    }
  }

  /** "Label: value" lines of the filled-in fields, in form order. */
  function bodyLines() {
    var lines = [];

    function add(label, value) {
      if (value) {
        lines.push(label + ": " + value);
      }
    }

    var elements = form.elements;
    add(elements.name.getAttribute("data-label"), elements.name.value.trim());
    add(elements.organisation.getAttribute("data-label"), elements.organisation.value.trim());
    add(elements.email.getAttribute("data-label"), elements.email.value.trim());
    add(elements.phone.getAttribute("data-label"), elements.phone.value.trim());
    add(elements.service.getAttribute("data-label"), selectText(elements.service));
    var who = radioText("participants");
    if (radioValue("participants") === "group" && elements.group_size.value.trim()) {
      who += ", " + elements.group_size.getAttribute("data-label").toLowerCase() + " " + elements.group_size.value.trim();
    }
    add(document.getElementById("quote-participants").getAttribute("data-label"), who);
    var where = radioText("where");
    if (elements.town.value.trim()) {
      where += ", " + elements.town.value.trim();
    }
    add(document.getElementById("quote-where").getAttribute("data-label"), where);
    add(elements.language.getAttribute("data-label"), selectText(elements.language));
    add(elements.start.getAttribute("data-label"), selectText(elements.start));
    lines.push("");
    lines.push(elements.message.getAttribute("data-label") + ":");
    lines.push(elements.message.value.trim());
    return lines;
  }

  /** The mailto: address of the request, every part percent-encoded. */
  function mailtoUrl() {
    var elements = form.elements;
    var subject = form.getAttribute("data-subject") + ": " + selectText(elements.service);
    var organisation = elements.organisation.value.trim();
    subject += " – " + (organisation || elements.name.value.trim());
    var body = crlf([form.getAttribute("data-body-title"), ""].concat(bodyLines()).join("\n"));
    return "mailto:" + form.getAttribute("data-to") +
      "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body);
  }

  /** Preselect the service named in the address (?service=crisis). */
  function preselect() {
    var wanted = new URLSearchParams(window.location.search).get("service");
    var select = form.elements.service;
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      select.value = wanted;
    }
  }

  /** Show the group size only for groups, and the town only matters on site. */
  function syncGroupSize() {
    var field = document.getElementById("quote-group-size-field");
    field.hidden = radioValue("participants") !== "group";
  }

  /*
   * After a failed submit, a corrected field is checked again when it is left, and
   * its error and the summary are brought up to date. But leaving the last field by
   * pressing the mouse on the button would then remove an error text above the
   * button, the button would move away under the pointer before the mouse is
   * released, and the click would be lost. So while a pointer is pressed nothing is
   * redrawn: the update waits until it is released (and the click, if it was one,
   * has been handled: the submit checks everything anyway).
   */
  var pointerDown = false;
  var recheckWhenReleased = false;

  /** Check the fields again and refresh the summary, unless no error was shown. */
  function recheck() {
    if (!summary.firstChild && !form.querySelector("[aria-invalid=true]")) {
      return;
    }
    var problems = validate();
    showSummary(problems, { focus: false });
  }

  document.addEventListener("pointerdown", function () {
    pointerDown = true;
  }, true);
  document.addEventListener("pointerup", function () {
    pointerDown = false;
    if (recheckWhenReleased) {
      recheckWhenReleased = false;
      // After the click this release causes, if any.
      window.setTimeout(recheck, 0);
    }
  }, true);
  document.addEventListener("pointercancel", function () {
    pointerDown = false;
  }, true);

  form.addEventListener("change", function (event) {
    if (event.target.name === "participants") {
      syncGroupSize();
    }
    if (!summary.firstChild && !form.querySelector("[aria-invalid=true]")) {
      return;  // no error shown yet: fields are checked on submit
    }
    if (pointerDown) {
      recheckWhenReleased = true;
    } else {
      recheck();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var problems = validate();
    showSummary(problems);
    status.textContent = "";
    if (problems.length) {
      return;
    }
    var url = mailtoUrl();
    status.appendChild(opened.content.cloneNode(true));
    document.getElementById("kirkas-quote-mailto").href = url;
    window.location.href = url;
  });

  preselect();
  syncGroupSize();
  form.hidden = false;
})();
