"""Every table page offers its tables as .xlsx: a page view wrapped in `offers_xlsx` answers
`?format=xlsx` with a workbook of the tables it shows (one sheet per table, named by its caption),
read from the page itself, so the workbook holds exactly what the page shows to this user. Numbers
printed the Swedish way (`1 393,1`, `72 %`, `5,5 mån`) become numbers; everything else stays text."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from django.http import HttpRequest, HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from styrkedja.lib.numbers import parse_number

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNIT = re.compile(r"\s*(%|st|mån|mnkr|kr)$")
_SKIP = {"form", "button", "script", "style", "select", "textarea"}


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[tuple[str, bool]]]]] = []
        self._depth = 0
        self._skip = 0
        self._caption: list[str] | None = None
        self._row: list[tuple[str, bool]] | None = None
        self._cell: list[str] | None = None
        self._header = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append(("", []))
        elif self._depth == 1 and tag == "caption":
            self._caption = []
        elif self._depth == 1 and tag == "tr":
            self._row = []
        elif self._depth == 1 and tag in ("td", "th") and self._row is not None:
            self._cell, self._header = [], tag == "th"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "table":
            self._depth -= 1
        elif self._depth == 1 and tag == "caption" and self._caption is not None:
            _, rows = self.tables[-1]
            self.tables[-1] = (" ".join("".join(self._caption).split()), rows)
            self._caption = None
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append((" ".join("".join(self._cell).split()), self._header))
            self._cell = None
        elif self._depth == 1 and tag == "tr" and self._row is not None:
            if self._row:
                self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)


def tables_of(html: str) -> list[tuple[str, list[list[tuple[str, bool]]]]]:
    parser = _Tables()
    parser.feed(html)
    return [(caption, rows) for caption, rows in parser.tables if rows]


def _value(text: str) -> Any:
    number = parse_number(_UNIT.sub("", text.replace("\u00a0", " ")).strip())
    return number if number is not None else text


def workbook_of(html: str, title: str) -> bytes:
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    taken: set[str] = set()
    for n, (caption, rows) in enumerate(tables_of(html), start=1):
        name = re.sub(r"[\[\]:*?/\\]", " ", caption or f"Tabell {n}")[:28].strip() or f"Tabell {n}"
        while name in taken:
            name = f"{name[:25]} {n}"
        taken.add(name)
        ws = wb.create_sheet(name)
        if caption:
            ws.append([caption])
            ws["A1"].font = Font(bold=True)
        for row in rows:
            ws.append([cell if header else _value(cell) for cell, header in row])
            for col, (_, header) in enumerate(row, start=1):
                if header:
                    ws.cell(ws.max_row, col).font = Font(bold=True)
    if not wb.sheetnames:
        wb.create_sheet(title[:28] or "Tabell").append(["Sidan har inga tabeller."])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def offers_xlsx(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view, which also answers `?format=xlsx` with its tables (and shows a link to them)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.offers_xlsx = True  # type: ignore[attr-defined]
        response = view(request, *args, **kwargs)
        if request.GET.get("format") != "xlsx" or request.method != "GET" or response.status_code != 200:
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        name = request.path.strip("/").replace("/", "-") or "tabeller"
        out = HttpResponse(workbook_of(response.content.decode(), name), content_type=XLSX)
        out["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        out["Cache-Control"] = "private, no-store"
        return out

    return wrapped
