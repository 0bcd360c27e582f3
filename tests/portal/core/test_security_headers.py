import pytest
from allauth.mfa.totp.internal.auth import TOTP

from tests.conftest import TOTP_SECRET, totp_code
from tests.factories import STAFF_PASSWORD
from tests.html_inspection import csp_nonce, csp_violations
from tests.pages import PUBLIC_PAGES, STAFF_PAGES


@pytest.fixture
def staff_client(client, caseworker_with_totp):
    client.post("/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert client.get("/staff/").status_code == 200
    return client


def assert_strict_csp(response) -> None:
    header = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    assert csp_nonce(header)
    assert csp_violations(response.content.decode(), header) == []


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_a_strict_csp_and_no_inline_script(client, db, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert_strict_csp(response)


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_have_a_strict_csp_and_no_inline_script(staff_client, path):
    response = staff_client.get(path, follow=True)  # some ask for the password again first
    assert response.status_code == 200
    assert_strict_csp(response)


def test_second_factor_pages_have_a_strict_csp(client, caseworker_with_totp, administrator):
    client.post("/accounts/login/", {"login": caseworker_with_totp.email, "password": STAFF_PASSWORD})
    assert_strict_csp(client.get("/accounts/2fa/authenticate/"))
    client.logout()
    client.force_login(administrator)
    response = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert response.status_code == 200
    assert_strict_csp(response)


def test_every_script_carries_the_nonce_of_its_response(client, db):
    first, second = client.get("/"), client.get("/")
    assert csp_nonce(first["Content-Security-Policy"]) != csp_nonce(second["Content-Security-Policy"])
    nonce = csp_nonce(first["Content-Security-Policy"])
    assert f'nonce="{nonce}"' in first.content.decode()


def test_security_headers_are_sent(client, db):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_csp_check_catches_an_inline_script():
    # The inspection above must be able to fail.
    header = "script-src 'self' 'nonce-abc'"
    assert csp_violations("<script>alert(1)</script>", header) == ["inline <script> without src"]
    assert csp_violations('<a href="javascript:alert(1)" onclick="x()">x</a>', header)
    assert csp_violations('<script type="application/json">{}</script>', header) == []


ADMIN_PAGES = [
    "/admin/",
    "/admin/accounts/user/",
    "/admin/accounts/user/add/",
    "/admin/audit/auditevent/",
    "/admin/institutions/institution/add/",
    "/admin/pages/feedback/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_administrators_work_in_admin_under_the_same_csp(client, administrator, path):
    TOTP.activate(administrator, TOTP_SECRET)
    client.force_login(administrator)
    response = client.get(path)
    assert response.status_code == 200
    assert csp_violations(response.content.decode(), response["Content-Security-Policy"]) == []
