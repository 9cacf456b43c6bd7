"""What exchanging data stores of its own (see the package's docstring)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from styrkedja.lib.vocabulary import TokenScope, UploadStatus


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
