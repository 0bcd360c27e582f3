"""The caseworker's home: start an application for someone, their own recent applications and drafts
(each with where it stands), and the search; the staff home leads there."""

import pytest

from portal.audit.models import AuditEvent
from tests.factories import UserFactory
from tests.portal.assisted.desk import another_person, case_made

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, caseworker_with_totp):  # type: ignore[no-untyped-def]
    client.force_login(caseworker_with_totp)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_staff_home_leads_a_caseworker_to_assisted_applications(desk):
    html = desk.get("/staff/").content.decode()
    assert 'href="/assisted/"' in html
    assert "coming soon" not in html


def test_the_staff_home_of_an_administrator_has_no_assisted_applications(admin_client):
    html = admin_client.get("/staff/").content.decode()
    assert 'href="/assisted/"' not in html


def test_the_home_lists_my_drafts_and_sent_applications_with_where_they_stand(desk, caseworker_with_totp):
    draft = case_made(caseworker_with_totp, given_name="Ona")
    born, code = another_person(321)
    sent = case_made(caseworker_with_totp, sent=True, given_name="Petras", born=born, code=code)
    html = desk.get("/assisted/").content.decode()
    assert 'href="/assisted/new/"' in html and "Start an application for someone" in html
    assert "Ona Petraitienė" in html and f'href="/assisted/{draft.pk}/procedure/"' in html
    assert "Draft in progress" in html
    assert f'href="/assisted/{sent.pk}/handover/"' in html
    assert "Sent: A1-" in html and "Sent</strong>" in html  # the reference and the status
    assert 'action="/assisted/search/"' in html


def test_the_home_lists_only_my_cases_not_my_colleagues(desk, caseworker_with_totp):
    colleague = UserFactory(caseworker=True, office=caseworker_with_totp.office)
    mine = case_made(caseworker_with_totp)
    theirs = case_made(colleague, given_name="Jonas")
    html = desk.get("/assisted/").content.decode()
    assert str(mine.pk) in html and str(theirs.pk) not in html
    assert "Jonas" not in html


def test_showing_the_home_is_audited_with_the_cases_shown_and_no_names(desk, caseworker_with_totp):
    case = case_made(caseworker_with_totp)
    desk.get("/assisted/")
    event = AuditEvent.objects.get(action="assisted.cases_listed")
    assert event.actor_id == caseworker_with_totp.pk
    assert event.details == {"page": "home", "count": 1, "cases": [str(case.pk)]}


def test_citizens_and_administrators_cannot_open_the_caseworkers_home(client, citizen, admin_client):
    assert admin_client.get("/assisted/").status_code == 403
    client.force_login(citizen)
    assert client.get("/assisted/").status_code == 403
