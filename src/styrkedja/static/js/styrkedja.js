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
