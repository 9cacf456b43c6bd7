from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "styrkedja.web"
    verbose_name = "Webb"

    def ready(self) -> None:
        from styrkedja.web import pagecache  # noqa: F401 - connects the revision signals
