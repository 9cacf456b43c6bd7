"""Editing a round's report cover: the cover's fields and its lists are saved in one transaction each,
with who changed them in the history; only changed rows are saved; a locked round is refused before
anything is written; a decision's amount is computed, never typed."""

from datetime import date
from decimal import Decimal

import pytest

from styrkedja.budget.models import BudgetArea
from styrkedja.followup import cover_editing as editing
from styrkedja.followup import economy_editing
from styrkedja.followup.models import (
    CaseOfficer,
    DecisionKind,
    DecisionProposal,
    ReportAttachment,
    ReportCover,
    RoundLocked,
    RoundStatus,
    Signature,
    SpecialReport,
)
from styrkedja.interchange.followup_export import decision_texts
from styrkedja.organisations.models import Membership, Role
from tests.factories import read_of, version_of

pytestmark = pytest.mark.django_db
D = Decimal


def lock(round_) -> None:
    round_.status = RoundStatus.LOCKED
    round_.save()


def cover_values(**overrides):
    values = {
        "title": "Tertialrapport 1 2022",
        "addressee": "Arbetsmarknadsnämnden",
        "meeting_date": date(2022, 5, 24),
        "agenda_number": "7",
        "summary_analysis": "Nämnden bedömer att målen uppfylls delvis.",
    }
    return {**values, **overrides}


def test_the_cover_is_created_and_changed_with_who_in_the_history(round_, controller, django_user_model):
    other = django_user_model.objects.create_user("other", password="x" * 12)
    Membership.objects.create(user=other, organisation=round_.organisation, role=Role.CONTROLLER)
    editing.save_cover(
        round_, **cover_values(), by=controller, expected_version=version_of(ReportCover, round=round_)
    )
    editing.save_cover(
        round_,
        **cover_values(agenda_number="8"),
        by=other,
        expected_version=version_of(ReportCover, round=round_),
    )
    cover = ReportCover.objects.get(round=round_)
    assert (cover.title, cover.meeting_date, cover.agenda_number) == (
        "Tertialrapport 1 2022",
        date(2022, 5, 24),
        "8",
    )
    assert [h.history_user for h in cover.history.order_by("history_date")] == [controller, other]


def test_an_unchanged_cover_is_not_saved_again(round_, controller):
    editing.save_cover(
        round_, **cover_values(), by=controller, expected_version=version_of(ReportCover, round=round_)
    )
    editing.save_cover(
        round_, **cover_values(), by=controller, expected_version=version_of(ReportCover, round=round_)
    )
    assert ReportCover.history.count() == 1


def test_lists_are_replaced_in_order_with_positions_and_history_user(round_, controller):
    editing.save_case_officers(
        round_,
        [editing.CaseOfficerRow("Anna Andersson", "08-508 000 00"), editing.CaseOfficerRow("Bo Berg")],
        by=controller,
        read=read_of(round_.case_officers.all()),
    )
    editing.save_attachments(
        round_,
        [editing.AttachmentRow(2, "Ekonomi"), editing.AttachmentRow(1, "Indikatorer")],
        by=controller,
        read=read_of(round_.attachments.all()),
    )
    editing.save_signatures(
        round_,
        [editing.SignatureRow("Cecilia Ceder", "Förvaltningschef", date(2022, 5, 10), signed_as="C. Ceder")],
        by=controller,
        read=read_of(round_.signatures.all()),
    )
    editing.save_special_reports(
        round_,
        [editing.SpecialReportRow("Intern kontroll", "Inga brister.")],
        by=controller,
        read=read_of(round_.special_reports.all()),
    )
    assert list(CaseOfficer.objects.values_list("name", "phone", "position")) == [
        ("Anna Andersson", "08-508 000 00", 1),
        ("Bo Berg", "", 2),
    ]
    assert list(ReportAttachment.objects.values_list("number", "title")) == [
        (1, "Indikatorer"),
        (2, "Ekonomi"),
    ]
    assert Signature.objects.get().signed_as == "C. Ceder"
    assert SpecialReport.objects.get().position == 1
    for model in (CaseOfficer, ReportAttachment, Signature, SpecialReport):
        assert {h.history_user for h in model.history.all()} == {controller}


def test_only_changed_rows_are_saved_and_left_out_rows_are_removed(round_, controller, django_user_model):
    other = django_user_model.objects.create_user("other", password="x" * 12)
    Membership.objects.create(user=other, organisation=round_.organisation, role=Role.CONTROLLER)
    anna, bo, cecilia = editing.save_case_officers(
        round_,
        [editing.CaseOfficerRow("Anna"), editing.CaseOfficerRow("Bo"), editing.CaseOfficerRow("Cecilia")],
        by=controller,
        read=read_of(round_.case_officers.all()),
    )
    assert CaseOfficer.history.count() == 3
    # Anna unchanged, Bo's phone changed, Cecilia removed, David added.
    editing.save_case_officers(
        round_,
        [
            editing.CaseOfficerRow("Anna", id=anna.pk),
            editing.CaseOfficerRow("Bo", "070-000 00 00", id=bo.pk),
            editing.CaseOfficerRow("David"),
        ],
        by=other,
        read=read_of(round_.case_officers.all()),
    )
    latest = CaseOfficer.history.filter(history_user=other)
    assert sorted((h.name, h.history_type) for h in latest) == [("Bo", "~"), ("Cecilia", "-"), ("David", "+")]
    assert CaseOfficer.history.filter(id=anna.pk).count() == 1
    assert list(CaseOfficer.objects.values_list("name", "position")) == [("Anna", 1), ("Bo", 2), ("David", 3)]
    assert not CaseOfficer.objects.filter(pk=cecilia.pk).exists()


def test_saving_the_same_list_again_changes_nothing(round_, controller):
    rows = editing.save_decisions(
        round_,
        [editing.DecisionRow(DecisionKind.APPROVE_REPORT, "Godkänna.")],
        by=controller,
        read=read_of(round_.decisions.all()),
    )
    editing.save_decisions(
        round_,
        [editing.DecisionRow(DecisionKind.APPROVE_REPORT, "Godkänna.", id=rows[0].pk)],
        by=controller,
        read=read_of(round_.decisions.all()),
    )
    assert DecisionProposal.history.count() == 1


def test_a_locked_round_is_refused_and_nothing_is_written(round_, controller):
    editing.save_case_officers(
        round_, [editing.CaseOfficerRow("Anna")], by=controller, read=read_of(round_.case_officers.all())
    )
    lock(round_)
    before = CaseOfficer.history.count()
    calls = [
        lambda: editing.save_cover(
            round_, **cover_values(), by=controller, expected_version=version_of(ReportCover, round=round_)
        ),
        lambda: editing.save_case_officers(
            round_, [editing.CaseOfficerRow("Bo")], by=controller, read=read_of(round_.case_officers.all())
        ),
        lambda: editing.save_case_officers(
            round_, [], by=controller, read=read_of(round_.case_officers.all())
        ),
        lambda: editing.save_decisions(
            round_,
            [editing.DecisionRow("other", "Text")],
            by=controller,
            read=read_of(round_.decisions.all()),
        ),
        lambda: editing.save_attachments(
            round_,
            [editing.AttachmentRow(1, "Bilaga")],
            by=controller,
            read=read_of(round_.attachments.all()),
        ),
        lambda: editing.save_signatures(
            round_, [editing.SignatureRow("Bo")], by=controller, read=read_of(round_.signatures.all())
        ),
        lambda: editing.save_special_reports(
            round_,
            [editing.SpecialReportRow("Rubrik")],
            by=controller,
            read=read_of(round_.special_reports.all()),
        ),
    ]
    for call in calls:
        with pytest.raises(RoundLocked):
            call()
    assert list(CaseOfficer.objects.values_list("name", flat=True)) == ["Anna"]
    assert CaseOfficer.history.count() == before
    assert not ReportCover.objects.exists()
    assert not DecisionProposal.objects.exists()
    assert not ReportAttachment.objects.exists()
    assert not Signature.objects.exists()
    assert not SpecialReport.objects.exists()


def test_a_failing_row_leaves_the_whole_list_as_it_was(round_, controller, monkeypatch):
    (anna,) = editing.save_case_officers(
        round_, [editing.CaseOfficerRow("Anna")], by=controller, read=read_of(round_.case_officers.all())
    )
    save = CaseOfficer.save

    def failing_save(self, *args, **kwargs):
        if self.name == "Boom":
            raise RuntimeError("the database refused the row")
        save(self, *args, **kwargs)

    monkeypatch.setattr(CaseOfficer, "save", failing_save)
    rows = [editing.CaseOfficerRow("Bo"), editing.CaseOfficerRow("Boom")]  # Anna left out: removed first
    with pytest.raises(RuntimeError):
        editing.save_case_officers(round_, rows, by=controller, read=read_of(round_.case_officers.all()))
    assert list(CaseOfficer.objects.values_list("pk", "name")) == [(anna.pk, "Anna")]
    assert CaseOfficer.history.count() == 1


def test_a_decision_has_no_typed_amount_and_shows_the_computed_one(round_, controller):
    with pytest.raises(TypeError):
        editing.DecisionRow(DecisionKind.APPROVE_TURNOVER, "Godkänna omslutning.", amount=D("99"))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        editing.save_decisions(
            round_,
            [{"kind": DecisionKind.APPROVE_TURNOVER, "text": "T", "amount_as_printed": D("99")}],
            by=controller,
            read=read_of(round_.decisions.all()),
        )
    with pytest.raises(ValueError):
        editing.save_decisions(
            round_, [editing.DecisionRow("gift", "Text")], by=controller, read=read_of(round_.decisions.all())
        )
    assert not DecisionProposal.objects.exists()

    economy_editing.save_turnover(
        round_,
        area=BudgetArea.objects.get(name="Jobbtorg"),
        heading="",
        label="EU-bidrag",
        costs=D("58.4"),
        revenues=D("-58.4"),
        by=controller,
    )
    editing.save_decisions(
        round_,
        [
            editing.DecisionRow(DecisionKind.APPROVE_REPORT, "Godkänna rapporten."),
            editing.DecisionRow(DecisionKind.APPROVE_TURNOVER, "Godkänna omslutning."),
        ],
        by=controller,
        read=read_of(round_.decisions.all()),
    )
    texts = decision_texts(round_)
    assert [(t["number"], t["kind"], t["amount_as_printed"]) for t in texts] == [
        (1, "approve_report", None),
        (2, "approve_turnover", None),
    ]
    assert texts[0]["amount"] is None
    assert texts[1]["amount"] is not None


def test_an_imported_printed_amount_stays_with_its_kind_and_goes_when_the_kind_changes(round_, controller):
    imported = DecisionProposal.objects.create(
        round=round_,
        kind=DecisionKind.APPROVE_TURNOVER,
        text="Godkänna omslutning.",
        amount_as_printed=D("58.4"),
        position=1,
    )
    editing.save_decisions(
        round_,
        [editing.DecisionRow(DecisionKind.APPROVE_TURNOVER, "Godkänna omslutningen.", id=imported.pk)],
        by=controller,
        read=read_of(round_.decisions.all()),
    )
    imported.refresh_from_db()
    assert (imported.text, imported.amount_as_printed) == ("Godkänna omslutningen.", D("58.4"))
    editing.save_decisions(
        round_,
        [editing.DecisionRow(DecisionKind.OTHER, "Övrigt.", id=imported.pk)],
        by=controller,
        read=read_of(round_.decisions.all()),
    )
    imported.refresh_from_db()
    assert (imported.kind, imported.amount_as_printed) == ("other", None)
