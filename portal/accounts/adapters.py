from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from portal.accounts.selectors import user_display_name
from portal.core.http import client_ip

LOGGED_IN = "account/messages/logged_in.txt"


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

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        """After a sign-in (a staff password or an eIDAS login), greet the person by name; say nothing
        rather than show an account's internal username."""
        if message_template == LOGGED_IN and message is None:
            name = user_display_name((message_context or {}).get("user"))
            if not name:
                return
            message, message_template = _("You are signed in as {name}.").format(name=name), None
        super().add_message(request, level, message_template, message_context, extra_tags, message)
