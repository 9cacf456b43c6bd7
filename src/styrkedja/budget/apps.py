from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "styrkedja.budget"
    verbose_name = "Budget"

    def ready(self) -> None:
        from styrkedja.budget.snapshot import budget_part
        from styrkedja.plans.lifecycle import register_snapshot_part

        register_snapshot_part(budget_part)
