"""Card application journeys through the wizard with the test client (browser journeys: tests/browser)."""

import pytest

from portal.applications.models import Application
from portal.applications.services import envelope_validate
from tests.procedures.ehic.journey import (
    CONTACT,
    DAY,
    a_child,
    for_me,
    for_my_child,
    prc,
    send,
    step,
    today,
)

pytestmark = pytest.mark.django_db


def test_a_card_for_myself_collected_at_an_office(parent_client):
    url = step(parent_client, for_me(parent_client), "request", {"request-kind": "first_card"})
    url = step(parent_client, url, "delivery", {"delivery-method": "office"})
    url = step(parent_client, url, "delivery_office", {"delivery_office-office": "vilnius"})
    url = step(parent_client, url, "contact", CONTACT)
    assert url.endswith("/check/")
    page = parent_client.get(url).content.decode()
    assert "valid until" in page
    assert "/applications/" in send(parent_client, url)
    application = Application.objects.get()
    envelope = application.payload
    envelope_validate(envelope)
    assert envelope["filed_by"] == {"role": "self"}
    assert envelope["answers"]["request"]["type"] == "card"
    assert envelope["answers"]["delivery"] == {"method": "office", "office": "vilnius"}


def test_a_card_for_my_child_sent_by_post(parent_client):
    born, code = a_child(8)
    url = step(
        parent_client, for_my_child(parent_client, born, code), "request", {"request-kind": "first_card"}
    )
    url = step(parent_client, url, "delivery", {"delivery-method": "post"})
    url = step(
        parent_client,
        url,
        "delivery_address",
        {
            "delivery_address-address_0": "Gedimino pr. 1",
            "delivery_address-address_2": "Vilnius",
            "delivery_address-address_4": "LT",
        },
    )
    url = step(parent_client, url, "contact", CONTACT)
    assert "/applications/" in send(parent_client, url)
    envelope = Application.objects.get().payload
    assert envelope["applicant"]["given_name"] == "Austėja"
    assert envelope["filed_by"]["role"] == "parent"
    assert envelope["representative"] == {
        "family_name": "Vaitkienė",
        "given_name": "Rūta",
        "date_of_birth": "1986-04-12",
        "basis": "parent",
    }
    assert envelope["answers"]["parent_child_link"]["register"] == "parent"


def test_a_certificate_for_a_stay_starting_tomorrow(parent_client):
    url = prc(parent_client, for_me(parent_client), start=today() + DAY, end=today() + 15 * DAY)
    url = step(parent_client, url, "delivery", {"delivery-method": "electronic"})
    url = step(parent_client, url, "contact", CONTACT)
    page = parent_client.get(url).content.decode()
    assert "ready to download" in page
    assert "/applications/" in send(parent_client, url)
    certificate = Application.objects.get().payload["answers"]["provisional_certificate"]
    assert certificate["instant_issue"] is True
    assert certificate["requested_from_abroad"] is False
