"""The receipt: a tagged PDF in the applicant's language with the payload inside, verifiable online."""

import io
import json
import subprocess

import pytest
from django.test import Client
from pypdf import PdfReader

from portal.accounts.services import citizen_identity_upsert
from portal.documents.models import Document
from portal.documents.services import document_content, receipt_render
from tests.factories import citizen_identity_kwargs
from tests.portal.test_documents_storage import sign_in

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_the_receipt_states_the_reference_and_every_answer_in_the_applicants_language(submitted):
    receipt = receipt_render(application_id=submitted.pk)
    pdf = document_content(receipt)
    text = pdf_text(pdf)
    assert submitted.reference in text
    assert "Kvitas" in text or "Gavome" in text or "Jūsų atsakymai" in text  # Lithuanian, not English
    assert "Receipt of your application" not in text
    for answer in ("Vokietija", "UAB Statyba", "Šalis, kurioje dirbsite"):
        assert answer in text
    assert receipt.number in text and f"/verify/{receipt.number}/" in text


def test_the_receipt_carries_the_payload_and_is_a_tagged_pdf_with_its_language(submitted):
    pdf = document_content(receipt_render(application_id=submitted.pk))
    reader = PdfReader(io.BytesIO(pdf))
    attached = json.loads(reader.attachments["envelope.json"][0])
    assert attached["reference"] == submitted.reference and attached["sed_hints"] == ["A009"]
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "lt"
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog


def test_rendering_twice_keeps_the_first_receipt(submitted):
    first = receipt_render(application_id=submitted.pk)
    second = receipt_render(application_id=submitted.pk)
    assert first.pk == second.pk
    assert Document.objects.filter(application=submitted).count() == 1


def test_the_stored_receipt_is_encrypted(submitted, settings):
    receipt = receipt_render(application_id=submitted.pk)
    stored = (settings.MEDIA_ROOT / "issued" / receipt.storage_path).read_bytes()
    assert not stored.startswith(b"%PDF") and b"%PDF" not in stored


def _logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    return sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), user)


def test_the_confirmation_page_says_being_prepared_then_offers_the_receipt(submitted, citizen):
    client = _logged_in(citizen)
    page = client.get(f"/applications/{submitted.pk}/").content.decode()
    assert "Your receipt is being prepared" in page
    receipt = receipt_render(application_id=submitted.pk)
    page = client.get(f"/applications/{submitted.pk}/").content.decode()
    assert f"/documents/{receipt.pk}/" in page
    response = client.get(f"/documents/{receipt.pk}/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]


def test_another_citizen_cannot_download_the_receipt(submitted):
    receipt = receipt_render(application_id=submitted.pk)
    other = citizen_identity_upsert(**citizen_identity_kwargs(person_identifier="PL/LT/99999"))
    assert _logged_in(other).get(f"/documents/{receipt.pk}/").status_code == 404


def test_the_verification_page_confirms_a_genuine_document_and_nothing_more(submitted, client):
    receipt = receipt_render(application_id=submitted.pk)
    page = client.get(f"/verify/{receipt.number.lower()}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200 and "This document is genuine" in html and submitted.reference in html
    assert "Kazlauskas" not in html and "UAB Statyba" not in html
    unknown = client.get("/verify/0000-0000-0000-0000/", HTTP_ACCEPT_LANGUAGE="en")
    assert unknown.status_code == 404 and "We cannot find this document" in unknown.content.decode()
