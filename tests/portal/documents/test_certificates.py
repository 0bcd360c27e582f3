"""A certificate a procedure issues at Send (``Procedure.issued_at_send``): rendered once in the applicant's
language, stored encrypted, audited, listed on the application page and confirmed by /verify/<number>/
with its validity period."""

import dataclasses
import datetime
import io

import pytest
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone, translation
from pypdf import PdfReader

from portal.audit.models import AuditEvent
from portal.core.formats.dates import human_date
from portal.documents.models import Document
from portal.documents.services import certificate_render, document_content, document_issue, receipt_render
from procedures.engine.registry import IssuedDocument, SentApplication, registry
from tests.portal.test_documents_storage import sign_in

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def issuing(monkeypatch):  # type: ignore[no-untyped-def]
    """Gives the procedure of an application a hook that issues a certificate valid over ``days`` (today
    is day 0); records the language each call ran in."""
    calls: list[str] = []

    def give(application, days: tuple[int, int] = (0, 14), issue: bool = True):  # type: ignore[no-untyped-def]
        today = timezone.localdate()

        def hook(sent: SentApplication) -> IssuedDocument | None:
            calls.append(translation.get_language())
            if not issue:
                return None
            return IssuedDocument(
                template="ehic/prc.html",
                context={"family_name": "Testaitė", "valid_from": "from-marker"},
                file_name=f"{sent.reference}-certificate.pdf",
                valid_from=today + days[0] * DAY,
                valid_to=today + days[1] * DAY,
            )

        procedure = registry.get(application.procedure)
        changed = dataclasses.replace(
            procedure, issued_at_send=hook, document_titles={"certificate": "Test travel certificate"}
        )
        monkeypatch.setitem(registry._procedures, application.procedure, changed)
        return calls

    return give


def test_without_a_hook_nothing_is_issued(make_application):
    application = make_application()
    assert certificate_render(application_id=application.pk) is None
    assert not application.documents.exists()


def test_a_hook_that_issues_nothing_this_time_leaves_no_document(make_application, issuing):
    application = make_application()
    issuing(application, issue=False)
    assert certificate_render(application_id=application.pk) is None
    assert not application.documents.exists()


def test_the_certificate_is_rendered_in_the_applicants_language_stored_encrypted_and_audited(
    make_application, issuing, settings
):
    application = make_application()  # in Lithuanian
    calls = issuing(application, days=(-2, 10))
    with translation.override("en"):
        certificate = certificate_render(application_id=application.pk)
    assert certificate is not None and certificate.kind == Document.Kind.CERTIFICATE
    assert calls == ["lt"]
    today = timezone.localdate()
    assert (certificate.valid_from, certificate.valid_to) == (today - 2 * DAY, today + 10 * DAY)
    assert certificate.file_name == f"{application.reference}-certificate.pdf"
    stored = (settings.MEDIA_ROOT / "issued" / certificate.storage_path).read_bytes()
    assert b"%PDF" not in stored
    reader = PdfReader(io.BytesIO(document_content(certificate)))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "lt" and "/StructTreeRoot" in catalog
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Testaitė" in text and certificate.number in text
    assert AuditEvent.objects.filter(
        action="documents.certificate_issued", object_id=str(application.pk)
    ).exists()


def test_rendering_again_keeps_the_one_certificate(make_application, issuing):
    application = make_application()
    issuing(application)
    first = certificate_render(application_id=application.pk)
    second = certificate_render(application_id=application.pk)
    assert first is not None and second is not None and first.pk == second.pk
    assert application.documents.filter(kind=Document.Kind.CERTIFICATE).count() == 1


def test_the_database_keeps_one_certificate_per_application(make_application, issuing):
    application = make_application()
    issuing(application)
    certificate_render(application_id=application.pk)
    with pytest.raises(IntegrityError):
        document_issue(
            application=application, kind=Document.Kind.CERTIFICATE, content=b"%PDF-1.7 x", file_name="x.pdf"
        )
    assert application.documents.filter(kind=Document.Kind.CERTIFICATE).count() == 1


def _verify(number: str) -> str:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/verify/{number}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_verification_page_names_the_certificate_and_says_it_is_valid_today(make_application, issuing):
    application = make_application()
    issuing(application, days=(-1, 5))
    certificate = certificate_render(application_id=application.pk)
    assert certificate is not None
    page = _verify(certificate.number)
    today = timezone.localdate()
    with translation.override("en"):
        start, end = human_date(today - DAY), human_date(today + 5 * DAY)
    assert "Test travel certificate" in page and "It is valid today." in page
    assert f"From {start} to {end}" in page
    assert application.reference in page and "Testaitė" not in page


def test_the_verification_page_says_when_a_certificate_has_expired(make_application, issuing):
    application = make_application()
    issuing(application, days=(-20, -5))
    certificate = certificate_render(application_id=application.pk)
    assert certificate is not None
    page = _verify(certificate.number)
    assert "It is no longer valid" in page and "It is valid today." not in page


def test_a_receipt_is_still_verified_without_a_period(make_application):
    application = make_application()
    page = _verify(receipt_render(application_id=application.pk).number)
    assert "This document is genuine" in page and "Receipt" in page
    assert ">Valid<" not in page and "It is valid today" not in page


def test_the_application_page_offers_the_certificate_first_and_says_while_it_is_prepared(
    make_application, issuing, citizen
):
    application = make_application()
    issuing(application)
    client = sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), citizen)
    page = client.get(f"/applications/{application.pk}/").content.decode()
    assert "Your certificate is being prepared" in page
    certificate = certificate_render(application_id=application.pk)
    receipt = receipt_render(application_id=application.pk)
    assert certificate is not None
    page = client.get(f"/applications/{application.pk}/").content.decode()
    assert "Your certificate is being prepared" not in page and "Test travel certificate" in page
    assert page.index(f"/documents/{certificate.pk}/") < page.index(f"/documents/{receipt.pk}/")
    assert page.count(f"/documents/{certificate.pk}/") == 1  # not again under "Letters and decisions"
    response = client.get(f"/documents/{certificate.pk}/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
