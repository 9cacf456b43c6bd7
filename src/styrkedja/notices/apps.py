from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "styrkedja.notices"
    label = "notices"
    verbose_name = "Påminnelser och meddelanden"

    def ready(self) -> None:
        from styrkedja.notices import signals  # noqa: F401  (a part returned or approved is told)
