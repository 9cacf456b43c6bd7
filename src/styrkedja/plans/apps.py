from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "styrkedja.plans"
    verbose_name = "Planer"
