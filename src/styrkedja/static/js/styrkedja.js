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

// Building a report can take a few seconds: a report link that has not answered within a moment says
// "Skapar rapporten…" beside it (a status, read out by screen readers). The Word document (a download) is
// fetched here, so that the page knows when it has come and says so; a report that opens as a page (PDF,
// HTML) replaces this page when it is ready. Without fetch, or when it fails, the browser's own download.
(function () {
  var WAIT_MS = 300;

  function say(link, text) {
    var status = link.parentNode.querySelector(".report-status");
    if (status) status.textContent = text;
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-report]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) return;
    if (link.getAttribute("aria-busy") === "true") { event.preventDefault(); return; }
    var timer = window.setTimeout(function () { say(link, "Skapar rapporten…"); }, WAIT_MS);
    if (!link.hasAttribute("download") || !window.fetch || !window.URL || !URL.createObjectURL) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        var disposition = response.headers.get("Content-Disposition") || "";
        var name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || "";
        return response.blob().then(function (blob) { save(blob, name); });
      })
      .then(function () {
        window.clearTimeout(timer);
        say(link, "Rapporten är hämtad.");
      })
      .catch(function () {
        window.clearTimeout(timer);
        say(link, "");
        window.location.href = link.href;  // the browser's own download, or the page that says why not
      })
      .then(function () { link.removeAttribute("aria-busy"); });
  });

  // Back on the page (from the PDF, say): no message left from before.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll(".report-status").forEach(function (status) { status.textContent = ""; });
  });
})();

// The entry grid (the part page's indicators, `table[data-entry-grid]`) works like a spreadsheet: the
// arrow keys move between the value cells (left and right at the start or end of the text), Enter moves
// down instead of sending the form, Tab as usual; a block copied from Excel (cells separated by tabs, rows
// by new lines, numbers with a decimal comma) pasted into a cell fills the cells to the right and below.
// Without JavaScript the grid is a plain form; the server reads the numbers the same way.
(function () {
  function gridOf(input) {
    return input.closest && input.closest("form") ;
  }

  function cells(form) {
    // Every value input of the grid's rows, as rows × the four value columns (a missing one is null).
    var rows = [];
    Array.prototype.forEach.call(form.querySelectorAll("table[data-entry-grid] tbody[data-grid-row]"), function (body) {
      var row = [null, null, null, null];
      Array.prototype.forEach.call(body.querySelectorAll("input[data-grid-col]"), function (input) {
        row[Number(input.getAttribute("data-grid-col"))] = input;
      });
      rows.push(row);
    });
    return rows;
  }

  function position(rows, input) {
    for (var r = 0; r < rows.length; r++) {
      var c = rows[r].indexOf(input);
      if (c >= 0) return [r, c];
    }
    return null;
  }

  function focus(input) {
    if (!input) return false;
    input.focus();
    if (input.select) input.select();
    return true;
  }

  function vertical(rows, at, step) {
    for (var r = at[0] + step; r >= 0 && r < rows.length; r += step) {
      if (rows[r][at[1]]) return rows[r][at[1]];
    }
    return null;
  }

  function horizontal(rows, at, step) {
    var r = at[0], c = at[1] + step;
    while (r >= 0 && r < rows.length) {
      while (c >= 0 && c < 4) {
        if (rows[r][c]) return rows[r][c];
        c += step;
      }
      r += step;
      c = step > 0 ? 0 : 3;
    }
    return null;
  }

  function isGridInput(target) {
    return target && target.tagName === "INPUT" && target.hasAttribute("data-grid-col") &&
      target.closest("table[data-entry-grid]");
  }

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!isGridInput(input) || event.altKey || event.ctrlKey || event.metaKey) return;
    var rows = cells(gridOf(input));
    var at = position(rows, input);
    if (!at) return;
    var next = null;
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    var all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) next = vertical(rows, at, 1);
    else if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) next = vertical(rows, at, -1);
    else if (event.key === "ArrowRight" && (atEnd || all)) next = horizontal(rows, at, 1);
    else if (event.key === "ArrowLeft" && (atStart || all)) next = horizontal(rows, at, -1);
    else return;
    if (event.key === "Enter") event.preventDefault(); // Enter moves; the Spara buttons send the grid
    if (next) {
      event.preventDefault();
      focus(next);
    }
  });

  function parseBlock(text) {
    var lines = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
    return lines.map(function (line) {
      return line.split("\t").map(function (cell) {
        // Excel's own thousands separators (spaces, no-break spaces) and a trailing unit are left out;
        // the decimal comma stays: the server reads Swedish numbers.
        return cell.replace(/[\u00a0\u202f ]/g, "").replace(/(%|st|mån|kr)$/i, "").trim();
      });
    });
  }

  document.addEventListener("paste", function (event) {
    var input = event.target;
    if (!isGridInput(input)) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!text || !/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return; // one value: the browser pastes it
    event.preventDefault();
    var rows = cells(gridOf(input));
    var at = position(rows, input);
    if (!at) return;
    var block = parseBlock(text);
    var filled = 0;
    block.forEach(function (values, i) {
      var row = rows[at[0] + i];
      if (!row) return;
      values.forEach(function (value, j) {
        var cell = row[at[1] + j];
        if (!cell) return;
        cell.value = value;
        cell.dispatchEvent(new Event("input", { bubbles: true }));
        filled++;
      });
    });
    var status = document.getElementById("indikatorer-inklistrat");
    if (status) status.textContent = filled + " celler ifyllda från urklipp. Inget är sparat förrän du sparar.";
  });
})();
