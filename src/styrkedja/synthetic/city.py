"""A synthetic city for demos, tests and the bench: the council's plan, N committees' plans and their
follow-up rounds (T1 and T2), and the city's own rounds, as plan and follow-up files that `plan import`
and `followup import` read (`styrkedja city generate`, docs/city.md).

The numbers are plausible and exact (Decimal): shares with numerators and denominators, counts whose
total is women + men, forecasts that meet their targets or not, ratings that vary and follow the
committees' own indicators, budgets whose areas add up to the council's frame. The city's files state
the counts of the committees' ratings in sentences written from the data (`reports/city.count_sentence`)
and print the driftredovisning's sums in whole mnkr.

A few inconsistencies are planted in the last period, each listed in `planted.json` with the rule of
`styrkedja check` that finds it: a count stated wrong, stated parts that do not add up to their whole,
a stated whole that is not the number of committees, the council's rating against the committees', a
printed total beyond the rounding band, one within it, and a committee's revenues with the wrong sign.

Deterministic for a seed and a number of committees. No Django here.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from styrkedja.lib.numbers import format_number
from styrkedja.lib.periods import report_period
from styrkedja.lib.targets import target_met
from styrkedja.planfiles import followup_schema as fs
from styrkedja.planfiles import schema as ps
from styrkedja.profiles import counts, stockholm
from styrkedja.reports.city import (
    CityRollup,
    EconomyRow,
    InvestmentRow,
    count_sentence,
)

CITY_CODE = "exempelstad"
CITY_NAME = "Exempelstads kommun"
ONE = Decimal("0.1")

SERVICE_COMMITTEES = [
    ("utbn", "Utbildningsnämnden"),
    ("socn", "Socialnämnden"),
    ("amn", "Arbetsmarknadsnämnden"),
    ("aon", "Äldrenämnden"),
    ("kun", "Kulturnämnden"),
    ("idn", "Idrottsnämnden"),
    ("mhn", "Miljö- och hälsoskyddsnämnden"),
    ("sbn", "Stadsbyggnadsnämnden"),
    ("tn", "Trafiknämnden"),
    ("fn", "Fastighetsnämnden"),
    ("ofn", "Överförmyndarnämnden"),
    ("srn", "Servicenämnden"),
    ("exn", "Exploateringsnämnden"),
    ("ksn", "Kommunstyrelsen"),
    ("vfn", "Valnämnden"),
]
DISTRICTS = [
    "Norra", "Södra", "Östra", "Västra", "Centrala", "Hamnens", "Skogens", "Sjöns", "Bergets", "Ängens",
    "Dalens", "Åns", "Backens", "Strandens", "Parkens", "Torgets", "Gärdets", "Holmens", "Viks", "Näsets",
]  # fmt: skip

DIRECTIONS = [
    ("En stad med möjligheter för alla", [
        "Invånarna är självförsörjande och vägen till arbete är kort",
        "Barn och unga får en god utbildning",
        "Äldre har en trygg och värdig ålderdom",
    ]),
    ("En hållbar och klimatsmart stad", [
        "Stadens klimatpåverkan minskar",
        "Staden är lätt att resa i",
    ]),
    ("En trygg och välskött stad", [
        "Invånarna känner sig trygga",
        "Stadens ekonomi är långsiktigt hållbar",
    ]),
]  # fmt: skip

# (name, unit, aggregation, direction) of the council's indicators; each goal gets some.
COUNCIL_INDICATORS = [
    ("Andel invånare som är självförsörjande", "percent", "share", "higher"),
    ("Antal personer som fått arbete", "count", "sum", "higher"),
    ("Andel elever med godkända betyg", "percent", "share", "higher"),
    ("Antal barn i förskola", "count", "sum", "higher"),
    ("Andel nöjda brukare i äldreomsorgen", "percent", "share", "higher"),
    ("Antal nya platser i särskilt boende", "count", "sum", "higher"),
    ("Utsläpp av växthusgaser från stadens verksamhet, index", "index", "committee", "lower"),
    ("Andel fossilfria fordon i stadens fordonsflotta", "percent", "share", "higher"),
    ("Antal nya cykelparkeringar", "count", "sum", "higher"),
    ("Andel invånare som känner sig trygga", "percent", "share", "higher"),
    ("Antal genomförda trygghetsvandringar", "count", "sum", "higher"),
    ("Andel medarbetare med heltid", "percent", "share", "higher"),
    ("Sjukfrånvaro bland medarbetare", "percent", "share", "lower"),
    ("Nöjd medarbetarindex", "index", "committee", "higher"),
    ("Antal klagomål som besvarats inom tio dagar", "count", "sum", "higher"),
]
COMMITTEE_INDICATOR_WORDS = [
    "Andel deltagare som fullföljt insatsen", "Antal genomförda uppföljningar", "Andel ärenden inom målsatt tid",
    "Antal nya deltagare", "Andel nöjda besökare", "Antal utbildade medarbetare", "Andel digitala ärenden",
    "Antal samverkansmöten", "Andel beslut inom lagstadgad tid", "Antal genomförda inspektioner",
]  # fmt: skip
ACTIVITY_WORDS = [
    "Ta fram en handlingsplan för", "Genomföra en kartläggning av", "Utveckla samverkan kring",
    "Införa ett nytt arbetssätt för", "Följa upp arbetet med", "Utbilda medarbetare i",
]  # fmt: skip
AREA_WORDS = ["Förvaltningsgemensamt", "Verksamhet", "Myndighetsutövning", "Stöd och service"]
INVESTMENT_AREAS = ["Lokaler", "Fordon", "IT-system", "Upprustning av parker", "Gator och vägar"]


def _q(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _d(rng: random.Random, low: float, high: float, places: str = "0.1") -> Decimal:
    return _q(Decimal(str(rng.uniform(low, high))), places)


@dataclass
class Committee:
    code: str
    name: str
    frame: Decimal
    equity_in: Decimal
    # goal number → the council indicators it is responsible for
    indicators: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Generated:
    council: ps.PlanFile
    plans: list[ps.PlanFile]
    followups: list[fs.FollowUpFile]  # every committee's round, then the city's, period by period
    planted: list[dict[str, Any]]
    expected: dict[str, Any]  # the roll-up of the last period the data should give (for tests)


#: The periods a city can be generated for: the tertials and the year (VB, judged by its outcomes).
PERIODS = ("T1", "T2")
MONTHS = {"T1": 4, "T2": 8, "VB": 12}
PERIOD_LABELS = {"T1": "Tertial 1 {year}", "T2": "Tertial 2 {year}", "VB": "{year}"}
CITY_TITLES = {"T1": "Tertialrapport 1", "T2": "Delårsrapport", "VB": "Årsredovisning"}


class _City:
    def __init__(self, committees: int, seed: int, year: int):
        self.rng = random.Random(seed)
        self.year = year
        self.profile = stockholm()
        self.scale = self.profile.ratings
        self.indicator_scale = self.profile.indicator_ratings
        self.committees = self._committees(committees)
        self.city_ref = ps.OrganisationRef(code=CITY_CODE, name=CITY_NAME, kind="city")
        self.goals: list[tuple[str, str, list[tuple[str, str]]]] = []  # (number, title, [(number, title)])
        for i, (title, areas) in enumerate(DIRECTIONS, 1):
            self.goals.append((str(i), title, [(f"{i}.{j}", t) for j, t in enumerate(areas, 1)]))
        self.area_goals = [n for _, _, areas in self.goals for n, _ in areas]
        # council indicator i stands under goal area_goals[i % len]
        self.indicator_goal = {
            i: self.area_goals[i % len(self.area_goals)] for i in range(len(COUNCIL_INDICATORS))
        }
        # goal responsibility: most goals every committee's, some a named subset
        self.responsible: dict[str, list[str] | None] = {}
        codes = [c.code for c in self.committees]
        for k, number in enumerate(self.area_goals):
            if k % 3 == 2 and len(codes) > 3:
                self.responsible[number] = sorted(self.rng.sample(codes, max(2, len(codes) * 2 // 3)))
            else:
                self.responsible[number] = None
        self.indicator_responsible: dict[int, list[str]] = {}
        for i in range(len(COUNCIL_INDICATORS)):
            goal = self.indicator_goal[i]
            pool = self.responsible[goal] or codes
            self.indicator_responsible[i] = sorted(self.rng.sample(pool, max(1, (len(pool) * 3) // 5)))

    def _committees(self, n: int) -> list[Committee]:
        names = list(SERVICE_COMMITTEES)
        for district in DISTRICTS:
            names.append(
                (
                    f"sdn-{district.lower()}".replace("ö", "o").replace("ä", "a").replace("å", "a"),
                    f"{district} stadsdelsnämnd",
                )
            )
        k = 1
        while len(names) < n:
            names.append((f"nmd{k}", f"Nämnd {k}"))
            k += 1
        out = []
        for code, name in names[:n]:
            frame = _d(self.rng, 150, 6000)
            # the codes carry the city's prefix: a demo beside real committees never takes their codes
            out.append(Committee(f"ex-{code}", name, frame, _d(self.rng, 0, float(frame) * 0.03)))
        return out

    def responsible_for(self, committee: Committee, goal: str) -> bool:
        listed = self.responsible[goal]
        return listed is None or committee.code in listed

    # --- The council's plan ------------------------------------------------------------------------

    def council_plan(self) -> ps.PlanFile:
        goals = []
        for number, title, areas in self.goals:
            children = []
            for area_number, area_title in areas:
                indicators = []
                for i, (name, unit, aggregation, direction) in enumerate(COUNCIL_INDICATORS):
                    if self.indicator_goal[i] != area_number:
                        continue
                    kf = self._kf_target(unit)
                    indicators.append(
                        ps.Indicator(
                            name=name, unit=unit, direction=direction, periodicity="tertial",
                            gender_split=unit != "index", decimals=1 if unit == "percent" else 0,
                            kf_target=kf, kf_target_mode="value" if kf is not None else "delegated_committee",
                            table="council", aggregation=aggregation, responsible=self.indicator_responsible[i],
                        )
                    )  # fmt: skip
                assignees = sorted(
                    self.rng.sample([c.code for c in self.committees], min(2, len(self.committees)))
                )
                activities = [
                    ps.Activity(
                        title=f"Uppdrag: {self.rng.choice(ACTIVITY_WORDS).lower()} {area_title.lower()}",
                        start=f"{self.year}-01-01", end=f"{self.year}-12-31", kind="council_assignment",
                        responsible=assignees,
                    )
                ]  # fmt: skip
                children.append(
                    ps.Goal(
                        level="council_area", number=area_number, title=area_title,
                        description=f"Kommunfullmäktiges mål för verksamhetsområdet: {area_title.lower()}.",
                        indicators=indicators, activities=activities,
                        responsible=self.responsible[area_number] or "all",
                    )
                )  # fmt: skip
            goals.append(ps.Goal(level="direction", number=number, title=title, goals=children))
        investment_frames = []
        for k, c in enumerate(self.committees):
            if k % 2:
                continue
            for area in self.rng.sample(INVESTMENT_AREAS, 1 + k % 3 // 2):
                budget = _d(self.rng, 5, float(c.frame) * 0.1)
                investment_frames.append(
                    ps.InvestmentFrame(
                        committee=c.code,
                        area=area,
                        budget=budget,
                        project_budget=_q(budget * Decimal(self.rng.randint(2, 6))),
                    )
                )
        return ps.PlanFile(
            organisation=self.city_ref,
            year=self.year,
            title=f"Mål och budget {self.year}",
            introduction="Kommunfullmäktiges mål och budget (syntetiska demodata).",
            goals=goals,
            budget=ps.Budget(
                frames=[ps.CommitteeFrame(committee=c.code, net_frame=c.frame, equity_in=c.equity_in) for c in self.committees],
                investment_frames=investment_frames,
            ),
            committees=[ps.Committee(code=c.code, name=c.name) for c in self.committees],
        )  # fmt: skip

    def _kf_target(self, unit: str) -> Decimal | None:
        if unit == "percent":
            return Decimal(self.rng.randint(60, 90))
        return None

    # --- A committee's plan ------------------------------------------------------------------------

    def committee_plan(self, c: Committee) -> tuple[ps.PlanFile, dict[str, Any]]:
        """The plan, and what its rounds need: every indicator (goal, name, unit, direction, target, split)."""
        rng = self.rng
        rows: list[dict[str, Any]] = []
        goals = []
        own_per_goal = 4
        for number, _title, areas in self.goals:
            children = []
            for area_number, _area_title in areas:
                if not self.responsible_for(c, area_number):
                    continue
                indicators = []
                for i, (name, unit, _aggregation, direction) in enumerate(COUNCIL_INDICATORS):
                    if self.indicator_goal[i] != area_number or c.code not in self.indicator_responsible[i]:
                        continue
                    target = self._target(unit, direction)
                    indicators.append(ps.Indicator(council_indicator=name, target=target, table="council"))
                    rows.append({"goal": area_number, "name": name, "unit": unit, "direction": direction,
                                 "target": target, "split": unit != "index", "periodicity": "tertial"})  # fmt: skip
                sub = []
                for j in range(1, 3):
                    goal_number = f"{area_number}.{j}"
                    own = []
                    for k in range(own_per_goal):
                        word = COMMITTEE_INDICATOR_WORDS[(j * 7 + k) % len(COMMITTEE_INDICATOR_WORDS)]
                        name = f"{word} ({goal_number}.{k + 1})"
                        unit = "percent" if word.startswith("Andel") else "count"
                        direction = "higher"
                        periodicity = "year" if (j + k) % 9 == 0 else "tertial"
                        target = self._target(unit, direction)
                        own.append(
                            ps.Indicator(
                                name=name, unit=unit, direction=direction, periodicity=periodicity,
                                gender_split=True, decimals=1 if unit == "percent" else 0, target=target,
                            )
                        )  # fmt: skip
                        rows.append({"goal": goal_number, "name": name, "unit": unit, "direction": direction,
                                     "target": target, "split": True, "periodicity": periodicity})  # fmt: skip
                    activities = [
                        ps.Activity(
                            title=f"{rng.choice(ACTIVITY_WORDS)} {word.lower()} ({goal_number}.{a})",
                            start=f"{self.year}-0{1 + a}-01", end=f"{self.year}-12-31",
                        )
                        for a in range(1, 4)
                    ]  # fmt: skip
                    sub.append(
                        ps.Goal(
                            level="committee", number=goal_number, title=f"Nämndmål {goal_number} för {c.name}",
                            description="Nämndens mål (syntetiska demodata).",
                            expected_results=[f"Minst {rng.randint(60, 90)} procent av deltagarna är nöjda."],
                            indicators=own, activities=activities,
                        )
                    )  # fmt: skip
                children.append(
                    ps.Goal(level="council_area", number=area_number, council_goal=area_number,
                            indicators=indicators, goals=sub)
                )  # fmt: skip
            if children:
                goals.append(ps.Goal(level="direction", number=number, council_goal=number, goals=children))
        budget_areas = self._areas(c)
        plan = ps.PlanFile(
            organisation=ps.OrganisationRef(code=c.code, name=c.name, kind="committee", parent=self.city_ref),
            year=self.year,
            title=f"Verksamhetsplan {self.year}",
            goals=goals,
            budget=ps.Budget(
                versions=[ps.BudgetVersion(code=f"nb{self.year}", label=f"Nämndbudget {self.year}",
                                           kind="adopted", year=self.year)],
                areas=[ps.BudgetArea(name=name, amounts={f"nb{self.year}": ps.AreaAmounts(costs=costs, revenues=rev)})
                       for name, costs, rev in budget_areas],
            ),
        )  # fmt: skip
        return plan, {"rows": rows, "areas": budget_areas}

    def _target(self, unit: str, direction: str) -> Decimal:
        if unit == "percent":
            return Decimal(self.rng.randint(55, 92))
        if unit == "index":
            return Decimal(self.rng.randint(60, 110))
        return Decimal(self.rng.randint(20, 800))

    def _areas(self, c: Committee) -> list[tuple[str, Decimal, Decimal]]:
        """Areas whose nets add up to the frame exactly: costs positive, revenues negative."""
        n = 3
        shares = [Decimal(self.rng.randint(10, 40)) for _ in range(n)]
        nets = [_q(c.frame * s / sum(shares)) for s in shares]
        nets[-1] = c.frame - sum(nets[:-1])
        out = []
        for k, net in enumerate(nets):
            revenues = -_q(net * Decimal(str(self.rng.uniform(0.05, 0.25))))
            out.append((f"{AREA_WORDS[k]}", net - revenues, revenues))
        return out

    # --- Rounds --------------------------------------------------------------------------------------

    def committee_round(
        self, c: Committee, info: dict[str, Any], period: str, last: bool
    ) -> tuple[fs.FollowUpFile, dict[str, str], list[tuple[str, str, bool | None]]]:
        """The follow-up file, the committee's rating of each council goal, and each council indicator row
        (goal, name, met)."""
        rng = self.rng
        months = MONTHS[period]
        final = period == "VB"  # the year: judged by the outcomes
        outcomes = []
        met_by_goal: dict[str, list[bool]] = {}
        council_rows: list[tuple[str, str, bool | None]] = []
        performance = info["performance"]
        for row in info["rows"]:
            value = self._value(row, months, performance)
            if value is None:
                outcomes.append(fs.Outcome(goal=row["goal"], indicator=row["name"], period_label=""))
                if row["goal"].count(".") == 1:
                    council_rows.append((row["goal"], row["name"], None))
                continue
            total, men, women, forecast, numerator, denominator = value
            outcomes.append(
                fs.Outcome(
                    goal=row["goal"], indicator=row["name"], total=total, men=men, women=women,
                    forecast=forecast, numerator=numerator, denominator=denominator,
                    period_label=PERIOD_LABELS[period].format(year=self.year),
                )
            )  # fmt: skip
            met = target_met(total if final else forecast, row["target"], row["direction"])
            met_by_goal.setdefault(row["goal"], []).append(bool(met))
            if row["goal"].count(".") == 1:
                council_rows.append((row["goal"], row["name"], met))
        assessments = []
        council_ratings: dict[str, str] = {}
        for _number, _title, areas in self.goals:
            for area_number, _t in areas:
                if not self.responsible_for(c, area_number):
                    continue
                below: dict[str, int] = {}
                for j in range(1, 3):
                    goal_number = f"{area_number}.{j}"
                    rating = self._rating(met_by_goal.get(goal_number, []))
                    assessments.append(fs.GoalAssessment(goal=goal_number, assessment=rating,
                                                          analysis=f"Nämndens analys av mål {goal_number}."))  # fmt: skip
                    if rating is not None:
                        below[rating] = below.get(rating, 0) + 1
                rating = counts.suggest_goal(self.profile, below, self._met(met_by_goal.get(area_number, [])))
                # one committee in seven leaves a goal unrated in a period; the rest rate it
                if rng.random() < 1 / 7:
                    rating = None
                if rating is not None:
                    council_ratings[area_number] = rating
                assessments.append(
                    fs.GoalAssessment(
                        goal=area_number, assessment=rating,
                        analysis=f"{c.name} bedömer att målet uppfylls {self._word(rating)} under {period} {self.year}."
                        if rating else "",
                    )
                )  # fmt: skip
        activities = []
        for goal in _walk_plan_goals(info["plan"].goals):
            for a in goal.activities:
                activities.append(
                    fs.ActivityReport(goal=goal.number, title=a.title, start=a.start, end=a.end,
                                      status=rng.choice(["ongoing", "ongoing", "done", "not_started"]))
                )  # fmt: skip
        forecasts = []
        for name, costs, revenues in info["areas"]:
            f_costs = _q(costs * Decimal(str(rng.uniform(0.97, 1.04))))
            f_rev = _q(revenues * Decimal(str(rng.uniform(0.9, 1.1))))
            forecasts.append(
                fs.AreaForecast(area=name, budget_costs=costs, budget_revenues=revenues,
                                forecast_costs=f_costs, forecast_revenues=f_rev)
            )  # fmt: skip
        investment_areas = []
        for frame in info.get("investments", []):
            share = Decimal(months) / 12
            spent = _q(frame.budget * share * Decimal(str(rng.uniform(0.6, 1.3))))
            investment_areas.append(
                fs.InvestmentArea(area=frame.area, expenditure=spent, income=-_q(spent * Decimal(str(rng.uniform(0, 0.1)))))
            )  # fmt: skip
        f = fs.FollowUpFile(
            organisation=ps.OrganisationRef(code=c.code, name=c.name, kind="committee", parent=self.city_ref),
            year=self.year,
            period=f"{self.year}-{period}",
            outcomes=outcomes,
            assessments=assessments,
            activities=activities,
            economics=fs.Economics(budget_label=f"Nämndbudget {self.year}", areas=forecasts,
                                   investment_areas=investment_areas),
        )  # fmt: skip
        return f, council_ratings, council_rows

    def _word(self, rating: str | None) -> str:
        return self.scale.labels.get(rating or "", "").split()[-1].lower() if rating else ""

    def _rating(self, evidence: Sequence[bool]) -> str | None:
        if not evidence:
            return None
        return counts.suggest_goal(self.profile, {}, self._met(evidence))

    def _met(self, evidence: Sequence[bool]) -> dict[str, int]:
        """Indicators met and missed as counts on the indicator scale."""
        return {
            self.indicator_scale.best: sum(evidence),
            self.indicator_scale.worst: len(evidence) - sum(evidence),
        }

    def _value(
        self, row: dict[str, Any], months: int, performance: float
    ) -> tuple[Decimal, Decimal | None, Decimal | None, Decimal, Decimal | None, Decimal | None] | None:
        """(total, men, women, forecast, numerator, denominator); the forecast meets the target with the
        committee's probability `performance`."""
        rng = self.rng
        if row["periodicity"] == "year":
            return None
        target: Decimal = row["target"]
        good = rng.random() < performance
        sign = 1 if (row["direction"] != "lower") == good else -1
        if row["unit"] == "percent":
            forecast = target + sign * _d(rng, 0.5, 6)
            forecast = min(max(forecast, Decimal("1")), Decimal("99"))
            level = float(forecast) / 100 + rng.uniform(-0.01, 0.01)
            den_m, den_w = rng.randint(40, 900), rng.randint(40, 900)
            num_m = round(den_m * min(0.99, max(0.01, level + rng.uniform(-0.04, 0.04))))
            num_w = round(den_w * min(0.99, max(0.01, level + rng.uniform(-0.04, 0.04))))
            total = _q(Decimal(100 * (num_m + num_w)) / Decimal(den_m + den_w), "0.01")
            men = _q(Decimal(100 * num_m) / Decimal(den_m), "0.01")
            women = _q(Decimal(100 * num_w) / Decimal(den_w), "0.01")
            return total, men, women, forecast, Decimal(num_m + num_w), Decimal(den_m + den_w)
        if row["unit"] == "index":
            forecast = _q(target * (1 + sign * Decimal(str(rng.uniform(0.01, 0.15)))), "0.1")
            return forecast, None, None, forecast, None, None
        year = _q(target * (1 + sign * Decimal(str(rng.uniform(0.01, 0.25)))), "1")
        total = _q(year * months / 12, "1")
        men = _q(total * Decimal(str(rng.uniform(0.4, 0.6))), "1")
        return total, men, total - men, year, None, None

    def city_round(
        self,
        period: str,
        rollup: CityRollup,
        committee_ratings: dict[str, dict[str, int]],
        missing: dict[str, int],
        responsible: dict[str, int],
        suggested: dict[str, str | None],
        plant: bool,
    ) -> tuple[fs.FollowUpFile, list[dict[str, Any]]]:
        planted: list[dict[str, Any]] = []
        assessments = []
        refs = self.area_goals
        for number in refs:
            stated = {**committee_ratings.get(number, {}), counts.MISSING: missing.get(number, 0)}
            whole = responsible[number]
            sentence = count_sentence(stated, whole, self.scale)
            assessment = suggested[number]
            if plant and number == refs[0]:
                wrong = dict(stated)
                key = next((k for k in self.scale.keys if wrong.get(k, 0) > 0), None)
                if key is None:  # nobody rated it: state one rating of the responsible as given
                    key, wrong[counts.MISSING] = self.scale.best, wrong[counts.MISSING] - 1
                    wrong[key] = 1
                other = next(k for k in self.scale.keys if k != key)
                wrong[key] -= 1
                wrong[other] = wrong.get(other, 0) + 1
                sentence = count_sentence(wrong, whole, self.scale)
                planted.append({"kind": "stated_count", "goal": number, "rule": "city.stated_counts",
                                "text": sentence, "data": stated})  # fmt: skip
            if plant and len(refs) > 1 and number == refs[1]:
                sentence = sentence.replace(f" av {whole} nämnder", f" av {whole + 3} nämnder", 1)
                planted.append({"kind": "stated_whole_and_sum", "goal": number,
                                "rule": "city.stated_counts_sum", "also": "city.stated_counts",
                                "text": sentence, "responsible": whole})  # fmt: skip
            if plant and len(refs) > 2 and number == refs[2]:
                best, worst = self.scale.best, self.scale.worst
                assessment = best if suggested[number] != best else worst
                planted.append({"kind": "council_rating", "goal": number, "rule": "city.rating_against_committees",
                                "assessment": assessment, "suggested": suggested[number]})  # fmt: skip
            word = self._word(assessment)
            assessments.append(
                fs.GoalAssessment(
                    goal=number,
                    assessment=assessment,
                    analysis=f"{sentence} Kommunfullmäktiges mål bedöms uppfyllas {word} för staden."
                    if word else sentence,
                )
            )  # fmt: skip
        printed: dict[str, str] = {}
        total_net = rollup.economy_total.sum("net")
        total_costs = rollup.economy_total.sum("costs")
        total_revenues = rollup.economy_total.sum("revenues")
        for key, value in (("net", total_net), ("costs", total_costs), ("revenues", total_revenues)):
            printed[f"driftredovisning/total/{key}"] = format_number(value, 0)
        for row in rollup.economy:
            printed[f"driftredovisning/{row.committee}/net"] = format_number(row.net, 0)
        if plant:
            assert total_net is not None
            printed["driftredovisning/total/net"] = format_number(_q(total_net, "1") + 40, 0)
            planted.append({"kind": "printed_total", "key": "driftredovisning/total/net", "rule": "city.printed_total",
                            "severity": "error", "printed": printed["driftredovisning/total/net"],
                            "computed": str(total_net)})  # fmt: skip
            signed = rollup.economy[1]
            assert signed.revenues is not None
            key = f"driftredovisning/{signed.committee}/revenues"
            printed[key] = format_number(-signed.revenues, 0)  # the committee's revenues printed positive
            planted.append({"kind": "sign", "key": key, "rule": "city.revenue_cost_signs",
                            "printed": printed[key], "computed": str(signed.revenues)})  # fmt: skip
            row = rollup.economy[len(rollup.economy) // 2]
            assert row.net is not None
            key = f"driftredovisning/{row.committee}/net"
            printed[key] = format_number(_q(row.net, "1") + 1, 0)
            planted.append({"kind": "printed_total_rounding", "key": key, "rule": "city.printed_total_rounding",
                            "severity": "info", "printed": printed[key], "computed": str(row.net)})  # fmt: skip
        f = fs.FollowUpFile(
            organisation=self.city_ref,
            year=self.year,
            period=f"{self.year}-{period}",
            assessments=assessments,
            economics=fs.Economics(printed_totals=printed),
            report=fs.Cover(title=f"{CITY_TITLES[period]} {self.year}",
                            summary_analysis="Stadens samlade uppföljning (syntetiska demodata)."),
        )  # fmt: skip
        return f, planted


def _walk_plan_goals(goals: list[ps.Goal]) -> list[ps.Goal]:
    out = []
    for g in goals:
        out.append(g)
        out.extend(_walk_plan_goals(g.goals))
    return out


def generate(committees: int, seed: int, year: int = 2021, periods: Sequence[str] = PERIODS) -> Generated:
    """The council's plan, the committees' plans and every round of the periods; the planted
    inconsistencies in the last period."""
    if committees < 3:
        raise ValueError("a synthetic city needs at least three committees")
    city = _City(committees, seed, year)
    council = city.council_plan()
    investments: dict[str, list[ps.InvestmentFrame]] = {}
    for frame in council.budget.investment_frames:
        investments.setdefault(frame.committee, []).append(frame)
    plans, infos = [], {}
    for c in city.committees:
        plan, info = city.committee_plan(c)
        info["plan"] = plan
        info["performance"] = city.rng.uniform(0.55, 1.0)
        info["investments"] = investments.get(c.code, [])
        plans.append(plan)
        infos[c.code] = info
    followups: list[fs.FollowUpFile] = []
    planted: list[dict[str, Any]] = []
    expected: dict[str, Any] = {}
    for p_index, period in enumerate(periods):
        last = p_index == len(periods) - 1
        committee_ratings: dict[str, dict[str, int]] = {n: {} for n in city.area_goals}
        missing = {n: 0 for n in city.area_goals}
        responsible = {n: 0 for n in city.area_goals}
        rows_by_indicator: dict[tuple[str, str], list[bool | None]] = {}
        economy, invest = [], []
        for c in city.committees:
            f, council_ratings, council_rows = city.committee_round(c, infos[c.code], period, last)
            followups.append(f)
            for number in city.area_goals:
                if not city.responsible_for(c, number):
                    continue
                responsible[number] += 1
                rating = council_ratings.get(number)
                if rating is None:
                    missing[number] += 1
                else:
                    committee_ratings[number][rating] = committee_ratings[number].get(rating, 0) + 1
            for goal, name, met in council_rows:
                rows_by_indicator.setdefault((goal, name), []).append(met)
            costs = sum((a.forecast_costs for a in f.economics.areas), Decimal(0))
            revenues = sum((a.forecast_revenues for a in f.economics.areas), Decimal(0))
            economy.append(EconomyRow(c.code, c.name, revenues, costs, c.frame, c.equity_in))
            for inv in f.economics.investment_areas:
                invest.append(
                    InvestmentRow(c.code, c.name, inv.area, inv.expenditure, inv.income, None, None)
                )
        economy.sort(key=lambda r: (r.name, r.committee))
        suggested: dict[str, str | None] = {}
        indicator_counts: dict[str, dict[str, int]] = {}
        for number in city.area_goals:
            ind_counts = {**counts.empty_counts(city.indicator_scale), counts.NO_OUTCOME: 0}
            for (goal, _name), mets in rows_by_indicator.items():
                if goal != number:
                    continue
                rating = counts.suggest_indicator_from_counts(
                    city.profile, sum(1 for m in mets if m), sum(1 for m in mets if m is False)
                )
                key = rating if rating is not None else counts.NO_OUTCOME
                ind_counts[key] += 1
            indicator_counts[number] = ind_counts
            suggested[number] = counts.suggest_goal(city.profile, committee_ratings[number], ind_counts)
        rollup = CityRollup(
            CITY_CODE,
            CITY_NAME,
            report_period(f"{year}-{period}").code,
            city.scale,
            len(city.committees),
            [],
            economy,
            invest,
        )
        f, planted_here = city.city_round(
            period, rollup, committee_ratings, missing, responsible, suggested, last
        )
        followups.append(f)
        if last:
            planted += planted_here
            expected = {
                "period": report_period(f"{year}-{period}").code,
                "committees": len(city.committees),
                "goals": {
                    n: {"committee_ratings": {**committee_ratings[n], counts.MISSING: missing[n]},
                        "indicators": indicator_counts[n], "suggested": suggested[n],
                        "responsible": responsible[n]}
                    for n in city.area_goals
                },
                "economy_total_net": str(rollup.economy_total.sum("net")),
            }  # fmt: skip
    return Generated(council, plans, followups, planted, expected)


def _dump(model: Any) -> str:
    return yaml.safe_dump(model.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=100)


def write(generated: Generated, directory: Path) -> list[Path]:
    """The files, in the order to import them: `plans/` (the council's first), `followups/` (per period,
    the committees' rounds before the city's), and `planted.json`, `expected.json`."""
    (directory / "plans").mkdir(parents=True, exist_ok=True)
    (directory / "followups").mkdir(parents=True, exist_ok=True)
    written = []
    for k, plan in enumerate([generated.council, *generated.plans]):
        path = directory / "plans" / f"{k:03d}-{plan.organisation.code}-{plan.year}.yaml"
        path.write_text(_dump(plan), encoding="utf-8")
        written.append(path)
    for k, f in enumerate(generated.followups):
        path = directory / "followups" / f"{k:04d}-{f.organisation.code}-{f.period}.yaml"
        path.write_text(_dump(f), encoding="utf-8")
        written.append(path)
    (directory / "planted.json").write_text(
        json.dumps(generated.planted, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
    )
    (directory / "expected.json").write_text(
        json.dumps(generated.expected, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
    )
    return written
