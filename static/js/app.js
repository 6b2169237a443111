/* Page behaviour of the whole app. The Content-Security-Policy allows no inline script or event
   handler (docs/deploy.md, "Security headers"), so everything a page does lives in files like
   this one, loaded from /static/.

   Confirmation before a destructive submission: <form data-confirm="Hapus ...?"> asks the
   question and submits only when the user agrees. (Forms sent by htmx use hx-confirm.)

   File pickers (templates/includes/file_input.html): the name of the chosen file is shown next
   to the "Pilih berkas" button, or the picker's data-empty text when none is chosen.

   Controls that only work with scripts (e.g. the readiness table's "Simpan semua", which
   gathers the rows' forms with htmx) are rendered `hidden data-needs-script` and shown here.

   Copy buttons: <button data-copy-target="ID" data-copied="Tersalin"> copies the value (or the
   text) of the element with that id to the clipboard, selects it, and says so on the button.

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

  function showChosenFiles(input) {
    var picker = input.closest("[data-file-picker]");
    var shown = picker && picker.querySelector(".file-picker-name");
    if (!shown) {
      return;
    }
    var names = Array.prototype.map.call(input.files || [], function (file) {
      return file.name;
    });
    shown.textContent = names.length ? names.join(", ") : shown.getAttribute("data-empty");
  }

  function showAllChosenFiles() {
    document.querySelectorAll("[data-file-picker] input[type=file]").forEach(showChosenFiles);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file") {
      showChosenFiles(input);
    }
  });
  // A page restored from the back/forward cache may keep a chosen file.
  window.addEventListener("pageshow", showAllChosenFiles);
  document.addEventListener("DOMContentLoaded", showAllChosenFiles);

  function showScripted() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-needs-script]"), function (el) {
      el.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source) {
      return;
    }
    var text = "value" in source ? source.value : source.textContent;
    if (source.select) {
      source.select();
    }
    var done = function () {
      button.textContent = button.getAttribute("data-copied") || button.textContent;
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {});
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showScripted);
  } else {
    showScripted();
  }
})();
