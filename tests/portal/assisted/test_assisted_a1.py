"""A caseworker files an A1 request for a person without an eID: the same pages and rules as online."""

import pytest

from portal.applications.models import Application
from portal.applications.services import envelope_validate
from tests.portal.assisted.journey import CODE, start_case
from tests.procedures.applicable_legislation.journey import (
    ABOUT_YOU,
    BIRTH,
    EMPLOYER,
    NO_OTHER_NUMBERS,
    SITUATION,
    post_step,
    to_check,
)
from tests.procedures.ehic.journey import step

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, caseworker_with_totp):  # type: ignore[no-untyped-def]
    client.force_login(caseworker_with_totp)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_a_caseworker_files_an_a1_request_for_a_person_without_an_eid(desk):
    url = start_case(desk, "applicable-legislation")
    page = desk.get(url).content.decode()
    assert "You are applying for Ona Petraitienė" in page and CODE in page
    url = step(
        desk, url, "about_you", {key: value for key, value in ABOUT_YOU.items() if "personal_code" not in key}
    )
    url = step(desk, url, "birth", {**BIRTH, "birth-sex": "female"})
    url = step(desk, url, "contact", {"contact-post_only": "on"})
    url = step(desk, url, "other_numbers", NO_OTHER_NUMBERS)
    url = step(desk, url, "situation", SITUATION)
    url = step(desk, url, "employer", EMPLOYER)
    check = to_check(desk, url)
    assert check.endswith("/check/")
    done = post_step(desk, check, "check", {"check-signed": "on"})
    landed = desk.get(done["Location"])
    assert "/handover/" in landed["Location"]
    envelope = Application.objects.get().payload
    envelope_validate(envelope)
    assert envelope["channel"] == "assisted" and envelope["filed_by"]["role"] == "caseworker"
    assert envelope["answers"]["holder"]["personal_code"] == CODE
