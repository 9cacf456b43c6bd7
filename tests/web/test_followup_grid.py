"""The part page's entry grid sent as a whole: the rows changed are saved in one transaction, each checked
against the version it was read at; a stale row or an invalid cell saves nothing and is shown beside its
row and its cell; rows nobody touched are neither saved nor conflicts."""

from __future__ import annotations

import re
from decimal import Decimal

from django.urls import reverse

from styrkedja.followup.models import Outcome
from styrkedja.followup.values import OutcomeInput, save_outcome
from tests.factories import as_read, text_of

D = Decimal


def grid_url(part) -> str:
    return reverse("part_outcomes_save", args=[part.pk])


def page_url(part) -> str:
    return reverse("part", args=[part.pk])


def test_one_save_stores_every_changed_row_with_swedish_numbers(world, client_as, part):
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    client = client_as("reporter")
    data = as_read(
        client,
        page_url(part),
        {
            f"i{jobs.pk}-total": "1 393",
            f"i{jobs.pk}-forecast": "1\u00a0400",
            f"i{months.pk}-total": "5,2",
            f"i{months.pk}-forecast": "5,5",
        },
    )
    response = client.post(grid_url(part), data)
    assert response.status_code == 302
    assert response["Location"] == page_url(part) + "#indikatorer"
    assert Outcome.objects.get(target=jobs).total == D(1393)
    assert Outcome.objects.get(target=jobs).forecast == D(1400)
    assert Outcome.objects.get(target=months).total == D("5.2")
    page = text_of(client.get(page_url(part)))
    assert "2 indikatorer har sparats." in page
    assert re.search(r"\d+ av \d+ ifyllda", page)


def test_the_progress_counts_the_rows_filled_in(world, client_as, round_, part):
    page = text_of(client_as("reporter").get(page_url(part)))
    before = re.search(r"(\d+) av (\d+) ifyllda", page)
    assert before is not None and before.group(1) == "0"
    save_outcome(
        round_,
        world.targets["feriejobb"],
        OutcomeInput(total=D(40), forecast=D(90)),
        by=world.users["reporter"],
        expected_version=0,
    )
    after = re.search(r"(\d+) av (\d+) ifyllda", text_of(client_as("reporter").get(page_url(part))))
    assert after is not None and (after.group(1), after.group(2)) == ("1", before.group(2))


def test_an_invalid_cell_saves_nothing_and_its_error_stands_in_its_cell(world, client_as, part):
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    client = client_as("reporter")
    data = as_read(client, page_url(part), {f"i{jobs.pk}-total": "40", f"i{months.pk}-total": "fem"})
    response = client.post(grid_url(part), data)
    assert response.status_code == 200
    html = response.content.decode()
    cell = re.search(
        rf'<td class="num value-cell value-cell--error">(?:(?!</td>).)*id_i{months.pk}-total(?:(?!</td>).)*</td>',
        html,
        re.S,
    )
    assert cell is not None and "Skriv ett tal" in cell.group(0)  # the error in the cell of the value
    assert "Inget sparades: 1 rad behöver ses över." in text_of(response)
    assert f'name="i{jobs.pk}-total" value="40"' in html  # the other row's value stays in its field
    assert not Outcome.objects.exists()


def test_a_value_refused_by_its_unit_saves_nothing(world, client_as, part):
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    client = client_as("reporter")
    data = as_read(client, page_url(part), {f"i{jobs.pk}-total": "-3", f"i{months.pk}-total": "5,2"})
    response = client.post(grid_url(part), data)
    assert response.status_code == 200
    assert "Inget sparades" in text_of(response)
    assert not Outcome.objects.exists()


def test_a_row_changed_by_someone_else_is_a_conflict_beside_the_row_and_nothing_is_saved(
    world, client_as, round_, part
):
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    reporter = client_as("reporter")
    data = as_read(reporter, page_url(part), {f"i{jobs.pk}-total": "40", f"i{months.pk}-total": "5,2"})
    save_outcome(round_, jobs, OutcomeInput(total=D(55)), by=world.users["controller"], expected_version=0)
    response = reporter.post(grid_url(part), data)
    assert response.status_code == 409
    html = response.content.decode()
    row = html.split(f'id="utfall-{jobs.pk}"')[1].split("</tbody>")[0]
    assert "Någon annan har ändrat värdet sedan du öppnade det (controller)." in row
    assert "Sparat nu: periodens utfall 55\u00a0st" in row
    assert f'name="i{jobs.pk}-version" value="1"' in row  # saving again replaces the stored value
    assert Outcome.objects.get(target=jobs).total == D(55)
    assert not Outcome.objects.filter(target=months).exists()  # one transaction: nothing of the grid

    again = reporter.post(
        grid_url(part),
        as_read(reporter, page_url(part), {})
        | {
            f"i{jobs.pk}-total": "40",
            f"i{jobs.pk}-version": "1",
            f"i{months.pk}-total": "5,2",
        },
    )
    assert again.status_code == 302
    assert Outcome.objects.get(target=jobs).total == D(40)


def test_a_row_not_touched_is_neither_saved_nor_a_conflict(world, client_as, round_, part):
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    reporter = client_as("reporter")
    data = as_read(reporter, page_url(part), {f"i{months.pk}-total": "5,2"})
    save_outcome(round_, jobs, OutcomeInput(total=D(55)), by=world.users["controller"], expected_version=0)
    response = reporter.post(grid_url(part), data)
    assert response.status_code == 302
    assert Outcome.objects.get(target=jobs).total == D(55)  # someone else's value stands
    assert Outcome.objects.get(target=months).total == D("5.2")
    assert Outcome.objects.get(target=jobs).history.count() == 1


def test_nothing_changed_saves_nothing(world, client_as, part):
    reporter = client_as("reporter")
    response = reporter.post(grid_url(part), as_read(reporter, page_url(part), {}), follow=True)
    assert "Inget var ändrat; inget sparades." in text_of(response)
    assert not Outcome.objects.exists()


def test_the_council_goals_rows_are_not_the_reporters_to_save_in_the_grid(world, client_as, part):
    share = world.targets["självförsörjande"]
    reporter = client_as("reporter")
    data = as_read(reporter, page_url(part), {f"i{share.pk}-total": "50", f"i{share.pk}-version": "0"})
    reporter.post(grid_url(part), data)
    assert not Outcome.objects.filter(target=share).exists()


def test_the_grid_has_no_period_column_and_every_row_its_save_beside_its_name(world, client_as, part):
    html = client_as("reporter").get(page_url(part)).content.decode()
    jobs = world.targets["feriejobb"]
    row = html.split(f'id="utfall-{jobs.pk}"')[1].split("</tbody>")[0]
    name = row.split('<th scope="row" class="grid-name">')[1].split("</th>")[0]
    assert "Antal tillhandahållna platser för feriejobb" in name and "Spara" in name
    assert '<details class="grid-more">' in row and "Mätperiod från" in row  # the row that unfolds
    assert 'data-grid-col="0"' in row and "data-entry-grid" in html
