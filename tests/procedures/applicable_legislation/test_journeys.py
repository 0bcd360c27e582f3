"""A1 journeys through the wizard with the test client (the browser journeys are in tests/browser)."""

import re

import pytest
from django.db import connection
from django.test import Client

from portal.applications.models import Application, Draft
from portal.applications.services import envelope_validate
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login

pytestmark = pytest.mark.django_db

ABOUT_YOU = {
    "about_you-personal_code": "390 0621 1001",
    "about_you-nationality": "LT",
    "about_you-address": "Gedimino pr. 1, Vilnius",
}
SITUATION = {"situation-request_type": "posted_employee", "situation-filing_for": "self"}
EMPLOYER = {
    "employer-name": "UAB Statyba",
    "employer-registration_number": "123 456 789",
    "employer-country": "LT",
}


def posting(start=(1, 3, 2027), end=(28, 2, 2028), replacing="no", wages="yes", insured="yes"):  # type: ignore[no-untyped-def]
    return {
        "posting-host_country": "DE",
        "posting-start_0": start[0],
        "posting-start_1": start[1],
        "posting-start_2": start[2],
        "posting-end_0": end[0],
        "posting-end_1": end[1],
        "posting-end_2": end[2],
        "posting-replacing": replacing,
        "posting-wages_paid_by_employer": wages,
        "posting-insured_before": insured,
    }


@pytest.fixture
def citizen_client(client):
    post_acs(client, node_response(start_login(client), "lt-worker"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def post_step(client, url: str, step_name: str, data: dict):  # type: ignore[no-untyped-def]
    response = client.get(url)
    management = re.search(r'name="([a-z_]+-current_step)" value="([a-z_]+)"', response.content.decode())
    assert management, response.content.decode()[:2000]
    return client.post(url, {management.group(1): management.group(2), **data})


def begin(client) -> str:  # type: ignore[no-untyped-def]
    response = client.post("/applicable-legislation/begin/")
    assert response.status_code == 302, response
    return response["Location"]


def test_a_posted_employee_sends_an_a1_request(citizen_client):
    url = begin(citizen_client)
    response = post_step(citizen_client, url, "about_you", ABOUT_YOU)
    url = response["Location"]
    assert url.endswith("/situation/")
    url = post_step(citizen_client, url, "situation", SITUATION)["Location"]
    url = post_step(citizen_client, url, "employer", EMPLOYER)["Location"]
    assert url.endswith("/posting/")
    url = post_step(citizen_client, url, "posting", posting())["Location"]
    assert url.endswith("/check/")
    page = citizen_client.get(url).content.decode()
    assert "UAB Statyba" in page and "Change" in page and "Send your application" in page
    done = post_step(citizen_client, url, "check", {"check-truthful": "on"})
    final = citizen_client.get(done["Location"], follow=True)
    application = Application.objects.get()
    assert application.reference in final.content.decode()
    assert application.payload["sed_hints"] == ["A009"]
    assert application.payload["answers"]["holder"]["personal_code"] == "39006211001"
    envelope_validate(application.payload)
    assert not Draft.objects.exists()


def test_a_posting_of_25_months_leads_to_the_exception_offer(citizen_client):
    url = begin(citizen_client)
    url = post_step(citizen_client, url, "about_you", ABOUT_YOU)["Location"]
    url = post_step(citizen_client, url, "situation", SITUATION)["Location"]
    url = post_step(citizen_client, url, "employer", EMPLOYER)["Location"]
    response = post_step(citizen_client, url, "posting", posting(start=(1, 3, 2027), end=(31, 3, 2029)))
    assert "/stop/posting-over-24-months/" in response["Location"]
    page = citizen_client.get(response["Location"]).content.decode()
    assert "Ask for an exception instead" in page


def test_replacing_a_posted_worker_leads_to_the_eligibility_page(citizen_client):
    url = begin(citizen_client)
    url = post_step(citizen_client, url, "about_you", ABOUT_YOU)["Location"]
    url = post_step(citizen_client, url, "situation", SITUATION)["Location"]
    url = post_step(citizen_client, url, "employer", EMPLOYER)["Location"]
    response = post_step(citizen_client, url, "posting", posting(replacing="yes"))
    assert "/stop/replacing-a-posted-worker/" in response["Location"]


def test_an_invalid_lithuanian_personal_code_gets_a_clear_message(citizen_client):
    url = begin(citizen_client)
    response = post_step(
        citizen_client, url, "about_you", {**ABOUT_YOU, "about_you-personal_code": "39006211002"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real Lithuanian personal code" in html and "<title>Error:" in html


def test_a_personal_code_must_match_the_date_of_birth(citizen_client):
    url = begin(citizen_client)
    response = post_step(
        citizen_client, url, "about_you", {**ABOUT_YOU, "about_you-personal_code": "45802151009"}
    )
    assert "does not match your date of birth" in response.content.decode()


def test_answers_are_saved_per_step_and_unreadable_in_the_database(citizen_client):
    url = begin(citizen_client)
    post_step(citizen_client, url, "about_you", ABOUT_YOU)
    draft = Draft.objects.get()
    assert draft.answers["wizard"]["step_data"]["about_you"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM applications_draft")
        assert "Gedimino" not in cursor.fetchone()[0]


def test_another_citizen_cannot_open_a_draft_or_an_application(citizen_client, client):
    url = begin(citizen_client)
    other = Client()
    post_acs(other, node_response(start_login(other), "pl-worker"))
    assert other.get(url).status_code == 404
