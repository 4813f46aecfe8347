// Amendment editor: small progressive enhancements; the form works without this file.
(function () {
  "use strict";
  function sync(form) {
    var checked = form.querySelector("input[name=action]:checked");
    var action = checked ? checked.value : "replace";
    var kind = form.querySelector("[data-insert-kind]");
    if (kind) { kind.hidden = action !== "insert"; }
    var text = form.querySelector("textarea[name=proposed_text]");
    if (text) { text.readOnly = action === "delete"; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-amendment-editor]").forEach(function (form) {
      sync(form);
      form.addEventListener("change", function (event) {
        if (event.target.name !== "action") return;
        var text = form.querySelector("textarea[name=proposed_text]");
        var base = document.getElementById("base-text");
        // Amending the text starts from the current text; a new unit starts empty.
        if (text && base && !text.value.trim() && event.target.value === "replace") {
          text.value = base.textContent;
        }
        sync(form);
        if (text && window.htmx) {
          window.htmx.ajax("POST", text.getAttribute("hx-post"), {
            source: text, target: "#preview", swap: "outerHTML"
          });
        }
      });
    });
  });
})();
