"""What the procedures' rule tables share in admin: administrators only, whatever permissions a user has
been given (the rules decide who gets what, so caseworkers do not change them), and the one-row tables
of a procedure's national settings."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


def _administrator(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_administrator", False))


class AdministratorsOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _administrator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _administrator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _administrator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _administrator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _administrator(request)


class OneRowAdmin(AdministratorsOnly):
    """A table of one row (the model's ``current()`` reads it): it can be changed, never added a second
    time nor deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not self.model._default_manager.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
