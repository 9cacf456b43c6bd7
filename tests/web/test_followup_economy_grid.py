"""The economy page's entry grid sent as a whole: the areas changed are saved in one transaction, each
checked against the version it was read at; an invalid cell or a stale area saves nothing and is shown
beside its cell and its row (the typed values kept); areas nobody touched are neither saved nor
conflicts; a locked round has no inputs and refuses the post; another organisation's round is not found."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from django.urls import reverse

from styrkedja.followup.economy_editing import save_area_forecast
from styrkedja.followup.models import AreaForecast, RoundStatus
from tests.factories import text_of

D = Decimal
_INPUT = re.compile(r"<input\b[^>]*>")
_TEXTAREA = re.compile(r"<textarea\b([^>]*)>(.*?)</textarea>", re.S)
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def page_url(round_) -> str:
    return reverse("round_economy", args=[round_.pk])


def grid_url(round_) -> str:
    return reverse("round_area_forecasts", args=[round_.pk])


def grid_as_shown(response) -> dict[str, str]:
    """Every field of the area grid as the page shows it (what a browser sends when nothing is typed)."""
    page = response.content.decode()
    fields = {}
    for tag in _INPUT.findall(page):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("form") == "omraden-form" or re.fullmatch(r"o\d+-(version|seen)", attrs.get("name", "")):
            fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    for attrs_text, content in _TEXTAREA.findall(page):
        attrs = dict(_ATTR.findall(attrs_text))
        if attrs.get("form") == "omraden-form":
            fields[attrs["name"]] = html.unescape(content.lstrip("\n"))
    return fields


def post_grid(client, round_, typed: dict[str, str], read=None):
    """The grid as read (now, or the response `read`) with the user's typing over it, sent."""
    shown = grid_as_shown(read if read is not None else client.get(page_url(round_)))
    return client.post(grid_url(round_), {**shown, **typed})


def cell(area, field: str) -> str:
    return f"o{area.pk}-{field}"


def row_of(response, area) -> str:
    """The area's rows (the values' row and its details) as text."""
    page = response.content.decode()
    body = re.search(rf'<tbody id="omrade-{area.pk}".*?</tbody>', page, re.S)
    assert body is not None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.group(0)))


def test_one_save_stores_every_area_changed_and_the_history_names_who(world, client_as, round_):
    jobs, adult = world.areas["Jobbtorg Stockholm"], world.areas["Vuxenutbildning Stockholm"]
    client = client_as("controller")
    page = client.get(page_url(round_))
    assert "0 av 5 områden med prognos" in text_of(page)
    response = post_grid(
        client,
        round_,
        {
            cell(jobs, "costs"): "420,0",
            cell(jobs, "revenues"): "-45,0",
            cell(jobs, "commentary"): "Färre aspiranter än väntat.",
            cell(adult, "costs"): "1\u00a0393,1",
            cell(adult, "revenues"): "-138,3",
        },
        read=page,
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(round_) + "#omraden"
    stored = {f.area_id: (f.costs, f.revenues, f.version) for f in AreaForecast.objects.all()}
    assert stored == {jobs.pk: (D("420.0"), D("-45.0"), 1), adult.pk: (D("1393.1"), D("-138.3"), 1)}
    after = client.get(response["Location"])
    text = text_of(after)
    assert "Prognosen för 2 verksamhetsområden har sparats." in text
    assert "2 av 5 områden med prognos" in text
    assert "375,0 -7,5" in row_of(after, jobs)  # net forecast and deviation computed
    for forecast in AreaForecast.objects.all():
        assert [h.history_user.username for h in forecast.history.all()] == ["controller"]
    history = client.get(reverse("history", args=["prognos", AreaForecast.objects.get(area=jobs).pk]))
    assert history.status_code == 200 and "420,0" in text_of(history)


def test_an_invalid_cell_saves_nothing_and_its_error_names_the_area_in_its_cell(world, client_as, round_):
    jobs, adult = world.areas["Jobbtorg Stockholm"], world.areas["Vuxenutbildning Stockholm"]
    client = client_as("controller")
    response = post_grid(
        client,
        round_,
        {
            cell(jobs, "costs"): "420,0",
            cell(jobs, "revenues"): "-45,0",
            cell(adult, "costs"): "800,0",
            cell(adult, "revenues"): "138,3",
        },
    )
    assert response.status_code == 200
    assert not AreaForecast.objects.exists()
    page = response.content.decode()
    error = re.search(
        rf'<td class="num value-cell value-cell--error">\s*<label[^>]*for="id_{cell(adult, "revenues")}".*?</td>',
        page,
        re.S,
    )
    assert error is not None
    assert (
        "Vuxenutbildning Stockholm, prognos intäkter: Intäkter skrivs som negativa belopp, t.ex. -45,0."
        in html.unescape(error.group(0))
    )
    assert 'value="420,0"' in page  # the other area's typing kept
    assert "Vuxenutbildning Stockholm: prognosen sparades inte." in row_of(response, adult)
    assert "1 område behöver ses över" in text_of(response)


def test_one_amount_without_the_other_is_an_error_an_empty_area_is_none(world, client_as, round_):
    jobs = world.areas["Jobbtorg Stockholm"]
    client = client_as("controller")
    response = post_grid(client, round_, {cell(jobs, "costs"): "420,0"})
    assert response.status_code == 200
    assert "Jobbtorg Stockholm, prognos intäkter: Skriv både kostnader och intäkter" in text_of(response)
    assert not AreaForecast.objects.exists()
    nothing = post_grid(client, round_, {})
    assert nothing.status_code == 302 and not AreaForecast.objects.exists()


def test_a_stale_area_is_a_conflict_beside_its_row_and_the_others_are_not_saved(world, client_as, round_):
    jobs, adult = world.areas["Jobbtorg Stockholm"], world.areas["Vuxenutbildning Stockholm"]
    client = client_as("controller")
    read = client.get(page_url(round_))
    save_area_forecast(  # someone else, after the page was read
        round_,
        jobs,
        costs=D("430.0"),
        revenues=D("-50.0"),
        commentary="",
        by=world.users["admin"],
        expected_version=0,
    )
    response = post_grid(
        client,
        round_,
        {
            cell(jobs, "costs"): "1 000,0",
            cell(jobs, "revenues"): "-45,0",
            cell(adult, "costs"): "800,0",
            cell(adult, "revenues"): "-138,3",
        },
        read=read,
    )
    assert response.status_code == 409
    assert {f.area_id: f.costs for f in AreaForecast.objects.all()} == {jobs.pk: D("430.0")}
    row = row_of(response, jobs)
    assert "Någon annan har ändrat prognosen för Jobbtorg Stockholm" in row and "(admin" in row
    assert "Sparat nu: kostnader 430,0, intäkter -50,0." in row
    page = response.content.decode()
    assert 'value="1 000,0"' in page and 'value="800,0"' in page  # the typing kept
    assert f'name="{cell(jobs, "version")}" value="1"' in page  # saving again replaces the stored one
    assert "Någon annan" not in row_of(response, adult)
    again = post_grid(client, round_, {}, read=response)
    assert again.status_code == 302
    assert {f.area_id: f.costs for f in AreaForecast.objects.all()} == {
        jobs.pk: D("1000.0"),
        adult.pk: D("800.0"),
    }


def test_an_area_nobody_touched_is_neither_saved_nor_a_conflict(world, client_as, round_):
    jobs, adult = world.areas["Jobbtorg Stockholm"], world.areas["Vuxenutbildning Stockholm"]
    save_area_forecast(round_, jobs, costs=D("420.0"), revenues=D("-45.0"), commentary="", by=None)
    client = client_as("controller")
    read = client.get(page_url(round_))
    save_area_forecast(
        round_,
        jobs,
        costs=D("430.0"),
        revenues=D("-45.0"),
        commentary="",
        by=world.users["admin"],
        expected_version=1,
    )
    response = post_grid(
        client, round_, {cell(adult, "costs"): "800,0", cell(adult, "revenues"): "-138,3"}, read=read
    )
    assert response.status_code == 302
    assert {f.area_id: (f.costs, f.version) for f in AreaForecast.objects.all()} == {
        jobs.pk: (D("430.0"), 2),
        adult.pk: (D("800.0"), 1),
    }


def test_a_locked_round_shows_no_inputs_and_refuses_the_grid(world, client_as, round_):
    jobs = world.areas["Jobbtorg Stockholm"]
    save_area_forecast(
        round_, jobs, costs=D("420.0"), revenues=D("-45.0"), commentary="Enligt plan.", by=None
    )
    client = client_as("controller")
    read = client.get(page_url(round_))
    type(round_).objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)
    page = client.get(page_url(round_))
    content = page.content.decode()
    assert "data-entry-grid" not in content and f'name="{cell(jobs, "costs")}"' not in content
    assert "Spara prognosen för alla områden" not in content
    assert "420,0" in row_of(page, jobs) and "Enligt plan." in row_of(page, jobs)
    response = post_grid(client, round_, {cell(jobs, "costs"): "1,0"}, read=read)
    assert response.status_code == 409
    assert AreaForecast.objects.get().costs == D("420.0")


def test_another_organisations_round_is_not_found_and_a_reporter_may_not_save(world, client_as, round_):
    jobs = world.areas["Jobbtorg Stockholm"]
    typed = {cell(jobs, "costs"): "1,0", cell(jobs, "revenues"): "-1,0", cell(jobs, "version"): "0"}
    assert client_as("outsider").post(grid_url(round_), typed).status_code == 404
    assert client_as("reporter").post(grid_url(round_), typed).status_code == 403
    assert not AreaForecast.objects.exists()
    reader = client_as("reader").get(page_url(round_)).content.decode()
    assert "data-entry-grid" not in reader and f'name="{cell(jobs, "costs")}"' not in reader


def test_a_commentary_sent_back_with_a_browsers_line_breaks_is_not_a_change(world, client_as, round_):
    jobs, adult = world.areas["Jobbtorg Stockholm"], world.areas["Vuxenutbildning Stockholm"]
    save_area_forecast(round_, jobs, costs=D("420.0"), revenues=D("-45.0"), commentary="Två\nrader", by=None)
    client = client_as("controller")
    typed = {
        cell(jobs, "commentary"): "Två\r\nrader",
        cell(adult, "costs"): "800,0",
        cell(adult, "revenues"): "-1,0",
    }
    assert post_grid(client, round_, typed).status_code == 302
    assert AreaForecast.objects.get(area=jobs).version == 1  # not saved again
    assert AreaForecast.objects.get(area=adult).version == 1
