from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record
from portal.backoffice.connectors import CONNECTORS, connector_get
from portal.backoffice.credentials import api_credential_add, api_credential_rotate
from portal.backoffice.models import ApiCredential, Delivery, DeliveryRoute
from portal.backoffice.services import delivery_retry_now
from procedures.engine.registry import registry


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


class ApiCredentialForm(forms.ModelForm):
    procedures = forms.MultipleChoiceField(
        label=_("Procedures"),
        choices=lambda: [(procedure.slug, procedure.title) for procedure in registry.all()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The credential sees and updates only applications of these procedures."),
    )

    class Meta:
        model = ApiCredential
        fields = ["institution", "name", "procedures", "active"]


@admin.register(ApiCredential)
class ApiCredentialAdmin(admin.ModelAdmin):
    """Institutions' keys to /api/v1/. The token is shown once, when it is issued or replaced."""

    form = ApiCredentialForm
    list_display = ["name", "institution", "key_id", "procedures", "active", "created_at", "last_used_at"]
    list_filter = ["institution", "active"]
    readonly_fields = ["key_id", "created_at", "last_used_at"]
    actions = ["rotate"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # deactivate instead: the audit trail names the key

    def save_model(self, request: HttpRequest, obj: ApiCredential, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            audit_record(action="backoffice.api_credential_changed", request=request, target=obj)
            return
        self._show_token(request, api_credential_add(credential=obj, actor=request.user))

    def _show_token(self, request: HttpRequest, token: str) -> None:
        self.message_user(
            request,
            _("Copy this token now and give it to the institution: it is not shown again. %(token)s")
            % {"token": token},
            messages.WARNING,
        )

    @admin.action(description=_("Issue a new token (the old one stops working)"))
    def rotate(self, request: HttpRequest, queryset: QuerySet[ApiCredential]) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one credential."), messages.ERROR)
            return
        self._show_token(request, api_credential_rotate(credential=queryset.get(), actor=request.user))
