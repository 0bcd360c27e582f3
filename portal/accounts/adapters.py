from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from portal.core.http import client_ip


class StaffAccountAdapter(DefaultAccountAdapter):
    """Password accounts are for staff only and are created by administrators: no public sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """The address sign-in limits count: the same rule as the API's limit and the audit trail."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip
