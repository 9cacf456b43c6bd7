from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "styrkedja.web"
    verbose_name = "Webb"
