from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from portal.backoffice.connectors import CONNECTORS, connector_get
from portal.backoffice.models import Delivery, DeliveryRoute
from portal.backoffice.services import delivery_retry_now


@admin.register(DeliveryRoute)
class DeliveryRouteAdmin(admin.ModelAdmin):
    list_display = ["procedure", "connector", "active", "configuration"]
    list_filter = ["procedure", "connector", "active"]

    @admin.display(description=_("configuration check"))
    def configuration(self, route: DeliveryRoute) -> str:
        if route.connector not in CONNECTORS:
            return str(_("unknown connector"))
        problems = connector_get(route.connector).check_config(route.options, route.secret)
        return "; ".join(problems) or str(_("ready"))


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["application", "connector", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "connector", "application__procedure"]
    search_fields = ["application__reference"]
    readonly_fields = [field.name for field in Delivery._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Retry now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        for delivery in queryset:
            delivery_retry_now(delivery=delivery, actor=request.user)
        self.message_user(request, _("The deliveries were queued again."), messages.SUCCESS)
