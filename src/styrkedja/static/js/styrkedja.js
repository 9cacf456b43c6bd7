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

// The entry grids (`table[data-entry-grid]`: the part page's indicators, the economy's areas, the part's
// activities) work like a spreadsheet. Each table says how many columns its cells span
// (`data-grid-cols`, 4 when it does not say); each row is a `tbody[data-grid-row]` and each cell a field
// with `data-grid-col` (its column, from 0). One code for every grid:
// - In a text input, the arrow keys move between the cells (left and right only at the start or end of
//   the text, or when it is all selected); Enter moves down and Shift+Enter up, instead of sending the
//   form; Tab as usual.
// - In a text area (a multi-line cell), Enter writes a new line as usual; up moves to the row above only
//   from the very start of the text, down to the row below only from its end, left and right as in an
//   input.
// - In a select, up and down are the browser's own (they change the option, open or closed), so they
//   never move; left and right move to the neighbouring cell, and Enter (Shift+Enter) moves to the row
//   below (above).
// - With Alt, Ctrl or Meta held nothing moves.
// A block copied from Excel (cells separated by tabs, rows by new lines, numbers with a decimal comma)
// pasted into a text input fills the inputs to the right and below; the table's `data-grid-status`
// names the element that tells how many cells were filled. Without JavaScript the grid is a plain form;
// the server reads the numbers the same way.
(function () {
  function tableOf(field) {
    return field.closest("table[data-entry-grid]");
  }

  function gridOf(field) {
    // The tables the field's form holds are one grid (the part page's goals each have their table);
    // a grid outside a form is its table alone.
    var table = tableOf(field);
    var form = field.form;
    return form && form.contains(table) ? form : table;
  }

  function width(tables) {
    var cols = 0;
    tables.forEach(function (table) {
      cols = Math.max(cols, Number(table.getAttribute("data-grid-cols")) || 4);
    });
    return cols;
  }

  function cells(grid) {
    // Every cell of the grid's rows, as rows × the tables' columns (a missing one is null).
    var tables = grid.matches("table") ? [grid] : Array.prototype.slice.call(grid.querySelectorAll("table[data-entry-grid]"));
    var cols = width(tables);
    var rows = [];
    tables.forEach(function (table) {
      Array.prototype.forEach.call(table.querySelectorAll("tbody[data-grid-row]"), function (body) {
        var row = [];
        for (var c = 0; c < cols; c++) row.push(null);
        Array.prototype.forEach.call(body.querySelectorAll("[data-grid-col]"), function (field) {
          var c = Number(field.getAttribute("data-grid-col"));
          if (c >= 0 && c < cols && !field.disabled) row[c] = field;
        });
        rows.push(row);
      });
    });
    return rows;
  }

  function position(rows, field) {
    for (var r = 0; r < rows.length; r++) {
      var c = rows[r].indexOf(field);
      if (c >= 0) return [r, c];
    }
    return null;
  }

  function focus(field) {
    if (!field) return false;
    field.focus();
    if (field.tagName === "INPUT" && field.select) field.select();
    return true;
  }

  function vertical(rows, at, step) {
    for (var r = at[0] + step; r >= 0 && r < rows.length; r += step) {
      if (rows[r][at[1]]) return rows[r][at[1]];
    }
    return null;
  }

  function horizontal(rows, at, step) {
    var cols = rows.length ? rows[0].length : 0;
    var r = at[0], c = at[1] + step;
    while (r >= 0 && r < rows.length) {
      while (c >= 0 && c < cols) {
        if (rows[r][c]) return rows[r][c];
        c += step;
      }
      r += step;
      c = step > 0 ? 0 : cols - 1;
    }
    return null;
  }

  function isGridField(target) {
    return target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.hasAttribute("data-grid-col") &&
      tableOf(target);
  }

  function caret(field) {
    // Where the text cursor stands: at the start, at the end, or the whole text selected.
    var start = field.selectionStart, end = field.selectionEnd, length = field.value.length;
    return {
      start: start === 0 && end === 0,
      end: start === length && end === length,
      all: start === 0 && end === length,
    };
  }

  function step(field, event) {
    // The move a key asks for in this kind of cell: [rows, columns], or null to leave the key alone.
    var key = event.key;
    if (field.tagName === "SELECT") {
      if (key === "Enter") return [event.shiftKey ? -1 : 1, 0];
      if (key === "ArrowRight") return [0, 1];
      if (key === "ArrowLeft") return [0, -1];
      return null;
    }
    var at = caret(field);
    if (field.tagName === "TEXTAREA") {
      if (key === "ArrowDown" && at.end) return [1, 0];
      if (key === "ArrowUp" && at.start) return [-1, 0];
    } else {
      if (key === "ArrowDown" || (key === "Enter" && !event.shiftKey)) return [1, 0];
      if (key === "ArrowUp" || (key === "Enter" && event.shiftKey)) return [-1, 0];
    }
    if (key === "ArrowRight" && (at.end || at.all)) return [0, 1];
    if (key === "ArrowLeft" && (at.start || at.all)) return [0, -1];
    return null;
  }

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (!isGridField(field) || event.altKey || event.ctrlKey || event.metaKey) return;
    var move = step(field, event);
    if (!move) return;
    var rows = cells(gridOf(field));
    var at = position(rows, field);
    if (!at) return;
    if (event.key === "Enter") event.preventDefault(); // Enter moves; the Spara buttons send the grid
    var next = move[0] ? vertical(rows, at, move[0]) : horizontal(rows, at, move[1]);
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
    if (!isGridField(input) || input.tagName !== "INPUT") return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!text || !/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return; // one value: the browser pastes it
    event.preventDefault();
    var table = tableOf(input);
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
        if (!cell || cell.tagName !== "INPUT") return;
        cell.value = value;
        cell.dispatchEvent(new Event("input", { bubbles: true }));
        filled++;
      });
    });
    var status = document.getElementById(table.getAttribute("data-grid-status") || "indikatorer-inklistrat");
    if (status) status.textContent = filled + " celler ifyllda från urklipp. Inget är sparat förrän du sparar.";
  });
})();

// The economy grid's computed cells follow the typing: the forecast's net (costs + revenues) and the
// deviation (budget net − forecast net), in tenths of a mnkr as whole numbers, so the sum is exact (an
// amount has at most one decimal). What the server stores is computed again there; a cell that cannot be
// read (a letter, two decimals) shows "–" until the save says why.
(function () {
  function tenths(text) {
    var cleaned = String(text).replace(/[\s\u00a0\u202f]/g, "").replace("\u2212", "-").replace(",", ".");
    if (!/^[+-]?\d+(\.\d+)?$/.test(cleaned)) return null;
    var negative = cleaned.charAt(0) === "-";
    var parts = cleaned.replace(/^[+-]/, "").split(".");
    if (parts[1]) parts[1] = parts[1].replace(/0+$/, "");
    if (parts[1] && parts[1].length > 1) return null; // more than tenths: the save says why
    var value = Number(parts[0]) * 10 + (parts[1] ? Number(parts[1]) : 0);
    return negative ? -value : value;
  }

  function shown(value) {
    // As the server prints money: "1 393,1", "-45,0" (no-break spaces between thousands).
    if (value === null) return "–";
    var whole = String(Math.floor(Math.abs(value) / 10)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
    return (value < 0 ? "-" : "") + whole + "," + (Math.abs(value) % 10);
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    var row = input.closest && input.closest("table.economy-grid tbody[data-grid-row]");
    if (!row) return;
    var cells = row.querySelectorAll("input[data-grid-col]");
    var budget = row.querySelector("[data-area-budget-net]");
    var net = row.querySelector("[data-area-net]");
    var deviation = row.querySelector("[data-area-deviation]");
    if (cells.length < 2 || !budget || !net || !deviation) return;
    var costs = tenths(cells[0].value), revenues = tenths(cells[1].value);
    var forecast = costs === null || revenues === null ? null : costs + revenues;
    var planned = tenths(budget.getAttribute("data-area-budget-net"));
    net.textContent = shown(forecast);
    deviation.textContent = forecast === null || planned === null ? "–" : shown(planned - forecast);
  });
})();
