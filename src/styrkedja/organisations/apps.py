from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "styrkedja.organisations"
    verbose_name = "Organisationer"
