from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class AccountsConfig(AppConfig):
    name = "styrkedja.accounts"
    label = "accounts"
    verbose_name = "Konton och säkerhet"

    def ready(self) -> None:
        from styrkedja.accounts import signals  # noqa: F401  (connects the security log's receivers)
        from styrkedja.organisations.models import Role

        for group, targets in settings.OIDC_GROUP_ROLES.items():
            for code, role in targets:
                if role not in Role.values:
                    raise ImproperlyConfigured(
                        f"STYRKEDJA_OIDC_GROUP_ROLES: {group}={code}:{role}: unknown role {role!r}; "
                        f"expected one of {', '.join(Role.values)}"
                    )
