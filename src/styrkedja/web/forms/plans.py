"""Forms for the plan's content: goals, indicators with their targets, activities.

Forms only parse and validate input; saving goes through `plans.editing`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms

from styrkedja.lib.validation import (
    first_year_problem,
    period_code_problem,
    target_problem,
    tolerance_problem,
)
from styrkedja.organisations.profiles import profile_of
from styrkedja.plans.editing import ACTIVITY_FIELDS, INDICATOR_FIELDS, TARGET_FIELDS
from styrkedja.plans.models import (
    Activity,
    ActivityKind,
    Direction,
    Goal,
    Indicator,
    IndicatorTable,
    KfTargetMode,
    Periodicity,
    Plan,
    Target,
    Unit,
)
from styrkedja.web.forms.fields import DateInput, SwedishDecimalField, guard, version_field
from styrkedja.web.forms.text import TextForm

KOLADA_KPI = re.compile(r"^[A-Z][0-9]{5}$")
TARGET_NUMBER: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 4,
    "error_messages": {"invalid": "Skriv ett tal, till exempel 72 eller 5,5."},
}


class GoalForm(TextForm):
    number = forms.CharField(label="Nummer", max_length=40)
    title = forms.CharField(label="Rubrik", max_length=500)
    description = forms.CharField(
        label="Beskrivning", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    expected_results = forms.CharField(
        label="Förväntat resultat",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ett resultat per rad. Ett resultat med ”minst” eller ”högst” och ett tal är mätbart.",
    )
    comment = forms.CharField(label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, plan: Plan, goal: Goal | None = None, parent: Goal | None = None, **kwargs):
        """`goal`: the goal edited; `parent`: the goal a new goal is added under (None for a top goal)."""
        super().__init__(*args, **kwargs)
        guard(self, goal)
        self.plan = plan
        self.goal = goal
        self.parent = parent
        self.profile = profile_of(plan.organisation)
        if "number" in self.fields:
            self.fields["number"].help_text = (
                "Som kommunen skriver det, t.ex. A1 eller ÖM.11.4."
                if self.profile.goal_numbers == "free"
                else "Siffror med punkt emellan, t.ex. 1.1.2."
            )
        if goal is not None:
            # Renumbering would silently break the children's numbers; it is not offered when editing.
            del self.fields["number"]

    @staticmethod
    def initial_for(goal: Goal) -> dict:
        return {
            "title": goal.title,
            "description": goal.description,
            "comment": goal.comment,
            "expected_results": "\n".join(r.text for r in goal.expected_results.all()),
        }

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if self.profile.goal_numbers == "dotted_digits":
            if not re.match(r"^[0-9]+(\.[0-9]+)*$", number):
                raise forms.ValidationError("Skriv numret som siffror med punkt emellan, t.ex. 1.1.2.")
            if self.parent is not None and number.rsplit(".", 1)[0] != self.parent.number:
                raise forms.ValidationError(
                    f"Ett mål under {self.parent.number} numreras {self.parent.number}.1, …"
                )
            if self.parent is None and "." in number:
                top = self.profile.levels[0].name
                raise forms.ValidationError(f"Ett mål på nivån {top} numreras utan punkt, t.ex. 2.")
        if Goal.objects.filter(plan=self.plan, number=number).exists():
            raise forms.ValidationError(f"Planen har redan ett mål med nummer {number}.")
        return number

    def clean_expected_results(self) -> list[str]:
        lines = self.cleaned_data["expected_results"].splitlines()
        return [
            line.strip().lstrip("•·-–* ").strip() for line in lines if line.strip().lstrip("•·-–* ").strip()
        ]


class IndicatorTargetForm(TextForm):
    """An indicator and its target in one goal of one plan."""

    name = forms.CharField(label="Indikator", max_length=400)
    code = forms.CharField(
        label="Kod", max_length=40, required=False, help_text="Indikatorns kod som kommunen skriver den."
    )
    unit = forms.ChoiceField(label="Enhet", choices=Unit.choices)
    direction = forms.ChoiceField(label="Riktning", choices=Direction.choices, initial=Direction.HIGHER)
    periodicity = forms.ChoiceField(
        label="Periodicitet", choices=Periodicity.choices, initial=Periodicity.TERTIAL
    )
    first_year = forms.IntegerField(
        label="Första mätår",
        required=False,
        min_value=1990,
        max_value=2100,
        help_text="För periodiciteten vartannat år: ett år det mäts (sedan vartannat år). Tomt: varje år.",
    )
    gender_split = forms.BooleanField(label="Redovisas för kvinnor och män (♀)", required=False)
    decimals = forms.IntegerField(label="Antal decimaler", min_value=0, max_value=4, initial=0)
    kolada_kpi = forms.CharField(
        label="Kolada-KPI",
        max_length=10,
        required=False,
        help_text="En stor bokstav och fem siffror, t.ex. N00914.",
    )
    definition = forms.CharField(label="Definition", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    scale_min = SwedishDecimalField(
        label="Skalans lägsta värde",
        required=False,
        help_text="För en skala, t.ex. 1 för skala 1–5. Utfall utanför skalan godtas inte.",
        **TARGET_NUMBER,
    )
    scale_max = SwedishDecimalField(label="Skalans högsta värde", required=False, **TARGET_NUMBER)
    table = forms.ChoiceField(
        label="Tabell", choices=IndicatorTable.choices, initial=IndicatorTable.COMMITTEE
    )
    value = SwedishDecimalField(label="Årsmål", required=False, **TARGET_NUMBER)
    band = SwedishDecimalField(
        label="Tolerans ±",
        required=False,
        check=tolerance_problem,
        help_text="Bara för riktningen ”Inom intervall”.",
        **TARGET_NUMBER,
    )
    kf_mode = forms.ChoiceField(label="KF:s årsmål", choices=KfTargetMode.choices, initial=KfTargetMode.NONE)
    kf_value = SwedishDecimalField(
        label="KF:s årsmål (värde)",
        required=False,
        help_text="Fylls i när KF:s årsmål är ett värde.",
        **TARGET_NUMBER,
    )
    target_year = forms.IntegerField(
        label="Målår",
        required=False,
        min_value=1990,
        max_value=2100,
        help_text="För ett flerårigt mål: året det ska nås. Tomt: planens år.",
    )

    def __init__(self, *args, plan, target: Target | None = None, taken=(), **kwargs):
        """`target`: the indicator's target edited (None: a new one); `taken`: ids of the indicators the goal
        already has (besides the one edited)."""
        super().__init__(*args, **kwargs)
        indicator = target.indicator if target is not None else None
        guard(self, target)
        if indicator is not None:
            guard(self, indicator, name="indicator_version")
        self.plan = plan
        self.indicator = indicator
        self.taken = set(taken)
        # The municipality's words for the units, the target and the council's target.
        profile = profile_of(plan.organisation)
        words = profile.wording("plan")
        self.fields["unit"].choices = profile.unit_choices  # type: ignore[attr-defined]
        self.fields["value"].label = words.target
        self.fields["kf_mode"].label = words.council_target
        self.fields["kf_value"].label = f"{words.council_target} (värde)"

    @staticmethod
    def initial_for(target) -> dict:
        indicator = target.indicator
        return {
            **{name: getattr(indicator, name) for name in INDICATOR_FIELDS},
            **{name: getattr(target, name) for name in TARGET_FIELDS},
        }

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        other = Indicator.objects.filter(plan=self.plan, name=name)
        if self.indicator is not None:
            other = other.exclude(pk=self.indicator.pk)
            if other.exists():
                raise forms.ValidationError("Det finns redan en annan indikator med det namnet.")
        elif other.filter(pk__in=self.taken).exists():
            raise forms.ValidationError("Målet har redan den här indikatorn.")
        return name

    def clean_kolada_kpi(self) -> str:
        kpi = self.cleaned_data["kolada_kpi"].strip().upper()
        if kpi and not KOLADA_KPI.match(kpi):
            raise forms.ValidationError(
                "Kolada-KPI skrivs som en stor bokstav och fem siffror, t.ex. N00914."
            )
        return kpi

    def clean(self):
        super().clean()
        data = self.cleaned_data
        mode, kf_value = data.get("kf_mode"), data.get("kf_value")
        if mode == KfTargetMode.VALUE and kf_value is None and "kf_value" not in self.errors:
            self.add_error("kf_value", "Ange KF:s årsmål när KF har satt ett värde.")
        if mode and mode != KfTargetMode.VALUE and kf_value is not None:
            self.add_error("kf_value", "Lämna tomt, eller välj ”Värde” som KF:s årsmål.")
        if data.get("band") is not None and data.get("direction") != Direction.BAND:
            self.add_error("band", "Tolerans anges bara när riktningen är ”Inom intervall”.")
        year_problem = first_year_problem(str(data.get("periodicity") or ""), data.get("first_year"))
        if year_problem and "first_year" not in self.errors:
            self.add_error("first_year", year_problem)
        scale = self._clean_scale(data)
        unit = str(data.get("unit") or "")
        for name in ("value", "kf_value"):
            number = data.get(name)
            problem = number is not None and target_problem(
                number, unit, scale=scale, council=name == "kf_value"
            )
            if problem:
                self.add_error(name, problem)
        return data

    def _clean_scale(self, data: dict) -> tuple[Decimal, Decimal] | None:
        """The scale when both ends are given and in order (the targets must lie on it)."""
        low, high = data.get("scale_min"), data.get("scale_max")
        if (low is None) != (high is None):
            self.add_error("scale_max" if high is None else "scale_min", "Ange både lägsta och högsta värde.")
        elif low is not None and high is not None:
            if low >= high:
                self.add_error("scale_max", "Högsta värdet måste vara större än det lägsta.")
            else:
                return low, high
        return None


class ActivityForm(TextForm):
    title = forms.CharField(label="Aktivitet", widget=forms.Textarea(attrs={"rows": 3}))
    start = forms.DateField(label="Startdatum", required=False, widget=DateInput)
    end = forms.DateField(label="Slutdatum", required=False, widget=DateInput)
    kind = forms.ChoiceField(label="Typ", choices=ActivityKind.choices, initial=ActivityKind.COMMITTEE)

    def __init__(self, *args, activity: Activity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        guard(self, activity)

    @staticmethod
    def initial_for(activity) -> dict:
        return {name: getattr(activity, name) for name in ACTIVITY_FIELDS}

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "Slutdatum kan inte ligga före startdatum.")
        return data


class SeriesValueForm(TextForm):
    """An earlier value of an indicator, as a plan file's `series` gives one."""

    period = forms.CharField(label="Period", max_length=10, help_text="Till exempel 2020 eller 2020-T2.")
    total = SwedishDecimalField(label="Värde", required=False, **TARGET_NUMBER)
    men = SwedishDecimalField(label="Män", required=False, **TARGET_NUMBER)
    women = SwedishDecimalField(label="Kvinnor", required=False, **TARGET_NUMBER)
    version = version_field()

    def __init__(self, *args, words=None, **kwargs):
        super().__init__(*args, **kwargs)
        if words is not None:
            self.fields["men"].label, self.fields["women"].label = words.men, words.women

    def clean_period(self) -> str:
        return _period(self.cleaned_data["period"])


class ComparisonForm(TextForm):
    """A value an indicator is compared with, as a plan file's `comparison` gives one."""

    label = forms.CharField(label="Jämförs med", max_length=200, help_text="Till exempel Riket.")
    value = SwedishDecimalField(label="Värde", **TARGET_NUMBER)
    period = forms.CharField(label="Period", max_length=10, required=False)
    source = forms.CharField(label="Källa", max_length=200, required=False)
    version = version_field()

    def clean_period(self) -> str:
        return _period(self.cleaned_data["period"]) if self.cleaned_data["period"] else ""


def _period(code: str) -> str:
    """A period code by lib/validation.py's rule, the one plan files follow."""
    code = code.strip()
    problem = period_code_problem(code)
    if problem:
        raise forms.ValidationError(problem)
    return code
