"""Applications in admin: a read-only list and detail page for administrators.

Nothing here changes an application (the state machine changes through services and the institution
API). Only administrators may open them, whatever permissions a user has been given: caseworkers help
people at the desk through assisted mode, not through admin. Every opening of a detail page is audited.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.accounts.admin import PERSONAL_CODE_HELP, citizens_search, may_read_citizens
from portal.accounts.selectors import citizen_name, personal_code_shaped
from portal.applications.models import Application, ApplicationEvent
from portal.audit.services import audit_record
from portal.backoffice.models import Delivery
from portal.documents.models import Document
from portal.institutions.models import Office
from portal.notifications.models import Notification
from procedures.engine.registry import registry


def procedure_name(slug: str) -> str:
    procedure = registry.get(slug)
    return str(procedure.title) if procedure else slug


class ProcedureFilter(admin.SimpleListFilter):
    title = _("procedure")
    parameter_name = "procedure"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(procedure.slug, str(procedure.title)) for procedure in registry.all()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Application]) -> QuerySet[Application]:
        return queryset.filter(procedure=self.value()) if self.value() else queryset


class OfficeFilter(admin.SimpleListFilter):
    """The office whose caseworker filed the application (assisted mode); online ones have none."""

    title = _("office")
    parameter_name = "office"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        offices = Office.objects.select_related("institution")
        return [(str(office.pk), str(office)) for office in offices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Application]) -> QuerySet[Application]:
        office = self.value()
        return queryset.filter(filed_by__office_id=office) if office else queryset


class DeliveryStateFilter(admin.SimpleListFilter):
    """Applications with at least one delivery in the chosen state (a failed one needs attention)."""

    title = _("delivery state")
    parameter_name = "delivery"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return Delivery.Status.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Application]) -> QuerySet[Application]:
        if not self.value():
            return queryset
        return queryset.filter(pk__in=Delivery.objects.filter(status=self.value()).values("application_id"))


class _ReadOnlyInline(admin.TabularInline):
    template = "admin/applications/readonly_table.html"
    extra = 0
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_read_citizens(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(_ReadOnlyInline):
    model = ApplicationEvent
    verbose_name = _("timeline event")
    verbose_name_plural = _("timeline")
    fields = readonly_fields = ("created_at", "to_status", "by", "institution", "message")

    @admin.display(description=_("by"))
    def by(self, event: ApplicationEvent) -> str:
        if event.institution_id:
            return str(_("the institution"))
        if event.actor is None:
            return str(_("the portal"))
        if getattr(event.actor, "is_staff_member", False):
            return event.actor.get_full_name() or event.actor.email
        return str(_("the applicant"))


class DeliveryInline(_ReadOnlyInline):
    model = Delivery
    show_change_link = True
    fields = readonly_fields = (
        "connector",
        "status",
        "attempts",
        "delivered_at",
        "next_attempt_at",
        "remote_reference",
        "last_error",
    )


class DocumentInline(_ReadOnlyInline):
    model = Document
    show_change_link = True
    fields = readonly_fields = ("kind", "number", "language", "file_name", "created_at")


class NotificationInline(_ReadOnlyInline):
    model = Notification
    fk_name = "application"
    fields = readonly_fields = ("channel", "about", "status", "attempts", "sent_at", "letter_link")

    @admin.display(description=_("status change"))
    def about(self, notification: Notification) -> str:
        return notification.event.get_to_status_display()

    @admin.display(description=_("letter"))
    def letter_link(self, notification: Notification) -> str:
        if notification.letter_id is None:
            return "—"
        url = reverse("admin:notifications_notification_letter", args=[notification.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download PDF"))


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "procedure_title",
        "status",
        "channel",
        "office",
        "deliveries_state",
        "submitted_at",
    )
    list_filter = (ProcedureFilter, "status", "channel", OfficeFilter, DeliveryStateFilter)
    search_fields = ("reference",)
    search_help_text = _("Search by reference (for example A1-2026-000123).") + " " + PERSONAL_CODE_HELP
    date_hierarchy = "submitted_at"
    list_select_related = ("filed_by__office",)
    fields = readonly_fields = (
        "reference",
        "procedure_title",
        "status",
        "channel",
        "person",
        "citizen_account",
        "office",
        "language",
        "level_of_assurance",
        "submitted_at",
    )
    inlines = (EventInline, DeliveryInline, DocumentInline, NotificationInline)

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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        return super().get_queryset(request).prefetch_related("deliveries")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Application], search_term: str
    ) -> tuple[QuerySet[Application], bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        by_reference = queryset.filter(reference__iexact=term)
        if by_reference.exists() or not personal_code_shaped(term):
            return by_reference, False
        # Not a reference: perhaps a person, by the exact personal code (a search that is audited).
        return citizens_search(request, code=term, within=queryset, user_field="applicant"), False

    def render_change_form(self, request: HttpRequest, context: Any, *args: Any, **kwargs: Any) -> Any:
        application = kwargs.get("obj")
        if application is not None:
            # The detail shows personal data: who read which application, and when.
            audit_record(action="applications.opened_in_admin", request=request, target=application)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("procedure"), ordering="procedure")
    def procedure_title(self, application: Application) -> str:
        return procedure_name(application.procedure)

    @admin.display(description=_("office"))
    def office(self, application: Application) -> str:
        office = application.filed_by.office if application.filed_by else None
        return office.name if office else "—"

    @admin.display(description=_("delivery"))
    def deliveries_state(self, application: Application) -> str:
        states = sorted({delivery.get_status_display() for delivery in application.deliveries.all()})
        return ", ".join(str(state) for state in states) or "—"

    @admin.display(description=_("person the application is for"))
    def person(self, application: Application) -> str:
        person = application.beneficiary
        name = f"{person.get('given_name', '')} {person.get('family_name', '')}".strip()
        return name or "—"

    @admin.display(description=_("citizen account"))
    def citizen_account(self, application: Application) -> str:
        identity = getattr(application.applicant, "citizen_identity", None)
        return citizen_name(identity) if identity is not None else "—"
