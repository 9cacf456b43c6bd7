"""Every follow-up address × every role → the expected answer.

Readers look; reporters also enter outcomes, assessments and activity statuses in parts assigned to them
or to no one, and mark parts ready; controllers change everything in the round, approve and return parts
and edit the economics; directors approve (and lock) the round; directors and administrators reopen it.
Someone without a role in the round's organisation gets 404, a role too low 403, an anonymous visitor the
login page.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from styrkedja.followup.models import (
    AdjustmentRequest,
    ArchivedFile,
    AreaForecast,
    ReportArchive,
    TurnoverProposal,
)
from styrkedja.followup.values import OutcomeInput, save_activity_report, save_assessment, save_outcome
from styrkedja.followup.workflow import open_round
from tests.factories import as_read

D = Decimal
ROLES = ["nobody", "outsider", "reader", "reporter", "controller", "director", "admin", "superuser"]
ANYONE = set(ROLES)
READER = {"reader", "reporter", "controller", "director", "admin", "superuser"}
REPORTER = READER - {"reader"}
CONTROLLER = REPORTER - {"reporter"}
DIRECTOR = CONTROLLER - {"controller"}


@pytest.fixture
def round_(world):
    return open_round(world.committee, "2022-T1", by=world.users["controller"])


@pytest.fixture
def clients(world) -> dict[str, Client]:
    world.users["superuser"] = get_user_model().objects.create_superuser("superuser", password="x")
    result = {}
    for role in ROLES:
        client = Client()
        client.force_login(world.users[role])
        result[role] = client
    return result


def pages(world, round_) -> dict[str, tuple[str, set[str]]]:
    """Pages read with GET: name → (address, roles answered 200)."""
    part = round_.parts.get(goal__isnull=False)
    area = world.areas["Jobbtorg Stockholm"]
    outcome, _ = save_outcome(round_, world.targets["feriejobb"], OutcomeInput(total=D(40)), by=None)
    goal = world.goals["1.1.1"]
    assessment = save_assessment(
        round_, goal, value="", analysis="", justification="", suggested=None, by=None
    )
    report = save_activity_report(round_, world.activities[0], status="ongoing", deviation="", by=None)
    forecast = AreaForecast.objects.create(round=round_, area=area, costs=D("1.0"), revenues=D("-1.0"))
    proposal = TurnoverProposal.objects.create(
        round=round_, area=area, label="EU-bidrag", costs=D("1.0"), revenues=D("-1.0")
    )
    adjustment = AdjustmentRequest.objects.create(round=round_, amount=D("1.0"), reason="Skäl")
    return {
        "todo": (reverse("todo"), ANYONE),
        "rounds": (reverse("rounds", args=[world.committee.code]), READER),
        "round_open": (reverse("round_open", args=[world.committee.code]), CONTROLLER),
        "round": (reverse("round", args=[round_.pk]), READER),
        "part": (reverse("part", args=[part.pk]), READER),
        "part_activities": (reverse("part_activities", args=[part.pk]), READER),
        "assessment": (reverse("assessment", args=[round_.pk, goal.pk]), READER),
        "round_economy": (reverse("round_economy", args=[round_.pk]), READER),
        "round_economy_texts": (reverse("round_economy_texts", args=[round_.pk]), CONTROLLER),
        "turnover_create": (reverse("turnover_create", args=[round_.pk]), CONTROLLER),
        "turnover_edit": (reverse("turnover_edit", args=[proposal.pk]), CONTROLLER),
        "adjustment_create": (reverse("adjustment_create", args=[round_.pk]), CONTROLLER),
        "adjustment_edit": (reverse("adjustment_edit", args=[adjustment.pk]), CONTROLLER),
        "history_outcome": (reverse("history", args=["utfall", outcome.pk]), READER),
        "history_assessment": (reverse("history", args=["bedomning", assessment.pk]), READER),
        "history_activity_report": (reverse("history", args=["aktivitetsrapport", report.pk]), READER),
        "history_area_forecast": (reverse("history", args=["prognos", forecast.pk]), READER),
        "history_part": (reverse("history", args=["del", part.pk]), READER),
        "round_indicators": (reverse("round_indicators", args=[round_.pk]), READER),
        "round_cover": (reverse("round_cover", args=[round_.pk]), READER),
        "round_checks": (reverse("round_checks", args=[round_.pk]), READER),
        "findings_panel": (reverse("findings_panel", args=[round_.pk]), READER),
        "round_report": (reverse("round_report", args=[round_.pk, "html"]), READER),
        "round_excel": (reverse("round_excel", args=[round_.pk]), READER),
        "round_workbook": (reverse("round_workbook", args=[round_.pk]), READER),
        "round_archives": (reverse("round_archives", args=[round_.pk]), READER),
        "round_archive_file": (
            reverse(
                "round_archive_file",
                kwargs={"pk": round_.pk, "number": archived(round_).number, "fmt": "html"},
            ),
            READER,
        ),
        **{
            f"history_{kind}": (reverse("history", args=[kind, round_.pk]), READER)
            for kind in ROUND_HISTORIES
        },
    }


def archived(round_) -> ReportArchive:
    """An approval's archive of the round (written as the approval writes it), for the archive's pages."""
    page = b"<!DOCTYPE html><title>Arkiverad</title>"
    archive = ReportArchive.objects.filter(round=round_, number=1).first()
    if archive is None:
        archive = ReportArchive.objects.create(
            round=round_, number=1, approved_by_name="dir", document=b"{}", document_sha256="0" * 64
        )
        ArchivedFile.objects.create(
            archive=archive, format="html", name="arkiv.html", content=page,
            sha256=hashlib.sha256(page).hexdigest(), size=len(page), manifest={},
        )  # fmt: skip
    return archive


# History pages addressed by the round: its own, and those of its rows (removed rows included).
ROUND_HISTORIES = [
    "uppfoljning", "prognos-intaktskrav", "prognos-investeringar", "prognos-prestationer", "omslutning",
    "budgetjusteringar", "framsida", "handlaggare", "beslut", "bilagor", "underskrifter",
    "sarskilda-redovisningar", "synpunkter", "godtagna-avvikelser",
]  # fmt: skip


PAGES = [
    "todo", "rounds", "round_open", "round", "part", "part_activities", "assessment", "round_economy",
    "turnover_create", "turnover_edit", "adjustment_create", "adjustment_edit", "history_outcome",
    "history_assessment", "history_activity_report", "history_area_forecast", "history_part",
    "round_indicators", "round_cover", "round_checks", "findings_panel", "round_report", "round_excel",
    "round_workbook", "round_archives", "round_archive_file", *(f"history_{kind}" for kind in ROUND_HISTORIES),
]  # fmt: skip


def posts(world, round_) -> dict[str, tuple[str, dict, set[str], int]]:
    """Writes: name → (address, data, roles allowed, the answer they get)."""
    part = round_.parts.get(goal__isnull=False)
    target = world.targets["feriejobb"]
    area = world.areas["Jobbtorg Stockholm"]
    proposal = TurnoverProposal.objects.create(
        round=round_, area=area, label="EU-bidrag", costs=D("1.0"), revenues=D("-1.0")
    )
    adjustment = AdjustmentRequest.objects.create(round=round_, amount=D("1.0"), reason="Skäl")
    turnover = {"area": area.pk, "label": "EU-bidrag", "costs": "2,0", "revenues": "-2,0"}
    goal = world.goals["1.1.1"]
    return {
        "outcome_save": (
            reverse("outcome_save", args=[part.pk, target.pk]),
            {f"i{target.pk}-total": "12"},
            REPORTER,
            302,
        ),
        # The entry grid as a whole; after the first save the value is the stored one (nothing to save).
        "part_outcomes_save": (
            reverse("part_outcomes_save", args=[part.pk]),
            {f"i{target.pk}-total": "12"},
            REPORTER,
            302,
        ),
        "assessment": (
            reverse("assessment", args=[round_.pk, goal.pk]),
            {"analysis": "Kort."},
            REPORTER,
            302,
        ),
        "part_activities": (reverse("part_activities", args=[part.pk]), {}, REPORTER, 302),
        "round_economy_texts": (
            reverse("round_economy_texts", args=[round_.pk]),
            {"version": "0", "summary": "Ekonomin i balans."},
            CONTROLLER,
            302,
        ),
        # Moves the part to ready on the first post; later posts are told it already is (a message).
        "part_ready": (reverse("part_ready", args=[part.pk]), {"bekrafta": "ja"}, REPORTER, 302),
        "part_approve": (reverse("part_approve", args=[part.pk]), {"bekrafta": "ja"}, CONTROLLER, 302),
        "part_return": (
            reverse("part_return", args=[part.pk]),
            {f"del{part.pk}-comment": "Fel"},
            CONTROLLER,
            302,
        ),
        "round_open": (reverse("round_open", args=[world.committee.code]), {}, CONTROLLER, 200),
        "round_approve": (reverse("round_approve", args=[round_.pk]), {}, DIRECTOR, 302),
        "round_reopen": (reverse("round_reopen", args=[round_.pk]), {"oppna-comment": "Skäl"}, DIRECTOR, 302),
        "round_area_forecast": (
            reverse("round_area_forecast", args=[round_.pk, area.pk]),
            {f"o{area.pk}-costs": "1,0", f"o{area.pk}-revenues": "-1,0"},
            CONTROLLER,
            302,
        ),
        "round_area_forecasts": (
            reverse("round_area_forecasts", args=[round_.pk]),
            {f"o{area.pk}-costs": "1,0", f"o{area.pk}-revenues": "-1,0"},
            CONTROLLER,
            302,
        ),
        "round_requirement_forecasts": (
            reverse("round_requirement_forecasts", args=[round_.pk]),
            {},
            CONTROLLER,
            302,
        ),
        "round_investment_forecasts": (
            reverse("round_investment_forecasts", args=[round_.pk]),
            {},
            CONTROLLER,
            302,
        ),
        "round_volume_forecasts": (reverse("round_volume_forecasts", args=[round_.pk]), {}, CONTROLLER, 302),
        "round_deadline": (
            reverse("round_deadline", args=[round_.pk]),
            {"sistadag-deadline": "2022-05-10"},
            CONTROLLER,
            302,
        ),
        "part_assign": (
            reverse("part_assign", args=[part.pk]),
            {f"tilldela{part.pk}-assignee": ""},
            CONTROLLER,
            302,
        ),
        # A finding the round does not have: the controller is told so on the checks page.
        "finding_override": (
            reverse("finding_override", args=[round_.pk]),
            {"finding": "ingen|report|x"},
            CONTROLLER,
            302,
        ),
        "round_cover_rows": (
            reverse("round_cover_rows", args=[round_.pk, "handlaggare"]),
            {"handlaggare-TOTAL_FORMS": "0", "handlaggare-INITIAL_FORMS": "0"},
            CONTROLLER,
            302,
        ),
        "turnover_create": (reverse("turnover_create", args=[round_.pk]), turnover, CONTROLLER, 302),
        "turnover_edit": (reverse("turnover_edit", args=[proposal.pk]), turnover, CONTROLLER, 302),
        "adjustment_create": (
            reverse("adjustment_create", args=[round_.pk]),
            {"amount": "2,0", "reason": "S"},
            CONTROLLER,
            302,
        ),
        "adjustment_edit": (
            reverse("adjustment_edit", args=[adjustment.pk]),
            {"amount": "2,0", "reason": "S"},
            CONTROLLER,
            302,
        ),
        # No file: the form is shown again with its error.
        "round_excel": (reverse("round_excel", args=[round_.pk]), {}, REPORTER, 400),
    }


POSTS = [
    "outcome_save", "part_outcomes_save", "assessment", "part_activities", "part_ready", "part_approve", "part_return",
    "round_open", "round_approve", "round_reopen", "round_area_forecast", "round_area_forecasts",
    "round_requirement_forecasts",
    "round_investment_forecasts", "round_volume_forecasts", "turnover_create", "turnover_edit",
    "adjustment_create", "adjustment_edit", "round_deadline", "part_assign", "finding_override",
    "round_cover_rows", "round_excel",
]  # fmt: skip


def deletes(world, round_) -> dict[str, str]:
    """Removals, each of a fresh row: name → the address of a row made for the post."""
    area = world.areas["Jobbtorg Stockholm"]
    proposal = TurnoverProposal.objects.create(
        round=round_, area=area, label="EU-bidrag", costs=D("1.0"), revenues=D("-1.0")
    )
    adjustment = AdjustmentRequest.objects.create(round=round_, amount=D("1.0"), reason="Skäl")
    return {
        "turnover_delete": reverse("turnover_delete", args=[proposal.pk]),
        "adjustment_delete": reverse("adjustment_delete", args=[adjustment.pk]),
    }


@pytest.mark.parametrize("name", ["turnover_delete", "adjustment_delete"])
def test_every_removal_answers_every_role_as_the_matrix_says(world, round_, clients, name):
    answers = {}
    for role in ROLES:
        url = deletes(world, round_)[name]
        row = (TurnoverProposal if name == "turnover_delete" else AdjustmentRequest).objects.latest("pk")
        answers[role] = clients[role].post(url, {"version": row.version}).status_code
    assert answers == {role: expected(role, CONTROLLER, 302) for role in ROLES}


def expected(role: str, allowed: set[str], ok: int = 200) -> int:
    if role in allowed:
        return ok
    if role in {"nobody", "outsider"}:
        return 404
    return 403


@pytest.mark.parametrize("name", PAGES)
def test_every_page_answers_every_role_as_the_matrix_says(world, round_, clients, name):
    url, allowed = pages(world, round_)[name]
    answers = {role: clients[role].get(url).status_code for role in ROLES}
    assert answers == {role: expected(role, allowed) for role in ROLES}


def page_of(name: str, url: str, round_, world) -> str:
    """The page whose form posts to the address: a browser posts what it showed (versions, tokens)."""
    if name in ("outcome_save", "part_outcomes_save"):
        return reverse("part", args=[round_.parts.get(goal__isnull=False).pk])
    if (name.startswith("round_") and name.endswith("forecasts")) or name == "round_area_forecast":
        return reverse("round_economy", args=[round_.pk])
    if name == "round_cover_rows":
        return reverse("round_cover", args=[round_.pk])
    return url


@pytest.mark.parametrize("name", POSTS)
def test_every_write_answers_every_role_as_the_matrix_says(world, round_, clients, name):
    url, data, allowed, ok = posts(world, round_)[name]
    page = page_of(name, url, round_, world)
    answers = {
        role: clients[role].post(url, as_read(clients[role], page, data)).status_code for role in ROLES
    }
    assert answers == {role: expected(role, allowed, ok) for role in ROLES}


@pytest.mark.parametrize("name", PAGES + POSTS)
def test_anonymous_visitors_are_sent_to_log_in(world, round_, client, name):
    if name in PAGES:
        url, _ = pages(world, round_)[name]
        response = client.get(url)
    else:
        url, data, _, _ = posts(world, round_)[name]
        response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_another_organisations_round_is_not_found_whatever_ones_own_role(world, clients):
    from tests.factories import add_goal

    add_goal(world.other_plan, "1", "Annat", "committee")
    other = open_round(world.other_committee, "2022-T1", by=None)
    part = other.parts.first()
    for role in ("reader", "controller", "director", "admin"):
        assert clients[role].get(reverse("round", args=[other.pk])).status_code == 404
        assert clients[role].get(reverse("part", args=[part.pk])).status_code == 404
        assert clients[role].get(reverse("round_economy", args=[other.pk])).status_code == 404
        assert clients[role].post(reverse("round_approve", args=[other.pk])).status_code == 404
        assert clients[role].get(reverse("rounds", args=[world.other_committee.code])).status_code == 404
    assert clients["outsider"].get(reverse("round", args=[other.pk])).status_code == 200
    assert clients["outsider"].get(reverse("round_economy", args=[other.pk])).status_code == 200


def test_post_only_addresses_refuse_a_get(world, round_, clients):
    part = round_.parts.get(goal__isnull=False)
    for url in (reverse("part_ready", args=[part.pk]), reverse("round_approve", args=[round_.pk])):
        assert clients["admin"].get(url).status_code == 405


def own_pages(world, round_) -> dict[str, str]:
    """Pages of one user's own work: an uploaded workbook's dry run (name → address)."""
    from styrkedja.exchange.models import WorkbookUpload

    upload = WorkbookUpload.objects.create(
        round=round_, user=world.users["reporter"], filename="t1.xlsx", sha256="0" * 64, content=b"x"
    )
    from styrkedja.exchange.models import TableUpload

    table = TableUpload.objects.create(
        organisation=world.committee,
        kind="indicator_values",
        user=world.users["controller"],
        filename="v.csv",
        sha256="0" * 64,
        content=b"A;B\n1;2\n",
    )
    return {
        "workbook_review": reverse("workbook_review", args=[upload.pk]),
        "table_mapping": reverse("table_mapping", args=[table.pk]),
    }


def test_an_uploaded_workbook_or_table_is_its_uploaders_alone(world, round_, clients):
    urls = own_pages(world, round_)
    answers = {role: clients[role].get(urls["workbook_review"]).status_code for role in ROLES}
    # Not a workbook: the page says so (400) to its uploader; to everyone else it does not exist.
    assert answers == {role: 400 if role == "reporter" else 404 for role in ROLES}
    answers = {role: clients[role].get(urls["table_mapping"]).status_code for role in ROLES}
    assert answers == {role: 200 if role == "controller" else 404 for role in ROLES}
