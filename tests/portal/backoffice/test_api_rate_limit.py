"""The API's limit counts each real client behind the proxies, whatever it writes in X-Forwarded-For."""

import pytest
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the load balancer: what the portal sees as REMOTE_ADDR
CLIENT, OTHER_CLIENT = "203.0.113.7", "198.51.100.20"


@pytest.fixture
def three_a_minute(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "institution": "3/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    SimpleRateThrottle.THROTTLE_RATES = rates  # read once, at import
    yield
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def _call(client, path: str, *, real: str, made_up: str = "", token: str = ""):  # type: ignore[no-untyped-def]
    # The client wrote ``made_up``; the trusted proxy appended the address it saw and connected itself.
    forwarded = f"{made_up}, {real}" if made_up else real
    headers = {"X-Forwarded-For": forwarded}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.get(path, headers=headers, REMOTE_ADDR=PROXY).status_code


def test_made_up_forwarded_addresses_do_not_reset_the_limit_for_calls_without_a_token(client, three_a_minute):
    codes = [
        _call(client, "/api/v1/applications/", real=CLIENT, made_up=f"192.0.2.{n}, 192.0.2.{n + 100}")
        for n in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    # A guessed token is no way around it either.
    assert _call(client, "/api/v1/applications/", real=CLIENT, token="ssp_0123.guess") == 429


def test_the_public_schema_is_limited_per_real_client(client, three_a_minute):
    codes = [_call(client, "/api/v1/schema/", real=CLIENT, made_up=f"192.0.2.{n}") for n in range(4)]
    assert codes == [200, 200, 200, 429]
    assert _call(client, "/api/v1/schema/", real=OTHER_CLIENT) == 200


def test_different_real_clients_behind_the_same_proxy_have_their_own_limits(client, three_a_minute):
    first = [_call(client, "/api/v1/applications/", real=CLIENT) for _ in range(4)]
    other = [_call(client, "/api/v1/applications/", real=OTHER_CLIENT, made_up=CLIENT) for _ in range(3)]
    assert first == [401, 401, 401, 429]
    assert other == [401, 401, 401]  # claiming to be the first client does not borrow its count
