"""The report cover page of a round: controllers save the cover and its lists, readers only read, other
organisations do not see it, a locked round refuses (409). Decision amounts are computed, never typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from styrkedja.followup import cover_editing as editing
from styrkedja.followup import economy_editing
from styrkedja.followup.models import (
    CaseOfficer,
    DecisionKind,
    DecisionProposal,
    ReportAttachment,
    ReportCover,
    RoundStatus,
)
from tests.factories import as_read, text_of

D = Decimal


def cover_url(round_) -> str:
    return reverse("round_cover", args=[round_.pk])


def rows_url(round_, section: str) -> str:
    return reverse("round_cover_rows", args=[round_.pk, section])


def formset_data(prefix: str, rows: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


COVER = {
    "title": "Tertialrapport 1 2022 för arbetsmarknadsnämnden",
    "addressee": "Arbetsmarknadsnämnden",
    "meeting_date": "2022-05-24",
    "agenda_number": "12",
    "summary_analysis": "Verksamheten går enligt plan.",
}


def lock(round_) -> None:
    round_.status = RoundStatus.LOCKED
    round_.save()


def test_the_round_page_links_to_the_cover_page(world, client_as, round_):
    response = client_as("reader").get(reverse("round", args=[round_.pk]))
    assert cover_url(round_) in response.content.decode()


def test_a_controller_saves_the_cover_and_sees_it(world, client_as, round_):
    client = client_as("controller")
    response = client.post(cover_url(round_), as_read(client, cover_url(round_), COVER))
    assert response.status_code == 302
    assert response["Location"] == cover_url(round_) + "#forsattsblad"
    cover = ReportCover.objects.get(round=round_)
    assert (cover.meeting_date, cover.agenda_number) == (date(2022, 5, 24), "12")
    assert cover.history.get().history_user == world.users["controller"]
    page = client.get(cover_url(round_))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="Tertialrapport 1 2022 för arbetsmarknadsnämnden"' in html
    assert 'value="2022-05-24"' in html
    assert "Försättsbladet har sparats." in text_of(page)


def test_an_invalid_cover_shows_the_errors_and_saves_nothing(world, client_as, round_):
    response = client_as("controller").post(
        cover_url(round_),
        as_read(client_as("controller"), cover_url(round_), {**COVER, "meeting_date": "24 maj"}),
    )
    assert response.status_code == 200
    assert "Skriv datumet som 2022-05-10." in text_of(response)
    assert not ReportCover.objects.exists()


def test_a_controller_adds_changes_and_removes_case_officers(world, client_as, round_):
    client = client_as("controller")
    data = formset_data(
        "handlaggare",
        [
            {"name": "Anna Andersson", "phone": "08-508 000 00"},
            {"name": "Bo Berg"},
            {"name": "", "phone": ""},
        ],
    )
    response = client.post(rows_url(round_, "handlaggare"), as_read(client, cover_url(round_), data))
    assert response.status_code == 302
    assert response["Location"] == cover_url(round_) + "#handlaggare"
    anna, bo = CaseOfficer.objects.all()
    assert (anna.name, anna.position, bo.name, bo.position) == ("Anna Andersson", 1, "Bo Berg", 2)

    data = formset_data(
        "handlaggare",
        [
            {"id": str(anna.pk), "name": "Anna Andersson", "phone": "08-508 000 00"},
            {"id": str(bo.pk), "name": "Bo Berg", "DELETE": "on"},
            {"name": "Cecilia Ceder", "phone": ""},
        ],
        initial=2,
    )
    assert (
        client.post(rows_url(round_, "handlaggare"), as_read(client, cover_url(round_), data)).status_code
        == 302
    )
    assert list(CaseOfficer.objects.values_list("name", flat=True)) == ["Anna Andersson", "Cecilia Ceder"]
    assert CaseOfficer.history.filter(id=anna.pk).count() == 1  # unchanged, not saved again
    page = text_of(client.get(cover_url(round_)))
    assert "Cecilia Ceder" in client.get(cover_url(round_)).content.decode()
    assert "Handläggarna har sparats." in page


def test_attachments_need_distinct_numbers(world, client_as, round_):
    data = formset_data("bilagor", [{"number": "1", "title": "Ekonomi"}, {"number": "1", "title": "Mål"}])
    response = client_as("controller").post(
        rows_url(round_, "bilagor"), as_read(client_as("controller"), cover_url(round_), data)
    )
    assert response.status_code == 200
    assert "Två bilagor har samma nummer." in text_of(response)
    assert not ReportAttachment.objects.exists()


def test_decisions_show_the_computed_amount_and_a_typed_amount_is_ignored(world, client_as, round_):
    controller = world.users["controller"]
    economy_editing.save_turnover(
        round_,
        area=world.areas[next(iter(world.areas))],
        heading="",
        label="EU-bidrag",
        costs=D("58.4"),
        revenues=D("-58.4"),
        by=controller,
    )
    client = client_as("controller")
    data = formset_data(
        "beslut",
        [
            {"kind": "approve_report", "text": "Godkänna tertialrapporten."},
            {"kind": "approve_turnover", "text": "Godkänna omslutning.", "amount_as_printed": "777,7"},
        ],
    )
    data["beslut-1-amount"] = "777,7"
    assert (
        client.post(rows_url(round_, "beslut"), as_read(client, cover_url(round_), data)).status_code == 302
    )
    turnover = DecisionProposal.objects.get(kind=DecisionKind.APPROVE_TURNOVER)
    assert (turnover.position, turnover.amount_as_printed) == (2, None)
    html = client.get(cover_url(round_)).content.decode()
    assert "Beräknat belopp från ekonomin" in html
    assert "58,4 mnkr" in html
    assert "777" not in html
    assert 'name="beslut-1-amount' not in html


def test_a_reader_sees_the_values_but_cannot_save(world, client_as, round_):
    editing.save_cover(
        round_,
        title="Rubriken",
        addressee="Nämnden",
        meeting_date=date(2022, 5, 24),
        agenda_number="3",
        summary_analysis="Analysen.",
        by=world.users["controller"],
        expected_version=0,
    )
    editing.save_signatures(round_, [editing.SignatureRow("Cecilia Ceder", "Förvaltningschef")], by=None)
    reader = client_as("reader")
    response = reader.get(cover_url(round_))
    assert response.status_code == 200
    page = text_of(response)
    assert "Rubriken" in page and "2022-05-24" in page and "Cecilia Ceder, Förvaltningschef" in page
    html = response.content.decode()
    assert 'name="title"' not in html and 'name="handlaggare-TOTAL_FORMS"' not in html
    assert reader.post(cover_url(round_), as_read(reader, cover_url(round_), COVER)).status_code == 403
    data = formset_data("handlaggare", [{"name": "Anna"}])
    assert (
        reader.post(rows_url(round_, "handlaggare"), as_read(reader, cover_url(round_), data)).status_code
        == 403
    )
    assert ReportCover.objects.get().title == "Rubriken"
    assert not CaseOfficer.objects.exists()


def test_another_organisations_user_gets_404(world, client_as, round_):
    outsider = client_as("outsider")
    assert outsider.get(cover_url(round_)).status_code == 404
    assert outsider.post(cover_url(round_), as_read(outsider, cover_url(round_), COVER)).status_code == 404
    assert (
        outsider.post(
            rows_url(round_, "handlaggare"),
            as_read(outsider, cover_url(round_), formset_data("handlaggare", [])),
        ).status_code
        == 404
    )
    assert not ReportCover.objects.exists()


def test_an_unknown_list_is_404(world, client_as, round_):
    assert (
        client_as("controller")
        .post(rows_url(round_, "okand"), as_read(client_as("controller"), cover_url(round_), {}))
        .status_code
        == 404
    )


def test_a_locked_round_is_shown_but_refuses_saves_with_409(world, client_as, round_):
    lock(round_)
    client = client_as("controller")
    page = client.get(cover_url(round_))
    assert page.status_code == 200
    assert "Rapporten är godkänd och låst." in text_of(page)
    assert 'name="title"' not in page.content.decode()
    assert client.post(cover_url(round_), as_read(client, cover_url(round_), COVER)).status_code == 409
    data = formset_data("beslut", [{"kind": "other", "text": "Text"}])
    assert (
        client.post(rows_url(round_, "beslut"), as_read(client, cover_url(round_), data)).status_code == 409
    )
    assert not ReportCover.objects.exists()
    assert not DecisionProposal.objects.exists()
