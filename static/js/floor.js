// The sitting console: small enhancements; every form works without this file.
(function () {
  "use strict";
  // Choosing a paragraph in the picker goes there at once (the Go button stays for keyboards).
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-submit-on-change]");
    if (select && select.form) select.form.submit();
  });

  // One amendment in focus; keyboard shortcuts act on it (shown on the page, #floor-keys).
  var OUTCOME_KEYS = { a: "adopted", r: "rejected", w: "withdrawn", f: "fell" };

  function entries() {
    return Array.prototype.slice.call(document.querySelectorAll("#console .floor-entry"));
  }

  function focused() {
    return document.querySelector("#console .floor-entry.in-focus");
  }

  function setFocus(entry) {
    if (!entry) return;
    entries().forEach(function (e) { e.classList.remove("in-focus"); });
    entry.classList.add("in-focus");
    entry.focus({ preventScroll: true });
    entry.scrollIntoView({ block: "nearest" });
  }

  function isOpen(entry) {
    return !!entry.querySelector("form.floor-decide") && !entry.classList.contains("decided");
  }

  // After a decision the page comes back at the amendment decided: the next open one is in focus.
  function initialFocus(where) {
    var all = entries();
    if (!all.length) return;
    var start = 0;
    var id = typeof where === "string" && where ? where : location.hash.slice(1);
    var hashed = id && document.getElementById(id);
    if (hashed && all.indexOf(hashed) >= 0) {
      if (isOpen(hashed)) return setFocus(hashed);
      start = all.indexOf(hashed) + 1;
    }
    var rest = all.slice(start).concat(all.slice(0, start));
    setFocus(rest.filter(isOpen)[0] || all[Math.min(start, all.length - 1)]);
  }

  function move(step) {
    var all = entries();
    var i = all.indexOf(focused());
    var j = Math.max(0, Math.min(all.length - 1, (i < 0 ? 0 : i + step)));
    setFocus(all[j]);
  }

  function decideWith(entry, outcome) {
    var form = entry && entry.querySelector("form.floor-decide");
    if (!form) return;
    var select = form.querySelector("select[name=outcome]");
    if (!select.querySelector('option[value="' + outcome + '"]')) return;
    select.value = outcome;
    form.requestSubmit();
  }

  function openAndFocus(entry, detailsSelector, fieldSelector, outcome) {
    var form = entry && entry.querySelector("form.floor-decide");
    var details = form && form.querySelector(detailsSelector);
    if (!details) return;
    details.open = true;
    if (outcome) form.querySelector("select[name=outcome]").value = outcome;
    var field = details.querySelector(fieldSelector);
    if (field) field.focus();
  }

  function typing(target) {
    if (!target || !target.closest) return false;
    return !!target.closest("input, textarea, select, [contenteditable=''], [contenteditable=true]");
  }

  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("floor-keys")) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (typing(event.target)) return; // never while someone types in a field
    var key = (event.key || "").toLowerCase();
    var entry = focused();
    var handled = true;
    if (key === "n" || key === "j") move(1);
    else if (key === "p" || key === "k") move(-1);
    else if (OUTCOME_KEYS[key]) decideWith(entry, OUTCOME_KEYS[key]);
    else if (key === "s") openAndFocus(entry, "details.floor-sub", "textarea", "adopted_subamended");
    else if (key === "v") openAndFocus(entry, "details.floor-vote", "input");
    else if (key === "u") {
      var reason = document.querySelector("#floor-last input[name=reason]");
      if (reason) reason.focus();
    } else if (key === "o") {
      var show = entry && entry.querySelector("form.floor-show button");
      if (show) show.click();
    } else handled = false;
    if (handled) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var entry = event.target.closest && event.target.closest("#console .floor-entry");
    if (entry && !entry.classList.contains("in-focus")) setFocus(entry);
  });

  // Decisions and undo go through htmx: the console is replaced in place, no reload, no jump.
  if (window.htmx) {
    // A refused decision (400 bad input, 409 stale) comes back with its explanation and the
    // form as typed: show it.
    window.htmx.config.responseHandling.unshift({ code: "40[09]", swap: true });
  }
  // htmx:load is fired on the new console itself (the old one, swapped out, is detached).
  document.addEventListener("htmx:load", function (event) {
    var console_ = event.target;
    if (!console_ || console_.id !== "console") return;
    // The messages of the page as first loaded are old news once the console has its own.
    if (console_.querySelector(".messages")) {
      document.querySelectorAll(".messages").forEach(function (list) {
        if (!console_.contains(list)) list.remove();
      });
    }
    var where = console_.getAttribute("data-focus");
    if (where) initialFocus(where);
    else initialFocus();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initialFocus);
  } else {
    initialFocus();
  }
})();
