from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PensionConfig(AppConfig):
    name = "procedures.pension"
    label = "pension"
    verbose_name = _("Pension claim")

    def ready(self) -> None:
        from procedures.engine.registry import registry
        from procedures.pension.definition import PROCEDURE

        registry.register(PROCEDURE)
