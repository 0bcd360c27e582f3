from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record
from portal.documents.services import document_content
from portal.notifications.models import Notification
from portal.notifications.services import letters_mark_printed


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Emails sent and letters to print. The print room filters on "Waiting to be printed"."""

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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # The change permission allows the "printed" action; the rows themselves are never edited.
        return obj is None and super().has_change_permission(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        return super().get_queryset(request).select_related("application", "event", "letter")

    @admin.display(description=_("status change"))
    def event_status(self, notification: Notification) -> str:
        return notification.event.get_to_status_display()

    @admin.display(description=_("letter"))
    def letter_link(self, notification: Notification) -> str:
        if notification.letter_id is None:
            return "—"
        url = reverse("admin:notifications_notification_letter", args=[notification.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download PDF"))

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
            action="notifications.letter_downloaded", request=request, target=notification.application
        )
        response = HttpResponse(document_content(notification.letter), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{notification.letter.file_name}"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=_("Mark as printed and posted"), permissions=["change"])
    def mark_printed(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        printed = letters_mark_printed(letters=queryset, actor=request.user)
        self.message_user(
            request, _("Letters marked as printed: %(count)d") % {"count": printed}, messages.SUCCESS
        )
