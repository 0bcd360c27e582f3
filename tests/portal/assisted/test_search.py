"""Search of the office's assisted applications: by reference or by the person's exact personal code
(however it is typed), always with a reason, audited without what was typed; other offices' cases are
never found."""

import pytest

from portal.assisted.selectors import case_application
from portal.audit.models import AuditEvent
from tests.factories import UserFactory
from tests.portal.assisted.desk import another_person, case_made
from tests.portal.assisted.journey import CODE

pytestmark = pytest.mark.django_db

AT_THE_DESK = {"reason": "desk"}


@pytest.fixture
def desk(client, caseworker_with_totp):  # type: ignore[no-untyped-def]
    client.force_login(caseworker_with_totp)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _search(client, query: str, **reason: str) -> str:  # type: ignore[no-untyped-def]
    response = client.post("/assisted/search/", {"query": query, **(reason or AT_THE_DESK)})
    assert response.status_code == 200
    return response.content.decode()


def test_a_personal_code_finds_the_offices_cases_of_that_person_however_it_is_typed(
    desk, caseworker_with_totp
):
    colleague = UserFactory(caseworker=True, office=caseworker_with_totp.office)
    mine, theirs = case_made(caseworker_with_totp), case_made(colleague)
    born, code = another_person(321)
    someone_else = case_made(caseworker_with_totp, born=born, code=code, given_name="Petras")
    spaced = f"{CODE[:1]} {CODE[1:7]} {CODE[7:]}"
    html = _search(desk, spaced)
    assert f"/assisted/{mine.pk}/" in html and f"/assisted/{theirs.pk}/" in html
    assert f"/assisted/{someone_else.pk}/" not in html
    assert colleague.email in html  # the office's cases say who started them


def test_a_reference_finds_the_sent_application_of_the_office(desk, caseworker_with_totp):
    sent = case_made(caseworker_with_totp, sent=True)
    application = case_application(case=sent)
    html = _search(desk, application.reference.lower())
    assert f'href="/assisted/{sent.pk}/handover/"' in html
    assert f"Sent: {application.reference}" in html


def test_nothing_is_found_in_another_offices_cases(desk):
    elsewhere = UserFactory(caseworker=True)  # another office
    case = case_made(elsewhere, sent=True)
    reference = case_application(case=case).reference
    assert "has no assisted application for a person with this personal code" in _search(desk, CODE)
    assert "has no assisted application with this reference number" in _search(desk, reference)
    assert str(case.pk) not in _search(desk, CODE) + _search(desk, reference)


def test_a_citizens_own_online_application_is_not_found_by_its_reference(desk, make_application):
    application = make_application()
    assert "has no assisted application with this reference number" in _search(desk, application.reference)


def test_every_search_is_audited_with_its_reason_and_never_what_was_typed(desk, caseworker_with_totp):
    case = case_made(caseworker_with_totp)
    _search(desk, CODE, reason="phone")
    _search(desk, "A1-2000-000001", reason="other", reason_other="Request from the institution")
    by_code, by_reference = AuditEvent.objects.filter(action="assisted.searched").order_by("pk")
    assert by_code.actor_id == caseworker_with_totp.pk
    assert by_code.details == {
        "by": "personal_code",
        "found": 1,
        "reason": "phone",
        "reason_text": "",
        "cases": [str(case.pk)],
    }
    assert by_reference.details == {
        "by": "reference",
        "found": 0,
        "reason": "other",
        "reason_text": "Request from the institution",
        "cases": [],
    }
    for event in AuditEvent.objects.all():
        assert CODE not in str(event.details) and "Ona" not in str(event.details)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"query": CODE}, "Select why you are searching"),
        ({"query": CODE, "reason": "other"}, "Enter the reason for the search"),
        ({"query": "", "reason": "desk"}, "Enter a reference number or a personal code"),
        ({"query": CODE[:-1] + str((int(CODE[-1]) + 1) % 10), "reason": "desk"}, "Enter a real Lithuanian"),
    ],
    ids=["no reason", "other without text", "nothing typed", "wrong check digit"],
)
def test_a_search_without_a_reason_or_a_valid_term_is_not_made(desk, caseworker_with_totp, data, message):
    case_made(caseworker_with_totp)
    html = desk.post("/assisted/search/", data).content.decode()
    assert "govuk-error-summary" in html and message in html
    assert "Results" not in html
    assert not AuditEvent.objects.filter(action="assisted.searched").exists()


def test_the_search_is_for_caseworkers_only(client, citizen, admin_client):
    assert admin_client.post("/assisted/search/", {"query": CODE, **AT_THE_DESK}).status_code == 403
    client.force_login(citizen)
    assert client.post("/assisted/search/", {"query": CODE, **AT_THE_DESK}).status_code == 403
    assert not AuditEvent.objects.filter(action="assisted.searched").exists()
