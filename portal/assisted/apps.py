from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistedConfig(AppConfig):
    name = "portal.assisted"
    label = "assisted"
    verbose_name = _("Assisted applications")
