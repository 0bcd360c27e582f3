"""/claim/: the person signs in with their own eID and enters the code of their hand-over sheet; the
application made for them at an office joins their account. Only that person, once, before the code
expires; every other code gets one and the same answer, and guessing is slowed down and recorded."""

import datetime
import json

import pytest
import time_machine
from django.test import Client
from django.test.client import RequestFactory
from django.utils import timezone

from portal.accounts.services import citizen_identity_upsert
from portal.applications.models import Application
from portal.assisted.claim import (
    ADDRESS_LIMIT,
    CITIZEN_LIMIT,
    case_claim,
    claim_code_issue,
    claim_code_new,
    claim_code_normalise,
)
from portal.assisted.models import AssistedCase
from portal.audit.models import AuditEvent
from portal.registers.demo_people import lithuanian_code
from tests.factories import citizen_identity_kwargs
from tests.portal.assisted.journey import BORN
from tests.portal.assisted.test_handover import desk_client, handed_over, sheet_printed
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login

pytestmark = pytest.mark.django_db

NO_MATCH = "This code does not work for you."
ONA = "lt-no-eid-person"  # the demo eID of Ona Petraitienė, personal code CODE


def signed_in(identity: str) -> Client:
    """A citizen signed in through the demo eIDAS node, reading English pages."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    post_acs(client, node_response(start_login(client, next_url="/claim/"), identity))
    return client


def claim(client: Client, code: str):  # type: ignore[no-untyped-def]
    return client.post("/claim/", {"code": code})


def refused_alike(response) -> None:  # type: ignore[no-untyped-def]
    """The one answer to every code that does not work: the form again, status 200, the same error."""
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(NO_MATCH) == 2, html  # in the error summary and at the field
    assert "There is a problem" in html


def refusal_reasons() -> list[str]:
    return [event.details["reason"] for event in AuditEvent.objects.filter(action="assisted.claim_refused")]


@pytest.fixture
def printed(caseworker_with_totp):  # type: ignore[no-untyped-def]
    """Ona's application, sent at the office, and the code of her printed hand-over sheet."""
    case, application = handed_over(caseworker_with_totp)
    code, _response = sheet_printed(desk_client(caseworker_with_totp), case)
    return case, application, code


def test_the_person_claims_her_application_and_follows_it_in_her_applications(printed, caseworker_with_totp):
    case, application, code = printed
    ona = signed_in(ONA)
    page = ona.get("/claim/")
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    claimed = claim(ona, code)
    assert claimed.status_code == 302
    assert claimed["Location"] == f"/applications/{application.pk}/"
    assert code not in claimed["Location"]
    detail = ona.get(claimed["Location"]).content.decode()
    assert f"The application {application.reference} is now in your applications." in detail
    assert application.reference in ona.get("/applications/").content.decode()

    application.refresh_from_db()
    case.refresh_from_db()
    citizen = claimed.wsgi_request.user
    assert application.applicant == citizen and application.filed_by == caseworker_with_totp
    assert case.claimed_by == citizen and case.claimed_at is not None and case.claim_code_hash == ""
    assert AuditEvent.objects.filter(
        action="assisted.claimed", actor=citizen, object_id=str(case.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="applications.claimed", object_id=str(application.pk)).exists()

    # The caseworker of the office still sees the hand-over page, which says so and prints no new code.
    desk = desk_client(caseworker_with_totp)
    page = desk.get(f"/assisted/{case.pk}/handover/").content.decode()
    assert "The person added this application to their account on" in page
    assert "Print the hand-over sheet" not in page
    assert desk.post(f"/assisted/{case.pk}/handover/").status_code == 302
    case.refresh_from_db()
    assert case.claim_code_hash == ""


def test_a_code_works_once(printed):
    _case, _application, code = printed
    ona = signed_in(ONA)
    assert claim(ona, code).status_code == 302
    refused_alike(claim(ona, code))
    refused_alike(claim(signed_in("lt-worker"), code))


def test_after_a_reprint_only_the_new_code_works(printed, caseworker_with_totp):
    case, _application, first = printed
    second, _response = sheet_printed(desk_client(caseworker_with_totp), case)
    ona = signed_in(ONA)
    refused_alike(claim(ona, first))
    assert claim(ona, second).status_code == 302


def test_an_unknown_code_gets_the_same_answer(printed):
    ona = signed_in(ONA)
    refused_alike(claim(ona, claim_code_new()))
    event = AuditEvent.objects.filter(action="assisted.claim_refused").get()
    assert event.details == {"reason": "unknown"} and event.object_id == ""


def test_an_expired_code_gets_the_same_answer(printed, settings):
    case, application, code = printed
    later = timezone.now() + datetime.timedelta(days=settings.ASSISTED_CLAIM_CODE_DAYS, minutes=1)
    ona = signed_in(ONA)
    with time_machine.travel(later, tick=False):
        refused_alike(claim(ona, code))
    application.refresh_from_db()
    assert application.applicant == case.caseworker
    event = AuditEvent.objects.filter(action="assisted.claim_refused").get()
    assert event.details == {"reason": "expired"} and event.object_id == str(case.pk)
    with time_machine.travel(later - datetime.timedelta(minutes=2), tick=False):
        assert claim(ona, code).status_code == 302  # the last minute still counts


def test_another_persons_eid_gets_the_same_answer_as_an_unknown_code(printed):
    case, application, code = printed
    refused_alike(claim(signed_in("lt-worker"), code))
    # The demo pensioner shares Ona's names, born on another day, with another code.
    refused_alike(claim(signed_in("lt-pensioner"), code))
    reasons = [
        event.details["reason"] for event in AuditEvent.objects.filter(action="assisted.claim_refused")
    ]
    assert reasons == ["other_person", "other_person"]
    application.refresh_from_db()
    case.refresh_from_db()
    assert application.applicant == case.caseworker and case.claimed_at is None
    assert claim(signed_in(ONA), code).status_code == 302  # the code still works for her


def test_the_same_names_and_date_of_birth_are_not_a_match(printed, client):
    """An eID with Ona's names and date of birth but another personal code (or an identifier that
    carries no code at all) is not Ona."""
    case, application, code = printed
    someone = citizen_identity_upsert(
        **citizen_identity_kwargs(person_identifier=f"LT/LT/{lithuanian_code(BORN, female=True, serial=790)}")
    )
    no_code = citizen_identity_upsert(**citizen_identity_kwargs(person_identifier="LT/LT/pseudonym-8c1f"))
    for user in (someone, no_code):
        assert (
            user.citizen_identity.family_name == "Petraitienė" and user.citizen_identity.date_of_birth == BORN
        )
        assert case_claim(typed=code, citizen=user).application is None
    application.refresh_from_db()
    assert application.applicant == case.caseworker


def test_the_eidas_identifier_the_person_signed_in_with_at_the_desk_matches(caseworker_with_totp):
    """A person whose eID carries no personal code (a pseudonym) claims by the eIDAS identifier they
    used at the desk."""
    case, application = handed_over(caseworker_with_totp, eidas="DE/LT/a9f3c2e1b8d74f60b2e7")
    code = claim_code_issue(case=case).code
    refused_alike(claim(signed_in("pl-worker"), code))
    assert claim(signed_in("de-self-employed"), code).status_code == 302
    application.refresh_from_db()
    assert application.applicant.citizen_identity.person_identifier == "DE/LT/a9f3c2e1b8d74f60b2e7"


def test_the_code_may_be_typed_in_any_case_with_spaces_and_look_alike_letters(printed):
    _case, _application, code = printed
    typed = " ".join(code.replace("-", "").lower()).replace("0", "O").replace("1", "l")
    assert claim_code_normalise(typed) == code.replace("-", "")
    assert claim(signed_in(ONA), typed).status_code == 302


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("abcd-efgh-jkmn", "ABCDEFGHJKMN"),
        ("0o1i l23-4567-8", "001112345678"),
        ("OIL0-1234-5678", "011012345678"),
        ("ABCD-EFGH-JKM", None),  # too short
        ("ABCD-EFGH-JKMU", None),  # U is not in the alphabet
        ("", None),
    ],
)
def test_normalising_what_was_typed(typed, normalised):
    assert claim_code_normalise(typed) == normalised


def test_a_code_that_cannot_be_one_asks_for_the_printed_form_and_is_not_a_try(printed):
    ona = signed_in(ONA)
    response = claim(ona, "12345")
    assert response.status_code == 200
    assert "Enter the code as it is printed: 12 letters and numbers" in response.content.decode()
    assert "Enter the code from your hand-over sheet" in claim(ona, "").content.decode()
    assert not AuditEvent.objects.filter(action__startswith="assisted.claim_refused").exists()


def test_a_sixth_try_within_15_minutes_is_refused_even_with_the_right_code(printed):
    case, application, code = printed
    ona = signed_in(ONA)
    for _try in range(CITIZEN_LIMIT.tries):
        refused_alike(claim(ona, claim_code_new()))
    refused = claim(ona, code)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "You have tried too many times. Try again after" in html and NO_MATCH not in html
    application.refresh_from_db()
    assert application.applicant == case.caseworker
    reasons = [
        event.details["reason"] for event in AuditEvent.objects.filter(action="assisted.claim_refused")
    ]
    assert reasons == ["unknown"] * CITIZEN_LIMIT.tries + ["too_many_tries"]
    assert {event.actor for event in AuditEvent.objects.filter(action="assisted.claim_refused")} == {
        refused.wsgi_request.user
    }
    # After 15 minutes she may try again.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=CITIZEN_LIMIT.seconds + 1)):
        assert claim(ona, code).status_code == 302


def test_twenty_tries_an_hour_from_one_address_whoever_makes_them(printed):
    _case, _application, code = printed
    factory = RequestFactory(REMOTE_ADDR="198.51.100.7")
    citizens = [
        citizen_identity_upsert(**citizen_identity_kwargs(person_identifier=f"LT/LT/pseudonym-{number}"))
        for number in range(ADDRESS_LIMIT.tries // CITIZEN_LIMIT.tries + 1)
    ]
    for citizen in citizens[:-1]:
        for _try in range(CITIZEN_LIMIT.tries):
            request = factory.post("/claim/")
            request.user = citizen
            assert case_claim(typed=claim_code_new(), citizen=citizen, request=request).try_again_at is None
    request = factory.post("/claim/")
    request.user = citizens[-1]
    result = case_claim(typed=code, citizen=citizens[-1], request=request)
    assert result.try_again_at is not None and result.application is None
    assert result.try_again_at > timezone.now() + datetime.timedelta(minutes=59)
    elsewhere = RequestFactory(REMOTE_ADDR="203.0.113.9").post("/claim/")
    elsewhere.user = citizens[-1]
    assert case_claim(typed=claim_code_new(), citizen=citizens[-1], request=elsewhere).try_again_at is None


def test_the_code_is_never_in_a_url_nor_in_the_audit_trail(printed):
    case, _application, code = printed
    ona = signed_in(ONA)
    claim(ona, claim_code_new())
    claimed = claim(ona, code)
    assert claimed.status_code == 302
    trail = json.dumps([event.details for event in AuditEvent.objects.all()], ensure_ascii=False)
    for form in (code, code.replace("-", ""), code.lower()):
        assert form not in trail
        assert form not in claimed["Location"]
    stored = AssistedCase.objects.filter(pk=case.pk).values().get()
    assert code.replace("-", "") not in json.dumps(stored, default=str)


def test_the_claim_page_needs_an_eid_login(printed):
    case, application, code = printed
    anonymous = Client()
    response = anonymous.get("/claim/")
    assert response.status_code == 302 and response["Location"].startswith("/eidas/login/?next=/claim/")
    assert anonymous.post("/claim/", {"code": code}).status_code == 302
    assert Application.objects.get(pk=application.pk).applicant == case.caseworker
