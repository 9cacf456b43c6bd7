"""Indicator definitions become one per plan year, joined across years by their series.

An indicator shared by the targets of several plans keeps its row for the first of them (by year) and is
copied for each other plan, whose targets then point to the copy. An indicator without targets belongs to
no plan and is removed (nothing reports on it). Every definition gets the series of its name.
"""

from django.db import migrations

DEFINITION_FIELDS = (
    "name", "unit", "direction", "periodicity", "gender_split", "decimals", "kolada_kpi", "definition",
    "scale_min", "scale_max",
)  # fmt: skip


def forwards(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    IndicatorSeries = apps.get_model("plans", "IndicatorSeries")
    Target = apps.get_model("plans", "Target")
    for indicator in Indicator.objects.order_by("pk"):
        series, _ = IndicatorSeries.objects.get_or_create(
            organisation_id=indicator.organisation_id, name=indicator.name
        )
        plan_ids = list(
            Target.objects.filter(indicator=indicator)
            .order_by("plan__year", "plan_id")
            .values_list("plan_id", flat=True)
            .distinct()
        )
        if not plan_ids:
            indicator.delete()
            continue
        first, *others = plan_ids
        indicator.plan_id, indicator.series = first, series
        indicator.save()
        for plan_id in others:
            copy = Indicator.objects.create(
                organisation_id=indicator.organisation_id,
                plan_id=plan_id,
                series=series,
                **{name: getattr(indicator, name) for name in DEFINITION_FIELDS},
            )
            Target.objects.filter(indicator=indicator, plan_id=plan_id).update(indicator=copy)


def backwards(apps, schema_editor):
    raise RuntimeError("Indicator definitions per plan cannot be merged back into shared ones.")


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_indicator_series")]

    operations = [
        migrations.RemoveConstraint(model_name="indicator", name="indicator_name_unique_in_organisation"),
        migrations.RunPython(forwards, backwards),
    ]
