"""The security log in the admin: read only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from styrkedja.accounts.models import ExternalAccount, SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "username", "address", "path"]
    list_filter = ["kind"]
    search_fields = ["username", "address", "path"]
    date_hierarchy = "at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ExternalAccount)
class ExternalAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "subject", "last_login"]
    readonly_fields = ["user", "subject", "groups", "last_login"]
    search_fields = ["user__username", "subject"]
