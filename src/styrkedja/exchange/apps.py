from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "styrkedja.exchange"
    label = "exchange"
    verbose_name = "Data in och ut"
