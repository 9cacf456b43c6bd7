from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "styrkedja.exchange"
    label = "exchange"
    verbose_name = "Data in och ut"

    def ready(self) -> None:
        from styrkedja.exchange.kolada import enrich_rows
        from styrkedja.followup.documents import register_row_enricher

        register_row_enricher(enrich_rows)
