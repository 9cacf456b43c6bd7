"""A follow-up file's economics → the round: area forecasts, intäktskrav lines, investments, omslutning,
budget adjustments and volumes, each matched to the plan's row (followup_matching.py), with budget
columns that must agree with the plan's adopted budget. Part of the one transaction of followup_import."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from styrkedja.budget import models as bm
from styrkedja.followup import models as fm
from styrkedja.interchange.followup_matching import PlanRows
from styrkedja.interchange.followup_matching import key as _key
from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.planfiles import followup_schema as fs
from styrkedja.planfiles.reader import RowProblem
from styrkedja.plans import models as pm


class RowWriter:
    """Writes a file's rows into a round, collecting the problems instead of stopping at the first:
    rows that match nothing in the plan (which --skip-unmatched may leave out) and rows refused."""

    def __init__(self, round_: fm.Round, plan: pm.Plan, f: fs.FollowUpFile, by: Any):
        self.round, self.plan, self.f, self.by = round_, plan, f, by
        self.rows = PlanRows(plan)
        self.problems: list[tuple[RowProblem, bool]] = []  # (problem, whether it is a row matching nothing)

    def unmatched(self, loc: tuple[str | int, ...], message: str) -> None:
        self.problems.append((RowProblem(loc, message), True))

    def refuse(self, loc: tuple[str | int, ...], message: str) -> None:
        self.problems.append((RowProblem(loc, message), False))

    def once(self, seen: dict[Any, int], thing: Any, loc: tuple[str | int, ...], what: str) -> bool:
        """Whether this is the first row for `thing`; a second one is refused."""
        if thing in seen:
            self.refuse(loc, f"a second row for {what}; the first is {loc[-2]}[{seen[thing]}]")
            return False
        seen[thing] = int(loc[-1])
        return True

    def save(self, obj: Any) -> Any:
        obj._history_user = self.by
        obj.save()
        return obj


class EconomyWriter(RowWriter):
    """The economics of the file: each row on the plan's row, its budget the plan's."""

    def _area(self, name: str, loc: tuple[str | int, ...]) -> bm.BudgetArea | None:
        area = self.rows.areas.find(name)
        if area is None:
            self.unmatched(loc, self.rows.areas.missing(name))
        else:
            self.rows.areas.remember(area, name, self.by)
        return area

    def economics(self) -> None:
        self._area_forecasts()
        self._requirements()
        self._investments()
        self._turnover()
        self._adjustments()
        self._volumes()
        self._city()
        eco = self.f.economics
        if eco.summary or eco.requirement_commentary:
            self.save(
                fm.EconomyText(
                    round=self.round, summary=eco.summary, requirement_commentary=eco.requirement_commentary
                )
            )
        for position, sr in enumerate(self.f.special_reports, 1):
            self.save(fm.SpecialReport(round=self.round, title=sr.title, text=sr.text, position=position))

    def _city(self) -> None:
        """The investments per area a committee reports for the city's investeringsredovisning (their
        budgets are the council's), and, in the city's own round, the sums its document printed: kept
        for the checks to compare, never used as numbers."""
        eco = self.f.economics
        seen: dict[Any, int] = {}
        for i, spent in enumerate(eco.investment_areas):
            if self.once(
                seen, spent.area, ("economics", "investment_areas", i), f"the investment area '{spent.area}'"
            ):
                self.save(
                    fm.InvestmentOutcome(
                        round=self.round,
                        area=spent.area,
                        expenditure=spent.expenditure,
                        income=spent.income,
                        position=i + 1,
                    )
                )
        if self.round.organisation.kind == OrganisationKind.CITY:
            for key, text in sorted(eco.printed_totals.items()):
                self.save(fm.PrintedTotal(round=self.round, key=key, text=text))

    def _area_forecasts(self) -> None:
        seen: dict[Any, int] = {}
        for i, a in enumerate(self.f.economics.areas):
            loc: tuple[str | int, ...] = ("economics", "areas", i)
            area = self._area(a.area, (*loc, "area"))
            if area is None or not self.once(seen, area.pk, loc, f"the area '{area.name}'"):
                continue
            budget = self.rows.area_budget(area)
            differences = [
                (name, self.rows.budget_difference(f"{what} for '{area.name}'", planned, given))
                for name, what, planned, given in (
                    ("budget_costs", "costs", budget.costs if budget else None, a.budget_costs),
                    ("budget_revenues", "revenues", budget.revenues if budget else None, a.budget_revenues),
                )
            ]
            for name, difference in differences:
                if difference:
                    self.refuse((*loc, name), difference)
            self.save(
                fm.AreaForecast(
                    round=self.round,
                    area=area,
                    costs=a.forecast_costs,
                    revenues=a.forecast_revenues,
                    last_year_net=a.last_year_net,
                    commentary=a.commentary,
                    as_printed={**a.as_printed, "name": a.area},
                )
            )

    def _requirements(self) -> None:
        for line, r in self._lines(
            "revenue_requirement", "intäktskrav line", self.rows.lines, self.rows.line_budget
        ):
            self.save(
                fm.RequirementForecast(
                    round=self.round, line=line, forecast=r.forecast, last_year=r.last_year
                )
            )

    def _investments(self) -> None:
        for inv, i in self._lines("investments", "investment", self.rows.investments, lambda x: x.amount):
            self.save(
                fm.InvestmentForecast(
                    round=self.round, investment=inv, forecast=i.forecast, last_year=i.last_year
                )
            )

    def _lines(
        self, section: str, what: str, known: dict[str, Any], planned: Callable[[Any], Decimal | None]
    ) -> Iterator[tuple[Any, fs.ForecastLine]]:
        """The intäktskrav lines or investments of the file with the plan's row each stands for; rows that
        match nothing, second rows and budgets other than the plan's are set aside as problems."""
        seen: dict[Any, int] = {}
        for i, row in enumerate(getattr(self.f.economics, section)):
            loc: tuple[str | int, ...] = ("economics", section, i)
            found = known.get(_key(row.label))
            if found is None:
                labels = [x.label for x in known.values()]
                self.unmatched((*loc, "label"), self.rows.missing_line(what, row.label, labels))
                continue
            if not self.once(seen, found.pk, loc, f"the {what} '{found.label}'"):
                continue
            difference = self.rows.budget_difference(
                f"an amount for '{found.label}'", planned(found), row.budget
            )
            if difference:
                self.refuse((*loc, "budget"), difference)
            yield found, row

    def _turnover(self) -> None:
        position = 0
        for i, group in enumerate(self.f.economics.turnover):
            area = self._area(group.area, ("economics", "turnover", i, "area"))
            if area is None:
                continue
            for row in group.rows:
                position += 1
                self.save(
                    fm.TurnoverProposal(
                        round=self.round,
                        area=area,
                        heading=group.heading,
                        subtotal_label=group.subtotal_label,
                        label=row.label,
                        costs=row.costs,
                        revenues=row.revenues,
                        position=position,
                    )
                )

    def _adjustments(self) -> None:
        for i, adj in enumerate(self.f.economics.adjustments):
            area = self.rows.areas.find(adj.area) if adj.area else None
            requirement = next(
                (ln for k, ln in self.rows.lines.items() if adj.area and _key(adj.area) in k), None
            )
            if adj.area and area is None and requirement is None:
                names = [a.name for a in self.rows.areas.areas] + [
                    ln.label for ln in self.rows.lines.values()
                ]
                self.unmatched(
                    ("economics", "adjustments", i, "area"),
                    self.rows.missing_line("area or intäktskrav line", adj.area, names),
                )
                continue
            self.save(
                fm.AdjustmentRequest(
                    round=self.round,
                    amount=adj.amount,
                    reason=adj.reason,
                    from_amount=adj.from_amount,
                    to_amount=adj.to_amount,
                    area=area,
                    requirement=requirement,
                    position=i + 1,
                )
            )

    def _volumes(self) -> None:
        seen: dict[Any, int] = {}
        for i, v in enumerate(self.f.economics.volumes):
            loc: tuple[str | int, ...] = ("economics", "volumes", i)
            area = self._area(v.area, (*loc, "area"))
            if area is None:
                continue
            volume = self.rows.volumes.get((area.pk, _key(v.label)))
            if volume is None:
                labels = [x.label for (area_id, _), x in self.rows.volumes.items() if area_id == area.pk]
                self.unmatched(
                    (*loc, "label"), self.rows.missing_line(f"volume of '{area.name}'", v.label, labels)
                )
                continue
            if not self.once(seen, volume.pk, loc, f"the volume '{volume.label}'"):
                continue
            if v.budget_places is not None:
                difference = self.rows.budget_difference(
                    f"{volume.label}: places", volume.budget_places, v.budget_places
                )
                if difference:
                    self.refuse((*loc, "budget_places"), difference)
            self.save(
                fm.VolumeForecast(
                    round=self.round,
                    volume=volume,
                    forecast_places=v.forecast_places
                    if v.forecast_places is not None
                    else volume.budget_places,
                    price_per_place=v.price_per_place,
                    amount_as_printed=v.amount_as_printed,
                )
            )
