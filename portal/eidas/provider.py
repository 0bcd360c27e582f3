"""eIDAS as a django-allauth social-account provider.

Citizens and staff share one account system: after the SAML response has been validated
(portal.eidas.responses), the citizen's login is handed to allauth's social-account flow, which signs
them in, records the authentication and sends its signals, as for any other provider. The account's
``uid`` is the keyed hash of the PersonIdentifier, never the identifier itself (it is personal data
and is stored only encrypted, in CitizenIdentity).
"""

from typing import Any

from allauth.socialaccount.providers.base import Provider, ProviderAccount
from django.http import HttpRequest
from django.urls import reverse


class EidasAccount(ProviderAccount):
    def to_str(self) -> str:
        return "eIDAS"


class EidasProvider(Provider):
    id = "eidas"
    name = "eIDAS"
    account_class = EidasAccount
    uses_apps = False  # the node is configured in settings, not as an allauth SocialApp

    def get_login_url(self, request: HttpRequest, **kwargs: Any) -> str:
        return reverse("eidas:login")

    def extract_uid(self, data: dict[str, Any]) -> str:
        return str(data["uid"])

    def extract_extra_data(self, data: dict[str, Any]) -> dict[str, Any]:
        return {}  # nothing beyond the uid is kept on the allauth side

    def extract_common_fields(self, data: dict[str, Any]) -> dict[str, Any]:
        return {}


provider_classes = [EidasProvider]
