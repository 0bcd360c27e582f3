from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class StaffAccountAdapter(DefaultAccountAdapter):
    """Password accounts are for staff only and are created by administrators: no public sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
