// Drafting page enhancements; the page works without this file.
(function () {
  "use strict";
  // htmx:load fires for each piece of new content (outerHTML swaps included).
  document.addEventListener("htmx:load", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.querySelector) return;
    // A freshly swapped-in editor: put the caret in its text, show its conflict panel.
    var field = elt.querySelector(".unit.editing [data-autofocus], [data-autofocus]");
    if (field && elt.classList && elt.classList.contains("editing")) {
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    }
    var panel = elt.querySelector(".conflict-panel");
    if (panel) { panel.scrollIntoView({block: "nearest"}); }
    // Back from the editor (saved or cancelled): keyboard focus returns to its Edit link.
    if (elt.classList && elt.classList.contains("unit") && !elt.classList.contains("editing")) {
      var active = document.activeElement;
      if (!active || active === document.body) {
        var edit = elt.querySelector(".edit-link");
        if (edit) { edit.focus(); }
      }
    }
  });
  // Escape closes an open "More" menu of a unit.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details.unit-menu[open]");
    if (open) { open.removeAttribute("open"); }
  });
})();
