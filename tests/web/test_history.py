"""History pages list who changed what, newest first."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from styrkedja.notices.models import NoticeChoice
from tests.factories import as_read


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_it_lists_a_target_change_with_old_and_new_value_and_the_user(world, client_as):
    target = world.targets["inskrivningstid"]
    client = client_as("controller")
    client.post(
        reverse("target_edit", args=[target.pk]),
        as_read(
            client,
            reverse("target_edit", args=[target.pk]),
            {
                "name": target.indicator.name,
                "unit": "months",
                "direction": "lower",
                "periodicity": "year",
                "decimals": "1",
                "table": "committee",
                "value": "5,0",
                "kf_mode": "none",
            },
        ),
    )
    text = text_of(client_as("reader").get(reverse("history", args=["indikator", target.pk])))
    assert "Ändrad: Årsmål 2022" in text
    assert "Årsmål: 5,5 → 5" in text
    assert "Ändrad: Indikator" in text
    assert "Periodicitet: Tertial → År" in text
    assert "av controller" in text
    assert text.index("Ändrad: Årsmål") < text.index("Skapad: Årsmål")  # newest first


def test_it_lists_expected_result_changes_on_the_goal_history(world, client_as):
    goal = world.goals["1.1.1"]
    client_as("controller").post(
        reverse("goal_edit", args=[goal.pk]),
        as_read(
            client_as("controller"),
            reverse("goal_edit", args=[goal.pk]),
            {
                "title": goal.title,
                "description": goal.description,
                "comment": goal.comment,
                "expected_results": "En rad.",
            },
        ),
    )
    text = text_of(client_as("reader").get(reverse("history", args=["mal", goal.pk])))
    assert "Ändrad: Förväntat resultat" in text
    assert "Borttagen: Förväntat resultat" in text
    assert "→ En rad." in text
    assert "Skapad: Mål 1.1.1" in text
    assert "Nivå: Nämndmål Nummer: 1.1.1" in text  # a new object lists its values, without arrows


def test_it_lists_budget_changes_per_version(world, client_as):
    area = world.areas["Jobbtorg Stockholm"]
    budget = area.budgets.get(version=world.versions[0])
    budget.costs = "430.0"
    budget._history_user = world.users["director"]
    budget.save()
    text = text_of(client_as("reader").get(reverse("history", args=["omrade", area.pk])))
    assert "Ändrad: Budget VP 2022" in text
    assert "Kostnader: 425,9 → 430,0" in text  # money with its one decimal, as every page prints it
    assert "av director" in text
    budget.revenues = "-60"
    budget.save()
    text = text_of(client_as("reader").get(reverse("history", args=["omrade", area.pk])))
    assert "→ -60,0" in text and "→ -60<" not in text


def test_it_answers_404_for_an_unknown_kind_of_history(world, client_as):
    assert client_as("admin").get(reverse("history", args=["okand", 1])).status_code == 404


# --- A follow-up round's rows -----------------------------------------------------------------------------


def saved(obj, user):
    obj._history_user = user
    obj.save()
    return obj


@pytest.fixture
def followed(world):
    """A round with a row of every kind that has a history page addressed by the round, saved by the
    controller; the economics through `economy_editing` as the pages do."""
    from styrkedja.followup import economy_editing as editing
    from styrkedja.followup import models as fm
    from styrkedja.followup.workflow import mark_ready, open_round

    user = world.users["controller"]
    round_ = open_round(world.committee, "2022-T1", by=user)
    plan = world.plan
    line = plan.revenue_requirements.order_by("position").first()
    editing.save_requirement_forecasts(round_, [line], {line.pk: (D("-80.0"), 0)}, by=user)
    investment = plan.investments.get()
    editing.save_investment_forecasts(round_, [investment], {investment.pk: (D("3.5"), 0)}, by=user)
    volume = plan.performance_volumes.get()
    editing.save_volume_forecasts(round_, [volume], {volume.pk: (D("12000.0"), None, 0)}, by=user)
    area = world.areas["Jobbtorg Stockholm"]
    proposal = editing.save_turnover(
        round_, area=area, heading="", label="EU-bidrag", costs=D("1.0"), revenues=D("-1.0"), by=user
    )
    editing.delete_turnover(proposal, by=user, expected_version=proposal.version)
    editing.save_adjustment(
        round_,
        amount=D("-5.0"),
        reason="Lägre statsbidrag",
        from_amount=None,
        to_amount=None,
        area=None,
        by=user,
    )
    saved(fm.ReportCover(round=round_, title="Tertialrapport 1"), user)
    saved(fm.CaseOfficer(round=round_, name="Anna Andersson", phone="08-508 000 00"), user)
    saved(fm.DecisionProposal(round=round_, text="Nämnden godkänner rapporten.", position=1), user)
    saved(fm.ReportAttachment(round=round_, number=1, title="Verksamhetsberättelse"), user)
    saved(fm.Signature(round=round_, name="Bo Berg", title="Förvaltningsdirektör"), user)
    saved(fm.SpecialReport(round=round_, title="Covid-19"), user)
    saved(fm.ComplaintCount(round=round_, department="Vux", month=1, category="Bemötande", count=5), user)
    saved(
        fm.FindingOverride(
            round=round_,
            rule="cover.name_variants",
            object_kind="person",
            ref="Bo Berg",
            justification="Rätt.",
        ),
        user,
    )
    mark_ready(round_.parts.get(goal__isnull=False), by=user)
    round_.deadline = date(2022, 5, 10)
    return saved(round_, user)


ROUND_HISTORIES = {
    "uppfoljning": "Ändrad: Uppföljningen",
    "prognos-intaktskrav": "Skapad: Prognos Statsbidrag från Skolverket",
    "prognos-investeringar": "Skapad: Prognos Inventarier och larm",
    "prognos-prestationer": "Skapad: Prognos Gymnasial vuxenutbildning",
    "omslutning": "Borttagen: Omslutningsförändring EU-bidrag",
    "budgetjusteringar": "Skapad: Budgetjustering Lägre statsbidrag",
    "framsida": "Skapad: Framsidan",
    "handlaggare": "Skapad: Handläggare Anna Andersson",
    "beslut": "Skapad: Förslag till beslut 1",
    "bilagor": "Skapad: Bilaga 1",
    "underskrifter": "Skapad: Underskrift Bo Berg",
    "sarskilda-redovisningar": "Skapad: Särskild redovisning Covid-19",
    "synpunkter": "Skapad: Synpunkter Vux, månad 1, Bemötande",
    "godtagna-avvikelser": "Skapad: Godtagen avvikelse (Samma person stavas olika): Bo Berg",
}


@pytest.mark.parametrize("kind", list(ROUND_HISTORIES))
def test_a_controller_sees_the_history_of_a_rounds_rows_and_another_organisation_gets_404(
    world, client_as, followed, kind
):
    url = reverse("history", args=[kind, followed.pk])
    response = client_as("controller").get(url)
    assert response.status_code == 200
    text = text_of(response)
    assert ROUND_HISTORIES[kind] in text
    assert "av controller" in text
    assert client_as("outsider").get(url).status_code == 404
    assert client_as("nobody").get(url).status_code == 404


def test_the_history_pages_tell_what_changed(world, client_as, followed):
    client = client_as("controller")
    text = text_of(client.get(reverse("history", args=["uppfoljning", followed.pk])))
    assert "Sista dag: – → 2022-05-10" in text
    text = text_of(client.get(reverse("history", args=["prognos-prestationer", followed.pk])))
    assert "Prognos helårsplatser: 12 000" in text
    text = text_of(client.get(reverse("history", args=["omslutning", followed.pk])))
    assert "Skapad: Omslutningsförändring EU-bidrag" in text
    assert text.index("Borttagen") < text.index("Skapad")


def test_a_part_history_shows_its_status_changes_to_its_organisation_only(world, client_as, followed):
    part = followed.parts.get(goal__isnull=False)
    url = reverse("history", args=["del", part.pk])
    text = text_of(client_as("controller").get(url))
    assert "Ändrad: Delen (Klar för granskning)" in text
    assert "Status: Att fylla i → Klar för granskning" in text
    assert client_as("outsider").get(url).status_code == 404


def test_another_organisations_round_history_is_not_found_for_any_role_here(world, client_as):
    from styrkedja.followup.workflow import open_round
    from tests.factories import add_goal

    add_goal(world.other_plan, "1", "Annat", "committee")
    other = open_round(world.other_committee, "2022-T1", by=None)
    for kind in ROUND_HISTORIES:
        url = reverse("history", args=[kind, other.pk])
        assert client_as("controller").get(url).status_code == 404, kind
        assert client_as("outsider").get(url).status_code == 200, kind
    part_url = reverse("history", args=["del", other.parts.first().pk])
    assert client_as("admin").get(part_url).status_code == 404


def test_the_round_and_economy_pages_link_to_the_histories(world, client_as, followed):
    client = client_as("reader")
    round_page = client.get(reverse("round", args=[followed.pk])).content.decode()
    for kind in (
        "uppfoljning", "framsida", "handlaggare", "beslut", "bilagor", "underskrifter", "sarskilda-redovisningar",
        "synpunkter", "godtagna-avvikelser",
    ):  # fmt: skip
        assert reverse("history", args=[kind, followed.pk]) in round_page, kind
    for part in followed.parts.all():
        assert reverse("history", args=["del", part.pk]) in round_page
    economy = client.get(reverse("round_economy", args=[followed.pk])).content.decode()
    for kind in ("prognos-intaktskrav", "prognos-investeringar", "prognos-prestationer"):
        assert reverse("history", args=[kind, followed.pk]) in economy, kind
    for kind in ("omslutning", "budgetjusteringar"):
        assert reverse("history", args=[kind, followed.pk]) in economy, kind


#: A person's own settings, whose history their own page shows (not an organisation's history page).
OWN_HISTORY = {NoticeChoice: "notice_choices"}


def test_a_persons_own_settings_show_their_history_on_their_page(world, client_as):
    from django.urls import reverse

    client = client_as("reporter")
    client.post(reverse("notice_choices"), {"version": "0", "returned": "on"})
    page = client.get(reverse(OWN_HISTORY[NoticeChoice])).content.decode()
    assert "Dina ändringar" in page and "Påminnelse före sista dag: av" in page


def test_every_model_people_change_has_a_history_page():
    """Every model with an audit trail is shown on some history page (web/views/history.py SUBJECTS)."""
    from django.apps import apps

    from styrkedja.web.views.history import SUBJECTS

    shown = {model for subject in SUBJECTS.values() for model in subject.models}
    shown |= set(OWN_HISTORY)
    tracked = {
        model
        for model in apps.get_models()
        if model.__module__.startswith("styrkedja.")
        and hasattr(model, "history")
        and not model.__name__.startswith("Historical")
    }
    assert not tracked - shown, f"no history page shows {sorted(m.__name__ for m in tracked - shown)}"


def test_the_plan_history_shows_its_economy_rows_and_the_organisation_history_its_roles(world, client_as):
    from django.urls import reverse

    html = client_as("reader").get(reverse("history", args=["plan", world.plan.pk])).content.decode()
    assert "Budget VP 2022" in html and "Planen" in html
    assert (
        client_as("reader").get(reverse("history", args=["organisation", world.committee.pk])).status_code
        == 403
    )
    html = (
        client_as("admin").get(reverse("history", args=["organisation", world.committee.pk])).content.decode()
    )
    assert "Behörighet för" in html and "Controller" in html
