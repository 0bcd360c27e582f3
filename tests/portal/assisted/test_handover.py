"""The hand-over after Send: the documents to print for the person, and the hand-over sheet whose claim
code the person later enters at /claim/ (made anew on every print, shown once, stored only as a hash)."""

import re
from dataclasses import replace
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from portal.accounts.models import User
from portal.applications.models import Application
from portal.assisted import handover
from portal.assisted.claim import claim_code_hash
from portal.assisted.models import AssistedCase
from portal.assisted.services import case_contact_save, case_draft_start, case_start
from portal.audit.models import AuditEvent
from portal.documents.services import receipt_render
from portal.institutions.services import institutions_load
from portal.pipeline.services import application_submit
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory
from tests.portal.assisted.journey import BORN, CODE
from tests.portal.pipeline.conftest import SUBMISSION

pytestmark = pytest.mark.django_db

ADDRESS = {"line1": "Gedimino pr. 1", "city": "Vilnius", "postcode": "01103", "country": "LT"}
PRINTED_CODE = re.compile(r'<strong class="handover-sheet__code">([^<]*)</strong>')
CODE_FORM = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


def handed_over(
    caseworker: User, *, code: str = CODE, language: str = "lt", email: str = "", eidas: str = ""
) -> tuple[AssistedCase, Application]:
    """Ona Petraitienė identified at the caseworker's office and her A1 request sent, as the assisted
    wizard sends it (the caseworker's account holds it; the person has no account yet)."""
    institutions_load(country="LT")
    case = case_start(
        caseworker=caseworker,
        person={
            "given_name": "Ona",
            "family_name": "Petraitienė",
            "date_of_birth": BORN,
            "personal_code": code,
            "document_type": "id_card",
            "document_number": "12345678",
            "document_expiry": BORN.replace(year=2090),
            "seen_original": True,
        },
    )
    if eidas:  # she signed in with her own eID at the desk
        case.person = {**case.person, "eidas": {"person_identifier": eidas, "loa": "substantial"}}
        case.save(update_fields=["person"])
    case_contact_save(case=case, contact={"address": ADDRESS, "email": email, "language": language})
    case_draft_start(case=case, procedure="applicable-legislation")
    submission = replace(
        SUBMISSION,
        channel="assisted",
        beneficiary={"given_name": "Ona", "family_name": "Petraitienė", "date_of_birth": BORN.isoformat()},
        filed_by={"role": "caseworker", "office": "sodra:vilnius", "caseworker": str(caseworker.pk)},
        contact=case.contact,
        level_of_assurance="",
        person_identifier="",
    )
    application = application_submit(
        draft_id=case.draft_id, owner=caseworker, submission=submission, language=language
    )
    return case, application


def desk_client(caseworker: User) -> Client:
    """A caseworker signed in (with their second factor), reading English pages."""
    if not caseworker.authenticator_set.exists():
        TOTP.activate(caseworker, TOTP_SECRET)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(caseworker)
    return client


def sheet_printed(client: Client, case: AssistedCase) -> tuple[str, Any]:
    """Press "Print the hand-over sheet": the code printed on it, and the response."""
    response = client.post(f"/assisted/{case.pk}/handover/")
    assert response.status_code == 200, response
    codes = PRINTED_CODE.findall(response.content.decode())
    assert len(codes) == 1 and CODE_FORM.fullmatch(codes[0]), codes
    return codes[0], response


@pytest.fixture
def desk(caseworker_with_totp):  # type: ignore[no-untyped-def]
    return desk_client(caseworker_with_totp)


def test_the_page_after_send_gives_the_reference_and_the_receipt_to_print(desk, caseworker_with_totp):
    case, application = handed_over(caseworker_with_totp)
    page = desk.get(f"/assisted/{case.pk}/handover/").content.decode()
    assert application.reference in page and "You are applying for Ona Petraitienė" in page
    assert "Your receipt is being prepared" in page  # the pipeline has not run yet
    assert "Print the hand-over sheet" in page

    receipt = receipt_render(application_id=application.pk)
    page = desk.get(f"/assisted/{case.pk}/handover/").content.decode()
    link = f"/assisted/{case.pk}/documents/{receipt.pk}/"
    assert link in page and "Your receipt is being prepared" not in page
    downloaded = desk.get(link)
    assert downloaded.status_code == 200 and downloaded["Content-Type"] == "application/pdf"
    assert downloaded.content.startswith(b"%PDF")
    assert downloaded["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.filter(action="assisted.document_downloaded").get()
    assert event.actor == caseworker_with_totp and event.object_id == str(application.pk)
    assert event.details == {"kind": "receipt"}
    # The citizen's download view stays the owner's: the caseworker's account holds the application
    # until it is claimed, yet staff never pass the eID check.
    assert desk.get(f"/documents/{receipt.pk}/").status_code in (302, 403)


def test_the_sheet_is_in_the_persons_language_with_the_code_and_a_qr_code_to_the_claim_page(
    desk, caseworker_with_totp
):
    case, application = handed_over(caseworker_with_totp, language="lt")
    code, response = sheet_printed(desk, case)
    html = response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    sheet = html[html.index('<section class="handover-sheet"') :]
    assert sheet.startswith('<section class="handover-sheet" lang="lt"')
    assert "Prašymo numeris" in sheet and application.reference in sheet  # "Reference number" in Lithuanian
    assert "Reference number" not in sheet
    assert "Print this page and give it to the person" in html  # the caseworker's own words in English
    assert "http://portal.example.org/claim/" in sheet
    # The QR code is the claim page's address, the same for everybody: never the code.
    assert handover._qr_code("http://portal.example.org/claim/") in sheet
    links = re.findall(r'(?:href|src|action)="([^"]*)"', html)
    assert links and not [link for link in links if code in link or code.replace("-", "") in link]
    case.refresh_from_db()
    assert case.claim_code_hash == claim_code_hash(code) and code not in case.claim_code_hash
    assert case.claim_code_expires_at is not None
    event = AuditEvent.objects.filter(action="assisted.claim_code_issued").get()
    assert event.details["replaced"] is False and code not in str(event.details)


def test_letters_by_post_when_the_person_has_no_email(desk, caseworker_with_totp):
    case, _application = handed_over(caseworker_with_totp, language="en")
    _code, response = sheet_printed(desk, case)
    assert "we send you a letter by post every time" in response.content.decode()
    case, _application = handed_over(caseworker_with_totp, language="en", email="ona@example.lt")
    _code, response = sheet_printed(desk, case)
    html = response.content.decode()
    assert "We send you an e-mail every time" in html and "by post" not in html


def test_a_reprint_leaves_exactly_one_valid_code(desk, caseworker_with_totp):
    case, _application = handed_over(caseworker_with_totp)
    first, _response = sheet_printed(desk, case)
    page = desk.get(f"/assisted/{case.pk}/handover/").content.decode()
    assert "A sheet was printed" in page and first not in page  # shown once, never again
    second, _response = sheet_printed(desk, case)
    assert second != first
    assert not AssistedCase.objects.filter(claim_code_hash=claim_code_hash(first)).exists()
    assert AssistedCase.objects.get(claim_code_hash=claim_code_hash(second)) == case
    issued = AuditEvent.objects.filter(action="assisted.claim_code_issued")
    assert [event.details["replaced"] for event in issued] == [False, True]


@pytest.mark.parametrize("path", ["handover/", "documents/{receipt}/"])
def test_a_caseworker_of_another_office_finds_nothing(desk, caseworker_with_totp, path):
    case, application = handed_over(caseworker_with_totp)
    receipt = receipt_render(application_id=application.pk)
    other = desk_client(UserFactory(caseworker=True))
    url = f"/assisted/{case.pk}/{path.format(receipt=receipt.pk)}"
    assert other.get(url).status_code == 404
    assert other.post(f"/assisted/{case.pk}/handover/").status_code == 404
    case.refresh_from_db()
    assert case.claim_code_hash == ""  # no code made for someone else's case
    assert desk.get(url).status_code == 200


def test_a_citizen_cannot_open_the_handover_page(caseworker_with_totp, citizen):
    case, _application = handed_over(caseworker_with_totp)
    client = Client()
    client.force_login(citizen)
    assert client.get(f"/assisted/{case.pk}/handover/").status_code == 403
    assert client.post(f"/assisted/{case.pk}/handover/").status_code == 403


def test_a_document_of_another_application_is_not_found_through_a_case(desk, caseworker_with_totp):
    case, _application = handed_over(caseworker_with_totp)
    _other_case, other_application = handed_over(caseworker_with_totp)
    receipt = receipt_render(application_id=other_application.pk)
    assert desk.get(f"/assisted/{case.pk}/documents/{receipt.pk}/").status_code == 404
