from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "styrkedja.followup"
    verbose_name = "Uppföljning"

    def ready(self) -> None:
        from styrkedja.followup.models import locked_round_of_plan
        from styrkedja.plans.locking import register_lock_source

        register_lock_source(locked_round_of_plan)
