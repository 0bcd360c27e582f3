"""An administrator issues an institution's API token and sees it once, on a page that nothing keeps."""

import re

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.models import Session
from django.http import HttpRequest

from portal.backoffice.credentials import api_credential_issue
from portal.backoffice.models import ApiCredential

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"ssp_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}")
CHANGELIST = "/admin/backoffice/apicredential/"


def _chain(client, response):  # type: ignore[no-untyped-def]
    """Every response until the page the browser shows, redirects followed by hand (so each response's
    own Set-Cookie headers can be read)."""
    responses = [response]
    while responses[-1].status_code in (301, 302, 303):
        responses.append(client.get(responses[-1]["Location"]))
    return responses


def _add(admin_client, sodra):  # type: ignore[no-untyped-def]
    data = {"institution": sodra.pk, "name": "Case management", "procedures": ["pension"], "active": "on"}
    response = admin_client.post(f"{CHANGELIST}add/", data, headers={"Accept-Language": "en"})
    return _chain(admin_client, response)


def _assert_kept_nowhere(client, responses, token: str) -> None:  # type: ignore[no-untyped-def]
    """No Set-Cookie of the response chain, no cookie the browser holds and no session carries it."""
    secret = token.split(".", 1)[1]
    cookies = [morsel for response in responses for morsel in response.cookies.values()]
    cookies += list(client.cookies.values())
    for morsel in cookies:
        assert secret not in morsel.value, morsel.key
        if morsel.key == CookieStorage.cookie_name and morsel.value:
            # The messages cookie may be compressed: read it back as Django would.
            stored = CookieStorage(HttpRequest())._decode(morsel.value) or []
            assert all(secret not in str(message) for message in stored)
    for session in Session.objects.all():
        assert secret not in str(session.get_decoded())


def test_a_new_token_is_shown_once_on_its_own_page_and_never_in_a_cookie(admin_client, api, sodra):
    responses = _add(admin_client, sodra)
    response = responses[-1]

    assert len(responses) == 1  # the answer to the POST itself, not a redirect and a message
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    tokens = TOKEN.findall(page)
    assert len(tokens) == 1
    assert response["Content-Language"] == "en"
    assert "it will not be shown again" in page.lower()
    credential = ApiCredential.objects.get()
    assert f'href="{CHANGELIST}{credential.pk}/change/"' in page
    _assert_kept_nowhere(admin_client, responses, tokens[0])

    assert credential.procedures == ["pension"]
    assert api("get", "/api/v1/applications/", tokens[0]).status_code == 200
    # Going back (the add form), the list and the credential's page: the token is not there again.
    secret = tokens[0].split(".", 1)[1]
    for path in [f"{CHANGELIST}add/", CHANGELIST, f"{CHANGELIST}{credential.pk}/change/"]:
        again = admin_client.get(path)
        assert again.status_code == 200
        assert secret not in again.content.decode(), path
        assert not TOKEN.search(again.content.decode()), path
    _assert_kept_nowhere(admin_client, [], tokens[0])


def test_a_replaced_token_is_shown_once_and_the_old_one_stops_working(admin_client, api, sodra):
    credential, old_token = api_credential_issue(
        institution=sodra, name="Case management", procedures=["pension"]
    )

    responses = _chain(
        admin_client,
        admin_client.post(CHANGELIST, {"action": "rotate", "_selected_action": [str(credential.pk)]}),
    )
    response = responses[-1]

    assert len(responses) == 1
    assert "no-store" in response["Cache-Control"]
    tokens = TOKEN.findall(response.content.decode())
    assert len(tokens) == 1
    assert tokens[0] != old_token
    _assert_kept_nowhere(admin_client, responses, tokens[0])
    assert api("get", "/api/v1/applications/", old_token).status_code == 401
    assert api("get", "/api/v1/applications/", tokens[0]).status_code == 200
    listing = admin_client.get(CHANGELIST).content.decode()
    assert not TOKEN.search(listing)


def test_changing_a_credential_shows_no_token(admin_client, sodra):
    credential, token = api_credential_issue(
        institution=sodra, name="Case management", procedures=["pension"]
    )

    response = admin_client.post(
        f"{CHANGELIST}{credential.pk}/change/",
        {"institution": sodra.pk, "name": "Renamed", "procedures": ["pension"]},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == CHANGELIST
    assert not TOKEN.search(response.content.decode())
    assert token.split(".", 1)[1] not in response.content.decode()
    credential.refresh_from_db()
    assert (credential.name, credential.active) == ("Renamed", False)
