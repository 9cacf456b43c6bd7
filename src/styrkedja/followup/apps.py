from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "styrkedja.followup"
    verbose_name = "Uppföljning"

    def ready(self) -> None:
        from styrkedja.followup.chart_images import DatabaseImages
        from styrkedja.followup.models import locked_round_of_plan
        from styrkedja.plans.locking import register_lock_source
        from styrkedja.reports.renderers.typst_charts import register_store

        register_lock_source(locked_round_of_plan)
        register_store(DatabaseImages())
