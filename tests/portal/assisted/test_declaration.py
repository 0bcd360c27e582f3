"""The declaration a person signs in assisted mode: a PDF in the person's language, for the case's office
only; Send needs the caseworker's confirmation that it is signed, and the envelope says when it was."""

import copy
import datetime
import io
import json
import subprocess
import zoneinfo
from typing import Any

import jsonschema
import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from portal.applications.models import Application, Draft
from portal.applications.services import envelope_validate
from portal.assisted.models import AssistedCase
from portal.audit.models import AuditEvent
from portal.core.formats.dates import human_date
from portal.institutions.services import institutions_load
from procedures.ehic.request_forms import DeclarationForm
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory
from tests.portal.assisted.journey import BORN, CODE, contact_data, identify_data
from tests.procedures.applicable_legislation.journey import post_step
from tests.procedures.ehic.journey import address, insured, step

pytestmark = pytest.mark.django_db

VILNIUS = zoneinfo.ZoneInfo("Europe/Vilnius")
GUARDIAN = {
    "basis": "guardian",
    "given_name": "Jonas",
    "family_name": "Petraitis",
    "document": "identity card 87654321; court decision of 3 May 2024",
}


@pytest.fixture
def desk(client, caseworker_with_totp):  # type: ignore[no-untyped-def]
    client.force_login(caseworker_with_totp)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def start(client, *, language: str = "lt", representative: dict[str, str] | None = None) -> str:  # type: ignore[no-untyped-def]
    """Identify Ona at the desk, who signs (nobody, or her guardian), letters in ``language``; the card
    application's first page."""
    institutions_load(country="LT")
    insured(CODE)
    response = client.post("/assisted/new/", identify_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], representative or {"basis": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], contact_data(language))
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], {"procedure": "ehic"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


def to_check(client, url: str) -> str:  # type: ignore[no-untyped-def]
    """A first card for Ona herself, sent by post: every page answered up to the check page."""
    url = step(client, url, "for_whom", {"for_whom-for_whom": "me"})
    url = step(client, url, "about_you", {"about_you-nationality": "LT", **address("about_you-address")})
    url = step(client, url, "insurance")
    url = step(client, url, "work_abroad", {"work_abroad-work_abroad": "no"})
    url = step(client, url, "entitlement_document", {"entitlement_document-entitlement_document": "no"})
    url = step(client, url, "request", {"request-kind": "first_card"})
    url = step(client, url, "delivery", {"delivery-method": "post"})
    url = step(client, url, "delivery_address", address("delivery_address-address"))
    url = step(client, url, "contact", {"contact-post_only": "on"})
    assert url.endswith("/check/"), url
    return url


def declaration_url(case: AssistedCase) -> str:
    return f"/assisted/{case.pk}/declaration/"


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with its lines joined (a long declaration wraps)."""
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    return " ".join(text.stdout.decode().split())


def in_language(language: str) -> dict[str, Any]:
    """What the declaration must say in ``language``, from the catalogue the portal uses."""
    with translation.override(language):
        return {
            "signature": gettext("Signature"),
            "born": human_date(BORN),
            "declarations": [str(field.label) for field in DeclarationForm.base_fields.values()],
            "first_card": gettext("A card"),
            "post": gettext("By post to an address in Lithuania"),
            "answers": gettext("Your answers"),
            "date_of_birth": gettext("Date of birth"),
        }


def test_the_check_page_offers_the_declaration_and_the_pdf_is_in_lithuanian(desk):
    check = to_check(desk, start(desk, language="lt"))
    case = AssistedCase.objects.get()
    page = desk.get(check).content.decode()
    assert "Print the declaration" in page and declaration_url(case) in page  # the caseworker's language
    assert "has signed the printed declaration" in page

    response = desk.get(declaration_url(case))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"] == "lt"
    text = pdf_text(response.content)
    lithuanian = in_language("lt")
    assert lithuanian["declarations"] != in_language("en")["declarations"]  # translated: the check is real
    assert "Ona Petraitienė" in text and CODE in text and "12345678" in text
    assert lithuanian["born"] in text and lithuanian["date_of_birth"] in text
    assert lithuanian["answers"] in text and "Gedimino pr. 1" in text
    assert lithuanian["first_card"] in text and lithuanian["post"] in text
    assert all(declaration in text for declaration in lithuanian["declarations"])
    assert lithuanian["signature"] in text
    assert "The person (or their representative)" not in text  # assisted mode's own page is not declared
    event = AuditEvent.objects.get(action="assisted.declaration_printed")
    assert event.object_id == str(case.pk) and event.actor == case.caseworker and event.details == {}


def test_the_declaration_is_in_english_for_a_person_whose_letters_are_in_english_and_names_who_signs(desk):
    check = to_check(desk, start(desk, language="en", representative=GUARDIAN))
    case = AssistedCase.objects.get()
    assert desk.get(check).status_code == 200
    text = pdf_text(desk.get(declaration_url(case)).content)
    english = in_language("en")
    assert "Ona Petraitienė" in text and CODE in text and english["born"] in text
    assert english["first_card"] in text and english["post"] in text  # answers, as the check page words them
    assert all(declaration in text for declaration in english["declarations"])
    assert "Jonas Petraitis signs for Ona Petraitienė (guardian)." in text
    assert "court decision of 3 May 2024" in text
    assert "Signature" in text and "Date" in text
    assert case.office.name in text


def test_a_declaration_with_pages_still_to_answer_sends_the_caseworker_to_them(desk):
    next_page = step(desk, start(desk), "for_whom", {"for_whom-for_whom": "me"})
    response = desk.get(declaration_url(AssistedCase.objects.get()))
    assert response.status_code == 302 and response["Location"] == next_page
    assert not AuditEvent.objects.filter(action="assisted.declaration_printed").exists()


def test_only_a_caseworker_of_the_cases_office_can_print_the_declaration(desk):
    to_check(desk, start(desk))
    case = AssistedCase.objects.get()
    elsewhere = UserFactory(caseworker=True)  # another office
    TOTP.activate(elsewhere, TOTP_SECRET)
    desk.force_login(elsewhere)
    assert desk.get(declaration_url(case)).status_code == 404
    desk.force_login(UserFactory())  # a citizen's account
    assert desk.get(declaration_url(case)).status_code == 403
    assert not AuditEvent.objects.filter(action="assisted.declaration_printed").exists()


def test_send_needs_the_confirmation_and_the_envelope_says_when_the_person_signed(
    desk, caseworker_with_totp, settings, django_capture_on_commit_callbacks
):
    confirmed = datetime.datetime(2031, 5, 6, 9, 15, tzinfo=VILNIUS)
    with time_machine.travel(confirmed - datetime.timedelta(minutes=10), tick=False):
        desk.force_login(caseworker_with_totp)  # signed in that day (a staff session ends when idle)
        check = to_check(desk, start(desk))
        refused = post_step(desk, check, "check", {})
        assert refused.status_code == 200
        assert "confirm that it is signed" in refused.content.decode()
        assert not Application.objects.exists()
    case = AssistedCase.objects.get()
    # Send finds a page no longer answered (as when a rule changed since): the caseworker answers it again.
    draft = Draft.objects.get(pk=case.draft_id)
    wizard = dict(draft.answers["wizard"])
    wizard["step_data"] = {k: v for k, v in wizard["step_data"].items() if k != "delivery_address"}
    Draft.objects.filter(pk=draft.pk).update(answers={**draft.answers, "wizard": wizard})
    scan = SimpleUploadedFile("signed.pdf", b"%PDF-1.4\n% the signed declaration\n", "application/pdf")
    with time_machine.travel(confirmed, tick=False):
        posted = post_step(
            desk,
            check,
            "check",
            {"check-signed": "on", "check-scan": scan, "check-signed_at": "2000-01-01T00:00:00+00:00"},
        )
        sent_back = desk.get(posted["Location"])  # Send
    assert sent_back.status_code == 302 and sent_back["Location"].endswith("/delivery_address/")
    assert not Application.objects.exists()
    with time_machine.travel(confirmed + datetime.timedelta(minutes=10), tick=False):
        url = step(desk, sent_back["Location"], "delivery_address", address("delivery_address-address"))
        url = step(desk, url, "contact", {"contact-post_only": "on"})
        assert url == check
        scan.seek(0)
        done = post_step(desk, check, "check", {"check-signed": "on", "check-scan": scan})
        with django_capture_on_commit_callbacks(execute=True):  # the pipeline delivers it
            assert desk.get(done["Location"])["Location"].endswith("/handover/")
    application = Application.objects.get()
    envelope = application.payload
    envelope_validate(envelope)
    assert envelope["assisted"] == {
        "identity_verified_by": "document",
        "identity_document": {
            "type": "id_card",
            "number": "12345678",
            "expiry": (datetime.date(2031, 5, 6) + datetime.timedelta(days=400)).isoformat(),
            "seen_original": True,
        },
        "declaration_signed_at": timezone.localtime(confirmed).isoformat(timespec="seconds"),
    }
    assert envelope["submitted_at"] != envelope["assisted"]["declaration_signed_at"]
    # The scan of the signed declaration travels with the application to the institution.
    [attachment] = envelope["attachments"]
    assert attachment["content_type"] == "application/pdf"
    delivered = settings.BACKOFFICE_OUTBOX_DIR / application.reference
    [scan_file] = list(delivered.glob(f"*{attachment['name']}"))
    assert scan_file.read_bytes() == b"%PDF-1.4\n% the signed declaration\n"
    signed_at = json.loads((delivered / "envelope.json").read_text())["assisted"]["declaration_signed_at"]
    assert signed_at == envelope["assisted"]["declaration_signed_at"]
    # Sent: nothing is left to sign.
    assert desk.get(declaration_url(case))["Location"] == f"/assisted/{case.pk}/procedure/"

    # The schema: the block belongs to assisted applications only, and names the document it was seen on.
    online = {**copy.deepcopy(envelope), "channel": "online"}
    with pytest.raises(jsonschema.ValidationError):
        envelope_validate(online)
    del online["assisted"]
    envelope_validate(online)
    without_document = copy.deepcopy(envelope)
    del without_document["assisted"]["identity_document"]
    with pytest.raises(jsonschema.ValidationError):
        envelope_validate(without_document)
    without_document["assisted"]["identity_verified_by"] = "eid"
    envelope_validate(without_document)
