"""The same value is refused by every way in with the same sentence (lib/validation.py): the web forms, a
follow-up or plan file, the importer's path into the database, and the microdata store."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from styrkedja.analytics.engine import Cell, IndicatorValue
from styrkedja.analytics.registry import load_registry
from styrkedja.analytics.windows import window_of
from styrkedja.followup.microdata import Stored, _write
from styrkedja.followup.models import Outcome, Round
from styrkedja.followup.workflow import open_round
from styrkedja.interchange.followup_import import FileRefused, import_followup
from styrkedja.lib.periods import parse_period
from styrkedja.planfiles import followup_schema as fs
from styrkedja.planfiles.schema import OrganisationRef
from styrkedja.web.forms.budget import AreaBudgetForm
from styrkedja.web.forms.followup import AreaGridForm
from styrkedja.web.forms.plans import IndicatorTargetForm

pytestmark = pytest.mark.django_db
SHARE = "Andel aspiranter som är självförsörjande sex månader efter avslut på Jobbtorg Stockholm"
SMALL = Path(__file__).resolve().parents[1] / "planfiles" / "data" / "small.yaml"


def file_refusal(tmp_path, command: str, text: str) -> str:
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command(command, "import", str(path))
    return str(caught.value).splitlines()[1].split(": ", 2)[2]  # the first problem's message


def test_an_outcome_of_150_percent_is_refused_in_the_same_words_everywhere(world, client_as, tmp_path):
    expected = "Utfall 150 ligger utanför 0–100 %."
    target = world.targets["självförsörjande"]
    followup = (
        "format: styrkedja.followup/1\norganisation: {code: amn, name: Arbetsmarknadsnämnden}\n"
        f'year: 2022\nperiod: 2022-T1\noutcomes:\n  - {{goal: "1.1", indicator: {SHARE}, total: 150,'
        " men: 150, women: 150}\n"
    )
    by_file = file_refusal(tmp_path, "followup", followup)

    data = fs.FollowUpFile.model_validate(
        {
            "organisation": OrganisationRef(code="amn", name="x"),
            "year": 2022,
            "period": "2022-T1",
            "outcomes": [{"goal": "1.1", "indicator": SHARE, "total": 150, "men": 150, "women": 150}],
        }
    )
    with pytest.raises(FileRefused) as by_importer:
        import_followup(data, None)  # the document importer's way into the database
    assert not Round.objects.exists()

    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"])
    part = round_.parts.get(goal__isnull=False)
    prefix = f"i{target.pk}"
    page = client_as("controller").post(
        reverse("outcome_save", args=[part.pk, target.pk]),
        {
            f"{prefix}-version": "0",
            f"{prefix}-total": "150",
            f"{prefix}-men": "150",
            f"{prefix}-women": "150",
        },
        HTTP_HX_REQUEST="true",
    )

    definition = load_registry().for_indicator(SHARE)
    assert definition is not None
    cells = {name: Cell(150.0, 150.0, 100.0) for name in ("total", "men", "women")}
    value = IndicatorValue(
        definition, window_of(parse_period("2022-T1")), cells, [], {}, persons={"total": 100}
    )
    stored = Stored(round_, computation=None)  # type: ignore[arg-type]
    _write(stored, target, value, None, None)  # by the system, no outcome stored yet

    assert by_file == expected
    assert by_importer.value.problems[0].message == expected
    assert expected in page.content.decode()
    assert stored.skipped == [
        (
            SHARE,
            " ".join(
                [
                    expected,
                    expected.replace("Utfall", "Utfall män"),
                    expected.replace("Utfall", "Utfall kvinnor"),
                ]
            ),
        )
    ]
    assert not Outcome.objects.exists()


def test_a_target_of_1e400_is_refused_in_the_same_words_by_the_plan_file_and_the_form(world, tmp_path):
    expected = "Talet 1E+400 är för stort: högst 10 siffror före decimaltecknet."
    plan = SMALL.read_text(encoding="utf-8").replace("target: 550", "target: 1.0e+400")
    form = IndicatorTargetForm(
        {
            "name": "Antal",
            "unit": "count",
            "direction": "higher",
            "periodicity": "year",
            "decimals": "0",
            "table": "committee",
            "kf_mode": "none",
            "value": "1" + "0" * 400,
        },
        plan=world.plan,
    )
    assert not form.is_valid()
    assert form.errors["value"] == [expected]
    assert file_refusal(tmp_path, "plan", plan) == expected


def test_negative_costs_are_refused_in_the_same_words_by_files_and_forms(world, tmp_path):
    expected = "Kostnader kan inte vara negativa."
    plan = SMALL.read_text(encoding="utf-8").replace("costs: 425.9", "costs: -425.9")
    version = world.versions[0]
    budget_form = AreaBudgetForm(
        {f"costs_{version.pk}": "-1,0", f"revenues_{version.pk}": "-45,0"},
        area=next(iter(world.areas.values())),
        versions=[version],
        budgets={},
    )
    forecast_form = AreaGridForm(
        {"costs": "-1,0", "revenues": "-45,0", "version": "0"}, area_name="Jobbtorg", has_forecast=False
    )
    assert not budget_form.is_valid() and not forecast_form.is_valid()
    assert budget_form.errors[f"costs_{version.pk}"] == [expected]
    assert forecast_form.errors["costs"] == [f"Jobbtorg, prognos kostnader: {expected}"]  # the area named
    assert file_refusal(tmp_path, "plan", plan) == expected
    with pytest.raises(Exception) as by_schema:
        fs.AreaForecast(
            area="Jobbtorg",
            budget_costs=1,
            budget_revenues=0,
            forecast_costs=Decimal(-1),
            forecast_revenues=0,
        )
    assert expected in str(by_schema.value)
