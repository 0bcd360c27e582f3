"""Assisted applications in admin: a read-only list for administrators (which office, which caseworker,
what for, when; never whom for), a detail page whose every opening is audited, and the caseworkers'
activity report with its CSV export.

Administrators only, whatever permissions a user has been given (as portal.applications.admin):
caseworkers work through assisted mode, not through admin.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.accounts.admin import may_read_citizens
from portal.applications.admin import ProcedureFilter, procedure_name
from portal.assisted.models import AssistedCase
from portal.assisted.report import caseworker_activity, caseworker_activity_csv
from portal.assisted.selectors import case_application
from portal.audit.services import audit_record


@admin.register(AssistedCase)
class AssistedCaseAdmin(admin.ModelAdmin):
    list_display = ("created_at", "office", "caseworker", "procedure_title", "claimed_at")
    list_filter = ("office", ProcedureFilter)
    list_select_related = ("office__institution", "caseworker")
    date_hierarchy = "created_at"
    fields = readonly_fields = (
        "person_named",
        "office",
        "caseworker",
        "procedure_title",
        "created_at",
        "application",
        "claimed_at",
        "claimed_by",
    )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_read_citizens(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_read_citizens(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[AssistedCase]:
        return super().get_queryset(request).select_related("office__institution", "caseworker", "claimed_by")

    def render_change_form(self, request: HttpRequest, context: Any, *args: Any, **kwargs: Any) -> Any:
        case = kwargs.get("obj")
        if case is not None:
            # The detail names the person: who read which case, and when.
            audit_record(action="assisted.case_opened_in_admin", request=request, target=case)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("person the application is for"))
    def person_named(self, case: AssistedCase) -> str:
        # Names and date of birth only: the personal code and the document stay with assisted mode.
        person = case.person or {}
        name = f"{person.get('given_name', '')} {person.get('family_name', '')}".strip()
        born = person.get("date_of_birth", "")
        return f"{name} ({born})" if born else name or "—"

    @admin.display(description=_("procedure"), ordering="procedure")
    def procedure_title(self, case: AssistedCase) -> str:
        return procedure_name(case.procedure) if case.procedure else "—"

    @admin.display(description=_("application"))
    def application(self, case: AssistedCase) -> str:
        application = case_application(case=case)
        if application is None:
            return str(_("not sent yet"))
        url = reverse("admin:applications_application_change", args=[application.pk])
        return format_html('<a href="{}">{}</a>', url, application.reference)

    # --- the caseworkers' activity report -----------------------------------------------------------

    def get_urls(self) -> list[Any]:
        return [
            path(
                "report/",
                self.admin_site.admin_view(self.report_view),
                name="assisted_assistedcase_report",
            ),
            path(
                "report/csv/",
                self.admin_site.admin_view(self.report_csv),
                name="assisted_assistedcase_report_csv",
            ),
            *super().get_urls(),
        ]

    def _report_allowed(self, request: HttpRequest) -> None:
        # The administrators' role carries this permission (accounts/0002_roles); caseworkers' does not.
        if not request.user.has_perm("accounts.view_caseworker_report"):
            raise PermissionDenied

    def report_view(self, request: HttpRequest) -> HttpResponse:
        self._report_allowed(request)
        rows = caseworker_activity()
        audit_record(action="assisted.activity_report_viewed", request=request, details={"rows": len(rows)})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": pgettext_lazy("admin", "Caseworker activity"),
            "rows": rows,
        }
        return TemplateResponse(request, "admin/assisted/report.html", context)

    def report_csv(self, request: HttpRequest) -> HttpResponse:
        self._report_allowed(request)
        rows = caseworker_activity()
        audit_record(action="assisted.activity_report_exported", request=request, details={"rows": len(rows)})
        response = HttpResponse(caseworker_activity_csv(rows), content_type="text/csv; charset=utf-8")
        name = f"caseworker-activity-{timezone.localdate().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
