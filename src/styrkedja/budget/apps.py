from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "styrkedja.budget"
    verbose_name = "Budget"
