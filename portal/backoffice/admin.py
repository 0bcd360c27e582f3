from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record
from portal.backoffice.connectors import CONNECTORS, connector_get
from portal.backoffice.credentials import api_credential_add, api_credential_rotate
from portal.backoffice.models import ApiCredential, Delivery, DeliveryRoute
from portal.pipeline.services import delivery_retry_now
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
    """Institutions' keys to /api/v1/. The token is shown once, when it is issued or replaced.

    The token page is the response to the POST that made the token: never a redirect and a message,
    which would carry the secret in the messages cookie (or store it in the session), and ``no-store`` so
    no cache keeps it. Reloading or going back cannot show it again: only its hash exists.
    """

    form = ApiCredentialForm
    list_display = [
        "name",
        "institution",
        "key_id",
        "procedure_names",
        "active",
        "created_at",
        "last_used_at",
    ]
    list_filter = ["institution", "active"]
    readonly_fields = ["key_id", "created_at", "last_used_at"]
    actions = ["rotate"]

    @admin.display(description=_("procedures"))
    def procedure_names(self, credential: ApiCredential) -> str:
        """The procedures' names from the registry (a slug no longer registered is shown as it is)."""
        names = []
        for slug in credential.procedures:
            procedure = registry.get(slug)
            names.append(str(procedure.title) if procedure else slug)
        return ", ".join(names) or "—"

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # deactivate instead: the audit trail names the key

    def save_model(self, request: HttpRequest, obj: ApiCredential, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            audit_record(action="backoffice.api_credential_changed", request=request, target=obj)
            return
        # Kept on this request only, for response_add below; nothing stores it.
        request.api_token = api_credential_add(credential=obj, actor=request.user)  # type: ignore[attr-defined]

    def response_add(self, request: HttpRequest, obj: ApiCredential, post_url_continue: Any = None) -> Any:
        token = getattr(request, "api_token", None)
        if token is None:
            return super().response_add(request, obj, post_url_continue)
        return self._token_page(request, obj, token)

    def _token_page(self, request: HttpRequest, credential: ApiCredential, token: str) -> TemplateResponse:
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("The new API token"),
            "opts": opts,
            "credential": credential,
            "token": token,
            "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[credential.pk]),
        }
        response = TemplateResponse(request, "admin/backoffice/apicredential/token.html", context)
        add_never_cache_headers(response)  # Cache-Control: no-store (and private, no-cache)
        return response

    @admin.action(description=_("Issue a new token (the old one stops working)"))
    def rotate(self, request: HttpRequest, queryset: QuerySet[ApiCredential]) -> TemplateResponse | None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one credential."), messages.ERROR)
            return None
        credential = queryset.get()
        token = api_credential_rotate(credential=credential, actor=request.user)
        return self._token_page(request, credential, token)
