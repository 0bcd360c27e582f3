"""The documents page asks only for what fits the person: a residence permit only of a national of no
EU or EEA state nor Switzerland, a contract with a company abroad only when there is one (postings and
the exception for them). The server holds to it at Send: an upload to a question that no longer applies
is not sent."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.applications.models import Application
from procedures.applicable_legislation.rules import host_contract_applies, third_country_national
from procedures.engine.fields import COORDINATION_AREA_CODES
from tests.procedures.applicable_legislation.journey import (
    ABOUT_YOU,
    BIRTH,
    NO_EARLIER_POSTINGS,
    PLACES,
    after_posting,
    post_step,
    posting,
    step_url,
    through_employer,
    work_split,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PERMIT = 'name="documents-residence_permit"'
HOST_CONTRACT = 'name="documents-host_contract"'
UKRAINIAN = {**ABOUT_YOU, "about_you-nationality": "UA"}


def _documents_page(client, about_you: dict | None = None) -> str:  # type: ignore[no-untyped-def]
    """A posted employee's documents page."""
    url = through_employer(client, about_you=about_you)
    url = after_posting(client, post_step(client, url, "posting", posting())["Location"])
    url = post_step(client, url, "places", PLACES)["Location"]
    url = post_step(client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    assert url.endswith("/documents/")
    return url


def _send(client, check_url: str) -> Application:  # type: ignore[no-untyped-def]
    assert check_url.endswith("/check/"), check_url
    client.get(post_step(client, check_url, "check", {"check-truthful": "on"})["Location"])
    return Application.objects.get()


@pytest.mark.parametrize(
    ("nationalities", "expected"),
    [
        (["LT", ""], False),
        (["UA", ""], True),
        (["UA", "PL"], False),  # a Polish national too: free to live and work here
        (["CH", ""], False),
        (["NO", ""], False),
        (["GB", ""], True),  # the UK left the EU (a deployment may add it to the coordination area)
        (["", ""], False),  # not known yet
    ],
)
def test_a_third_country_national_has_no_nationality_of_the_eu_eea_or_switzerland(nationalities, expected):
    assert third_country_national(nationalities, free_movement=COORDINATION_AREA_CODES) is expected


def test_only_postings_and_their_exception_have_a_company_abroad():
    assert host_contract_applies("posted_employee") and host_contract_applies("posted_self_employed")
    assert host_contract_applies("exception")
    assert not any(
        host_contract_applies(kind)
        for kind in (
            "multi_state_employee",
            "multi_state_self_employed",
            "employed_and_self_employed",
            "mariner",
        )
    )


def test_a_lithuanian_national_is_not_asked_for_a_residence_permit(citizen_client):
    page = citizen_client.get(_documents_page(citizen_client)).content.decode()
    assert PERMIT not in page and "residence permit" not in page
    assert HOST_CONTRACT in page  # a posted worker: the contract with the company abroad


def test_a_third_country_national_is_asked_for_a_residence_permit(citizen_client):
    page = citizen_client.get(_documents_page(citizen_client, UKRAINIAN)).content.decode()
    assert PERMIT in page and "Your residence permit and visa" in page


def test_a_third_country_national_with_an_eu_nationality_too_is_not_asked(citizen_client):
    url = _documents_page(citizen_client, UKRAINIAN)
    post_step(citizen_client, step_url(url, "birth"), "birth", {**BIRTH, "birth-other_nationality": "PL"})
    assert PERMIT not in citizen_client.get(url).content.decode()


def test_a_worker_in_several_countries_is_not_asked_for_a_contract_with_a_company_abroad(citizen_client):
    url = through_employer(citizen_client, request_type="multi_state_employee")
    url = post_step(citizen_client, url, "work_split", work_split(("LT", 40, 40), ("PL", 60, 60)))["Location"]
    url = post_step(citizen_client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"]
    page = citizen_client.get(url).content.decode()
    assert url.endswith("/documents/") and HOST_CONTRACT not in page
    assert "the company you will work for abroad" not in page
    assert 'name="documents-employment_contract"' in page


def test_a_residence_permit_uploaded_before_the_nationality_changed_is_not_sent(citizen_client, settings):
    url = _documents_page(citizen_client, UKRAINIAN)
    permit = SimpleUploadedFile("permit.pdf", PDF, content_type="application/pdf")
    check_url = post_step(citizen_client, url, "documents", {"documents-residence_permit": permit})[
        "Location"
    ]
    assert "permit.pdf" in citizen_client.get(check_url).content.decode()
    # Back to the first page from the check page: the person is Lithuanian after all.
    about_you = step_url(url, "about_you") + "?return=check"
    assert post_step(citizen_client, about_you, "about_you", ABOUT_YOU)["Location"].endswith("/check/")
    assert "permit.pdf" not in citizen_client.get(check_url).content.decode()
    application = _send(citizen_client, check_url)
    assert application.payload["attachments"] == []
    assert "residence_permit" not in str(application.payload["answers"])
    assert not [path for path in (settings.MEDIA_ROOT / "documents").rglob("*") if path.is_file()]


def test_an_upload_posted_to_a_question_not_asked_is_dropped(citizen_client, settings):
    url = _documents_page(citizen_client)  # a Lithuanian national
    permit = SimpleUploadedFile("permit.pdf", PDF, content_type="application/pdf")
    check_url = post_step(citizen_client, url, "documents", {"documents-residence_permit": permit})[
        "Location"
    ]
    assert not [path for path in (settings.MEDIA_ROOT / "uploads-in-progress").rglob("*") if path.is_file()]
    assert _send(citizen_client, check_url).payload["attachments"] == []
