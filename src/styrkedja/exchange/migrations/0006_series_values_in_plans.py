"""The values of an indicator series live in one model, plans.SeriesValue (with their source: a plan
file, a table import or Kolada); this app's own copy of the model goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0005_table_mapping_without_history_open_data"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalSeriesValue"),
        migrations.DeleteModel(name="SeriesValue"),
    ]
