/* Nothing lost silently: a warning before leaving a page with unsaved input.

   A POST form is "unsaved" (data-unsaved="dirty" on the <form>) while what it holds differs
   from what the page loaded, or when the server rendered it from input it did not save (a
   refused form: it carries a [data-unsaved-input] marker, templates/includes/unsaved_input.html).
   Leaving the page (a link, reload, closing the tab) while any form on it is unsaved asks the
   browser's "Leave site?" question (beforeunload).

   A form stops being unsaved when it is submitted the ordinary way (the page moves on with
   it), or when htmx saved it: a successful answer to the form's request (or to a request that
   included it, like the readiness table's "Simpan semua"), or a swap that replaced it with the
   saved row (a fresh form holds the saved values). A refused htmx answer (422) swaps in the
   refused form with its marker, so it stays unsaved.

   Not tracked: GET forms (filters, search) and forms marked data-unsaved-ignore (sign-in). The
   app does not use hx-boost; a boosted link would leave the page without beforeunload, so
   htmx:confirm asks the same question for boosted requests should they be introduced.

   No inline script (Content-Security-Policy): loaded from base.html for every page. */
(function () {
  "use strict";

  var DIRTY = "dirty";
  var QUESTION = "Ada isian yang belum disimpan. Tinggalkan halaman ini?";

  function tracked(form) {
    return form instanceof HTMLFormElement &&
      (form.getAttribute("method") || "get").toLowerCase() === "post" &&
      !form.hasAttribute("data-unsaved-ignore");
  }

  function refused(form) {
    return form.querySelector("[data-unsaved-input]") !== null;
  }

  function selectDiffers(select) {
    var options = select.options;
    var i;
    if (select.multiple || select.size > 1) {
      for (i = 0; i < options.length; i += 1) {
        if (options[i].selected !== options[i].defaultSelected) {
          return true;
        }
      }
      return false;
    }
    var initial = 0;  // a single select without a selected option shows its first one
    for (i = 0; i < options.length; i += 1) {
      if (options[i].defaultSelected) {
        initial = i;
      }
    }
    return options.length > 0 && select.selectedIndex !== initial;
  }

  function controlDiffers(control) {
    if (!control.name || control.disabled) {
      return false;
    }
    switch (control.type) {
      case "checkbox":
      case "radio":
        return control.checked !== control.defaultChecked;
      case "select-one":
      case "select-multiple":
        return selectDiffers(control);
      case "file":
        return control.value !== "";
      case "submit":
      case "button":
      case "reset":
      case "image":
        return false;
      default:
        return typeof control.defaultValue === "string" && control.value !== control.defaultValue;
    }
  }

  function differs(form) {
    return Array.prototype.some.call(form.elements, controlDiffers);
  }

  function setDirty(form, dirty) {
    if (dirty) {
      form.setAttribute("data-unsaved", DIRTY);
    } else {
      form.removeAttribute("data-unsaved");
    }
  }

  function isDirty(form) {
    return form.getAttribute("data-unsaved") === DIRTY && document.contains(form);
  }

  function anyDirty() {
    return Array.prototype.some.call(document.forms, function (form) {
      return tracked(form) && isDirty(form);
    });
  }

  function formsIn(root) {
    if (!root || typeof root.querySelectorAll !== "function") {
      return [];
    }
    var forms = Array.prototype.slice.call(root.querySelectorAll("form"));
    if (root instanceof HTMLFormElement) {
      forms.push(root);
    }
    return forms;
  }

  // Forms the server rendered from input it did not save count as unsaved from the start.
  function markRefused(root) {
    formsIn(root).forEach(function (form) {
      if (tracked(form) && refused(form)) {
        setDirty(form, true);
      }
    });
  }

  function onEdit(event) {
    var form = event.target && event.target.form;
    if (tracked(form)) {
      setDirty(form, refused(form) || differs(form));
    }
  }

  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);

  // An ordinary submission takes the form's input along: not lost. (app.js stops the event
  // before it gets here when a data-confirm question is declined; htmx prevents the default
  // of the forms it sends, which stay unsaved until htmx reports them saved.)
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!event.defaultPrevented && tracked(form)) {
      setDirty(form, false);
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (anyDirty()) {
      event.preventDefault();
      event.returnValue = QUESTION;  // older browsers want it set; all show their own text
      return QUESTION;
    }
    return undefined;
  });

  // --- htmx ---------------------------------------------------------------------------------

  // The forms a request sent: the requesting form (or the form of the requesting button) and
  // every form its hx-include names.
  function sentForms(elt) {
    var forms = [];
    var own = elt instanceof HTMLFormElement ? elt : elt && elt.closest && elt.closest("form");
    if (own) {
      forms.push(own);
    }
    var include = elt && elt.closest && elt.closest("[hx-include]");
    if (include) {
      try {
        Array.prototype.forEach.call(
          document.querySelectorAll(include.getAttribute("hx-include")), function (node) {
            forms = forms.concat(formsIn(node));
          });
      } catch (error) {
        // An extended htmx selector (closest, this, ...): the requesting form is enough.
      }
    }
    return forms;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    // What the request carries, to be cleared on success even if the user types meanwhile
    // in another form.
    event.detail.unsavedSent = sentForms(event.detail.elt);
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var detail = event.detail;
    if (!detail.successful) {
      return;  // a refused answer swapped in its own marked form, or nothing at all
    }
    (detail.unsavedSent || sentForms(detail.elt)).forEach(function (form) {
      if (document.contains(form)) {
        setDirty(form, refused(form));
      }
    });
  });

  // New content (a swapped row, block or grid): its refused forms are unsaved.
  document.addEventListener("htmx:load", function (event) {
    markRefused(event.target);
  });

  // Boosted navigation leaves the page without a beforeunload; ask the same question.
  document.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.closest || !elt.closest("[hx-boost=true], [hx-boost='true']")) {
      return;
    }
    var own = elt instanceof HTMLFormElement ? elt : null;
    var others = Array.prototype.some.call(document.forms, function (form) {
      return form !== own && tracked(form) && isDirty(form);
    });
    if (others && !window.confirm(QUESTION)) {
      event.preventDefault();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      markRefused(document);
    });
  } else {
    markRefused(document);
  }
})();
