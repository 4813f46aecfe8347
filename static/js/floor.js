// The sitting console: small enhancements; every form works without this file.
(function () {
  "use strict";
  // Choosing a paragraph in the picker goes there at once (the Go button stays for keyboards).
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-submit-on-change]");
    if (select && select.form) select.form.submit();
  });
})();
