/* Page behaviour of the whole app. The Content-Security-Policy allows no inline script or event
   handler (docs/deploy.md, "Security headers"), so everything a page does lives in files like
   this one, loaded from /static/.

   Confirmation before a destructive submission: <form data-confirm="Hapus ...?"> asks the
   question and submits only when the user agrees. (Forms sent by htmx use hx-confirm.) */
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
})();
