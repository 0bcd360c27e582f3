from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "portal.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        # Sign-ins and second-factor changes happen inside django-allauth; its signals are the only way
        # to observe them, so the receivers that audit them are connected here.
        from portal.audit import receivers  # noqa: F401
