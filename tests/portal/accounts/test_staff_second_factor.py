"""Staff sign in with e-mail, password and a second factor; without one they can do nothing else."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.conftest import TOTP_SECRET, totp_code
from tests.factories import STAFF_PASSWORD

STAFF_PAGES = ["/staff/", "/admin/", "/admin/accounts/user/", "/admin/audit/auditevent/", "/", "/contact/"]
SETUP_URL = "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_without_second_factor_are_sent_to_set_one_up(client, administrator, path):
    client.force_login(administrator)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == SETUP_URL


def test_caseworker_without_second_factor_cannot_reach_staff_home(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/staff/")["Location"] == SETUP_URL


def test_password_alone_does_not_sign_in_staff_who_have_a_second_factor(client, caseworker_with_totp):
    response = client.post(
        "/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Not signed in yet: staff pages still ask for a sign-in.
    assert client.get("/staff/")["Location"].startswith("/accounts/login/")


def test_staff_sign_in_with_password_and_authenticator_code(client, caseworker_with_totp):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.post("/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()}, follow=True)
    assert response.redirect_chain[-1][0] == "/staff/"
    assert "Staff home" in response.content.decode()


def test_a_wrong_authenticator_code_is_refused_with_a_message(client, caseworker_with_totp):
    client.post("/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD})
    response = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if totp_code() != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_staff_can_set_up_an_authenticator_app_and_then_work(client, administrator):
    client.post("/accounts/login/", {"login": administrator.email, "password": STAFF_PASSWORD})
    page = client.get(SETUP_URL)
    if page.status_code == 302 and "reauthenticate" in page["Location"]:
        client.post(page["Location"], {"password": STAFF_PASSWORD})
        page = client.get(SETUP_URL)
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(SETUP_URL, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=administrator, type=Authenticator.Type.TOTP).exists()
    assert client.get("/staff/").status_code == 200


def test_admin_sign_in_goes_through_the_second_factor(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_there_is_no_public_sign_up(client, db):
    response = client.post(
        "/accounts/signup/", {"email": "new@example.test", "password1": "A-long-password-1"}
    )
    from portal.accounts.models import User

    assert not User.objects.filter(email="new@example.test").exists()
    assert response.status_code == 200
    assert "closed" in response.content.decode().lower() or "uždaryta" in response.content.decode().lower()


def test_repeated_wrong_passwords_are_rate_limited(client, caseworker):
    for _ in range(5):
        client.post("/accounts/login/", {"login": caseworker.email, "password": "wrong-password-1"})
    # Even the right password is refused for a while, with a message saying so.
    response = client.post("/accounts/login/", {"login": caseworker.email, "password": STAFF_PASSWORD})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_citizens_cannot_sign_in_with_a_password(client, citizen):
    citizen.email = "citizen@example.test"
    citizen.save()
    response = client.post("/accounts/login/", {"login": "citizen@example.test", "password": ""})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_citizens_cannot_open_staff_pages(client, citizen):
    client.force_login(citizen)
    assert client.get("/staff/").status_code == 403
    assert client.get("/admin/").status_code == 302


def test_totp_secret_fixture_is_not_the_same_as_a_fresh_one():
    # Guards the helpers above: a code for another secret must differ (else the tests prove nothing).
    assert totp_code(TOTP_SECRET) != totp_code("KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU")


def test_an_authenticator_code_works_only_once(client, caseworker_with_totp):
    code = totp_code()
    client.post("/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD})
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200  # refused: the form again, with an error
    assert client.get("/staff/").status_code == 302
