from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "styrkedja.followup"
    verbose_name = "Uppföljning"
