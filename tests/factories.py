"""Small builders for tests: an organisation tree, users with roles, and a plan with content and budget.

Everything goes through the ORM, so the objects get history records like real data. The numbers of
the budget are those of AMN's VP 2022 (facts from the seed document), so rendered values can be
checked against the document: Jobbtorg Stockholm costs 425,9, the committee's net total is 995,3.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from styrkedja.budget import models as bm
from styrkedja.organisations.models import Membership, Organisation, OrganisationKind, Role
from styrkedja.plans import models as pm

PASSWORD = "rätt-hemligt-lösen"
D = Decimal

# Roles on the committee, and the user who has a role only in another committee.
ROLE_USERS = {
    "reader": Role.READER,
    "reporter": Role.REPORTER,
    "controller": Role.CONTROLLER,
    "director": Role.DIRECTOR,
    "admin": Role.ADMIN,
}


@dataclass
class World:
    city: Organisation
    committee: Organisation
    department: Organisation
    other_committee: Organisation
    users: dict[str, object]
    plan: pm.Plan
    goals: dict[str, pm.Goal] = field(default_factory=dict)
    targets: dict[str, pm.Target] = field(default_factory=dict)
    activities: list[pm.Activity] = field(default_factory=list)
    versions: list[bm.BudgetVersion] = field(default_factory=list)
    areas: dict[str, bm.BudgetArea] = field(default_factory=dict)
    other_plan: pm.Plan | None = None


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once: Argon2 is slow on purpose, and every test builds several users."""
    return make_password(PASSWORD)


def make_user(username: str, *, role: Role | None = None, organisation: Organisation | None = None, **extra):
    user = get_user_model().objects.create(username=username, password=password_hash(), **extra)
    if role is not None and organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def build_organisations() -> tuple[Organisation, Organisation, Organisation, Organisation]:
    city = Organisation.objects.create(code="stockholm", name="Stockholms stad", kind=OrganisationKind.CITY)
    committee = Organisation.objects.create(
        code="amn", name="Arbetsmarknadsnämnden", kind=OrganisationKind.COMMITTEE, parent=city
    )
    department = Organisation.objects.create(
        code="jobbtorg", name="Jobbtorg Stockholm", kind=OrganisationKind.DEPARTMENT, parent=committee
    )
    other = Organisation.objects.create(
        code="utbn", name="Utbildningsnämnden", kind=OrganisationKind.COMMITTEE, parent=city
    )
    return city, committee, department, other


def add_goal(plan: pm.Plan, number: str, title: str, level: str, parent: pm.Goal | None = None, **extra):
    position = plan.goals.count() + 1
    return pm.Goal.objects.create(
        plan=plan, parent=parent, number=number, title=title, level=level, position=position, **extra
    )


def add_target(
    goal: pm.Goal, name: str, *, unit: str, value, kf_mode=pm.KfTargetMode.NONE, kf_value=None, **extra
):
    indicator_fields = {
        k: extra.pop(k)
        for k in ("direction", "periodicity", "gender_split", "decimals", "kolada_kpi")
        if k in extra
    }
    series, _ = pm.IndicatorSeries.objects.get_or_create(organisation=goal.plan.organisation, name=name)
    indicator = pm.Indicator.objects.create(
        plan=goal.plan,
        series=series,
        name=name,
        unit=unit,
        periodicity=indicator_fields.pop("periodicity", pm.Periodicity.TERTIAL),
        **indicator_fields,
    )
    return pm.Target.objects.create(
        plan=goal.plan,
        goal=goal,
        indicator=indicator,
        value=None if value is None else D(value),
        kf_mode=kf_mode,
        kf_value=None if kf_value is None else D(kf_value),
        position=goal.targets.count() + 1,
        **extra,
    )


def build_plan(organisation: Organisation, year: int = 2022) -> tuple[pm.Plan, dict, dict, list]:
    """A plan with one chain of goals (direction → council area → committee → unit) and their content."""
    plan = pm.Plan.objects.create(organisation=organisation, year=year)
    g1 = add_goal(plan, "1", "En modern storstad med jobb för alla", "direction")
    g11 = add_goal(plan, "1.1", "I Stockholm är människor självförsörjande", "council_area", g1)
    g111 = add_goal(
        plan,
        "1.1.1",
        "Kvinnor och män studerar eller arbetar",
        "committee",
        g11,
        description="Nämnden ger stöd till arbete och studier.",
        comment="Arbetet sker i samverkan med Arbetsförmedlingen.",
    )
    g1111 = add_goal(plan, "1.1.1.1", "Fler aspiranter går vidare till studier", "unit", g111)
    for position, text in enumerate(
        [
            "Minst 60 procent av de inskrivna arbetar eller studerar direkt efter avslut.",
            "Samverkan med arbetsgivare har utvecklats.",
        ],
        start=1,
    ):
        pm.ExpectedResult.objects.create(goal=g111, text=text, position=position)
    targets = {
        "självförsörjande": add_target(
            g11,
            "Andel aspiranter som är självförsörjande sex månader efter avslut på Jobbtorg Stockholm",
            unit=pm.Unit.PERCENT,
            value="72",
            kf_mode=pm.KfTargetMode.DELEGATED_COMMITTEE,
            table=pm.IndicatorTable.COUNCIL,
            gender_split=True,
        ),
        "stockholmsjobb": add_target(
            g11,
            "Antal aspiranter som fått Stockholmsjobb",
            unit=pm.Unit.COUNT,
            value="550",
            kf_mode=pm.KfTargetMode.VALUE,
            kf_value="800",
            table=pm.IndicatorTable.COUNCIL,
        ),
        "feriejobb": add_target(
            g111,
            "Antal tillhandahållna platser för feriejobb",
            unit=pm.Unit.COUNT,
            value="95",
            kf_mode=pm.KfTargetMode.DELEGATED_COMMITTEE_OR_BOARD,
        ),
        "inskrivningstid": add_target(
            g111,
            "Genomsnittlig inskrivningstid för unga aspiranter (18-29 år)",
            unit=pm.Unit.MONTHS,
            value="5.5",
            decimals=1,
            direction=pm.Direction.LOWER,
        ),
    }
    activities = [
        pm.Activity.objects.create(
            plan=plan,
            goal=g111,
            title="Genomlysning av sfi i egen och upphandlad regi",
            start=date(year, 1, 1),
            end=date(year, 6, 30),
            position=1,
        ),
        pm.Activity.objects.create(
            plan=plan,
            goal=g111,
            title="Utveckla samverkan med Arbetsförmedlingen",
            start=date(year, 1, 1),
            end=date(year, 12, 31),
            kind=pm.ActivityKind.COUNCIL_ASSIGNMENT,
            position=2,
        ),
    ]
    goals = {"1": g1, "1.1": g11, "1.1.1": g111, "1.1.1.1": g1111}
    return plan, goals, targets, activities


# Net budget per area, VP 2022 / VP 2021 / Justerad VP 2021: (costs, revenues) per version.
AREAS = {
    "Jobbtorg Stockholm": [("425.9", "-58.4"), ("398.0", "-45.0"), ("400.8", "-45.0")],
    "Vuxenutbildning Stockholm": [("815.7", "-138.3"), ("767.5", "-147.1"), ("980.8", "-147.1")],
    "Regiongemensam samhällsorientering": [("11.5", "-11.5"), ("12.5", "-12.5"), ("12.5", "-12.5")],
    "Nämnd och gemensam administration": [("102.9", "-14.6"), ("84.9", "-9.3"), ("84.9", "-9.3")],
    "Stadsövergripande verksamheter": [("37.1", "-6.7"), ("33.4", "-0.3"), ("36.9", "-0.3")],
}
REQUIREMENTS = {
    "Statsbidrag från Skolverket": ["-82.6", "-82.6", "-153.5"],
    "Statsbidrag för flyktingmottagande": ["-73.5", "-111.0", "-96.5"],
    "Statsbidrag för Etableringscentrum": ["-12.2", "0.0", "0.0"],
}


def build_budget(plan: pm.Plan) -> tuple[list[bm.BudgetVersion], dict[str, bm.BudgetArea]]:
    """AMN's budget of VP 2022: costs 1 393,1; Summa netto 995,3 / 888,5 / 1 051,7."""
    versions = [
        bm.BudgetVersion.objects.create(
            plan=plan, code=code, label=label, kind=kind, year=year, position=position
        )
        for position, (code, label, kind, year) in enumerate(
            [
                ("vp2022", "VP 2022", bm.VersionKind.ADOPTED, 2022),
                ("vp2021", "VP 2021", bm.VersionKind.PREVIOUS, 2021),
                ("jvp2021", "Justerad VP 2021", bm.VersionKind.ADJUSTED_PREVIOUS, 2021),
            ],
            start=1,
        )
    ]
    areas = {}
    for position, (name, amounts) in enumerate(AREAS.items(), start=1):
        area = bm.BudgetArea.objects.create(plan=plan, name=name, position=position)
        areas[name] = area
        for version, (costs, revenues) in zip(versions, amounts, strict=True):
            bm.AreaBudget.objects.create(area=area, version=version, costs=D(costs), revenues=D(revenues))
    for position, (label, amounts) in enumerate(REQUIREMENTS.items(), start=1):
        line = bm.RevenueRequirementLine.objects.create(plan=plan, label=label, position=position)
        for version, amount in zip(versions, amounts, strict=True):
            bm.RevenueRequirementAmount.objects.create(line=line, version=version, amount=D(amount))
    group = bm.TurnoverGroup.objects.create(
        plan=plan, area=areas["Jobbtorg Stockholm"], heading="Jobbtorg Stockholm", position=1
    )
    for position, (label, amount) in enumerate(
        [("Ersättning från Kriminalvården", "0.8"), ("Försäljningsintäkter", "12.2")], start=1
    ):
        bm.TurnoverRow.objects.create(
            group=group, label=label, costs=D(amount), revenues=-D(amount), position=position
        )
    bm.PerformanceVolume.objects.create(
        plan=plan,
        area=areas["Vuxenutbildning Stockholm"],
        label="Gymnasial vuxenutbildning",
        budget_places=D("12345.5"),
        price_per_place=D("61000"),
    )
    bm.Investment.objects.create(plan=plan, label="Inventarier och larm", amount=D("4.0"))
    bm.PlanEconomy.objects.create(plan=plan, efficiency_requirement=D("10.8"))
    return versions, areas


def build_world() -> World:
    city, committee, department, other = build_organisations()
    users = {name: make_user(name, role=role, organisation=committee) for name, role in ROLE_USERS.items()}
    users["outsider"] = make_user("outsider", role=Role.ADMIN, organisation=other)
    users["nobody"] = make_user("nobody")
    plan, goals, targets, activities = build_plan(committee)
    versions, areas = build_budget(plan)
    other_plan = pm.Plan.objects.create(organisation=other, year=2022)
    return World(
        city=city,
        committee=committee,
        department=department,
        other_committee=other,
        users=users,
        plan=plan,
        goals=goals,
        targets=targets,
        activities=activities,
        versions=versions,
        areas=areas,
        other_plan=other_plan,
    )


def text_of(response) -> str:
    """A page's text without its tags, whitespace collapsed."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def version_of(model, **lookup) -> int:
    """The version a user who read the row now would name (0 for a row not stored)."""
    row = model.objects.filter(**lookup).first()
    return row.version if row is not None else 0


def read_of(rows) -> dict[int, int]:
    """The rows of a list as a user who read them now would name them (id → version)."""
    return {row.pk: row.version for row in rows}


_HIDDEN = re.compile(r"<input\b[^>]*\btype=\"hidden\"[^>]*>")
_ATTR = re.compile(r'\b(name|value)="([^"]*)"')


def hidden_inputs(response) -> dict[str, str]:
    """The hidden fields of a page's forms (versions, tokens), as a browser would send them."""
    found = {}
    for tag in _HIDDEN.findall(response.content.decode()):
        attrs = dict(_ATTR.findall(tag))
        if "name" in attrs and attrs["name"] != "csrfmiddlewaretoken":
            found[attrs["name"]] = html.unescape(attrs.get("value", ""))
    return found


def as_read(client, page: str, data: dict) -> dict:
    """What a browser posts after showing `page`: its hidden fields (the versions read, the tokens of
    new forms) with the user's `data` (only the data when the page does not show to this user)."""
    response = client.get(page)
    return {**(hidden_inputs(response) if response.status_code == 200 else {}), **data}
