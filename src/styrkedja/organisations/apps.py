from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "styrkedja.organisations"
    verbose_name = "Organisationer"

    def ready(self) -> None:
        from styrkedja.organisations import text_rule

        text_rule.connect()  # the input rule for every row of the application's own models
