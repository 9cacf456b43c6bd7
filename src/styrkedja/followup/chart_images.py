"""The pictures of the Word reports' charts, kept in the database by the sha256 of what each is drawn from
(`reports/renderers/typst_charts.image_key`), so that a chart is drawn once per data by whichever process
or server builds a report first, and never again while its data stay the same.

A row is a cache: it is never changed, any row may be deleted at any time (the picture is then drawn
again), and two processes storing the same picture at once store it once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import models


class ChartImage(models.Model):
    key = models.CharField("nyckel", max_length=64, unique=True)
    png = models.BinaryField("bild")
    created_at = models.DateTimeField("skapad", auto_now_add=True)

    class Meta:
        verbose_name = "diagrambild"
        verbose_name_plural = "diagrambilder"

    def __str__(self) -> str:
        return self.key


class DatabaseImages:
    """The store `typst_charts.register_store` is given."""

    def load(self, keys: Sequence[str]) -> dict[str, bytes]:
        return {
            key: bytes(png) for key, png in ChartImage.objects.filter(key__in=keys).values_list("key", "png")
        }

    def save(self, images: Mapping[str, bytes]) -> None:
        ChartImage.objects.bulk_create(
            [ChartImage(key=key, png=png) for key, png in images.items()], ignore_conflicts=True
        )
