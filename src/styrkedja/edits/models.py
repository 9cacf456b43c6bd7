"""What the edits app stores: one row per form sent to create something, so a second sending of the same
form (a double click, a resent request) finds the first one's result instead of creating it again."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Submission(models.Model):
    token = models.UUIDField("formulärets id", unique=True)
    at = models.DateTimeField("tidpunkt", auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = "skickat formulär"
        verbose_name_plural = "skickade formulär"

    def __str__(self) -> str:
        return f"{self.token} {self.at:%Y-%m-%d %H:%M}"
