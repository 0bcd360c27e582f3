import pytest

from portal.audit.models import AuditEvent
from portal.eidas import constants as c
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login

pytestmark = pytest.mark.django_db


def test_citizen_pages_send_anonymous_visitors_to_the_eidas_login(client):
    response = client.get("/my/")
    assert response["Location"] == "/eidas/login/?next=/my/"


def test_citizen_pages_need_the_required_level_of_assurance(client, citizen, settings):
    client.force_login(citizen)
    session = client.session
    session["eidas_loa"] = c.LOA_SUBSTANTIAL
    session.save()
    assert client.get("/my/").status_code == 200
    settings.EIDAS_REQUIRED_LOA = c.LOA_HIGH  # a procedure configured to need "high"
    assert client.get("/my/")["Location"].startswith("/eidas/login/")


def test_staff_are_not_citizens(client, caseworker_with_totp):
    client.force_login(caseworker_with_totp)
    assert client.get("/my/")["Location"].startswith("/eidas/login/")


def test_the_header_shows_the_citizens_name_and_a_sign_out_button(client):
    post_acs(client, node_response(start_login(client), "lv-parent"))
    html = client.get("/").content.decode()
    assert "Anna Bērziņa" in html
    assert 'action="/eidas/logout/"' in html


def test_signing_out_ends_the_session_and_is_audited(client):
    post_acs(client, node_response(start_login(client), "lt-worker"))
    response = client.post("/eidas/logout/")
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="eidas.logout").exists()
    assert client.get("/my/").status_code == 302


def test_the_login_goes_through_allauths_social_account_flow(client):
    from allauth.socialaccount.models import SocialAccount

    post_acs(client, node_response(start_login(client), "de-self-employed"))
    account = SocialAccount.objects.get(provider="eidas")
    assert account.user_id == int(client.session["_auth_user_id"])
    # The uid is a keyed hash, never the PersonIdentifier (personal data stays encrypted).
    assert "DE/LT" not in account.uid and len(account.uid) == 64
    assert account.extra_data == {}
    # A second login finds the same account.
    again = type(client)()
    post_acs(again, node_response(start_login(again), "de-self-employed"))
    assert SocialAccount.objects.count() == 1
