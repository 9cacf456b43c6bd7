"""`styrkedja followup import` refuses, whole and as `FILE:LINE: field: message`, what the web would refuse
(150 %, men 176 %, −247, 1e400), rows matching nothing in the plan (or, with --skip-unmatched, stores the
rest, lists every skipped row and exits 3), budget columns other than the plan's adopted budget, areas
with the wrong signs and second rows for the same thing. Nothing is created in the plan to fit."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.budget.models import BudgetArea, Investment, RevenueRequirementLine
from styrkedja.followup.models import InvestmentForecast, Outcome, Round
from tests.followup.conftest import SMALL

pytestmark = pytest.mark.django_db

REPORT = """\
format: styrkedja.followup/1
organisation: {code: testnamnd, name: Testnämnden}
year: 2022
period: 2022-T1
outcomes:
  - goal: "1.1"
    indicator: Antal som fått jobb
    total: 247
    men: 148
    women: 99
  - goal: "1.1.1"
    indicator: Genomsnittlig inskrivningstid
    forecast: 6.0
  - goal: "1.1.1"
    indicator: Sjukfrånvaro
    total: 6.5
    men: 5.5
    women: 7.0
assessments:
  - {goal: "1.1.1", assessment: partly, analysis: Kort analys.}
activities:
  - {goal: "1.1.1", title: Ta fram en plan, status: ongoing}
economics:
  areas:
    - area: Jobbtorg
      budget_costs: 425.9
      budget_revenues: -58.4
      forecast_costs: 420.0
      forecast_revenues: -58.4
    - area: Vuxenutbildning
      budget_costs: 815.7
      budget_revenues: -138.3
      forecast_costs: 815.7
      forecast_revenues: -138.3
  revenue_requirement:
    - {label: Statsbidrag från Skolverket, budget: -82.6, forecast: -147.5}
  investments:
    - {label: Investeringsbudget, budget: 4.0, forecast: 3.5}
"""


@pytest.fixture
def plan(db):
    call_command("plan", "import", str(SMALL))


def write(tmp_path, old: str = "", new: str = "", text: str = REPORT):
    assert old in text
    path = tmp_path / "uppfoljning.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def refused(path) -> list[str]:
    """The refusal's lines, FILE replaced by `F`; and nothing was stored."""
    with pytest.raises(CommandError) as caught:
        call_command("followup", "import", str(path))
    message = str(caught.value)
    assert message.startswith("refused, nothing was stored:\n")
    assert not Round.objects.exists() and not Outcome.objects.exists()
    return [line.replace(str(path), "F") for line in message.splitlines()[1:]]


def test_the_file_is_stored_when_everything_matches_and_agrees(plan, tmp_path, capsys):
    call_command("followup", "import", str(write(tmp_path)))
    assert "stored the follow-up 2022-T1 for testnamnd" in capsys.readouterr().out
    assert Outcome.objects.count() == 3 and InvestmentForecast.objects.get().forecast == 3.5


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("total: 6.5", "total: 150", "F:16: outcomes[2].total: Utfall 150 ligger utanför 0–100 %."),
        ("men: 5.5", "men: 176", "F:17: outcomes[2].men: Utfall män 176 ligger utanför 0–100 %."),
        ("total: 247", "total: -247", "F:8: outcomes[0].total: Utfall -247 är inte ett helt antal ≥ 0."),
        (
            "total: 247",
            "total: 1e400",
            "F:8: outcomes[0].total: Talet 1E+400 är för stort: högst 10 siffror före decimaltecknet.",
        ),
        (
            "forecast: 6.0",
            "forecast: .inf",
            "F:13: outcomes[1].forecast: Talet är oändligt; skriv ett tal "
            "med högst 10 siffror före decimaltecknet.",
        ),
        ("total: 247", "total: 24.7", "F:8: outcomes[0].total: Utfall 24,7 är inte ett helt antal ≥ 0."),
    ],
)
def test_a_value_the_web_form_refuses_refuses_the_file(plan, tmp_path, old, new, expected):
    assert refused(write(tmp_path, old, new)) == [expected]


def test_rows_that_match_nothing_are_refused_with_the_plans_nearest_candidates(plan, tmp_path):
    path = write(tmp_path, "indicator: Antal som fått jobb", "indicator: Antal som fått jobbet")
    path = write(
        tmp_path,
        'goal: "1.1.1", title: Ta fram en plan',
        'goal: "1.1.1", title: Ta fram planen',
        text=path.read_text(encoding="utf-8"),
    )
    assert refused(path) == [
        "F:7: outcomes[0].indicator: the plan has no indicator 'Antal som fått jobbet' under goal 1.1 "
        "(nearest: 'Antal som fått jobb')",
        "F:22: activities[0].title: the plan has no activity 'Ta fram planen' under goal 1.1.1 "
        "(nearest: 'Ta fram en plan')",
    ]


def test_an_indicator_under_another_goal_is_named_where_the_plan_has_it(plan, tmp_path):
    path = write(
        tmp_path, 'goal: "1.1.1"\n    indicator: Sjukfrånvaro', 'goal: "1.1"\n    indicator: Sjukfrånvaro'
    )
    assert refused(path) == [
        "F:15: outcomes[2].indicator: the plan has 'Sjukfrånvaro' under goal 1.1.1, not under goal 1.1"
    ]


def test_with_skip_unmatched_the_rest_is_stored_every_skipped_row_listed_and_the_status_is_3(
    plan, tmp_path, capsys
):
    path = write(tmp_path, 'goal: "1.1.1", assessment', 'goal: "9.9", assessment')
    path = write(
        tmp_path, "area: Vuxenutbildning", "area: Okänt område", text=path.read_text(encoding="utf-8")
    )
    with pytest.raises(CommandError) as caught:
        call_command("followup", "import", str(path), "--skip-unmatched")
    assert caught.value.returncode == 3
    assert str(caught.value) == f"{path}: stored without the 2 row(s) above, which match nothing in the plan"
    out, err = capsys.readouterr()
    assert "stored the follow-up 2022-T1 for testnamnd" in out
    assert err.splitlines() == [
        f"{path}:20: assessments[0].goal: skipped: the plan has no goal 9.9",
        f"{path}:30: economics.areas[1].area: skipped: the plan has no area 'Okänt område'; its areas: "
        "'Jobbtorg', 'Vuxenutbildning'",
    ]
    round_ = Round.objects.get()
    assert round_.outcomes.count() == 3 and round_.area_forecasts.count() == 1
    assert not round_.assessments.exists()


def test_the_status_3_reaches_the_shell(plan, tmp_path):
    from styrkedja.commands.management.commands.followup import Command

    path = write(tmp_path, 'goal: "1.1.1", assessment', 'goal: "9.9", assessment')
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["styrkedja", "followup", "import", str(path), "--skip-unmatched"])
    assert exited.value.code == 3


def test_values_are_never_skipped_only_rows_that_match_nothing(plan, tmp_path):
    path = write(tmp_path, "total: 6.5", "total: 150")
    with pytest.raises(
        CommandError, match=re.escape("outcomes[2].total: Utfall 150 ligger utanför 0–100 %.")
    ):
        call_command("followup", "import", str(path), "--skip-unmatched")
    assert not Round.objects.exists()


def test_budget_columns_must_be_the_plans_adopted_budget(plan, tmp_path):
    path = write(tmp_path, "budget_costs: 425.9", "budget_costs: 430.0")
    path = write(tmp_path, "budget: -82.6", "budget: -90.0", text=path.read_text(encoding="utf-8"))
    path = write(tmp_path, "budget: 4.0", "budget: 5.0", text=path.read_text(encoding="utf-8"))
    assert refused(path) == [
        "F:26: economics.areas[0].budget_costs: the plan's adopted budget (VP 2022) has costs for 'Jobbtorg' "
        "425,9, the file 430 (a difference of 4,1); the budget is the plan's, correct the file or the plan",
        "F:36: economics.revenue_requirement[0].budget: the plan's adopted budget (VP 2022) has an amount for "
        "'Statsbidrag från Skolverket' -82,6, the file -90 (a difference of -7,4); the budget is the plan's, "
        "correct the file or the plan",
        "F:38: economics.investments[0].budget: the plan's adopted budget (VP 2022) has an amount for "
        "'Investeringsbudget' 4, the file 5 (a difference of 1); the budget is the plan's, correct the file "
        "or the plan",
    ]


def test_an_unknown_area_is_refused_and_not_created_with_budget_0(plan, tmp_path):
    path = write(tmp_path, "area: Vuxenutbildning", "area: Sfi-centrum")
    assert refused(path) == [
        "F:30: economics.areas[1].area: the plan has no area 'Sfi-centrum'; its areas: 'Jobbtorg', "
        "'Vuxenutbildning'"
    ]
    assert list(BudgetArea.objects.values_list("name", flat=True)) == ["Jobbtorg", "Vuxenutbildning"]


def test_an_investment_matching_nothing_is_refused_not_attached_to_the_plans_first(plan, tmp_path):
    path = write(tmp_path, "label: Investeringsbudget", "label: Nya lokaler")
    assert refused(path) == [
        "F:38: economics.investments[0].label: the plan has no investment 'Nya lokaler'; its investments: "
        "'Investeringsbudget'"
    ]
    assert list(Investment.objects.values_list("label", flat=True)) == ["Investeringsbudget"]


def test_an_intaktskrav_line_matching_nothing_is_refused_not_added(plan, tmp_path):
    path = write(tmp_path, "label: Statsbidrag från Skolverket", "label: Statsbidrag från Migrationsverket")
    assert refused(path)[0].startswith(
        "F:36: economics.revenue_requirement[0].label: the plan has no intäktskrav line "
        "'Statsbidrag från Migrationsverket'"
    )
    assert RevenueRequirementLine.objects.count() == 1


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "forecast_costs: 420.0",
            "forecast_costs: -420.0",
            "F:28: economics.areas[0].forecast_costs: Kostnader kan inte vara negativa.",
        ),
        (
            "forecast_revenues: -58.4",
            "forecast_revenues: 58.4",
            "F:29: economics.areas[0].forecast_revenues: Intäkter skrivs som negativa belopp, t.ex. -45,0.",
        ),
        (
            "forecast_costs: 420.0",
            "forecast_costs: 420.05",
            "F:28: economics.areas[0].forecast_costs: Talet 420,05 har för många decimaler: högst 1.",
        ),
    ],
)
def test_area_forecasts_have_the_signs_and_decimals_of_the_economy_tables(plan, tmp_path, old, new, expected):
    assert refused(write(tmp_path, old, new)) == [expected]


def test_a_second_row_for_the_same_indicator_is_refused(plan, tmp_path):
    second = (
        '  - goal: "1.1"\n    indicator: antal som fått  jobb\n    total: 250\n    men: 150\n    women: 100\n'
    )
    path = write(tmp_path, "assessments:\n", second + "assessments:\n")
    assert refused(path) == [
        "F:19: outcomes[3]: a second row for 'antal som fått  jobb' under goal 1.1; the first is outcomes[0]"
    ]
