from django.apps import AppConfig


class EditsConfig(AppConfig):
    name = "styrkedja.edits"
    verbose_name = "Redigering"
