/* Page behaviour of the whole app. The Content-Security-Policy allows no inline script or event
   handler (docs/deploy.md, "Security headers"), so everything a page does lives in files like
   this one, loaded from /static/.

   Confirmation before a destructive submission: <form data-confirm="Hapus ...?"> asks the
   question and submits only when the user agrees. (Forms sent by htmx use hx-confirm.)

   Controls that only work with scripts (e.g. the readiness table's "Simpan semua", which
   gathers the rows' forms with htmx) are rendered `hidden data-needs-script` and shown here.

   The warning before leaving a page with unsaved input is static/js/unsaved.js. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  function showScripted() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-needs-script]"), function (el) {
      el.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showScripted);
  } else {
    showScripted();
  }
})();
