// styrkedja's own script, loaded from a file so that the Content-Security-Policy needs no 'unsafe-inline'.
"use strict";

// A write refused because an approved round depends on it answers 409 with the reason: htmx shows it in
// place of the form instead of dropping it as an error.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// "Tillbaka" links go one step back in the browser's history when there is one.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

// Unsaved changes are never lost without a word. Every form that posts remembers what it showed; a form
// whose fields differ from that is "unsaved" (marked on the page). Leaving the page with an unsaved form
// asks first; sending one form of a page (the cover page has six) while others hold unsaved changes asks
// too, naming them, since the page that comes back shows the stored values. A row saved in place (htmx)
// loses nothing elsewhere, so it does not ask.
(function () {
  var snapshots = new WeakMap();
  var leaving = false;

  function serialise(form) {
    var parts = [];
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken" && typeof value === "string") parts.push(key + "=" + value);
    });
    return parts.join("&");
  }

  function remember(root) {
    var forms = root.tagName === "FORM" ? [root] : root.querySelectorAll("form[method=post], form[method=POST]");
    Array.prototype.forEach.call(forms, function (form) {
      snapshots.set(form, serialise(form));
      form.classList.remove("is-unsaved");
    });
  }

  function unsaved(form) {
    return snapshots.has(form) && snapshots.get(form) !== serialise(form);
  }

  function unsavedForms() {
    return Array.prototype.filter.call(document.querySelectorAll("form"), unsaved);
  }

  function describe(form) {
    var section = form.closest("section, tbody, article");
    var heading = section && section.querySelector("h2, h3, th[scope=row], caption");
    if (!heading) heading = form.querySelector("legend, h2, h3, caption");
    return heading && heading.textContent.trim() ? heading.textContent.trim() : "ett annat formulär";
  }

  function mark(event) {
    var field = event.target;
    var form = field && field.form;
    if (!form || !snapshots.has(form)) return;
    form.classList.toggle("is-unsaved", unsaved(form));
    if ("defaultValue" in field && field.type !== "hidden") {
      field.classList.toggle("is-changed", field.value !== field.defaultValue);
    }
  }

  document.addEventListener("DOMContentLoaded", function () { remember(document); });
  document.addEventListener("htmx:load", function (event) { remember(event.target); });
  document.addEventListener("input", mark);
  document.addEventListener("change", mark);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("hx-post") || event.defaultPrevented) return;
    var others = unsavedForms().filter(function (other) { return other !== form; });
    if (others.length) {
      var names = others.map(describe).join(", ");
      var question = "Ändringar som inte är sparade finns också i: " + names +
        ". De försvinner när du sparar det här. Spara ändå?";
      if (!window.confirm(question)) {
        event.preventDefault();
        return;
      }
    }
    leaving = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (leaving || !unsavedForms().length) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
