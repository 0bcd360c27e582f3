from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest


class EidasSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Accounts behind eIDAS logins are created by portal.eidas.services before allauth sees them, so
    allauth never has to sign anybody up; any other social sign-up stays closed."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False
