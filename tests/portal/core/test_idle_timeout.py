import time_machine

from portal.audit.models import AuditEvent


def test_a_citizen_is_signed_out_after_fifteen_idle_minutes(client, citizen):
    with time_machine.travel("2026-11-24 10:00", tick=False) as clock:
        client.force_login(citizen)
        assert client.get("/").context["user"].is_authenticated
        clock.shift(14 * 60)
        assert client.get("/").context["user"].is_authenticated
        clock.shift(15 * 60 + 1)
        response = client.get("/contact/")
    assert response.status_code == 302
    assert response["Location"] == "/session/ended/"
    page = client.get("/session/ended/", headers={"Accept-Language": "en"})
    assert "You have been signed out" in page.content.decode()
    assert AuditEvent.objects.filter(action="auth.logout").exists()


def test_staff_have_their_own_idle_timeout(client, caseworker_with_totp, settings):
    settings.SESSION_IDLE_TIMEOUT_STAFF = 30 * 60
    with time_machine.travel("2026-11-24 10:00", tick=False) as clock:
        client.force_login(caseworker_with_totp)
        client.get("/staff/")
        clock.shift(20 * 60)
        assert client.get("/staff/").status_code == 200
        clock.shift(31 * 60)
        assert client.get("/staff/")["Location"] == "/session/ended/"


def test_asking_for_the_time_left_does_not_keep_the_session_alive(client, citizen):
    with time_machine.travel("2026-11-24 10:00", tick=False) as clock:
        client.force_login(citizen)
        client.get("/")
        clock.shift(10 * 60)
        assert client.get("/session/status/").json() == {"authenticated": True, "remaining": 5 * 60}
        clock.shift(6 * 60)
        assert client.get("/session/status/").json() == {"authenticated": False, "remaining": 0}


def test_stay_signed_in_restarts_the_clock(client, citizen):
    with time_machine.travel("2026-11-24 10:00", tick=False) as clock:
        client.force_login(citizen)
        client.get("/")
        clock.shift(14 * 60)
        response = client.post("/session/extend/", headers={"Accept": "application/json"})
        assert response.json() == {"authenticated": True, "remaining": 15 * 60}
        clock.shift(14 * 60)
        assert client.get("/").context["user"].is_authenticated


def test_stay_signed_in_works_without_javascript(client, citizen):
    client.force_login(citizen)
    response = client.post("/session/extend/", {"next": "/contact/"})
    assert response["Location"] == "/contact/"
    assert client.post("/session/extend/", {"next": "https://evil.example/"})["Location"] == "/"


def test_signed_in_pages_carry_the_warning_dialog(client, citizen, settings):
    settings.SESSION_TIMEOUT_WARNING = 120
    client.force_login(citizen)
    html = client.get("/").content.decode()
    assert 'id="session-timeout-dialog"' in html
    assert 'data-timeout="900"' in html and 'data-warning="120"' in html


def test_anonymous_pages_have_no_warning_dialog(client, db):
    assert 'id="session-timeout-dialog"' not in client.get("/").content.decode()
