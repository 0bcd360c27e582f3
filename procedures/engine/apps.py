from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngineConfig(AppConfig):
    name = "procedures.engine"
    label = "procedure_engine"
    verbose_name = _("Procedure engine")
