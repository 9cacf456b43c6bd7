"""Editing a round's economics: a save based on an old version is refused, omslutning rows and adjustment
requests can be removed while the round is open, and every change is in the history."""

from decimal import Decimal

import pytest

from styrkedja.budget.models import BudgetArea, PerformanceVolume
from styrkedja.followup import economy_editing as editing
from styrkedja.followup.models import (
    AdjustmentRequest,
    AreaForecast,
    RoundLocked,
    RoundStatus,
    TurnoverProposal,
    VolumeForecast,
)
from styrkedja.followup.values import Conflict

pytestmark = pytest.mark.django_db
D = Decimal


def lock(round_) -> None:
    round_.status = RoundStatus.LOCKED
    round_.save()


def add_turnover(round_, by, label="EU-bidrag", amount="58.4") -> TurnoverProposal:
    return editing.save_turnover(
        round_,
        area=BudgetArea.objects.get(name="Jobbtorg"),
        heading="",
        label=label,
        costs=D(amount),
        revenues=-D(amount),
        by=by,
    )


def add_adjustment(round_, by, amount="-5.0", reason="Lägre statsbidrag") -> AdjustmentRequest:
    return editing.save_adjustment(
        round_, amount=D(amount), reason=reason, from_amount=None, to_amount=None, area=None, by=by
    )


# --- Versions -------------------------------------------------------------------------------------------


def test_a_second_volume_forecast_based_on_the_same_version_is_a_conflict_and_the_first_stays(
    round_, controller
):
    volumes = list(PerformanceVolume.objects.all())
    volume = volumes[0]
    editing.save_volume_forecasts(round_, volumes, {volume.pk: (D("9000.0"), None, 0)}, by=controller)
    read = VolumeForecast.objects.get().version
    assert read == 1
    editing.save_volume_forecasts(round_, volumes, {volume.pk: (D("9100.0"), None, read)}, by=controller)
    with pytest.raises(Conflict) as conflict:
        editing.save_volume_forecasts(
            round_, volumes, {volume.pk: (D("9500.0"), D("61000"), read)}, by=controller
        )
    assert conflict.value.current.forecast_places == D("9100.0")
    stored = VolumeForecast.objects.get()
    assert (stored.forecast_places, stored.price_per_place, stored.version) == (D("9100.0"), None, 2)
    assert VolumeForecast.history.count() == 2


def test_clearing_a_volume_forecast_someone_else_changed_is_a_conflict_too(round_, controller):
    volumes = list(PerformanceVolume.objects.all())
    volume = volumes[0]
    editing.save_volume_forecasts(round_, volumes, {volume.pk: (D("9000.0"), None, 0)}, by=controller)
    editing.save_volume_forecasts(round_, volumes, {volume.pk: (D("9100.0"), None, 1)}, by=controller)
    with pytest.raises(Conflict):
        editing.save_volume_forecasts(round_, volumes, {volume.pk: (None, None, 1)}, by=controller)
    assert VolumeForecast.objects.get().forecast_places == D("9100.0")


def test_a_second_turnover_change_based_on_the_same_version_is_a_conflict_and_the_first_stays(
    round_, controller
):
    proposal = add_turnover(round_, controller)
    read = proposal.version
    assert read == 1
    area = proposal.area
    editing.save_turnover(
        round_,
        area=area,
        heading="",
        label="EU-bidrag (ESF)",
        costs=D("60.0"),
        revenues=D("-60.0"),
        by=controller,
        proposal=proposal,
        expected_version=read,
    )
    with pytest.raises(Conflict) as conflict:
        editing.save_turnover(
            round_,
            area=area,
            heading="",
            label="Försäljning",
            costs=D("1.0"),
            revenues=D("-1.0"),
            by=controller,
            proposal=proposal,
            expected_version=read,
        )
    assert conflict.value.current.label == "EU-bidrag (ESF)"
    stored = TurnoverProposal.objects.get()
    assert (stored.label, stored.costs, stored.version) == ("EU-bidrag (ESF)", D("60.0"), 2)
    assert TurnoverProposal.history.count() == 2


def test_a_second_adjustment_change_based_on_the_same_version_is_a_conflict_and_the_first_stays(
    round_, controller
):
    request = add_adjustment(round_, controller)
    read = request.version
    common = {"from_amount": None, "to_amount": None, "area": None, "by": controller, "request": request}
    editing.save_adjustment(
        round_, amount=D("-6.5"), reason="Lägre statsbidrag", expected_version=read, **common
    )
    with pytest.raises(Conflict) as conflict:
        editing.save_adjustment(round_, amount=D("-9.0"), reason="Annat", expected_version=read, **common)
    assert conflict.value.current.amount == D("-6.5")
    stored = AdjustmentRequest.objects.get()
    assert (stored.amount, stored.reason, stored.version) == (D("-6.5"), "Lägre statsbidrag", 2)


def test_a_save_without_a_change_keeps_the_version_so_it_makes_no_conflict_for_others(round_, controller):
    proposal = add_turnover(round_, controller)
    again = editing.save_turnover(
        round_,
        area=proposal.area,
        heading="",
        label="EU-bidrag",
        costs=D("58.4"),
        revenues=D("-58.4"),
        by=controller,
        proposal=proposal,
        expected_version=1,
    )
    assert again.version == 1
    assert TurnoverProposal.history.count() == 1


# --- Removal --------------------------------------------------------------------------------------------


def test_an_omslutning_row_is_removed_while_the_round_is_open_and_the_history_keeps_it(round_, controller):
    proposal = add_turnover(round_, controller)
    editing.delete_turnover(proposal, by=controller, expected_version=proposal.version)
    assert not TurnoverProposal.objects.exists()
    removed = TurnoverProposal.history.latest("history_date")
    assert (removed.history_type, removed.label, removed.history_user) == ("-", "EU-bidrag", controller)


def test_an_adjustment_request_is_removed_while_the_round_is_open_and_the_history_keeps_it(
    round_, controller
):
    request = add_adjustment(round_, controller)
    editing.delete_adjustment(request, by=controller, expected_version=request.version)
    assert not AdjustmentRequest.objects.exists()
    removed = AdjustmentRequest.history.latest("history_date")
    assert (removed.history_type, removed.reason, removed.history_user) == (
        "-",
        "Lägre statsbidrag",
        controller,
    )


def test_nothing_is_removed_from_a_locked_round(round_, controller):
    proposal = add_turnover(round_, controller)
    request = add_adjustment(round_, controller)
    lock(round_)
    with pytest.raises(RoundLocked, match="godkänd och låst"):
        editing.delete_turnover(proposal, by=controller)
    with pytest.raises(RoundLocked):
        editing.delete_adjustment(request, by=controller)
    assert TurnoverProposal.objects.count() == AdjustmentRequest.objects.count() == 1
    assert not TurnoverProposal.history.filter(history_type="-").exists()
    assert not AdjustmentRequest.history.filter(history_type="-").exists()


def test_removing_a_row_someone_else_changed_since_it_was_read_is_a_conflict(round_, controller):
    proposal = add_turnover(round_, controller)
    editing.save_turnover(
        round_,
        area=proposal.area,
        heading="",
        label="EU-bidrag (ESF)",
        costs=D("60.0"),
        revenues=D("-60.0"),
        by=controller,
        proposal=proposal,
        expected_version=1,
    )
    with pytest.raises(Conflict):
        editing.delete_turnover(proposal, by=controller, expected_version=1)
    assert TurnoverProposal.objects.filter(label="EU-bidrag (ESF)").exists()


def test_a_new_row_after_a_removal_comes_last(round_, controller):
    first = add_turnover(round_, controller, label="Första")
    add_turnover(round_, controller, label="Andra")
    editing.delete_turnover(first, by=controller, expected_version=first.version)
    add_turnover(round_, controller, label="Tredje")
    assert list(TurnoverProposal.objects.order_by("position").values_list("label", flat=True)) == [
        "Andra",
        "Tredje",
    ]


# --- The economy's entry grid: every area in one transaction ---------------------------------------------


def grid_row(
    name: str, costs: str, revenues: str, version: int = 0, commentary: str = ""
) -> editing.AreaGridRow:
    return editing.AreaGridRow(BudgetArea.objects.get(name=name), D(costs), D(revenues), commentary, version)


def stored_forecasts(round_) -> dict[str, tuple[Decimal, Decimal, int]]:
    return {f.area.name: (f.costs, f.revenues, f.version) for f in AreaForecast.objects.filter(round=round_)}


def test_the_grid_stores_every_area_in_one_go_with_a_history_row_each(round_, controller):
    rows = editing.save_area_forecasts(
        round_,
        [
            grid_row("Jobbtorg", "420.0", "-45.0", commentary="Färre aspiranter"),
            grid_row("Vuxenutbildning", "800.0", "-130.0"),
        ],
        by=controller,
    )
    assert [r.saved is not None for r in rows] == [True, True]
    assert stored_forecasts(round_) == {
        "Jobbtorg": (D("420.0"), D("-45.0"), 1),
        "Vuxenutbildning": (D("800.0"), D("-130.0"), 1),
    }
    for forecast in AreaForecast.objects.all():
        assert [h.history_user for h in forecast.history.all()] == [controller]
    assert AreaForecast.objects.get(area__name="Jobbtorg").commentary == "Färre aspiranter"


def test_a_stale_area_refuses_the_whole_grid_with_what_is_stored_now(round_, controller, director):
    editing.save_area_forecasts(round_, [grid_row("Jobbtorg", "420.0", "-45.0")], by=controller)
    editing.save_area_forecasts(round_, [grid_row("Jobbtorg", "430.0", "-45.0", version=1)], by=director)
    with pytest.raises(editing.AreaGridRefused) as refused:
        editing.save_area_forecasts(
            round_,
            [
                grid_row("Vuxenutbildning", "800.0", "-130.0"),
                grid_row("Jobbtorg", "999.0", "-1.0", version=1),
            ],
            by=controller,
        )
    fresh, stale = refused.value.rows
    assert fresh.conflict is None and fresh.invalid is None and fresh.saved is None
    assert stale.conflict is not None and (stale.conflict.costs, stale.conflict.version) == (D("430.0"), 2)
    assert stored_forecasts(round_) == {"Jobbtorg": (D("430.0"), D("-45.0"), 2)}  # the other area not saved


def test_an_invalid_area_refuses_the_whole_grid_naming_the_area_and_the_field(round_, controller):
    with pytest.raises(editing.AreaGridRefused) as refused:
        editing.save_area_forecasts(
            round_,
            [grid_row("Jobbtorg", "420.0", "-45.0"), grid_row("Vuxenutbildning", "-800.0", "130.0")],
            by=controller,
        )
    good, bad = refused.value.rows
    assert good.invalid is None and good.saved is None
    assert bad.invalid == {
        "costs": "Vuxenutbildning, prognos kostnader: Kostnader kan inte vara negativa.",
        "revenues": "Vuxenutbildning, prognos intäkter: Intäkter skrivs som negativa belopp, t.ex. -45,0.",
    }
    assert not AreaForecast.objects.exists()


def test_the_grid_refuses_too_many_decimals_a_locked_round_and_an_area_of_another_plan(round_, controller):
    with pytest.raises(editing.AreaGridRefused) as refused:
        editing.save_area_forecasts(round_, [grid_row("Jobbtorg", "420.05", "-45.0")], by=controller)
    assert refused.value.rows[0].invalid is not None
    assert "Jobbtorg, prognos kostnader:" in refused.value.rows[0].invalid["costs"]
    other = BudgetArea.objects.get(name="Jobbtorg")
    other.pk, other.plan_id = None, None
    with pytest.raises(ValueError):
        editing.save_area_forecasts(round_, [editing.AreaGridRow(other, D(1), D(-1), "", 0)], by=controller)
    lock(round_)
    with pytest.raises(RoundLocked):
        editing.save_area_forecasts(round_, [grid_row("Jobbtorg", "420.0", "-45.0")], by=controller)
    assert not AreaForecast.objects.exists()
