from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EidasConfig(AppConfig):
    name = "portal.eidas"
    label = "eidas"
    verbose_name = _("eIDAS login")
