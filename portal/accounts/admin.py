from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.accounts.models import CitizenIdentity, User
from portal.accounts.selectors import (
    citizen_identities_with_personal_code,
    citizen_name,
    personal_code_shaped,
)
from portal.audit.services import audit_record

PERSONAL_CODE_HELP = _(
    "Citizens: search by their exact personal code (for example 39006210214) or full eIDAS identifier "
    "(for example LT/LT/39006210214). Names cannot be searched: they are stored encrypted."
)


def may_read_citizens(request: HttpRequest) -> bool:
    """Names of citizens are decrypted for administrators only, whatever other permissions say."""
    return bool(getattr(request.user, "is_administrator", False))


def citizens_search(
    request: HttpRequest, *, code: str, within: QuerySet[Any], user_field: str
) -> QuerySet[Any]:
    """The rows of ``within`` whose citizen carries exactly ``code`` (blind index), audited without the
    code. ``user_field`` leads from a row to its ``User``. Nothing for staff who may not read citizens."""
    if not may_read_citizens(request):
        return within.none()
    users = citizen_identities_with_personal_code(code=code).values("user_id")
    found = within.filter(**{f"{user_field}__in": users})
    audit_record(
        action="accounts.citizen_searched",
        request=request,
        details={"in": within.model._meta.label, "found": found.count()},
    )
    return found


def _name_column(request: HttpRequest) -> Callable[[User], str]:
    """A list column bound to this request (list columns get no request of their own)."""
    readable = may_read_citizens(request)

    @admin.display(description=pgettext_lazy("person", "name"))
    def name(user: User) -> str:
        identity = getattr(user, "citizen_identity", None)
        if identity is None:
            return user.get_full_name() or "—"
        return citizen_name(identity) if readable else str(_("citizen (name hidden)"))

    return name


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "office", "is_active", "last_login")
    list_filter = ("groups", "office__institution", "is_active")
    search_help_text = PERSONAL_CODE_HELP
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Portal"), {"fields": ("office", "preferred_language")}),
    )

    def get_list_display(self, request: HttpRequest) -> Any:
        return ("username", _name_column(request), "email", "office", "is_active", "last_login")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).select_related("citizen_identity", "office")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[User], search_term: str
    ) -> tuple[QuerySet[User], bool]:
        # Staff by name or address as usual; citizens only by their exact personal code.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if personal_code_shaped(search_term.strip()):
            results = results | citizens_search(request, code=search_term, within=queryset, user_field="pk")
        return results, may_have_duplicates


@admin.register(CitizenIdentity)
class CitizenIdentityAdmin(admin.ModelAdmin):
    """Identities are written by eIDAS logins only. Administrators see the name and date of birth (each
    opening audited) and find a person by their exact personal code; nobody can change them here."""

    list_filter = ("country",)
    # The search box searches the blind index only (see get_search_results), never a column with LIKE.
    search_fields = ("person_identifier_index",)
    search_help_text = PERSONAL_CODE_HELP
    readonly_fields = ("name", "date_of_birth", "country", "level_of_assurance", "created_at", "updated_at")

    def get_list_display(self, request: HttpRequest) -> Any:
        readable = may_read_citizens(request)

        @admin.display(description=pgettext_lazy("person", "name"))
        def name(identity: CitizenIdentity) -> str:
            return citizen_name(identity) if readable else str(identity)

        return (name, "country", "level_of_assurance", "updated_at")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if may_read_citizens(request):
            return self.readonly_fields
        return ("country", "level_of_assurance", "created_at", "updated_at")

    @admin.display(description=pgettext_lazy("person", "name"))
    def name(self, identity: CitizenIdentity) -> str:
        return citizen_name(identity)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[CitizenIdentity], search_term: str
    ) -> tuple[QuerySet[CitizenIdentity], bool]:
        if not search_term.strip():
            return queryset, False
        return citizens_search(request, code=search_term, within=queryset, user_field="user"), False

    def render_change_form(self, request: HttpRequest, context: Any, *args: Any, **kwargs: Any) -> Any:
        obj = kwargs.get("obj")
        if obj is not None and may_read_citizens(request):
            audit_record(action="accounts.citizen_identity_opened", request=request, target=obj)
        return super().render_change_form(request, context, *args, **kwargs)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_read_citizens(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
