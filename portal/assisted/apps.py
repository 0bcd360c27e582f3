from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistedConfig(AppConfig):
    name = "portal.assisted"
    label = "assisted"
    verbose_name = _("Assisted applications")

    def ready(self) -> None:
        # The eIDAS login's handler for a person who signs in with their eID on the caseworker's device.
        from portal.assisted import eid  # noqa: F401
