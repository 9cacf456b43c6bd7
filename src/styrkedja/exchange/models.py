"""What exchanging data stores of its own (see the package's docstring)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from styrkedja.edits.versions import Versioned
from styrkedja.lib.vocabulary import ImportKind, TokenScope, UploadStatus, ValueSource
from styrkedja.organisations.models import Organisation


class ApiToken(models.Model):
    """A personal access token of the API. Only its SHA-256 is stored (the token itself is shown once, when
    it is made); `prefix` names it on the page and in the security log. A token acts as its user, with the
    user's roles, and no more than its scope allows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("namn", max_length=100)
    prefix = models.CharField("början", max_length=16)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField("behörighet", max_length=10, choices=TokenScope.choices, default=TokenScope.READ)
    created = models.DateTimeField("skapad", auto_now_add=True)
    expires = models.DateTimeField("giltig till")
    last_used = models.DateTimeField("senast använd", null=True, blank=True)
    revoked = models.DateTimeField("återkallad", null=True, blank=True)

    class Meta:
        ordering = ["-created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=TokenScope.values), name="api_token_scope_valid"
            )
        ]
        verbose_name = "åtkomsttoken"
        verbose_name_plural = "åtkomsttoken"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class WorkbookUpload(models.Model):
    """An entry workbook sent back for a dry run: kept here (not in a process or a folder) until its user
    confirms it, so any server behind the load balancer can show the dry run and store it."""

    round = models.ForeignKey("followup.Round", on_delete=models.CASCADE, related_name="workbook_uploads")
    part = models.ForeignKey(
        "followup.Part", null=True, blank=True, on_delete=models.CASCADE, related_name="workbook_uploads"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    filename = models.CharField("fil", max_length=255)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField("innehåll")
    status = models.CharField(
        "status", max_length=20, choices=UploadStatus.choices, default=UploadStatus.PENDING
    )
    created = models.DateTimeField("uppladdad", auto_now_add=True)
    finished = models.DateTimeField("avslutad", null=True, blank=True)
    stored_rows = models.PositiveIntegerField("sparade rader", default=0)

    class Meta:
        ordering = ["-created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=UploadStatus.values), name="workbook_upload_status_valid"
            )
        ]
        verbose_name = "uppladdad arbetsbok"
        verbose_name_plural = "uppladdade arbetsböcker"

    def __str__(self) -> str:
        return f"{self.filename} ({self.created:%Y-%m-%d %H:%M})"


class SeriesValue(Versioned):
    """A value of an indicator series for a period (a year, `2021`, or a part of one, `2021-T1`), from a
    table import or from Kolada: the series' history beside the rounds' own outcomes. `note` keeps a
    footnote mark of the source (`*`); `status` Kolada's (empty, or e.g. preliminary)."""

    series = models.ForeignKey("plans.IndicatorSeries", on_delete=models.CASCADE, related_name="values")
    period = models.CharField("period", max_length=10)
    source = models.CharField("källa", max_length=20, choices=ValueSource.choices)
    total = models.DecimalField("värde", max_digits=14, decimal_places=4, null=True, blank=True)
    women = models.DecimalField("kvinnor", max_digits=14, decimal_places=4, null=True, blank=True)
    men = models.DecimalField("män", max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField("not", max_length=40, blank=True)
    status = models.CharField("status", max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["series", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "period", "source"], name="one_series_value_per_source"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=ValueSource.values), name="series_value_source_valid"
            ),
        ]
        verbose_name = "värde i indikatorserie"
        verbose_name_plural = "värden i indikatorserier"

    def __str__(self) -> str:
        return f"{self.series} {self.period}: {self.total}"


class TableMapping(models.Model):
    """How the columns of one source's tables map to fields (`columns`: field → column heading), saved
    under the source's name and reused for its next file."""

    name = models.CharField("källa", max_length=100, unique=True)
    kind = models.CharField("typ", max_length=30, choices=ImportKind.choices)
    columns = models.JSONField("kolumner", default=dict)
    options = models.JSONField("inställningar", default=dict, blank=True)
    updated = models.DateTimeField("ändrad", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ImportKind.values), name="table_mapping_kind_valid"
            )
        ]
        verbose_name = "kolumnmappning"
        verbose_name_plural = "kolumnmappningar"

    def __str__(self) -> str:
        return self.name


class TableUpload(models.Model):
    """A table (CSV or XLSX) waiting for its mapping and dry run, kept in the database like a workbook."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="table_uploads")
    kind = models.CharField("typ", max_length=30, choices=ImportKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    filename = models.CharField("fil", max_length=255)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField("innehåll")
    status = models.CharField(
        "status", max_length=20, choices=UploadStatus.choices, default=UploadStatus.PENDING
    )
    created = models.DateTimeField("uppladdad", auto_now_add=True)

    class Meta:
        ordering = ["-created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ImportKind.values), name="table_upload_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=UploadStatus.values), name="table_upload_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.filename


class ImportLog(models.Model):
    """Who imported which file (its SHA-256) when, with which mapping, and what it stored."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="import_logs")
    kind = models.CharField("typ", max_length=30, choices=ImportKind.choices)
    mapping = models.CharField("mappning", max_length=100)
    filename = models.CharField("fil", max_length=255)
    sha256 = models.CharField(max_length=64)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField("tidpunkt", auto_now_add=True)
    stored = models.PositiveIntegerField("sparade rader", default=0)
    skipped = models.PositiveIntegerField("överhoppade rader", default=0)

    class Meta:
        ordering = ["-at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ImportKind.values), name="import_log_kind_valid"
            )
        ]
        verbose_name = "importlogg"
        verbose_name_plural = "importloggar"

    def __str__(self) -> str:
        return f"{self.filename} {self.at:%Y-%m-%d %H:%M}"


# --- Kolada -------------------------------------------------------------------------------------------


class KoladaResponse(models.Model):
    """A cached answer of Kolada's API: the address asked and the JSON answered, with when."""

    url = models.CharField(max_length=1000, unique=True)
    body = models.JSONField()
    fetched = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.url


class KoladaKpi(models.Model):
    """A KPI of Kolada's catalogue."""

    id = models.CharField("id", max_length=10, primary_key=True)
    title = models.CharField("namn", max_length=500)
    description = models.TextField("beskrivning", blank=True)
    gender_split = models.BooleanField("könsuppdelad", default=False)
    operating_area = models.CharField("verksamhetsområde", max_length=300, blank=True)
    has_ou_data = models.BooleanField("data per enhet", default=False)
    publication_date = models.CharField("publiceras", max_length=20, blank=True)
    prel_publication_date = models.CharField("publiceras preliminärt", max_length=20, blank=True)
    publ_period = models.CharField("senaste period", max_length=20, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "Kolada-KPI"
        verbose_name_plural = "Kolada-KPI:er"

    def __str__(self) -> str:
        return f"{self.id} {self.title}"


class KoladaArea(models.Model):
    """A municipality, a region (`0000` is Riket) or an organisational unit in Kolada."""

    id = models.CharField("id", max_length=20, primary_key=True)
    title = models.CharField("namn", max_length=300)
    type = models.CharField("typ", max_length=4, blank=True)  # K, L; "OU" for a unit
    municipality = models.CharField("kommun", max_length=4, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class KoladaValue(models.Model):
    """A value of a KPI for a municipality or unit and a year: total (T), women (K), men (M)."""

    kpi = models.CharField(max_length=10, db_index=True)
    area = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=1)
    value = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(max_length=40, blank=True)
    fetched = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kpi", "area", "year", "gender"], name="one_kolada_value")
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.area} {self.year} {self.gender}: {self.value}"


class KoladaSync(models.Model):
    """When a KPI's values for a set of areas were last fetched: the next sync asks only for what changed
    since (`from_date`)."""

    kpi = models.CharField(max_length=10)
    areas = models.CharField(max_length=500)
    synced = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kpi", "areas"], name="one_kolada_sync")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.areas} {self.synced}"


class KoladaComparison(models.Model):
    """An organisation's own municipality in Kolada and the peers its users compare with (beside Riket)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="kolada")
    municipality = models.CharField("kommun", max_length=4)
    peers = models.JSONField("jämförelsekommuner", default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Kolada-jämförelse"
        verbose_name_plural = "Kolada-jämförelser"

    def __str__(self) -> str:
        return f"{self.organisation}: {self.municipality} {self.peers}"


class OpenData(models.Model):
    """Whether an organisation publishes its open data (docs/open-data.md) on a public page; switched by an
    administrator, with history."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="open_data")
    enabled = models.BooleanField("publicerad", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "öppna data"
        verbose_name_plural = "öppna data"

    def __str__(self) -> str:
        return f"{self.organisation}: {'på' if self.enabled else 'av'}"
