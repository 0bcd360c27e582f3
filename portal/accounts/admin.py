from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import CitizenIdentity, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "office", "is_active", "last_login")
    list_filter = ("groups", "office__institution", "is_active")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Portal"), {"fields": ("office", "preferred_language")}),
    )


@admin.register(CitizenIdentity)
class CitizenIdentityAdmin(admin.ModelAdmin):
    """Identities are written by eIDAS logins only; administrators see no personal data here."""

    list_display = ("__str__", "country", "level_of_assurance", "updated_at")
    list_filter = ("country",)
    fields = ("country", "level_of_assurance", "created_at", "updated_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
