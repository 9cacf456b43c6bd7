"""Kolada's answers as its API v3 gives them, recorded: built from the sample of Kolada's catalogue and
values in `shared/data/kolada/` (see its SOURCE.md) and served by a `fetch` that never touches the
network. The catalogue comes in two pages (`next_url`), values grouped per KPI, municipality and year with
a value per gender, as `/v3/data/kpi/{kpi}/municipality/{ids}/year/{years}` answers them."""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "kolada"
BASE = "https://api.kolada.se/v3"


def load() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    if not (DATA / "kolada_kpi_catalogue_sample.json").is_file():
        pytest.skip(f"the Kolada sample is not available: no folder {DATA}")
    catalogue = json.loads((DATA / "kolada_kpi_catalogue_sample.json").read_text(encoding="utf-8"))["kpis"]
    sample = json.loads((DATA / "kolada_values_and_municipalities_sample.json").read_text(encoding="utf-8"))
    known = {k["id"] for k in catalogue}
    catalogue += [dict(k, municipality_type="K") for k in sample["kpi_definitions"] if k["id"] not in known]
    return catalogue, sample["munic"], sample["kld_data"] + sample["n00945"]


class Recorded:
    """`fetch(url)` answering as Kolada would; `asked` lists the addresses asked."""

    def __init__(self, extra_values: list[dict[str, Any]] | None = None, status: list[int] | None = None):
        self.catalogue, self.municipalities, self.rows = load()
        self.rows = self.rows + (extra_values or [])
        self.asked: list[str] = []
        self.status = list(status or [])

    def __call__(self, url: str) -> tuple[int, dict[str, str], bytes]:
        self.asked.append(url)
        if self.status:
            return self.status.pop(0), {"Retry-After": "0"}, b"busy"
        parts = urllib.parse.urlsplit(url)
        query = dict(urllib.parse.parse_qsl(parts.query))
        path = parts.path.removeprefix("/v3/")
        if path == "kpi":
            page = int(query.get("page", "1"))
            half = len(self.catalogue) // 2
            rows = self.catalogue[:half] if page == 1 else self.catalogue[half:]
            next_url = f"{BASE}/kpi?{urllib.parse.urlencode({**query, 'page': 2})}" if page == 1 else None
            return self._json({"count": len(rows), "values": rows, "next_url": next_url})
        if path == "municipality":
            return self._json(
                {"count": len(self.municipalities), "values": self.municipalities, "next_url": None}
            )
        match = re.fullmatch(r"data/kpi/([^/]+)/municipality/([^/]+)(?:/year/([^/]+))?", path)
        if match:
            kpis, areas = match[1].split(","), match[2].split(",")
            years = {int(y) for y in match[3].split(",")} if match[3] else None
            since = query.get("from_date")
            grouped: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
            for r in self.rows:
                if (
                    r["kpi"] in kpis
                    and r["municipality_id"] in areas
                    and (years is None or r["year"] in years)
                ):
                    if since and r.get("updated", "1900-01-01") < since:
                        continue
                    grouped.setdefault((r["kpi"], r["municipality_id"], r["year"]), []).append(
                        {
                            "gender": r["gender"],
                            "count": r.get("count", 1),
                            "status": r["status"],
                            "value": r["value"],
                        }
                    )
            values = [
                {"kpi": kpi, "municipality": area, "period": year, "values": cells}
                for (kpi, area, year), cells in sorted(grouped.items())
            ]
            return self._json({"count": len(values), "values": values, "next_url": None})
        return 404, {}, b'{"error": "not found"}'

    @staticmethod
    def _json(body: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()
