"""A caseworker files a card application for a person without an eID: same questions, same rules."""

import pytest

from portal.applications.models import Application
from portal.applications.services import envelope_validate
from tests.portal.assisted.journey import CODE, start_case
from tests.procedures.applicable_legislation.journey import post_step
from tests.procedures.ehic.journey import address, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, caseworker_with_totp):  # type: ignore[no-untyped-def]
    client.force_login(caseworker_with_totp)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_a_caseworker_files_a_card_application_for_a_person_without_an_eid(desk, caseworker_with_totp):
    url = step(desk, start_case(desk, "ehic"), "for_whom", {"for_whom-for_whom": "me"})
    page = desk.get(url).content.decode()
    assert "You are applying for Ona Petraitienė" in page
    assert CODE in page  # read from the identity document: not asked again
    case_id = url.split("/")[2]
    assert f'href="/assisted/{case_id}/eid/"' in page  # the person may still confirm it with an eID
    url = step(desk, url, "about_you", {"about_you-nationality": "LT", **address("about_you-address")})
    url = step(desk, url, "insurance")  # the register is asked: the caseworker saw the document
    url = step(desk, url, "work_abroad", {"work_abroad-work_abroad": "no"})
    url = step(desk, url, "entitlement_document", {"entitlement_document-entitlement_document": "no"})
    url = step(desk, url, "request", {"request-kind": "first_card"})
    url = step(desk, url, "delivery", {"delivery-method": "post"})
    url = step(desk, url, "delivery_address", address("delivery_address-address"))
    url = step(desk, url, "contact", {"contact-post_only": "on"})
    assert url.endswith("/check/")
    refused = post_step(desk, url, "check", {})
    assert refused.status_code == 200 and "confirm that it is signed" in refused.content.decode()
    done = post_step(desk, url, "check", {"check-signed": "on"})
    landed = desk.get(done["Location"])
    assert landed.status_code == 302 and "/handover/" in landed["Location"], landed
    application = Application.objects.get()
    envelope = application.payload
    envelope_validate(envelope)
    assert envelope["channel"] == "assisted" and application.channel == "assisted"
    assert envelope["applicant"]["given_name"] == "Ona"
    assert envelope["filed_by"]["role"] == "caseworker"
    assert envelope["filed_by"]["caseworker"] == str(caseworker_with_totp.pk)
    assert envelope["language"] == "lt"
    sent = desk.get(landed["Location"]).content.decode()
    assert "Application sent" in sent
    assert "/eid/" not in sent  # too late to attach one once the application is sent
