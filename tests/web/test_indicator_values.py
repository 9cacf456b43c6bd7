"""An indicator's earlier values and comparisons on the web: added, changed and removed row by row, each at
the version read, in the history, refused in the words a plan file gets."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from styrkedja.lib.vocabulary import ValueSource
from styrkedja.plans.models import ComparisonValue, SeriesValue

D = Decimal


def series(prefix: str, version: int, **values: str) -> dict[str, str]:
    return {
        "kind": "series",
        f"serie-{prefix}-version": str(version),
        **{f"serie-{prefix}-{k}": v for k, v in values.items()},
    }


def comparison(prefix: str, version: int, **values: str) -> dict[str, str]:
    return {
        "kind": "comparison",
        f"jamforelse-{prefix}-version": str(version),
        **{f"jamforelse-{prefix}-{k}": v for k, v in values.items()},
    }


def test_earlier_values_are_added_changed_and_removed_with_their_versions(world, client_as):
    target = world.targets["självförsörjande"]  # split by gender
    url = reverse("indicator_values", args=[target.pk])
    client = client_as("controller")
    assert "Tidigare år" in client.get(url).content.decode()

    added = client.post(url, {**series("ny", 0, period="2020", total="70,5", men="68", women="73")})
    assert added.status_code == 302
    value = SeriesValue.objects.get(series_id=target.indicator.series_id, period="2020")
    assert (value.source, value.total, value.men, value.women, value.version) == (
        ValueSource.FILE,
        D("70.5"),
        D(68),
        D(73),
        1,
    )
    assert value.history.first().history_user == world.users["controller"]

    # The same period twice, a period that is none and a number too long are refused beside the field.
    twice = client.post(url, series("ny", 0, period="2020", total="71")).content.decode()
    assert "Serien har redan ett värde för 2020." in twice
    bad = client.post(url, series("ny", 0, period="2020-T4", total="1e20")).content.decode()
    assert 'id="id_serie-ny-period_error"' in bad and "”2020-T4” är ingen period" in bad
    assert 'id="id_serie-ny-total_error"' in bad
    assert SeriesValue.objects.filter(series_id=target.indicator.series_id).count() == 1

    key = str(value.pk)
    changed = client.post(
        url, {"row": key, **series(key, 1, period="2020", total="71,5", men="70", women="73")}
    )
    assert changed.status_code == 302
    value.refresh_from_db()
    assert (value.total, value.version) == (D("71.5"), 2)

    stale = client.post(url, {"row": key, **series(key, 1, period="2020", total="99")})
    assert stale.status_code == 409
    assert "Någon annan har ändrat" in stale.content.decode()
    value.refresh_from_db()
    assert value.total == D("71.5")

    removed = client.post(url, {"row": key, "action": "delete", **series(key, 2, period="2020")})
    assert removed.status_code == 302
    assert not SeriesValue.objects.filter(pk=value.pk).exists()
    assert [h.history_type for h in SeriesValue.history.filter(id=value.pk).order_by("history_id")] == [
        "+",
        "~",
        "-",
    ]
    history = client.get(reverse("history", args=["indikator", target.pk])).content.decode()
    assert "2020" in history


def test_a_value_from_kolada_is_shown_and_not_changed_here(world, client_as):
    target = world.targets["feriejobb"]
    kolada = SeriesValue.objects.create(
        series_id=target.indicator.series_id, period="2019", source=ValueSource.KOLADA, total=D(80)
    )
    url = reverse("indicator_values", args=[target.pk])
    client = client_as("controller")
    page = client.get(url).content.decode()
    assert "2019" in page and "Kolada" in page and f'name="serie-{kolada.pk}-period"' not in page
    assert (
        client.post(
            url, {"row": str(kolada.pk), **series(str(kolada.pk), 1, period="2019", total="1")}
        ).status_code
        == 404
    )
    kolada.refresh_from_db()
    assert kolada.total == D(80)


def test_comparisons_are_added_changed_and_removed(world, client_as):
    target = world.targets["feriejobb"]
    url = reverse("indicator_values", args=[target.pk])
    client = client_as("controller")
    assert (
        client.post(
            url, comparison("ny", 0, label="Riket", value="88", period="2021", source="Kolada")
        ).status_code
        == 302
    )
    assert client.post(url, comparison("ny", 0, label="Liknande kommuner", value="91")).status_code == 302
    riket, similar = ComparisonValue.objects.filter(indicator=target.indicator).order_by("position")
    assert (riket.label, riket.value, riket.period, riket.source, riket.version) == (
        "Riket",
        D(88),
        "2021",
        "Kolada",
        1,
    )
    assert similar.position == riket.position + 1

    missing = client.post(url, comparison("ny", 0, label="", value="")).content.decode()
    assert 'id="id_jamforelse-ny-label_error"' in missing and 'id="id_jamforelse-ny-value_error"' in missing

    key = str(riket.pk)
    assert client.post(url, {"row": key, **comparison(key, 1, label="Riket", value="89")}).status_code == 302
    riket.refresh_from_db()
    assert (riket.value, riket.period, riket.version) == (D(89), "", 2)
    assert client.post(url, {"row": key, **comparison(key, 1, label="Riket", value="90")}).status_code == 409
    assert (
        client.post(
            url, {"row": key, "action": "delete", **comparison(key, 2, label="Riket", value="89")}
        ).status_code
        == 302
    )
    assert list(ComparisonValue.objects.filter(indicator=target.indicator)) == [similar]
    assert ComparisonValue.history.filter(id=riket.pk).first().history_user == world.users["controller"]


def test_a_reader_may_not_change_them(world, client_as):
    target = world.targets["feriejobb"]
    url = reverse("indicator_values", args=[target.pk])
    assert client_as("reader").post(url, comparison("ny", 0, label="Riket", value="88")).status_code == 403
    assert not ComparisonValue.objects.exists()
