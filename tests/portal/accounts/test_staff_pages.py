"""Staff sign-in, second factor and password pages are the portal's own, and a wrong code is audited."""

import re

import pytest
from django.urls import reverse

from portal.audit.models import AuditEvent
from tests.conftest import totp_code
from tests.factories import STAFF_PASSWORD

# What django-allauth's own templates say: none of it may reach a staff member.
ALLAUTH_WORDING = [
    "Two-Factor Authentication",
    "Sign In",
    "Sign Out",
    "Confirm Access",
    "Change Password",
    "Password Reset",
    "Please enter an authenticator code",
    "Are you sure you want to sign out",
    "Dviejų Faktorių Autentifikacija",
    "Prašome įvesti autentifikatoriaus kodą",
    "Patvirtinkite Prieigą",
    "Slaptažodžio atstatymas",
]
EID_LOG_IN = 'href="/eidas/login/'


def _wrong_code() -> str:
    return "000000" if totp_code() != "000000" else "111111"


def _page(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return response.content.decode()


def _assert_portal_page(page: str, language: str) -> None:
    assert f'<html lang="{language}"' in page
    assert EID_LOG_IN not in page  # the citizen's eID "Log in" is not for staff
    for words in ALLAUTH_WORDING:
        assert words not in page, words


@pytest.mark.parametrize("language", ["lt", "en"])
def test_signing_in_with_the_second_factor_happens_on_the_portals_own_pages(
    client, caseworker_with_totp, language
):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    _assert_portal_page(_page(client.get("/accounts/login/")), language)
    client.post("/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD})

    page = _page(client.get(reverse("mfa_authenticate")))
    _assert_portal_page(page, language)
    assert 'autocomplete="one-time-code"' in page
    assert 'placeholder="' not in page  # instructions stay in the label and hint
    if language == "en":
        assert re.search(r"<h1[^>]*>Enter your authenticator code</h1>", page)
    # A way back out of a half-done sign-in, without JavaScript.
    assert 'form="logout-from-stage"' in page
    assert "security key" not in page.lower()  # this caseworker has none

    error_page = _page(client.post(reverse("mfa_authenticate"), {"code": _wrong_code()}))
    _assert_portal_page(error_page, language)
    assert "govuk-error-summary" in error_page
    assert "govuk-input--error" in error_page


@pytest.mark.parametrize("language", ["lt", "en"])
def test_signed_in_staff_see_a_staff_sign_out_and_the_portals_own_account_pages(
    client, caseworker_with_totp, language
):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    client.force_login(caseworker_with_totp)
    for path in [
        "/accounts/2fa/",
        "/accounts/password/change/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/accounts/2fa/reauthenticate/",
    ]:
        page = _page(client.get(path))
        _assert_portal_page(page, language)
        header = page.split('id="main-content"', 1)[0]
        assert 'action="/accounts/logout/"' in header, path


@pytest.mark.parametrize("language", ["lt", "en"])
def test_password_reset_pages_are_the_portals_own(client, db, language):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    for path in ["/accounts/password/reset/", "/accounts/password/reset/done/"]:
        _assert_portal_page(_page(client.get(path)), language)
    broken_link = _page(client.get("/accounts/password/reset/key/1-set-password/"))
    _assert_portal_page(broken_link, language)
    assert 'href="/accounts/password/reset/"' in broken_link  # ask for a new link


def test_setting_up_the_authenticator_app_is_explained_on_the_portals_own_page(client, administrator):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.post("/accounts/login/", {"login": administrator.email, "password": STAFF_PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": STAFF_PASSWORD})
    page = _page(client.get("/accounts/2fa/totp/activate/"))
    _assert_portal_page(page, "en")
    assert re.search(r"<h1[^>]*>Set up your authenticator app</h1>", page)
    assert client.session["mfa.totp.secret"] in page  # for people who cannot scan the QR code
    assert 'alt="QR code for your authenticator app"' in page


def test_a_wrong_authenticator_code_is_audited_without_the_code(client, caseworker_with_totp):
    wrong = _wrong_code()
    client.post("/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": wrong})

    event = AuditEvent.objects.get(action="mfa.authentication_failed")
    assert event.actor_id == caseworker_with_totp.pk
    assert event.ip_address == "127.0.0.1"
    assert event.details == {"type": "totp", "reauthentication": False}
    assert wrong not in str(event.details)
    # The right code afterwards signs in, and is not reported as a failure.
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert AuditEvent.objects.filter(action="mfa.authentication_failed").count() == 1
    assert AuditEvent.objects.filter(action="auth.login", actor_id=caseworker_with_totp.pk).exists()


def test_a_wrong_code_when_confirming_it_is_you_is_audited(client, caseworker_with_totp):
    client.force_login(caseworker_with_totp)
    client.post("/accounts/2fa/reauthenticate/", {"code": _wrong_code()})
    event = AuditEvent.objects.get(action="mfa.authentication_failed")
    assert event.actor_id == caseworker_with_totp.pk
    assert event.details["reauthentication"] is True
