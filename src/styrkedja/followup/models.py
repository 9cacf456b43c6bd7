"""Follow-up rounds (tertialrapport 1, 2, verksamhetsberättelse) and what is reported in them.

Every row belongs to a Round. A locked round refuses every write at the model level (`save` and `delete`
raise RoundLocked), so no path — form, command, import, API — can change an approved report.
Values that people edit carry a `version` for optimistic locking: a save based on an old version is
refused as a conflict instead of overwriting someone else's change.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection, models
from simple_history.models import HistoricalRecords

from styrkedja.budget.models import BudgetArea, Investment, PerformanceVolume, RevenueRequirementLine, money
from styrkedja.edits.versions import Versioned
from styrkedja.followup.report_archive import ArchivedFile as ArchivedFile
from styrkedja.followup.report_archive import ReportArchive as ReportArchive
from styrkedja.lib.periods import parse_period
from styrkedja.lib.vocabulary import (
    ActivityStatus,
    DecisionKind,
    PartStatus,
    RoundEventKind,
    RoundStatus,
    Source,
)
from styrkedja.organisations.models import Organisation
from styrkedja.plans.locking import Locked
from styrkedja.plans.models import Activity, Goal, Plan, Target


class RoundLocked(Locked):
    """A write to a locked round."""

    def __init__(self, round_: Round):
        self.round = round_
        super().__init__(
            f"Uppföljningen {round_.period} för {round_.organisation.name} är godkänd och låst; "
            "den måste öppnas igen innan något kan ändras."
        )


def check_open(round_: Round) -> None:
    """Refuse a change to a locked round before anything is written (the rows refuse too; checking first
    keeps a refused save from surfacing as a conflict or a half-validated form)."""
    if stored_status(round_.pk) == RoundStatus.LOCKED:
        raise RoundLocked(round_)


def stored_status(round_id: int) -> str | None:
    """The round's status as stored. On PostgreSQL the read takes a key-share lock on the round's row until
    the transaction ends: an approval, which locks the row for update first (followup/workflow.py), waits
    for the writes already under way, and a write that comes after it waits for it and sees the round
    locked. Writers do not wait for each other (a key-share lock is what inserting any row of the round
    takes anyway). SQLite runs one writing transaction at a time, so the plain read suffices there."""
    lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    table = connection.ops.quote_name(Round._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT status FROM {table} WHERE id = %s{lock}", [round_id])
        row = cursor.fetchone()
    return row[0] if row else None


class Round(Versioned):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="rounds")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="rounds")
    period = models.CharField("period", max_length=10)
    deadline = models.DateField("sista dag", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    profile = models.JSONField(
        "kommunprofil när rapporten godkändes",
        default=dict,
        blank=True,
        help_text="Profilen som den godkända rapporten läses med; tom medan uppföljningen är öppen.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period"], name="one_round_per_period"),
            models.CheckConstraint(
                condition=models.Q(status__in=RoundStatus.values), name="round_status_valid"
            ),
        ]
        verbose_name = "uppföljning"
        verbose_name_plural = "uppföljningar"

    def __str__(self) -> str:
        return f"{parse_period(self.period).label} – {self.organisation.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk and not getattr(self, "_unlocking", False):
            stored = Round.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == RoundStatus.LOCKED:
                raise RoundLocked(self)
        super().save(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.status == RoundStatus.LOCKED


def locked_round_of_plan(plan_id: int) -> Round | None:
    """The first locked round built on the plan, or None (plans/locking.py asks through its registry)."""
    return (
        Round.objects.select_related("plan", "organisation")
        .filter(status=RoundStatus.LOCKED, plan_id=plan_id)
        .first()
    )


class RoundBound(models.Model):
    """A row of a round: refuses to be written while the round is locked."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._check_open()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._check_open()
        return super().delete(*args, **kwargs)

    def _check_open(self) -> None:
        # By the id, so a row loaded without its round costs no query unless it is refused.
        round_id = self.round_id  # type: ignore[attr-defined]
        if stored_status(round_id) == RoundStatus.LOCKED:
            raise RoundLocked(self.round)  # type: ignore[attr-defined]


class RoundEvent(models.Model):
    """The workflow's own record: opened, part ready, returned, approved, locked, reopened, overridden."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("händelse", max_length=40, choices=RoundEventKind.choices)
    comment = models.TextField("kommentar", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField("tidpunkt", auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=RoundEventKind.values), name="round_event_action_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


#: The event a part's move to a status records.
PART_EVENTS = {
    PartStatus.TODO: RoundEventKind.PART_TODO,
    PartStatus.READY: RoundEventKind.PART_READY,
    PartStatus.RETURNED: RoundEventKind.PART_RETURNED,
    PartStatus.APPROVED: RoundEventKind.PART_APPROVED,
}


class Part(RoundBound, Versioned):
    """What one reporter must fill in: a goal (its indicators, assessment and activities) or the economics."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="parts")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="parts")
    title = models.CharField("del", max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_parts",
    )
    status = models.CharField("status", max_length=20, choices=PartStatus.choices, default=PartStatus.TODO)
    comment = models.TextField("kommentar", blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return self.title


class Outcome(RoundBound, Versioned):
    """An indicator's row in a round: outcome total / men / women, window, forecast, comment."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="outcomes")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="outcomes")
    total = models.DecimalField("utfall", max_digits=14, decimal_places=4, null=True, blank=True)
    men = models.DecimalField("utfall män", max_digits=14, decimal_places=4, null=True, blank=True)
    women = models.DecimalField("utfall kvinnor", max_digits=14, decimal_places=4, null=True, blank=True)
    forecast = models.DecimalField("prognos helår", max_digits=14, decimal_places=4, null=True, blank=True)
    # A share's parts, so that the city can add committees' shares up (sums of numerators / denominators).
    numerator = models.DecimalField("täljare", max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField("nämnare", max_digits=14, decimal_places=4, null=True, blank=True)
    window_start = models.DateField("mätperiod från", null=True, blank=True)
    window_end = models.DateField("mätperiod till", null=True, blank=True)
    comment = models.TextField("kommentar", blank=True)
    rating = models.CharField(
        "bedömning", max_length=40, blank=True, help_text="en indikatorbedömning i profilen"
    )
    data_period = models.CharField(
        "värdets period",
        max_length=10,
        blank=True,
        help_text="när senaste statistiken är äldre än rapportens period",
    )
    as_printed = models.JSONField("som tryckt", default=dict, blank=True)
    source = models.CharField("källa", max_length=20, choices=Source.choices, default=Source.MANUAL)
    provenance = models.JSONField("härkomst", default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["target__goal__position", "target__position"]
        constraints = [models.UniqueConstraint(fields=["round", "target"], name="one_outcome_per_target")]

    def __str__(self) -> str:
        return f"{self.target.indicator.name} ({self.round.period})"


class Assessment(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assessments")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="assessments")
    # A rating key of the municipality's profile (or one of its non-ratings).
    value = models.CharField("bedömning", max_length=40, blank=True)
    analysis = models.TextField("analys", blank=True)
    justification = models.TextField("motivering till avvikelse från förslaget", blank=True)
    suggested_when_saved = models.CharField(
        "systemets förslag när bedömningen sparades",
        max_length=40,
        blank=True,
        help_text="Förslaget som bedömningen och motiveringen svarade på; förslaget kan ändras senare.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__position"]
        constraints = [models.UniqueConstraint(fields=["round", "goal"], name="one_assessment_per_goal")]

    def __str__(self) -> str:
        return f"{self.goal.number} {self.value or '–'}"


class ActivityReport(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="activity_reports")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField("status", max_length=20, choices=ActivityStatus.choices, blank=True)
    deviation = models.TextField("avvikelse", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity__goal__position", "activity__position"]
        constraints = [models.UniqueConstraint(fields=["round", "activity"], name="one_report_per_activity")]

    def __str__(self) -> str:
        return f"{self.activity.title[:60]} ({self.get_status_display() or '–'})"


class AreaForecast(RoundBound, Versioned):
    """Forecast costs and revenues of an area; the budget is the plan's adopted version, never retyped."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="area_forecasts")
    area = models.ForeignKey(BudgetArea, on_delete=models.CASCADE, related_name="forecasts")
    costs = money("prognos kostnader")
    revenues = money("prognos intäkter")
    last_year_net = money("nettoresultat föregående år", null=True, blank=True)
    commentary = models.TextField("kommentar", blank=True)
    as_printed = models.JSONField("som tryckt", default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "area"], name="one_forecast_per_area")]

    def __str__(self) -> str:
        return f"Prognos {self.area}"


class RequirementForecast(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="requirement_forecasts")
    line = models.ForeignKey(RevenueRequirementLine, on_delete=models.CASCADE, related_name="forecasts")
    forecast = money("prognos")
    last_year = money("föregående år", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "line"], name="one_forecast_per_requirement")]

    def __str__(self) -> str:
        return f"Prognos {self.line}"


class InvestmentForecast(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="investment_forecasts")
    investment = models.ForeignKey(Investment, on_delete=models.CASCADE, related_name="forecasts")
    forecast = money("prognos")
    last_year = money("föregående år", null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Prognos {self.investment}"


class TurnoverProposal(RoundBound, Versioned):
    """An omslutningsförändring proposed in the round (cost with equal revenue)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="turnover")
    area = models.ForeignKey(BudgetArea, on_delete=models.CASCADE, related_name="turnover_proposals")
    heading = models.CharField("rubrik", max_length=200, blank=True)
    subtotal_label = models.CharField("delsummans rubrik", max_length=200, blank=True)
    label = models.CharField("rad", max_length=300)
    costs = money("kostnader")
    revenues = money("intäkter")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return self.label


class AdjustmentRequest(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="adjustment_requests")
    amount = money("belopp")
    reason = models.TextField("motivering")
    from_amount = money("från", null=True, blank=True)
    to_amount = money("till", null=True, blank=True)
    area = models.ForeignKey(BudgetArea, null=True, blank=True, on_delete=models.SET_NULL)
    requirement = models.ForeignKey(RevenueRequirementLine, null=True, blank=True, on_delete=models.SET_NULL)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return f"Budgetjustering {self.amount} mnkr"


class VolumeForecast(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="volume_forecasts")
    volume = models.ForeignKey(PerformanceVolume, on_delete=models.CASCADE, related_name="forecasts")
    forecast_places = models.DecimalField("prognos helårsplatser", max_digits=12, decimal_places=1)
    price_per_place = models.DecimalField(
        "pris per plats (kr)", max_digits=12, decimal_places=0, null=True, blank=True
    )
    amount_as_printed = money("budgetförändring som tryckt", null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Prognos {self.volume}"


class ComplaintCount(RoundBound):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="complaints")
    department = models.CharField("avdelning", max_length=200)
    month = models.PositiveSmallIntegerField("månad")
    category = models.CharField("kategori", max_length=100)
    count = models.PositiveIntegerField("antal")
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "department", "month", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department", "month", "category"], name="one_complaint_cell"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="complaint_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.month}: {self.category} {self.count}"


class ReportCover(RoundBound, Versioned):
    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="cover")
    title = models.CharField("rubrik", max_length=300, blank=True)
    addressee = models.CharField("till", max_length=200, blank=True)
    meeting_date = models.DateField("sammanträdesdag", null=True, blank=True)
    agenda_number = models.CharField("ärende", max_length=20, blank=True)
    summary_analysis = models.TextField("sammanfattande analys", blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.title or str(self.round)


class EconomyText(RoundBound, Versioned):
    """The texts of a round's economy section: the commentary on the whole budget and on the revenue
    requirement (an area's is on its forecast)."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="economy_text")
    summary = models.TextField("kommentar till ekonomin", blank=True)
    requirement_commentary = models.TextField("kommentar till intäktskravet", blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Ekonomins texter {self.round}"


class CaseOfficer(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="case_officers")
    name = models.CharField("namn", max_length=200)
    phone = models.CharField("telefon", max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return self.name


class DecisionProposal(RoundBound, Versioned):
    """A förslag till beslut. For turnover and adjustment decisions the amount is computed from the tables;
    `amount_as_printed` keeps what an imported document said so the checks can compare."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField("typ", max_length=30, choices=DecisionKind.choices, default=DecisionKind.OTHER)
    text = models.TextField("text")
    amount_as_printed = money("belopp som tryckt", null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class ReportAttachment(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="attachments")
    number = models.PositiveSmallIntegerField("bilaga")
    title = models.CharField("titel", max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "number"]

    def __str__(self) -> str:
        return f"Bilaga {self.number}: {self.title}"


class Signature(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField("namn", max_length=200)
    title = models.CharField("titel", max_length=200, blank=True)
    date = models.DateField("datum", null=True, blank=True)
    signed_as = models.CharField(
        "namn i den digitala signaturen",
        max_length=200,
        blank=True,
        help_text="Tomt när den digitala signaturen har samma namn som underskriftsblocket.",
    )
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return self.name


class SpecialReport(RoundBound, Versioned):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="special_reports")
    title = models.CharField("rubrik", max_length=300)
    text = models.TextField("text", blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]

    def __str__(self) -> str:
        return self.title


class FindingOverride(RoundBound, Versioned):
    """A controller's recorded decision that a finding of the consistency checks (`styrkedja.checks`)
    does not stop the approval of the round, with the justification. The finding is named by its rule
    and object, not its numbers; `digest` (sha256 of rule|kind|ref) keeps one override per finding."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="finding_overrides")
    rule = models.CharField("regel", max_length=80)
    object_kind = models.CharField("objekttyp", max_length=40)
    ref = models.TextField("objekt")
    digest = models.CharField(max_length=64, editable=False)
    message = models.TextField("avvikelse när den godtogs", blank=True)
    justification = models.TextField("motivering")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="finding_overrides",
    )
    at = models.DateTimeField("tidpunkt", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "digest"], name="one_override_per_finding"),
            models.CheckConstraint(condition=~models.Q(justification=""), name="override_has_justification"),
        ]
        verbose_name = "godtagen avvikelse"
        verbose_name_plural = "godtagna avvikelser"

    def __str__(self) -> str:
        return f"{self.rule}: {self.ref[:60]}"


class InvestmentOutcome(RoundBound, Versioned):
    """A committee's investments in one area or project in the round: expenditure (utgifter, positive) and
    income (inkomster, negative); the budgets are the council's (`budget.InvestmentFrame`)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="investment_outcomes")
    area = models.CharField("område eller projekt", max_length=200)
    expenditure = money("utgifter")
    income = money("inkomster")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "area"], name="one_investment_outcome_per_area")
        ]

    def __str__(self) -> str:
        return f"Investeringar {self.area}"


class PrintedTotal(RoundBound):
    """A sum as an imported document printed it ("driftredovisning/total/net": "1 234"): kept, compared with
    the computed sum by the checks, never used as a number."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="printed_totals")
    key = models.CharField("rad och kolumn", max_length=300)
    text = models.CharField("som tryckt", max_length=60)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "key"]
        constraints = [models.UniqueConstraint(fields=["round", "key"], name="one_printed_total_per_key")]

    def __str__(self) -> str:
        return f"{self.key}: {self.text}"


class CheckSummary(models.Model):
    """The counts of a round's findings when its checks last ran (derived, so without history): what the
    city office's page shows for every committee without running every committee's checks."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="check_summary")
    errors = models.PositiveIntegerField("fel", default=0)
    warnings = models.PositiveIntegerField("varningar", default=0)
    infos = models.PositiveIntegerField("information", default=0)
    overridden = models.PositiveIntegerField("godtagna", default=0)
    checked_at = models.DateTimeField("kontrollerad", auto_now=True)

    def __str__(self) -> str:
        return f"{self.round}: {self.errors} fel"
