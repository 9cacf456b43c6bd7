"""Kolada (docs/kolada.md): a client of Kolada's API v3 and what styrkedja keeps of it.

- The client asks `{KOLADA_URL}/kpi`, `/municipality`, `/ou`, `/data/kpi/{kpi}/municipality/{ids}[/year/
  {years}]` and `/oudata/kpi/{kpi}/ou/{ids}`, follows `next_url` page by page, and caches every answer in
  the database (`KoladaResponse`) for `KOLADA_CACHE_HOURS`. It is polite: at least
  `KOLADA_MIN_INTERVAL_MS` between two requests, counted from the latest request any process made (read
  from the cache), a `User-Agent` naming the program, and a 429 or 5xx answer waited out (its
  `Retry-After`) and asked again a few times.
- `sync_catalogue` stores the KPI catalogue, the municipalities and regions; `sync_values` a KPI's values
  (total, women, men, with their status) for the areas asked, incrementally: after the first sync only
  what changed since (`from_date`).
- Indicators link to a KPI by their `kolada_kpi` (set through `plans/editing.update_indicator`);
  `import_series` copies the own municipality's values into the indicators' series (`SeriesValue`, source
  Kolada); `comparison` is Riket, the own municipality and the chosen peers for a year, "Källa: Kolada".

No network in tests: the client takes a `fetch` function, and tests give it recorded answers.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from styrkedja.audit import save_by
from styrkedja.exchange.models import (
    KoladaArea,
    KoladaComparison,
    KoladaKpi,
    KoladaResponse,
    KoladaSync,
    KoladaValue,
)
from styrkedja.lib.vocabulary import ValueSource
from styrkedja.organisations.models import Organisation
from styrkedja.plans.models import Indicator, SeriesValue

RIKET = "0000"
ATTRIBUTION = "Källa: Kolada"
USER_AGENT = "styrkedja (planering och uppföljning för kommuner)"
GENDERS = {"T": "total", "K": "women", "M": "men"}
#: Ids per request: Kolada answers long lists slowly, or not at all.
BATCH = 20

#: (status, headers, body) of a GET.
Fetch = Callable[[str], tuple[int, dict[str, str], bytes]]


class KoladaError(Exception):
    """Kolada could not be asked, or answered something that is not its API's JSON."""


def http_fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers or {}), exc.read() or b""
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise KoladaError(f"Kolada svarar inte ({url}): {exc}") from exc


class Client:
    def __init__(
        self,
        fetch: Fetch | None = None,
        *,
        base_url: str | None = None,
        min_interval: float | None = None,
        cache_hours: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        retries: int = 3,
    ) -> None:
        self.fetch = fetch or http_fetch
        self.base_url = (base_url or settings.KOLADA_URL).rstrip("/")
        self.min_interval = settings.KOLADA_MIN_INTERVAL_MS / 1000 if min_interval is None else min_interval
        self.cache_hours = settings.KOLADA_CACHE_HOURS if cache_hours is None else cache_hours
        self.sleep = sleep
        self.retries = retries
        self.requests = 0  # made by this client, for the command's summary

    def url(self, path: str, params: dict[str, Any] | None = None) -> str:
        query = urllib.parse.urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
        return f"{self.base_url}/{path.lstrip('/')}" + (f"?{query}" if query else "")

    def get(self, url: str, *, fresh: bool = False) -> dict[str, Any]:
        """One page, from the cache while it is fresh."""
        cached = KoladaResponse.objects.filter(url=url).first()
        if (
            cached is not None
            and not fresh
            and timezone.now() - cached.fetched < dt.timedelta(hours=self.cache_hours)
        ):
            return dict(cached.body)
        body = self._ask(url)
        KoladaResponse.objects.update_or_create(url=url, defaults={"body": body, "fetched": timezone.now()})
        return body

    def _ask(self, url: str) -> dict[str, Any]:
        for attempt in range(self.retries + 1):
            self._wait_turn()
            status, headers, raw = self.fetch(url)
            self.requests += 1
            KoladaResponse.objects.update_or_create(
                url="(latest request)", defaults={"body": {"url": url}, "fetched": timezone.now()}
            )
            if status == 200:
                try:
                    body = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise KoladaError(f"Kolada svarade inte med JSON ({url})") from exc
                if not isinstance(body, dict) or "values" not in body:
                    raise KoladaError(f"Kolada svarade oväntat ({url})")
                return body
            if status in (429, 500, 502, 503, 504) and attempt < self.retries:
                wait = headers.get("Retry-After") or headers.get("retry-after") or ""
                self.sleep(float(wait) if wait.isdigit() else 2.0 * (attempt + 1))
                continue
            raise KoladaError(f"Kolada svarade {status} ({url})")
        raise KoladaError(f"Kolada svarade inte ({url})")  # pragma: no cover

    def _wait_turn(self) -> None:
        """At least min_interval since the latest request of any process (the cache's latest time)."""
        if self.min_interval <= 0:
            return
        latest = KoladaResponse.objects.aggregate(latest=Max("fetched"))["latest"]
        if latest is not None:
            passed = (timezone.now() - latest).total_seconds()
            if passed < self.min_interval:
                self.sleep(self.min_interval - passed)

    def pages(
        self, path: str, params: dict[str, Any] | None = None, *, fresh: bool = False
    ) -> Iterator[dict[str, Any]]:
        url: str | None = self.url(path, params)
        seen: set[str] = set()
        while url and url not in seen:
            seen.add(url)
            body = self.get(url, fresh=fresh)
            yield from body.get("values", [])
            url = body.get("next_url") or body.get("next_page")

    # --- The endpoints ---------------------------------------------------------------------------------

    def kpis(self, title: str | None = None) -> Iterator[dict[str, Any]]:
        return self.pages("kpi", {"title": title, "per_page": 5000})

    def municipalities(self) -> Iterator[dict[str, Any]]:
        return self.pages("municipality", {"per_page": 5000})

    def units(self, municipality: str) -> Iterator[dict[str, Any]]:
        return self.pages("ou", {"municipality": municipality, "per_page": 5000})

    def values(
        self, kpi: str, areas: list[str], years: list[int] | None = None, *, from_date: dt.date | None = None,
        units: bool = False,
    ) -> Iterator[dict[str, Any]]:  # fmt: skip
        kind, word = ("oudata", "ou") if units else ("data", "municipality")
        for start in range(0, len(areas), BATCH):
            path = f"{kind}/kpi/{kpi}/{word}/{','.join(areas[start : start + BATCH])}"
            if years:
                path += f"/year/{','.join(str(y) for y in years)}"
            params = {"per_page": 5000, "from_date": from_date.isoformat() if from_date else None}
            yield from self.pages(path, params, fresh=from_date is not None)


# --- Storing what Kolada says ---------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value)


_KPI_FIELDS = (
    "title",
    "description",
    "gender_split",
    "operating_area",
    "has_ou_data",
    "publication_date",
    "prel_publication_date",
    "publ_period",
)


@transaction.atomic
def sync_catalogue(client: Client) -> tuple[int, int]:
    """The KPI catalogue, municipalities and regions; (KPIs, areas) stored. Written in batches (an insert
    that updates the row an id already has), not a query per row: Kolada lists thousands of KPIs."""
    kpis = {
        row["id"]: KoladaKpi(
            id=row["id"],
            title=_text(row.get("title"))[:500],
            description=_text(row.get("description")),
            gender_split=bool(row.get("is_divided_by_gender")),
            operating_area=_text(row.get("operating_area"))[:300],
            has_ou_data=bool(row.get("has_ou_data")),
            publication_date=_text(row.get("publication_date"))[:20],
            prel_publication_date=_text(row.get("prel_publication_date"))[:20],
            publ_period=_text(row.get("publ_period"))[:20],
        )
        for row in client.kpis()
    }
    KoladaKpi.objects.bulk_create(
        kpis.values(), update_conflicts=True, unique_fields=["id"], update_fields=_KPI_FIELDS, batch_size=500
    )
    areas = {
        row["id"]: KoladaArea(id=row["id"], title=_text(row.get("title")), type=_text(row.get("type"))[:4])
        for row in client.municipalities()
    }
    KoladaArea.objects.bulk_create(
        areas.values(),
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=("title", "type"),
        batch_size=500,
    )
    return len(kpis), len(areas)


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number.quantize(Decimal("0.000001")) if number.is_finite() else None


@transaction.atomic
def sync_values(
    client: Client, kpi: str, areas: list[str], years: list[int] | None = None, *, full: bool = False
) -> int:
    """A KPI's values for the areas (municipality ids, `0000` Riket); only what changed since the last sync
    unless `full`. The number of values stored."""
    key = ",".join(sorted(areas))[:500]
    last = KoladaSync.objects.filter(kpi=kpi, areas=key).first()
    since = None if full or last is None else last.synced
    now = timezone.now()
    stored = 0
    for row in client.values(kpi, sorted(areas), years, from_date=since):
        area = _text(row.get("municipality") or row.get("ou"))
        year = int(row.get("period") or 0)
        if not area or not year:
            continue
        for cell in row.get("values", []):
            gender = _text(cell.get("gender"))[:1]
            if gender not in GENDERS:
                continue
            KoladaValue.objects.update_or_create(
                kpi=kpi,
                area=area,
                year=year,
                gender=gender,
                defaults={
                    "value": _decimal(cell.get("value")),
                    "status": _text(cell.get("status"))[:40],
                    "fetched": now,
                },
            )
            stored += 1
    KoladaSync.objects.update_or_create(kpi=kpi, areas=key, defaults={"synced": now.date()})
    return stored


def search_kpis(query: str, limit: int = 25) -> list[KoladaKpi]:
    """The stored catalogue's KPIs whose id or title has every word of the query."""
    words = query.split()
    if not words:
        return []
    found = KoladaKpi.objects.all()
    for word in words:
        found = found.filter(Q(id__iexact=word) | Q(title__icontains=word))
    return list(found.order_by("id")[:limit])


def comparison_of(organisation: Organisation) -> KoladaComparison | None:
    for org in organisation.ancestors():
        found = KoladaComparison.objects.filter(organisation=org).first()
        if found is not None:
            return found
    return None


def set_comparison(
    organisation: Organisation, municipality: str, peers: list[str], *, by: Any
) -> KoladaComparison:
    from django.core.exceptions import ValidationError

    known = set(KoladaArea.objects.filter(id__in=[municipality, *peers]).values_list("id", flat=True))
    unknown = [m for m in [municipality, *peers] if m not in known]
    if unknown:
        raise ValidationError(
            {"peers": f"Okända kommuner i Kolada: {', '.join(unknown)} (synka katalogen först)."}
        )
    row = KoladaComparison.objects.filter(organisation=organisation).first() or KoladaComparison(
        organisation=organisation
    )
    row.municipality, row.peers = municipality, [p for p in dict.fromkeys(peers) if p != municipality]
    return save_by(row, by)


def areas_to_sync(organisation: Organisation) -> list[str]:
    setting = comparison_of(organisation)
    if setting is None:
        return [RIKET]
    return sorted({RIKET, setting.municipality, *setting.peers})


def _four(value: Decimal | None) -> Decimal | None:
    """A value as a series stores it (four decimals)."""
    return None if value is None else value.quantize(Decimal("0.0001"))


@transaction.atomic
def import_series(organisation: Organisation, *, by: Any) -> int:
    """Copy the own municipality's Kolada values of every linked indicator of the organisation into its
    series (`SeriesValue`, source Kolada; history kept); the number of values that changed."""
    setting = comparison_of(organisation)
    if setting is None:
        return 0
    changed = 0
    linked: dict[int, str] = {}
    for ind in (
        Indicator.objects.filter(series__organisation=organisation)
        .exclude(kolada_kpi="")
        .order_by("plan__year")
    ):
        linked[ind.series_id] = ind.kolada_kpi  # the latest definition's link
    for series_id, kpi in linked.items():
        years: dict[int, dict[str, Any]] = {}
        for v in KoladaValue.objects.filter(kpi=kpi, area=setting.municipality):
            years.setdefault(v.year, {})[GENDERS[v.gender]] = v.value
            if v.status:
                years[v.year]["status"] = v.status
        for year, values in years.items():
            row = SeriesValue.objects.filter(
                series_id=series_id, period=str(year), source=ValueSource.KOLADA
            ).first()
            new = {name: _four(values.get(name)) for name in ("total", "women", "men")}
            status = str(values.get("status", ""))
            if row is not None and all(getattr(row, k) == v for k, v in new.items()) and row.status == status:
                continue
            row = row or SeriesValue(series_id=series_id, period=str(year), source=ValueSource.KOLADA)
            for name, value in new.items():
                setattr(row, name, value)
            row.status = status
            save_by(row, by, reason="kolada")
            changed += 1
    return changed


@dataclass
class ComparisonRow:
    area: str
    title: str
    value: Decimal | None
    status: str
    own: bool = False


def comparison(kpi: str, organisation: Organisation, year: int) -> list[ComparisonRow]:
    """Riket, the own municipality and the peers for a KPI and year (the total), as stored."""
    setting = comparison_of(organisation)
    areas = [RIKET] + ([setting.municipality, *setting.peers] if setting else [])
    values = {v.area: v for v in KoladaValue.objects.filter(kpi=kpi, year=year, gender="T", area__in=areas)}
    titles = dict(KoladaArea.objects.filter(id__in=areas).values_list("id", "title"))
    rows = []
    for area in dict.fromkeys(areas):
        v = values.get(area)
        rows.append(
            ComparisonRow(
                area,
                titles.get(area, "Riket" if area == RIKET else area),
                v.value if v else None,
                v.status if v else "",
                own=setting is not None and area == setting.municipality,
            )
        )
    return rows


def latest_year(kpi: str, upto: int) -> int | None:
    return KoladaValue.objects.filter(kpi=kpi, year__lte=upto, gender="T", value__isnull=False).aggregate(
        latest=Max("year")
    )["latest"]


def enrich_rows(round_: Any, rows: dict[int, Any]) -> None:
    """Kolada's comparison on a round's indicator rows (the report document's), for the indicators linked
    to a KPI: registered with `followup/documents.py` (exchange/apps.py)."""
    from styrkedja.lib.periods import parse_period
    from styrkedja.plans.models import Target
    from styrkedja.reports.document import ComparisonPoint

    kpis = dict(
        Target.objects.filter(pk__in=rows)
        .exclude(indicator__kolada_kpi="")
        .values_list("pk", "indicator__kolada_kpi")
    )
    if not kpis or not KoladaValue.objects.filter(kpi__in=set(kpis.values())).exists():
        return
    upto = parse_period(round_.period).year
    for target_id, kpi in kpis.items():
        year = latest_year(kpi, upto)
        if year is None:
            continue
        row = rows[target_id]
        row.comparison_year = year
        row.comparison = [
            ComparisonPoint(c.title, c.value, c.status) for c in comparison(kpi, round_.organisation, year)
        ]
