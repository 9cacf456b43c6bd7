"""Organisations (city, committee, department, unit) and who may do what in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from styrkedja.edits.versions import Versioned
from styrkedja.lib.vocabulary import OrganisationKind, Role


class Organisation(models.Model):
    code = models.SlugField("kod", max_length=40, unique=True)
    name = models.CharField("namn", max_length=200)
    kind = models.CharField("typ", max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="ingår i",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        verbose_name_plural = "organisationer"

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Organisation]:
        """This organisation and every organisation above it, nearest first."""
        chain: list[Organisation] = []
        node: Organisation | None = self
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain


ROLE_RANK = {role: rank for rank, role in enumerate(Role)}


class Membership(Versioned):
    """A user's role in an organisation; it applies to the organisations below it as well."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("roll", max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_role_per_user_and_organisation"
            ),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]
        verbose_name = "behörighet"
        verbose_name_plural = "behörigheter"

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
