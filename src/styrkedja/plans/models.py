"""A committee's verksamhetsplan: the goal tree, indicators with yearly targets, and activities."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from simple_history.models import HistoricalRecords

from styrkedja.edits.versions import Versioned
from styrkedja.lib.expected_results import Quantified, parse_quantified
from styrkedja.lib.vocabulary import (
    ActivityKind,
    Aggregation,
    Direction,
    IndicatorTable,
    KfTargetMode,
    Periodicity,
    PlanDecisionKind,
    PlanStatus,
    Unit,
    ValueSource,
)
from styrkedja.organisations.models import Organisation
from styrkedja.plans.locking import PlanBound


class Plan(PlanBound, Versioned):
    plan_path = ""
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField("år")
    title = models.CharField("titel", max_length=200, blank=True)
    introduction = models.TextField("inledning", blank=True)
    status = models.CharField("status", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_plan_per_organisation_and_year"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1990, year__lte=2100), name="plan_year_range"
            ),
        ]
        verbose_name = "verksamhetsplan"
        verbose_name_plural = "verksamhetsplaner"

    def __str__(self) -> str:
        return self.title or f"Verksamhetsplan {self.year} – {self.organisation.name}"


class PlanDecision(models.Model):
    """The committee's decision on a plan: its adoption (number 1) or a revision (2, 3 …), with the date and
    the decision's reference ("AMN 2021/123 § 5"). `snapshot` is the plan's content as decided and
    `changes` what a revision changed against the version decided before it (plans/lifecycle.py). Written
    once by the life cycle's step and never edited."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField("version")
    kind = models.CharField("beslut", max_length=20, choices=PlanDecisionKind.choices)
    decided_on = models.DateField("beslutsdatum")
    reference = models.CharField("beslutsreferens", max_length=100)  # lib/validation.py LENGTH
    changes = models.JSONField("ändringar", default=list, blank=True, editable=False)
    snapshot = models.JSONField("innehåll", default=dict, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_decision_number_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=PlanDecisionKind.values), name="plan_decision_kind_known"
            ),
            models.CheckConstraint(condition=~models.Q(reference=""), name="plan_decision_reference_given"),
        ]
        verbose_name = "beslut om planen"
        verbose_name_plural = "beslut om planen"

    def __str__(self) -> str:
        return f"{PlanDecisionKind.label_of(self.kind)} {self.decided_on.isoformat()}, {self.reference}"


class Goal(PlanBound, Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name="överordnat mål",
    )
    # A level key and a number as the municipality's profile has them (organisations/profiles.py).
    level = models.CharField("nivå", max_length=40)
    number = models.CharField("nummer", max_length=40)
    title = models.CharField("rubrik", max_length=500)
    description = models.TextField("beskrivning", blank=True)
    comment = models.TextField("kommentar", blank=True)
    position = models.PositiveIntegerField(default=0)
    # In a committee's plan: the council's goal this row stands for (its text is the council's, kept in
    # step by the plan import); the roll-up counts the committee's rating of it under the council's goal.
    council_goal = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="breakdowns",
        verbose_name="kommunfullmäktiges mål",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="goal_number_unique_in_plan"),
            models.CheckConstraint(condition=~models.Q(number=""), name="goal_number_not_empty"),
        ]
        verbose_name = "mål"
        verbose_name_plural = "mål"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ExpectedResult(PlanBound, Versioned):
    """A bullet under Förväntat resultat. A quantified one ("Minst 60 procent …") carries its target."""

    plan_path = "goal__plan"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="expected_results")
    text = models.TextField("text")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal", "position"]
        verbose_name = "förväntat resultat"
        verbose_name_plural = "förväntade resultat"

    def __str__(self) -> str:
        return self.text

    @property
    def quantified(self) -> Quantified | None:
        return parse_quantified(self.text)


class IndicatorSeries(models.Model):
    """An indicator across the years: what joins this year's definition to last year's, so that last
    year's outcome, the series of earlier values and the charts find it. Named as it was first named."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="indicator_series")
    name = models.CharField("namn", max_length=400)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="indicator_series_name_unique")
        ]
        verbose_name = "indikatorserie"
        verbose_name_plural = "indikatorserier"

    def __str__(self) -> str:
        return self.name


#: The fields of an indicator's definition that a committee's indicator standing for the council's takes
#: from it when its file leaves them out.
COUNCIL_DEFINITION = (
    "unit",
    "direction",
    "periodicity",
    "first_year",
    "gender_split",
    "decimals",
    "kolada_kpi",
    "definition",
    "scale_min",
    "scale_max",
)


class Indicator(PlanBound, Versioned):
    """An indicator's definition in one plan year (name, unit, direction, periodicity, decimals …); its
    targets are on Target, one per goal. Next year's plan has a definition of its own in the same series,
    so changing it never changes this year's approved numbers; like the rest of the plan it is locked
    while a round of its plan is approved."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    series = models.ForeignKey(IndicatorSeries, on_delete=models.PROTECT, related_name="definitions")
    name = models.CharField("namn", max_length=400)
    code = models.CharField("kod", max_length=40, blank=True, help_text="som kommunen skriver den")
    unit = models.CharField("enhet", max_length=20, choices=Unit.choices)
    direction = models.CharField(
        "riktning", max_length=20, choices=Direction.choices, default=Direction.HIGHER
    )
    periodicity = models.CharField("periodicitet", max_length=20, choices=Periodicity.choices)
    first_year = models.PositiveSmallIntegerField(
        "första mätår",
        null=True,
        blank=True,
        help_text="mäts vartannat år: det året och vartannat år från det",
    )
    gender_split = models.BooleanField("könsuppdelad", default=False)
    decimals = models.PositiveSmallIntegerField("decimaler", default=0)
    kolada_kpi = models.CharField("Kolada-KPI", max_length=10, blank=True)
    definition = models.TextField("definition", blank=True)
    scale_min = models.DecimalField(
        "skalans lägsta värde", max_digits=14, decimal_places=4, null=True, blank=True
    )
    scale_max = models.DecimalField(
        "skalans högsta värde", max_digits=14, decimal_places=4, null=True, blank=True
    )
    # The council's indicators: how the city value is computed from the committees' values.
    aggregation = models.CharField(
        "stadens värde", max_length=20, choices=Aggregation.choices, default=Aggregation.COMMITTEE
    )
    # In a committee's plan: the council's indicator this definition reports (its definition the council's).
    council_indicator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_definitions",
        verbose_name="kommunfullmäktiges indikator",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="indicator_name_unique_in_plan"),
            models.CheckConstraint(condition=models.Q(unit__in=Unit.values), name="indicator_unit_valid"),
            models.CheckConstraint(
                condition=models.Q(direction__in=Direction.values), name="indicator_direction_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(periodicity__in=Periodicity.values), name="indicator_periodicity_valid"
            ),
            models.CheckConstraint(condition=models.Q(decimals__lte=4), name="indicator_decimals_range"),
            models.CheckConstraint(
                condition=models.Q(first_year__isnull=True)
                | models.Q(periodicity="every_other_year", first_year__gte=1990, first_year__lte=2100),
                name="indicator_first_year_every_other_year",
            ),
            models.CheckConstraint(
                condition=models.Q(kolada_kpi="") | models.Q(kolada_kpi__regex=r"^[A-Z][0-9]{5}$"),
                name="indicator_kolada_kpi_form",
            ),
            models.CheckConstraint(
                condition=models.Q(scale_min__isnull=True, scale_max__isnull=True)
                | models.Q(scale_min__lt=models.F("scale_max")),
                name="indicator_scale_both_and_ordered",
            ),
        ]
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"

    def __str__(self) -> str:
        return self.name

    @property
    def scale(self) -> tuple[Decimal, Decimal] | None:
        """The range of a scale (e.g. 1–5) when it is known; outcomes outside it are refused."""
        if self.scale_min is None or self.scale_max is None:
            return None
        return self.scale_min, self.scale_max


class Target(PlanBound, Versioned):
    """An indicator in a plan's goal: the year's target, KF's target, and the cells as printed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.RESTRICT, related_name="targets")
    value = models.DecimalField("årsmål", max_digits=14, decimal_places=4, null=True, blank=True)
    band = models.DecimalField("tolerans ±", max_digits=14, decimal_places=4, null=True, blank=True)
    kf_mode = models.CharField(
        "KF:s årsmål", max_length=40, choices=KfTargetMode.choices, default=KfTargetMode.NONE
    )
    kf_value = models.DecimalField(
        "KF:s årsmål (värde)", max_digits=14, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        "målår", null=True, blank=True, help_text="året ett flerårigt mål ska nås; tomt: planens år"
    )
    table = models.CharField(
        "tabell", max_length=20, choices=IndicatorTable.choices, default=IndicatorTable.COMMITTEE
    )
    as_printed = models.JSONField("som tryckt", default=dict, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "indicator"], name="target_indicator_once_per_goal"),
            models.CheckConstraint(
                condition=(models.Q(kf_mode="value", kf_value__isnull=False) | ~models.Q(kf_mode="value")),
                name="target_kf_value_when_mode_value",
            ),
            models.CheckConstraint(
                condition=(models.Q(kf_mode="value") | models.Q(kf_value__isnull=True)),
                name="target_kf_value_only_with_mode_value",
            ),
            models.CheckConstraint(
                condition=models.Q(band__isnull=True) | models.Q(band__gte=0), name="target_band_non_negative"
            ),
        ]
        verbose_name = "indikator med årsmål"
        verbose_name_plural = "indikatorer med årsmål"

    def __str__(self) -> str:
        return f"{self.indicator.name} ({self.plan.year})"

    def is_met(self, value: Decimal) -> bool | None:
        """Whether a value (forecast or outcome) meets this target, by the indicator's direction."""
        from styrkedja.lib.targets import target_met

        return target_met(value, self.value, self.indicator.direction, self.band)


class SeriesValue(Versioned):
    """A value of an indicator series for a period (a year, `2021`, or a part of one, `2021-T1`) outside
    any follow-up round: from a plan file's `series`, a table import or Kolada. Shown with the rounds'
    own outcomes in tables and charts. `note` keeps a footnote mark of the source (`*`); `status` Kolada's
    (empty, or e.g. preliminary)."""

    series = models.ForeignKey(IndicatorSeries, on_delete=models.CASCADE, related_name="values")
    period = models.CharField("period", max_length=10)
    source = models.CharField("källa", max_length=20, choices=ValueSource.choices, default=ValueSource.FILE)
    total = models.DecimalField("värde", max_digits=14, decimal_places=4, null=True, blank=True)
    men = models.DecimalField("män", max_digits=14, decimal_places=4, null=True, blank=True)
    women = models.DecimalField("kvinnor", max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField("not", max_length=40, blank=True)
    status = models.CharField("status", max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["series", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period", "source"], name="series_value_once_per_source"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=ValueSource.values), name="series_value_source_known"
            ),
        ]
        verbose_name = "värde i indikatorserie"
        verbose_name_plural = "värden i indikatorserier"

    def __str__(self) -> str:
        return f"{self.series.name} {self.period}"


class ComparisonValue(PlanBound, Versioned):
    """A value to compare an indicator with (Riket, similar municipalities …), with its period and source;
    one plan year's, locked with its plan."""

    plan_path = "indicator__plan"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparisons")
    label = models.CharField("jämförelse", max_length=200)
    value = models.DecimalField("värde", max_digits=14, decimal_places=4)
    period = models.CharField("period", max_length=10, blank=True)
    source = models.CharField("källa", max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "position"]
        verbose_name = "jämförelsevärde"
        verbose_name_plural = "jämförelsevärden"

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.label}"


class Activity(PlanBound, Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="activities")
    title = models.TextField("aktivitet")
    start = models.DateField("startdatum", null=True, blank=True)
    end = models.DateField("slutdatum", null=True, blank=True)
    kind = models.CharField(
        "typ", max_length=30, choices=ActivityKind.choices, default=ActivityKind.COMMITTEE
    )
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__position", "position"]
        verbose_name = "aktivitet"
        verbose_name_plural = "aktiviteter"

    def __str__(self) -> str:
        return self.title


class Responsibility(PlanBound):
    """In the council's plan: a committee responsible for a goal, an indicator or an assignment (KF-uppdrag);
    `organisation` empty means every committee of the municipality."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="responsibilities")
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="responsible"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.CASCADE, related_name="responsible"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="responsible"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="responsibilities"
    )
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, indicator__isnull=True, activity__isnull=True)
                    | models.Q(goal__isnull=True, indicator__isnull=False, activity__isnull=True)
                    | models.Q(goal__isnull=True, indicator__isnull=True, activity__isnull=False)
                ),
                name="responsibility_for_one_thing",
            )
        ]
        verbose_name = "ansvarig nämnd"
        verbose_name_plural = "ansvariga nämnder"

    def __str__(self) -> str:
        return self.organisation.name if self.organisation else "Alla nämnder"
