"""Sign-in limits count clients by the same address as the API's limit and the audit trail."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory

from portal.core.http import client_ip

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [
        (1, "203.0.113.7"),
        (1, "192.0.2.1, 192.0.2.2, 203.0.113.7"),  # made-up entries in front of the proxy's
        (2, "192.0.2.1, 203.0.113.7, 10.0.0.1"),
        (2, "203.0.113.7"),  # reached through one proxy only: not a server error
        (0, "192.0.2.1"),
    ],
)
def test_sign_in_limits_see_the_client_as_the_api_and_the_audit_trail_do(settings, proxies, forwarded):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post("/accounts/login/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=PROXY)

    assert get_adapter(request).get_client_ip(request) == client_ip(request)


def test_a_sign_in_through_fewer_proxies_than_configured_is_answered(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2

    response = client.post(
        "/accounts/login/",
        {"login": "nobody@example.lt", "password": "wrong password"},
        headers={"X-Forwarded-For": "203.0.113.7"},
        REMOTE_ADDR=PROXY,
    )

    assert response.status_code == 200  # the form again, with its error; not a server error
