"""The security log, and the link between a user and the identity provider's account."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from styrkedja.lib.vocabulary import SecurityEventKind

#: What the security log records (the vocabulary's list, named for this app).
EventKind = SecurityEventKind


class SecurityEvent(models.Model):
    """One line of the security log: what happened, to whom, from which address, when. Never changed."""

    at = models.DateTimeField("tid", default=timezone.now, db_index=True)
    kind = models.CharField("händelse", max_length=40, choices=EventKind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="användare",
    )
    username = models.CharField("användarnamn", max_length=150, blank=True, db_index=True)
    address = models.GenericIPAddressField("adress", null=True, blank=True)
    path = models.CharField("sida", max_length=500, blank=True)
    detail = models.JSONField("detaljer", default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "säkerhetshändelse"
        verbose_name_plural = "säkerhetslogg"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values), name="security_event_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.kind} {self.username}"


class ExternalAccount(models.Model):
    """A user who signs in through the identity provider: the provider's subject (`sub`), which never
    changes, while the user name and the groups may."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_account"
    )
    subject = models.CharField("subjekt hos identitetsleverantören", max_length=255, unique=True)
    groups = models.JSONField("grupper vid senaste inloggning", default=list, blank=True)
    last_login = models.DateTimeField("senaste inloggning", default=timezone.now)

    class Meta:
        verbose_name = "konto hos identitetsleverantören"
        verbose_name_plural = "konton hos identitetsleverantören"

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"
