"""Forms of the follow-up: opening a round, the workflow's comments, reported values and the economics.

Forms only parse input; saving goes through `followup.workflow`, `followup.values` and
`followup.economy_editing`, which own the rules that need the database (versions, the lock, suggestions).
Numbers are typed the Swedish way (`1 393,1`, `-45,0`, `72,5`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.http import QueryDict

from styrkedja.budget.models import BudgetArea, Investment, PerformanceVolume, RevenueRequirementLine
from styrkedja.followup.models import ActivityStatus, PartStatus
from styrkedja.followup.values import OutcomeInput
from styrkedja.lib.numbers import format_mnkr, format_number
from styrkedja.lib.periods import PeriodError, PeriodKind, parse_period, report_period
from styrkedja.lib.validation import costs_problem, places_problem, price_problem, revenues_problem
from styrkedja.plans.models import Indicator
from styrkedja.profiles import Profile, stockholm
from styrkedja.reports import kinds
from styrkedja.web.forms.fields import DateInput, SwedishDecimalField, money_field, version_field
from styrkedja.web.forms.text import TextForm

ZERO = Decimal(0)
NO_RATING = "Ingen bedömning"
NOT_RELEVANT_NEEDS_DEVIATION = "En aktivitet som inte längre är aktuell behöver en avvikelse."


def period_choices(years: list[int], profile: Profile) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods a round can be opened for, per plan year (newest first), named in the profile's words
    with the document each is reported in: the three tertials (the third is reported in the year's
    document, so it opens the full year's round), the first half year and the full year."""
    common = profile.wording("followup")

    def named(code: str) -> str:
        period = parse_period(code)
        shown = report_period(code)
        calendar = (
            common.calendar_label(period) if period.kind is not PeriodKind.YEAR else f"Helår {period.year}"
        )
        document = kinds.for_period(shown).worded(profile).wording.title.lower()
        return f"{calendar} ({document})"

    return [
        (
            str(year),
            [
                (code, named(code))
                for code in (f"{year}-T1", f"{year}-T2", f"{year}-T3", f"{year}-H1", str(year))
            ],
        )
        for year in sorted(set(years), reverse=True)
    ]


class OpenRoundForm(TextForm):
    period = forms.ChoiceField(
        label="Period",
        choices=[],
        help_text="Perioderna för de år nämnden har en verksamhetsplan.",
        error_messages={
            "invalid_choice": "Välj en period i listan: tertial 1, 2 eller 3, halvår 1 eller helåret för ett år "
            "med verksamhetsplan.",
            "required": "Välj vilken period uppföljningen gäller.",
        },
    )
    deadline = forms.DateField(label="Sista dag för rapportörerna", required=False, widget=DateInput)

    def __init__(
        self,
        *args: Any,
        years: list[int] = (),  # type: ignore[assignment]
        profile: Profile | None = None,
        **kwargs: Any,
    ):
        """`years`: the years the organisation has a plan for; the periods offered are theirs, named in
        the words of the organisation's profile (Stockholm's without one)."""
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        choices = period_choices(list(years), profile or stockholm())
        field.choices = [("", "Välj period"), *choices]  # type: ignore[attr-defined]

    def clean_period(self) -> str:
        try:
            return report_period(self.cleaned_data["period"]).code
        except PeriodError:  # a choice is always a period; kept for safety
            raise forms.ValidationError(self.fields["period"].error_messages["invalid_choice"]) from None


class CommentForm(TextForm):
    """A required comment: why a part is sent back, why a locked round is opened again."""

    comment = forms.CharField(label="Kommentar", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label: str = "Kommentar", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = label
        self.fields["comment"].error_messages["required"] = f"Skriv {label[:1].lower()}{label[1:]}."


ALL_REPORTERS = "Alla rapportörer"


class AssignForm(forms.Form):
    """Who must fill a part in: one of the eligible users, or all reporters (empty)."""

    assignee = forms.ChoiceField(
        label="Rapportör",
        required=False,
        error_messages={"invalid_choice": "Välj en rapportör i listan."},
    )

    def __init__(self, *args, users: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {str(user.pk): user for user in users}
        cast(forms.ChoiceField, self.fields["assignee"]).choices = [
            ("", ALL_REPORTERS),
            *((pk, user.get_full_name() or user.get_username()) for pk, user in self.users.items()),
        ]

    def chosen(self):
        """The chosen user, or None for all reporters."""
        return self.users.get(self.cleaned_data["assignee"])


NOBODY = "ingen"


class OverviewFilterForm(forms.Form):
    """The round overview's filters (a GET form): a status, a reporter, only the overdue parts."""

    status = forms.ChoiceField(label="Status", required=False)
    rapportor = forms.ChoiceField(label="Rapportör", required=False)
    forsenad = forms.BooleanField(label="Bara försenade", required=False)

    def __init__(self, *args, reporters: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [("", "Alla"), *PartStatus.choices]
        cast(forms.ChoiceField, self.fields["rapportor"]).choices = [
            ("", "Alla"),
            (NOBODY, "Utan rapportör"),
            *((str(pk), name) for pk, name in reporters),
        ]


class DeadlineForm(forms.Form):
    deadline = forms.DateField(
        label="Sista dag för rapportörerna",
        required=False,
        widget=DateInput,
        help_text="Lämna tomt för ingen sista dag.",
        error_messages={"invalid": "Skriv datumet som 2022-05-10."},
    )


def _value_field(label: str) -> SwedishDecimalField:
    return SwedishDecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=4,
        error_messages={"invalid": "Skriv ett tal, till exempel 72 eller 5,5."},
    )


class OutcomeForm(TextForm):
    """One indicator's row: outcome total / men / women, full-year forecast, measurement window, comment.

    Every input names the row's form (`form="…"`), so the inputs can sit in the table's cells while the
    form element itself sits in the row below.
    """

    total = _value_field("Periodens utfall")
    men = _value_field("Utfall män")
    women = _value_field("Utfall kvinnor")
    forecast = _value_field("Prognos helår")
    window_start = forms.DateField(label="Mätperiod från", required=False, widget=DateInput)
    window_end = forms.DateField(label="Mätperiod till", required=False, widget=DateInput)
    comment = forms.CharField(label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    rating = forms.ChoiceField(label="Bedömning", choices=[], required=False)
    data_period = forms.CharField(
        label="Värdets period",
        max_length=10,
        required=False,
        help_text="När senaste statistiken är äldre än rapportens period, t.ex. 2020.",
    )
    version = version_field()
    # What the row showed when the page was read (`seen_digest`): a grid sent as a whole saves only the
    # rows whose values differ from it, so a row nobody touched is neither saved nor a conflict.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    VALUES = (
        "total",
        "men",
        "women",
        "forecast",
        "window_start",
        "window_end",
        "comment",
        "rating",
        "data_period",
    )

    def __init__(self, *args, indicator: Indicator, form_id: str, profile: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.form_id = form_id
        words = profile.wording("followup")
        rating = cast(forms.ChoiceField, self.fields["rating"])
        rating.choices = [("", NO_RATING), *profile.indicator_ratings.choices]
        rating.label = words.rating
        rating.error_messages["invalid_choice"] = "Välj en bedömning i listan."
        self.fields["total"].label = words.outcome
        self.fields["men"].label = words.men
        self.fields["women"].label = words.women
        self.fields["forecast"].label = words.forecast
        if not indicator.gender_split:
            del self.fields["men"], self.fields["women"]
        for field in self.fields.values():
            field.widget.attrs["form"] = form_id
        # The grid's columns for the keyboard and for pasting a block (static/js/styrkedja.js).
        for column, name in enumerate(("total", "men", "women", "forecast")):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"data-grid-col": str(column), "autocomplete": "off"})
        if not self.is_bound:
            self.initial["seen"] = seen_digest(self.initial, gender_split=indicator.gender_split)

    def touched(self) -> bool:
        """Whether the valid row's values differ from those the page showed."""
        data = self.cleaned_data
        shown = data.get("seen", "")
        return seen_digest(data, gender_split=self.indicator.gender_split) != shown

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("window_start"), data.get("window_end")
        if start and end and end < start:
            self.add_error("window_end", "Mätperiodens slut ligger före dess början.")
        return data

    def to_input(self) -> OutcomeInput:
        data = self.cleaned_data
        return OutcomeInput(
            total=data.get("total"),
            men=data.get("men"),
            women=data.get("women"),
            forecast=data.get("forecast"),
            window_start=data.get("window_start"),
            window_end=data.get("window_end"),
            comment=data.get("comment", "").strip(),
            rating=data.get("rating", ""),
            data_period=data.get("data_period", "").strip(),
        )

    def add_verdict_errors(self, errors: dict[str, list[str]]) -> None:
        """The service's errors by unit (a share over 100 %, men/women missing …) next to their fields, in
        the words of lib/validation.py: the same sentence a file or the API gets for the same value."""
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


def seen_digest(values: Mapping[str, Any], *, gender_split: bool) -> str:
    """A short fingerprint of a row's values as stored or as entered (Decimals by value, not by how they
    were typed: `72,50` is `72,5`)."""
    parts = []
    for name in OutcomeForm.VALUES:
        if name in ("men", "women") and not gender_split:
            continue
        value = values.get(name)
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f") if value else "0"
        elif value is None:
            value = ""
        parts.append(str(value).strip())
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


class AssessmentForm(TextForm):
    """A goal's rating from the profile's scale (and its states that are not ratings), with the analysis."""

    value = forms.ChoiceField(label="Bedömning", choices=[], required=False, widget=forms.RadioSelect)
    analysis = forms.CharField(label="Analys", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    justification = forms.CharField(
        label="Motivering till avvikelse från förslaget",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Krävs när bedömningen avviker från systemets förslag.",
    )
    version = version_field()

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = profile.ratings.choices  # type: ignore[attr-defined]
        self.fields["value"].label = profile.wording("followup").rating


class ActivityReportForm(TextForm):
    status = forms.ChoiceField(
        label="Status", choices=[("", "Ingen status"), *ActivityStatus.choices], required=False
    )
    deviation = forms.CharField(label="Avvikelse", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The activity grid's columns for the keyboard (static/js/styrkedja.js).
        for column, name in enumerate(("status", "deviation")):
            self.fields[name].widget.attrs["data-grid-col"] = str(column)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("status") == ActivityStatus.NOT_RELEVANT and not data.get("deviation", "").strip():
            self.add_error("deviation", NOT_RELEVANT_NEEDS_DEVIATION)
        return data


# --- Economics ---------------------------------------------------------------------------------------


#: A row of the economy's entry grid with one amount and not the other.
BOTH_AMOUNTS = "Skriv både kostnader och intäkter; en prognos har båda (0,0 när det inte finns några)."


class AreaGridForm(TextForm):
    """One area's row of the economy's entry grid (the page's one form): forecast costs and revenues in
    the grid's columns, the commentary in the row's details. A row left empty that has no forecast is
    no forecast; a row whose values are those the page showed (`seen`) is not sent to be saved, so a row
    nobody touched is neither saved nor a conflict. Errors name the area and the field."""

    costs = money_field("Prognos kostnader", check=costs_problem, required=False)
    revenues = money_field("Prognos intäkter", check=revenues_problem, required=False)
    commentary = forms.CharField(label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = version_field()
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    AMOUNTS = ("costs", "revenues")

    def __init__(self, *args, area_name: str, has_forecast: bool, **kwargs):
        """`has_forecast`: the area has one (or must have one), so empty amounts are an error."""
        super().__init__(*args, **kwargs)
        self.area_name = area_name
        self.has_forecast = has_forecast
        # The grid's columns for the keyboard and for pasting a block (static/js/styrkedja.js).
        for column, name in enumerate(self.AMOUNTS):
            self.fields[name].widget.attrs.update({"data-grid-col": str(column), "autocomplete": "off"})
        if not self.is_bound:
            self.initial["seen"] = area_digest(self.initial)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if any(name in self.errors for name in self.AMOUNTS):
            return data
        missing = [name for name in self.AMOUNTS if data.get(name) is None]
        if missing and not self.empty():
            for name in missing:
                self.add_error(name, BOTH_AMOUNTS)
        return data

    def full_clean(self) -> None:
        super().full_clean()
        errors = self.errors
        for name in self.AMOUNTS:  # beside the cell, and in a summary: which area, which field
            if name in errors:
                label = str(self.fields[name].label).lower()
                errors[name] = self.error_class(
                    [f"{self.area_name}, {label}: {error}" for error in errors[name]],
                    renderer=self.renderer,
                )

    def empty(self) -> bool:
        """A row with nothing typed for an area that has no forecast: nothing to save."""
        data = self.cleaned_data
        return (
            not self.has_forecast
            and all(data.get(name) is None for name in self.AMOUNTS)
            and not data.get("commentary", "").strip()
        )

    def touched(self) -> bool:
        """Whether the valid row's values differ from those the page showed."""
        return area_digest(self.cleaned_data) != self.cleaned_data.get("seen", "")

    def add_problems(self, problems: dict[str, str]) -> None:
        """The service's refusals (already naming the area and the field) beside their cells."""
        for name, message in problems.items():
            self.add_error(name, message)


def area_digest(values: Mapping[str, Any]) -> str:
    """A short fingerprint of an area's forecast as stored or as entered (amounts by value, line breaks
    as a browser sends them or as they were stored alike)."""
    parts = []
    for name in ("costs", "revenues", "commentary"):
        value = values.get(name)
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f") if value else "0"
        elif value is None:
            value = ""
        parts.append(str(value).replace("\r\n", "\n").strip())
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


class VersionedLinesForm(forms.Form):
    """A block saved as one form, a row per line, each with the version read (`version_<pk>`)."""

    lines: list

    def values(self) -> dict[int, Any]:
        """Line pk → what to store for it and the version read."""
        raise NotImplementedError

    def add_version(self, line, version: int) -> None:
        self.fields[f"version_{line.pk}"] = version_field()
        self.fields[f"version_{line.pk}"].initial = version

    def version_fields(self) -> list[forms.BoundField]:
        return [self[f"version_{line.pk}"] for line in self.lines]

    def data_with_versions(self, versions: dict[int, int]):
        """The posted values with the stored versions (0 for no row): saved again, they overwrite."""
        data = cast(QueryDict, self.data).copy()
        for line in self.lines:
            data[self.add_prefix(f"version_{line.pk}")] = str(versions.get(line.pk, 0))
        return data


class LinesForm(VersionedLinesForm):
    """One amount per line of a block (intäktskrav, investments), each with the version read."""

    field_label = "Prognos"

    def __init__(self, *args, lines: list, current: dict[int, tuple[Decimal | None, int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            value, version = current.get(line.pk, (None, 0))
            self.fields[f"forecast_{line.pk}"] = money_field(
                f"{self.field_label} {line.label}", required=False, initial=value
            )
            self.add_version(line, version)

    def values(self) -> dict[int, tuple[Decimal | None, int | None]]:
        data = self.cleaned_data
        return {
            line.pk: (data.get(f"forecast_{line.pk}"), data.get(f"version_{line.pk}")) for line in self.lines
        }


class RequirementForecastForm(LinesForm):
    lines: list[RevenueRequirementLine]


class InvestmentForecastForm(LinesForm):
    lines: list[Investment]


class VolumeForecastForm(VersionedLinesForm):
    """Forecast full-year places per performance volume, and a price per place where it differs."""

    lines: list[PerformanceVolume]

    def __init__(
        self,
        *args,
        volumes: list[PerformanceVolume],
        current: dict[int, tuple[Decimal, Decimal | None, int]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.lines = volumes
        for volume in volumes:
            places, price, version = current.get(volume.pk, (None, None, 0))
            self.fields[f"places_{volume.pk}"] = SwedishDecimalField(
                label=f"Prognos helårsplatser {volume.label}",
                required=False,
                max_digits=12,
                decimal_places=1,
                shown_decimals=1,
                check=places_problem,
                initial=places,
            )
            self.fields[f"price_{volume.pk}"] = SwedishDecimalField(
                label=f"Pris per plats (kr) {volume.label}",
                required=False,
                max_digits=12,
                decimal_places=0,
                shown_decimals=0,
                check=price_problem,
                initial=price,
            )
            if volume.price_per_place is not None:
                plan_price = format_number(volume.price_per_place).replace("\u00a0", " ")
                self.fields[f"price_{volume.pk}"].widget.attrs["placeholder"] = plan_price
            self.add_version(volume, version)

    def rows(self) -> list[tuple[PerformanceVolume, forms.BoundField, forms.BoundField]]:
        return [(v, self[f"places_{v.pk}"], self[f"price_{v.pk}"]) for v in self.lines]

    def values(self) -> dict[int, tuple[Decimal | None, Decimal | None, int | None]]:
        data = self.cleaned_data
        return {
            v.pk: (data.get(f"places_{v.pk}"), data.get(f"price_{v.pk}"), data.get(f"version_{v.pk}"))
            for v in self.lines
        }


class TurnoverForm(TextForm):
    """An omslutningsförändring: extra costs with equally large extra revenues (revenues = −costs)."""

    area = forms.ModelChoiceField(label="Verksamhetsområde", queryset=BudgetArea.objects.none())
    heading = forms.CharField(label="Rubrik i tabellen", max_length=200, required=False)
    label = forms.CharField(label="Ökade kostnader/intäkter för", max_length=300)
    costs = money_field("Kostnader")
    revenues = money_field("Intäkter", help_text="Lika stora som kostnaderna, med minustecken.")
    version = version_field()

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        area = cast(forms.ModelChoiceField, self.fields["area"])
        area.queryset, area.empty_label = areas, "Välj verksamhetsområde"

    def clean(self):
        super().clean()
        data = self.cleaned_data
        costs, revenues = data.get("costs"), data.get("revenues")
        if costs is not None and revenues is not None and costs + revenues != ZERO:
            self.add_error(
                "revenues",
                "En omslutningsförändring har lika stora intäkter som kostnader, med motsatt tecken: "
                f"{format_mnkr(-costs)}.",
            )
        return data


class AdjustmentForm(TextForm):
    amount = money_field("Belopp")
    reason = forms.CharField(label="Motivering", widget=forms.Textarea(attrs={"rows": 4}))
    from_amount = money_field("Från (mnkr)", required=False)
    to_amount = money_field("Till (mnkr)", required=False)
    area = forms.ModelChoiceField(
        label="Verksamhetsområde", queryset=BudgetArea.objects.none(), required=False
    )
    version = version_field()

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        area = cast(forms.ModelChoiceField, self.fields["area"])
        area.queryset, area.empty_label = areas, "Inget särskilt område"


class VersionForm(forms.Form):
    """Only the version read: what a removal sends."""

    version = version_field()
