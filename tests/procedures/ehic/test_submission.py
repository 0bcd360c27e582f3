"""What a sent card application gives the institution and the person: the receipt names the card type and
the delivery, and a second application for the same person soon after is accepted and flagged."""

import subprocess

import pytest

from portal.applications.models import Application
from portal.documents.services import document_content, receipt_render
from tests.procedures.ehic.journey import CONTACT, a_child, address, for_me, for_my_child, send, step

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def _card_by_post(client, url: str) -> None:  # type: ignore[no-untyped-def]
    url = step(client, url, "request", {"request-kind": "first_card"})
    url = step(client, url, "delivery", {"delivery-method": "post"})
    url = step(client, url, "delivery_address", address("delivery_address-address"))
    send(client, step(client, url, "contact", CONTACT))


def test_the_receipt_names_the_card_and_how_it_is_delivered(parent_client):
    url = step(parent_client, for_me(parent_client), "request", {"request-kind": "first_card"})
    url = step(parent_client, url, "delivery", {"delivery-method": "office"})
    url = step(parent_client, url, "delivery_office", {"delivery_office-office": "vilnius"})
    send(parent_client, step(parent_client, url, "contact", CONTACT))
    application = Application.objects.get()
    receipt = receipt_render(application_id=application.pk)
    text = _text(document_content(receipt))
    assert application.reference in text
    assert "You asked for A card" in text
    assert "How you get it Collect it at an office" in text
    assert "Vilnius" in text


def test_a_second_application_for_the_same_child_is_accepted_and_flagged(parent_client):
    born, code = a_child(8)
    _card_by_post(parent_client, for_my_child(parent_client, born, code))
    _card_by_post(parent_client, for_my_child(parent_client, born, code))
    first, second = Application.objects.order_by("submitted_at")
    assert "repeat_application" not in first.payload["warnings"]
    assert "repeat_application" in second.payload["warnings"]
    assert second.payload["answers"]["earlier_application"] == first.reference
    assert first.payload["answers"]["earlier_application"] is None


def test_an_application_for_the_parent_herself_is_not_flagged_by_her_childs(parent_client):
    born, code = a_child(8)
    _card_by_post(parent_client, for_my_child(parent_client, born, code))
    _card_by_post(parent_client, for_me(parent_client))
    latest = Application.objects.order_by("submitted_at").last()
    assert latest is not None
    assert "repeat_application" not in latest.payload["warnings"]
