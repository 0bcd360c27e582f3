"""The provisional replacement certificate issued at Send: on the application page within seconds, as a
PDF with the fields of the model certificate, for its owner only, confirmed by the verification page."""

import re
import subprocess

import pytest
from django.test import Client
from django.utils import translation

from portal.applications.models import Application
from portal.core.formats.dates import human_date
from portal.documents.models import Document
from portal.documents.services import certificate_render, document_content
from portal.pipeline.tasks import receipt
from portal.registers.connectors import Category
from portal.registers.demo_people import DEMO_PARENT_CODE
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.procedures.ehic.journey import CONTACT, DAY, address, begin, for_me, prc, send, step, today

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with its line breaks and layout spaces made single spaces."""
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    return " ".join(text.stdout.decode().split())


def printed(day) -> str:  # type: ignore[no-untyped-def]
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def sending(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Send, then what Send queues once it commits (the pipeline, run eagerly in the tests)."""

    def send_and_run(client, url: str) -> str:  # type: ignore[no-untyped-def]
        with django_capture_on_commit_callbacks(execute=True):
            return send(client, url)

    return send_and_run


@pytest.fixture
def certificate_sent(parent_client, sending):  # type: ignore[no-untyped-def]
    """A certificate for a stay from tomorrow for 15 days, sent as a PDF; the application page's URL."""
    url = prc(parent_client, for_me(parent_client), start=today() + DAY, end=today() + 15 * DAY)
    url = step(parent_client, url, "delivery", {"delivery-method": "electronic"})
    url = step(parent_client, url, "contact", CONTACT)
    return sending(parent_client, url)


def download_link(page: str) -> str:
    found = re.search(r'href="(/documents/[0-9a-f-]+/)"[^>]*>Download your certificate', page)
    assert found, "no certificate on the application page"
    return found.group(1)


def test_the_certificate_is_on_the_application_page_with_the_model_certificates_fields(
    parent_client, certificate_sent
):
    page = parent_client.get(certificate_sent).content.decode()
    assert "Provisional replacement certificate" in page
    response = parent_client.get(download_link(page))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "Provisional replacement certificate of the European Health Insurance Card",
        "Vaitkienė",
        "Rūta",
        "12/04/1986",
        DEMO_PARENT_CODE,
        "National Health Insurance Fund",
        printed(today() + DAY),
        printed(today() + 15 * DAY),
        printed(today()),
        "Spain",
    ):
        assert expected in text, expected
    for number in ("1.", "3.", "4.", "5.", "6.", "7.", "8.", "9."):
        assert number in text
    certificate = Document.objects.get(kind=Document.Kind.CERTIFICATE)
    assert certificate.number in text and f"/verify/{certificate.number}/" in text
    assert (certificate.valid_from, certificate.valid_to) == (today() + DAY, today() + 15 * DAY)


def test_the_verification_page_confirms_the_certificate_and_its_period_and_nothing_personal(certificate_sent):
    certificate = Document.objects.get(kind=Document.Kind.CERTIFICATE)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/verify/{certificate.number}/")
    html = page.content.decode()
    assert page.status_code == 200 and "This document is genuine" in html
    assert "Provisional replacement certificate" in html
    assert Application.objects.get().reference in html
    assert "It is not valid yet" in html  # the stay starts tomorrow
    with translation.override("en"):
        period = f"From {human_date(today() + DAY)} to {human_date(today() + 15 * DAY)}"
    assert period in html
    for personal in (DEMO_PARENT_CODE, "Vaitkienė", "Rūta", "1986"):
        assert personal not in html


def test_another_citizen_gets_neither_the_certificate_nor_the_application(parent_client, certificate_sent):
    link = download_link(parent_client.get(certificate_sent).content.decode())
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    post_acs(other, node_response(start_login(other), "lt-worker"))
    assert other.get("/applications/").status_code == 200  # signed in
    assert other.get(link).status_code == 404
    assert other.get(certificate_sent).status_code == 404


def test_a_certificate_the_institution_must_decide_on_is_not_issued_at_send(parent_client, sending, settings):
    settings.INSURANCE_REGISTER = ""  # the insurance is declared, not checked
    url = step(parent_client, begin(parent_client), "for_whom", {"for_whom-for_whom": "me"})
    url = step(
        parent_client, url, "about_you", {"about_you-nationality": "LT", **address("about_you-address")}
    )
    declared = {"insurance-insured": "yes", "insurance-category": Category.EMPLOYED}
    url = step(parent_client, url, "insurance", declared)
    url = step(parent_client, url, "work_abroad", {"work_abroad-work_abroad": "no"})
    url = step(
        parent_client, url, "entitlement_document", {"entitlement_document-entitlement_document": "no"}
    )
    url = prc(parent_client, url, start=today() + DAY, end=today() + 15 * DAY)
    url = step(parent_client, url, "delivery", {"delivery-method": "electronic"})
    url = step(parent_client, url, "contact", CONTACT)
    url = step(parent_client, url, "warnings", {"warnings-acknowledged": "on"})
    page = parent_client.get(sending(parent_client, url)).content.decode()
    application = Application.objects.get()
    assert application.payload["answers"]["provisional_certificate"]["instant_issue"] is False
    assert not Document.objects.filter(kind=Document.Kind.CERTIFICATE).exists()
    assert Document.objects.filter(kind=Document.Kind.RECEIPT).exists()
    assert "Download your certificate" not in page and "certificate is being prepared" not in page


def test_running_the_task_again_keeps_one_certificate(certificate_sent):
    application = Application.objects.get()
    first = Document.objects.get(kind=Document.Kind.CERTIFICATE)
    receipt(str(application.pk))
    again = certificate_render(application_id=application.pk)
    assert again is not None and again.pk == first.pk
    assert Document.objects.filter(application=application, kind=Document.Kind.CERTIFICATE).count() == 1
    assert document_content(again).startswith(b"%PDF")


def test_a_certificate_that_fails_never_holds_up_the_application_and_is_tried_again(
    parent_client, sending, monkeypatch
):
    """The receipt and the deliveries go on; the sweeper issues the certificate once rendering works."""
    from portal.pipeline import tasks

    def broken(**_kwargs):  # type: ignore[no-untyped-def]
        raise OSError("the seal image is missing")

    monkeypatch.setattr(tasks, "certificate_render", broken)
    url = prc(parent_client, for_me(parent_client), start=today() + DAY, end=today() + 15 * DAY)
    url = step(parent_client, url, "delivery", {"delivery-method": "electronic"})
    sending(parent_client, step(parent_client, url, "contact", CONTACT))
    application = Application.objects.get()
    kinds = set(application.documents.values_list("kind", flat=True))
    assert kinds == {Document.Kind.RECEIPT}
    assert application.deliveries.exists()

    monkeypatch.setattr(tasks, "certificate_render", certificate_render)
    tasks.pipeline_sweep()
    assert application.documents.filter(kind=Document.Kind.CERTIFICATE).count() == 1
    tasks.pipeline_sweep()  # nothing is missing any more: no second certificate
    assert application.documents.filter(kind=Document.Kind.CERTIFICATE).count() == 1
