"""Reviewing where the work is: approve and send back on the part's page, returning the reader to it;
"mark ready" and approve list what is still empty and ask first; the round overview's table with
overdue parts in words and its filters; the goal-fulfilment matrix; the director's box names what blocks;
breadcrumbs lead only to pages the user may read."""

from __future__ import annotations

import re

from django.urls import reverse

from styrkedja.checks import Finding, Severity
from styrkedja.followup.checking import RoundCheck
from styrkedja.followup.models import PartStatus
from styrkedja.followup.values import save_assessment
from styrkedja.followup.workflow import approve_part, mark_ready
from styrkedja.organisations.models import Role
from tests.factories import make_user, text_of


def test_mark_ready_lists_what_is_empty_and_asks_before_marking(world, client_as, part):
    client = client_as("reporter")
    url = reverse("part_ready", args=[part.pk])
    asked = client.post(url, {"tillbaka": "del"})
    assert asked.status_code == 200
    text = text_of(asked)
    assert "Delen är inte helt ifylld. Detta saknas:" in text
    assert (
        "4 indikatorer saknar utfall eller prognos 2 mål saknar bedömning 2 aktiviteter saknar status" in text
    )
    assert "Markera som klar ändå" in text
    assert 'name="bekrafta" value="ja"' in asked.content.decode()
    part.refresh_from_db()
    assert part.status == PartStatus.TODO

    done = client.post(url, {"tillbaka": "del", "bekrafta": "ja"})
    assert done.status_code == 302
    assert done["Location"] == reverse("part", args=[part.pk]) + "#granskning-del"
    part.refresh_from_db()
    assert part.status == PartStatus.READY


def test_the_controller_approves_on_the_part_page_after_being_shown_what_is_missing(world, client_as, part):
    mark_ready(part, by=world.users["controller"])
    client = client_as("controller")
    page = text_of(client.get(reverse("part", args=[part.pk])))
    assert "Granska delen" in page and "Saknas fortfarande:" in page
    assert "Godkänn delen" in page and "Skicka tillbaka delen" in page
    url = reverse("part_approve", args=[part.pk])
    asked = client.post(url, {"tillbaka": "del"})
    assert asked.status_code == 200 and "Godkänn ändå" in text_of(asked)
    part.refresh_from_db()
    assert part.status == PartStatus.READY
    done = client.post(url, {"tillbaka": "del", "bekrafta": "ja"})
    assert done["Location"] == reverse("part", args=[part.pk]) + "#granskning-del"
    part.refresh_from_db()
    assert part.status == PartStatus.APPROVED


def test_sending_back_from_the_part_page_returns_there_and_a_missing_comment_is_shown_there(
    world, client_as, part
):
    mark_ready(part, by=world.users["controller"])
    client = client_as("controller")
    url = reverse("part_return", args=[part.pk])
    empty = client.post(url, {"tillbaka": "del", f"del{part.pk}-comment": " "})
    assert empty.status_code == 200
    assert "Skriv kommentar till rapportören." in empty.content.decode()
    assert "Granska delen" in text_of(empty)  # the part's page, not the overview
    sent = client.post(url, {"tillbaka": "del", f"del{part.pk}-comment": "Prognosen saknas."})
    assert sent["Location"] == reverse("part", args=[part.pk]) + "#granskning-del"
    part.refresh_from_db()
    assert part.status == PartStatus.RETURNED


def test_a_step_from_the_overview_returns_to_the_parts_row(world, client_as, round_, part):
    response = client_as("controller").post(reverse("part_ready", args=[part.pk]), {"bekrafta": "ja"})
    assert response["Location"] == reverse("round", args=[round_.pk]) + f"#del-{part.pk}"


def test_the_overview_flags_overdue_parts_in_words_and_filters_them(world, client_as, round_, part):
    controller = world.users["controller"]
    economy = round_.parts.get(goal__isnull=True)
    mark_ready(economy, by=controller)
    approve_part(economy, by=controller)
    client = client_as("reader")
    url = reverse("round", args=[round_.pk])
    text = text_of(client.get(url))
    assert "2 delar · 1 försenade (sista dag 2022-05-10 har passerat)." in text
    assert f"{part.title} Att fylla i Försenad" in text
    assert "Ekonomi Godkänd Ingen" in text  # an approved part is not overdue

    only_overdue = text_of(client.get(url, {"forsenad": "on"}))
    assert "filtrerade: 1 av 2" in only_overdue
    assert "Ekonomi Godkänd" not in only_overdue
    approved = text_of(client.get(url, {"status": "approved"}))
    assert "Ekonomi Godkänd" in approved and f"{part.title} Att fylla i" not in approved
    nobody = text_of(client.get(url, {"rapportor": "ingen"}))
    assert "filtrerade: 2 av 2" in nobody


def test_the_goal_matrix_shows_each_goals_rating_in_words(world, client_as, round_):
    goal = world.goals["1.1.1"]
    save_assessment(
        round_, goal, value="partly", analysis="", justification="Skäl.", suggested=None,
        by=world.users["controller"], expected_version=0,
    )  # fmt: skip
    html = client_as("reader").get(reverse("round", args=[round_.pk])).content.decode()
    matrix = html.split('id="maluppfyllelse"')[1].split("</table>")[0]
    row = re.search(
        r"<tr>\s*<th scope=\"row\"><a[^>]*><span class=\"goal-number\">1\.1\.1</span>.*?</tr>", matrix, re.S
    )
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(0), re.S)
    assert "Uppfylls delvis" in cells[1] and 'fill="#8a5a00"' in cells[1]  # colour and text
    assert cells[0] == "" and cells[2] == "" and "Ej bedömt" not in cells[-1]
    assert "Uppfylls helt" in matrix and "Uppfylls inte" in matrix  # the profile's scale as columns


def test_the_directors_box_names_the_blocking_errors_at_once(world, client_as, round_, monkeypatch):
    controller = world.users["controller"]
    for p in round_.parts.all():
        mark_ready(p, by=controller)
        approve_part(p, by=controller)
    blocker = Finding("indicator.sum", Severity.ERROR, "indicator", "Feriejobb", "Summan stämmer inte.", {})
    monkeypatch.setattr("styrkedja.web.views.followup.check_round", lambda r: RoundCheck(r, [blocker]))
    text = text_of(client_as("director").get(reverse("round", args=[round_.pk])))
    assert "Alla delar är godkända" not in text
    assert "Rapporten kan inte godkännas än." in text
    assert "Kontrollerna hittar 1 fel som måste rättas" in text and "Summan stämmer inte." in text

    monkeypatch.setattr("styrkedja.web.views.followup.check_round", lambda r: RoundCheck(r, []))
    text = text_of(client_as("director").get(reverse("round", args=[round_.pk])))
    assert "Alla delar är godkända och inga fel hindrar." in text


def test_no_breadcrumb_leads_to_a_page_that_answers_404(world, client_as, part):
    client = client_as("reporter")  # a role in the committee, none in the city above
    for url in (reverse("part", args=[part.pk]), reverse("round", args=[part.round_id])):
        html = client.get(url).content.decode()
        crumbs = html.split('aria-label="Du är här"')[1].split("</nav>")[0]
        assert f"<span>{world.city.name}</span>" in crumbs  # shown, not linked
        links = re.findall(r'href="([^"]+)"', crumbs)
        assert links
        for link in links:
            assert client.get(link).status_code == 200, link
    # Someone with a role in the city gets the link.
    world.users["city reader"] = make_user("stadslasare", role=Role.READER, organisation=world.city)
    html = client_as("city reader").get(reverse("part", args=[part.pk])).content.decode()
    crumbs = html.split('aria-label="Du är här"')[1].split("</nav>")[0]
    assert reverse("organisation", args=[world.city.code]) in crumbs
