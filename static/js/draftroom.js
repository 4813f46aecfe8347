// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Escape cancels an in-place edit: click the form's cancel link.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var form = event.target.closest && event.target.closest("form[data-escape-cancels]");
    if (!form) return;
    var cancel = form.querySelector("[data-cancel]");
    if (cancel) { event.preventDefault(); cancel.click(); }
  });
  // Put the caret in the first field of a freshly swapped-in editor.
  document.addEventListener("htmx:afterSwap", function (event) {
    var field = event.detail.target.querySelector("[data-autofocus]");
    if (field) { field.focus(); }
  });
  // Ask before a form that changes a stage or records something final is submitted.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  }, true);
})();
