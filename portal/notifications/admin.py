"""Notifications in admin, for administrators only (as applications: whatever permissions a user has been
given, caseworkers never open admin).

- "Notifications": every e-mail sent and letter made, read-only.
- "Letters to print": the print room's queue, oldest first, by office of the caseworker who filed the
  application or by date; "Mark as printed and posted" takes a letter off the queue (who and when are
  kept and audited); each letter's PDF is downloaded from the list (audited).
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.accounts.admin import may_read_citizens
from portal.audit.services import audit_record
from portal.documents.services import document_content
from portal.institutions.models import Office
from portal.notifications.models import LetterToPrint, Notification
from portal.notifications.services import letters_mark_printed

ONLINE = "online"


class _AdministratorsOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_read_citizens(request)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return may_read_citizens(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Allows the "printed and posted" action on the list; the rows themselves are never edited.
        return obj is None and may_read_citizens(request)

    @admin.display(description=_("status change"))
    def event_status(self, notification: Notification) -> str:
        return notification.event.get_to_status_display()

    @admin.display(description=_("letter"))
    def letter_link(self, notification: Notification) -> str:
        if notification.letter_id is None:
            return "—"
        url = reverse("admin:notifications_notification_letter", args=[notification.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download PDF"))

    @admin.action(description=_("Mark as printed and posted"), permissions=["change"])
    def mark_printed(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        printed = letters_mark_printed(letters=queryset, actor=request.user, request=request)
        self.message_user(
            request,
            _("Letters marked as printed: %(count)d") % {"count": printed},
            messages.SUCCESS,
        )


@admin.register(Notification)
class NotificationAdmin(_AdministratorsOnly):
    """Emails sent and letters made. The print room works from "Letters to print"."""

    list_display = [
        "application",
        "channel",
        "event_status",
        "status",
        "attempts",
        "created_at",
        "letter_link",
    ]
    list_filter = ["status", "channel", "application__procedure"]
    search_fields = ["application__reference"]
    readonly_fields = [field.name for field in Notification._meta.fields]
    actions = ["mark_printed"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        return super().get_queryset(request).select_related("application", "event", "letter")

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<uuid:notification_id>/letter/",
                self.admin_site.admin_view(self.letter_download),
                name="notifications_notification_letter",
            ),
            *super().get_urls(),
        ]

    def letter_download(self, request: HttpRequest, notification_id: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise Http404
        notification = (
            Notification.objects.select_related("letter", "application").filter(pk=notification_id).first()
        )
        if notification is None or notification.letter is None:
            raise Http404
        audit_record(
            action="notifications.letter_downloaded",
            request=request,
            target=notification.application,
            details={"notification": str(notification.pk)},
        )
        response = HttpResponse(document_content(notification.letter), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{notification.letter.file_name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class OfficeFilter(admin.SimpleListFilter):
    """The office whose caseworker filed the application; letters of applications sent online apart."""

    title = _("office")
    parameter_name = "office"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        offices = Office.objects.select_related("institution")
        return [(ONLINE, str(_("Sent online"))), *((str(office.pk), str(office)) for office in offices)]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        office = self.value()
        if not office:
            return queryset
        if office == ONLINE:
            return queryset.filter(application__filed_by__isnull=True)
        return queryset.filter(application__filed_by__office_id=office)


@admin.register(LetterToPrint)
class LetterToPrintAdmin(_AdministratorsOnly):
    """Letters waiting to be printed and posted, oldest first. A letter marked printed leaves the list."""

    list_display = ["application", "event_status", "language", "office", "created_at", "letter_link"]
    list_display_links = None
    list_filter = [OfficeFilter, "application__procedure"]
    date_hierarchy = "created_at"
    search_fields = ["application__reference"]
    ordering = ["created_at"]
    actions = ["mark_printed"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[LetterToPrint]:
        return (
            super()
            .get_queryset(request)
            .filter(
                channel=Notification.Channel.LETTER,
                status=Notification.Status.TO_PRINT,
                letter__isnull=False,
            )
            .select_related("application__filed_by__office__institution", "event", "letter")
        )

    @admin.display(description=_("office"))
    def office(self, letter: LetterToPrint) -> str:
        filed_by = letter.application.filed_by
        office = filed_by.office if filed_by is not None else None
        return str(office) if office is not None else str(_("Sent online"))
