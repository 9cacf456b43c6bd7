"""Kolada: the client against recorded answers in Kolada's shape (paging, cache, polite waits, retries),
the catalogue and values stored, incremental sync, indicators linked (search on the indicator page) and
their values imported into the series, the comparison beside the outcome, and the command."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client as WebClient

from styrkedja.exchange import kolada
from styrkedja.exchange.models import KoladaArea, KoladaKpi, KoladaResponse, KoladaValue
from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import open_round
from styrkedja.plans.models import SeriesValue
from tests.exchange.kolada_recorded import BASE, Recorded

D = Decimal
#: A value as Kolada answers for women and men and Riket, with a status: made for these tests.
MADE = [
    {"kpi": "N00945", "municipality_id": "0000", "year": 2021, "gender": "T", "status": "", "value": 30.5, "updated": "2024-01-01"},
    {"kpi": "N00945", "municipality_id": "0180", "year": 2021, "gender": "K", "status": "Preliminär", "value": 68.1, "updated": "2024-01-01"},
]  # fmt: skip


def client(fetch, **kwargs) -> kolada.Client:
    return kolada.Client(fetch, base_url=BASE, min_interval=0, **kwargs)


def test_the_catalogue_is_read_page_by_page_and_stored(db):
    recorded = Recorded()
    kpis, areas = kolada.sync_catalogue(client(recorded))
    assert kpis == len(recorded.catalogue) and areas == 312
    assert [url.split("?")[0] for url in recorded.asked] == [
        f"{BASE}/kpi",
        f"{BASE}/kpi",
        f"{BASE}/municipality",
    ]
    assert "page=2" in recorded.asked[1]
    assert KoladaArea.objects.get(id="0000").title == "Riket"
    vab = KoladaKpi.objects.get(id="N00945")
    assert vab.title.startswith("Tillfälliga föräldrapenningdagar (VAB)")
    assert [k.id for k in kolada.search_kpis("föräldrapenningdagar män")] == ["N00945"]
    # Asked again within the cache's hours: nothing is fetched.
    kolada.sync_catalogue(client(recorded))
    assert len(recorded.asked) == 3


def test_the_catalogue_updates_what_is_stored_in_place_and_keeps_what_kolada_does_not_say(db):
    KoladaKpi.objects.create(id="N00945", title="En gammal titel", publ_period="2019")
    KoladaArea.objects.create(id="0180", title="Stockholm (gammal)", type="K", municipality="0180")
    recorded = Recorded()
    kpis, areas = kolada.sync_catalogue(client(recorded))
    assert KoladaKpi.objects.count() == kpis == len(recorded.catalogue)
    assert KoladaArea.objects.count() == areas == 312
    vab = KoladaKpi.objects.get(id="N00945")
    assert vab.title.startswith("Tillfälliga föräldrapenningdagar (VAB)") and vab.publ_period != "2019"
    stockholm = KoladaArea.objects.get(id="0180")
    assert (stockholm.title, stockholm.municipality) == ("Stockholm", "0180")


def test_values_are_stored_per_gender_and_the_next_sync_asks_only_for_what_changed(db):
    recorded = Recorded(extra_values=MADE)
    stored = kolada.sync_values(client(recorded), "N00945", ["0000", "0180", "1280"])
    assert stored == KoladaValue.objects.count() > 40
    value = KoladaValue.objects.get(kpi="N00945", area="0180", year=2000, gender="T")
    assert value.value == D("31.329597")
    women = KoladaValue.objects.get(kpi="N00945", area="0180", year=2021, gender="K")
    assert (women.value, women.status) == (D("68.100000"), "Preliminär")
    assert "municipality/0000,0180,1280" in recorded.asked[0] and "from_date" not in recorded.asked[0]
    kolada.sync_values(client(recorded), "N00945", ["0180", "0000", "1280"])
    assert "from_date=" in recorded.asked[-1]


def test_a_busy_kolada_is_waited_out_and_asked_again_politely(db):
    waits: list[float] = []
    recorded = Recorded(status=[429, 503])
    found = list(kolada.Client(recorded, base_url=BASE, min_interval=0, sleep=waits.append).municipalities())
    assert len(found) == 312 and len(recorded.asked) == 3 and waits == [0.0, 0.0]
    # The polite interval: a request right after another waits for the rest of it.
    kolada.Client(Recorded(), base_url=BASE, min_interval=5, cache_hours=0, sleep=waits.append).get(
        f"{BASE}/municipality"
    )
    assert 4 < waits[-1] <= 5
    failing = kolada.Client(Recorded(status=[500] * 5), base_url=BASE, min_interval=0, sleep=lambda s: None)
    with pytest.raises(kolada.KoladaError, match="500"):
        failing.get(f"{BASE}/kpi")
    assert not KoladaResponse.objects.filter(url=f"{BASE}/kpi").exists()  # a failure is not cached


@pytest.fixture
def linked(world):
    recorded = Recorded(extra_values=MADE)
    kolada.sync_catalogue(client(recorded))
    target = world.targets["självförsörjande"]
    kolada.set_comparison(world.committee, "0180", ["1280", "1480"], by=world.users["controller"])
    target.indicator.kolada_kpi = "N00945"
    target.indicator.save()
    kolada.sync_values(client(recorded), "N00945", kolada.areas_to_sync(world.committee))
    return target


def test_linked_indicators_get_their_values_in_the_series(world, linked):
    assert kolada.import_series(world.committee, by=None) == 22
    value = SeriesValue.objects.get(series=linked.indicator.series, period="2021", source="kolada")
    assert value.women == D("68.1") and value.status == "Preliminär"
    assert kolada.import_series(world.committee, by=None) == 0  # nothing changed


def test_the_comparison_is_riket_the_own_municipality_and_the_peers(world, linked):
    rows = kolada.comparison("N00945", world.committee, 2020)
    assert [(r.area, r.title, r.own) for r in rows] == [
        ("0000", "Riket", False), ("0180", "Stockholm", True), ("1280", "Malmö", False), ("1480", "Göteborg", False),
    ]  # fmt: skip
    assert rows[1].value is not None and rows[0].value is None  # the sample has no Riket for 2020


def test_the_part_page_shows_the_comparison_beside_the_outcome(world, linked, client_as):
    round_ = open_round(world.committee, "2022-T1", by=None)
    save_outcome(round_, linked, OutcomeInput(total=D(70), women=D(72), men=D(68)), by=None)
    part = round_.parts.get(goal__isnull=False)
    page = client_as("reader").get(f"/delar/{part.pk}/").content.decode()
    assert "Jämförelse med andra kommuner" in page and "Källa: Kolada" in page
    assert "N00945, 2021" in page and "Malmö" in page and "30,5" in page


def test_the_indicator_page_searches_the_catalogue_and_links(world, linked, client_as):
    target = world.targets["feriejobb"]
    controller = client_as("controller")
    page = controller.get(f"/indikatorer/{target.pk}/kolada/?q=föräldrapenningdagar").content.decode()
    assert "N00945" in page and "Koppla" in page
    assert "Koppla" not in client_as("reader").get(f"/indikatorer/{target.pk}/kolada/?q=VAB").content.decode()
    response = controller.post(
        f"/indikatorer/{target.pk}/kolada/", {"kpi": "N00945", "indicator_version": target.indicator.version}
    )
    assert response.status_code == 302
    target.indicator.refresh_from_db()
    assert target.indicator.kolada_kpi == "N00945"
    assert target.indicator.history.first().history_user == world.users["controller"]
    assert client_as("reader").post(f"/indikatorer/{target.pk}/kolada/", {"kpi": ""}).status_code == 403
    assert client_as("outsider").get(f"/indikatorer/{target.pk}/kolada/").status_code == 404


def test_the_organisation_chooses_its_peers(world, linked):
    web = WebClient()
    web.force_login(world.users["controller"])
    response = web.post("/organisationer/amn/kolada/", {"municipality": "0180", "peers": "1480, 9999"})
    assert "Okända kommuner i Kolada: 9999" in response.content.decode()
    web.post("/organisationer/amn/kolada/", {"municipality": "0180", "peers": "1480"})
    assert kolada.comparison_of(world.department).peers == ["1480"]  # the department inherits it


def test_the_command_syncs_and_imports(world, linked, settings, monkeypatch):
    recorded = Recorded(extra_values=MADE)
    monkeypatch.setattr(kolada, "http_fetch", recorded)
    settings.KOLADA_URL, settings.KOLADA_MIN_INTERVAL_MS, settings.KOLADA_CACHE_HOURS = BASE, 0, 0
    out = io.StringIO()
    call_command("kolada", "sync", "--organisation", "amn", stdout=out)
    text = out.getvalue()
    assert (
        "catalogue: " in text and "amn N00945: " in text and "values of its indicator series changed" in text
    )
    assert SeriesValue.objects.filter(source="kolada").count() == 22
    out = io.StringIO()
    call_command("kolada", "search", "VAB", stdout=out)
    assert out.getvalue().startswith("N00945")


def test_the_report_shows_the_comparison_attributed_to_kolada(world, linked):
    from styrkedja.followup.documents import build_followup_document
    from styrkedja.reports.renderers import html

    round_ = open_round(world.committee, "2022-T1", by=None)
    save_outcome(round_, linked, OutcomeInput(total=D(70), women=D(72), men=D(68)), by=None)
    doc = build_followup_document(round_)
    row = next(r for g in doc.all_goals() for r in g.indicators if r.kolada_kpi == "N00945")
    assert row.comparison_year == 2021 and [p.label for p in row.comparison] == [
        "Riket",
        "Stockholm",
        "Malmö",
        "Göteborg",
    ]
    page = html.render(doc).decode()
    assert "Jämförelse med andra kommuner – 1.1" in page
    assert "Källa: Kolada" in page
    assert "30,5\u00a0%" in page or "30,5 %" in page
