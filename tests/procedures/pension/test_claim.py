"""A whole claim online: the task list, its sections, Send, what the institution receives."""

import re

import pytest

from portal.applications.models import Application
from tests.procedures.applicable_legislation.journey import post_step
from tests.procedures.pension.journey import (
    begin,
    insurance_here,
    page_url,
    pensioner_signed_in,
    send,
    whole_claim,
)

pytestmark = pytest.mark.django_db


def test_a_claim_with_periods_in_three_states_is_sent_with_the_p_forms(client):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    send(client, tasks)
    application = Application.objects.get(procedure="pension")
    envelope = application.payload
    assert envelope["sed_hints"] == ["P2000", "P4000"]
    assert envelope["answers"]["states"] == ["LT", "PL", "DE"]
    assert envelope["applicant"]["given_name"] == "Ona"
    # Her personal code came from her eID: never typed, and sent with the claim.
    assert envelope["applicant"]["personal_numbers"][0] == {
        "country": "LT",
        "number": "45802150110",
        "institution": "",
    }


def test_the_sent_page_states_the_claim_date_and_the_countries(client):
    pensioner_signed_in(client)
    landed = send(client, whole_claim(client))
    page = client.get(landed).content.decode()
    assert "Claim date and time" in page
    assert "(UTC+0" in page  # Vilnius time with its offset
    assert "Poland<br>Germany" in page


def test_a_change_from_a_sections_own_summary_comes_back_to_that_section(client):
    """ "Have you completed this section?" shows the section's answers; changing one returns there."""
    pensioner_signed_in(client)
    tasks = begin(client)
    insurance_here(client, tasks)
    completion = page_url(tasks, "insurance_here_done")
    page = client.get(completion).content.decode()
    change = re.search(r'href="([^"]*/insured_here/\?return=insurance_here_done)[^"]*"', page)
    assert change is not None, page
    response = post_step(
        client,
        change.group(1).replace("&amp;", "&"),
        "insured_here",
        {"insured_here-insured_here": "not_sure"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/insurance_here_done/")
