"""The pension claim's task list as a claimant sees it: the statuses of its sections, coming back to a
draft after signing out, the age section that waits for the others, the check page and Send that wait
for every section, and the family section that only some deployments ask."""

import re

import pytest
from django.test import Client

from portal.applications.models import Application
from procedures.pension.models import PensionSettings
from procedures.pension.reference import reference_forget
from tests.procedures.applicable_legislation.journey import post_step
from tests.procedures.pension.journey import (
    DECLARATIONS,
    PAYMENT,
    about_you,
    abroad,
    begin,
    claim,
    done,
    envelope,
    insurance_here,
    page_text,
    page_url,
    pensioner_signed_in,
    send,
    statuses,
    step,
    whole_claim,
)

pytestmark = pytest.mark.django_db

TASKS = [
    "About you",
    "What you are claiming",
    "Your insurance in Lithuania",
    "Work and insurance abroad",
    "When you can get a pension",
    "Raising children",
    "Other pensions and benefits",
    "How we pay you",
]


@pytest.fixture
def family_supplements():
    """A deployment where the amount depends on the spouse or partner (an administrator's setting)."""
    configuration = PensionSettings.current()
    configuration.family_supplements = True
    configuration.save()
    yield
    reference_forget()  # the rolled-back row must not outlive the test in this process's tables


def test_a_new_claim_lists_every_section_not_started_and_the_age_section_waits(client):
    pensioner_signed_in(client)
    tasks = begin(client)
    shown = statuses(client, tasks)
    assert list(shown) == TASKS  # no family section where the amount does not depend on it
    assert {name: status for name, status in shown.items() if status != "Not started"} == {
        "When you can get a pension": "Cannot start yet"
    }
    page = client.get(tasks)
    assert "You have completed 0 of 8 sections." in page_text(page)
    assert page_url(tasks, "age_check") not in page.content.decode()  # no link while it cannot start
    assert "Check your answers" not in page_text(page)


def test_completed_sections_stay_completed_after_signing_out_and_in_again(client):
    pensioner_signed_in(client)
    tasks = begin(client)
    about_you(client, tasks)
    claim(client, tasks)
    shown = statuses(client, tasks)
    assert shown["About you"] == shown["What you are claiming"] == "Completed"
    assert shown["Your insurance in Lithuania"] == "Not started"

    client.post("/eidas/logout/")
    assert client.get(tasks).status_code == 302  # signed out: the draft is not shown
    again = pensioner_signed_in(Client())
    for listing in ("/applications/", "/my/"):
        links = re.findall(r'href="([^"]+)"[^>]*>Continue', again.get(listing).content.decode())
        assert links == [tasks], listing
    shown = statuses(again, tasks)
    assert shown["About you"] == shown["What you are claiming"] == "Completed"
    assert "You have completed 2 of 8 sections." in page_text(again.get(tasks))


def test_a_section_the_claimant_will_come_back_to_is_in_progress(client):
    pensioner_signed_in(client)
    tasks = begin(client)
    url = step(client, tasks, "insured_here", {"insured_here-insured_here": "yes"})
    assert done(client, url, "insurance_here", "no") == tasks
    assert statuses(client, tasks)["Your insurance in Lithuania"] == "In progress"
    # Its link opens the question "Have you completed this section?" again, not the first question.
    assert page_url(tasks, "insurance_here_done") in client.get(tasks).content.decode()
    insurance_here(client, tasks)
    assert statuses(client, tasks)["Your insurance in Lithuania"] == "Completed"


def test_the_age_section_opens_only_after_the_four_sections_it_reads(client):
    pensioner_signed_in(client)
    tasks = begin(client)
    about_you(client, tasks)
    claim(client, tasks)
    insurance_here(client, tasks)
    opened = client.get(page_url(tasks, "age_check"))
    assert opened.status_code == 302 and opened["Location"] == tasks
    assert statuses(client, tasks)["When you can get a pension"] == "Cannot start yet"

    abroad(client, tasks)
    assert statuses(client, tasks)["When you can get a pension"] == "Not started"
    page = client.get(page_url(tasks, "age_check"))
    assert page.status_code == 200
    assert "Lithuania can pay you from" in page_text(page)


def test_the_check_page_waits_for_every_section_then_shows_the_answers(client):
    pensioner_signed_in(client)
    tasks = begin(client)
    about_you(client, tasks)
    claim(client, tasks)
    opened = client.get(page_url(tasks, "check"))
    assert opened.status_code == 302 and opened["Location"] == tasks

    tasks = whole_claim(client)
    assert set(statuses(client, tasks).values()) == {"Completed"}
    assert "You have completed every section." in page_text(client.get(tasks))
    page = client.get(page_url(tasks, "check"))
    assert page.status_code == 200
    text = page_text(page)
    for answer in ("Gedimino pr. 1", "Kaunas", "ona@example.lt", PAYMENT["payment-holder"]):
        assert answer in text
    assert "LT12 1000 0111 0100 1000" in text  # the IBAN as a bank statement shows it
    assert "Send your application" in text


def test_send_is_refused_while_a_section_is_not_completed(client):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    done(client, page_url(tasks, "benefits_done"), "benefits", "no")
    assert statuses(client, tasks)["Other pensions and benefits"] == "In progress"
    response = client.post(page_url(tasks, "check"), {"pension_wizard-current_step": "check", **DECLARATIONS})
    assert response.status_code == 302 and response["Location"] == tasks
    assert not Application.objects.exists()


def test_send_checks_the_sections_again_on_the_answers_it_sends(client):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    sending = post_step(client, page_url(tasks, "check"), "check", DECLARATIONS)
    assert sending.status_code == 302
    # Before Send goes through (a second tab), the claimant reopens a section.
    done(client, page_url(tasks, "benefits_done"), "benefits", "no")
    response = client.get(sending["Location"])
    assert response.status_code == 302 and response["Location"] == tasks
    assert not Application.objects.exists()


def test_the_family_section_is_asked_only_where_the_amount_depends_on_it(client, family_supplements):
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    shown = statuses(client, tasks)
    assert list(shown) == [*TASKS[:-1], "Your family", "How we pay you"]
    assert shown["Your family"] == "Not started"
    assert client.get(page_url(tasks, "check"))["Location"] == tasks

    url = step(client, tasks, "partner_question", {"partner_question-partner": "no"})
    done(client, url, "family")
    assert client.get(page_url(tasks, "check")).status_code == 200
    send(client, tasks)
    assert envelope()["answers"]["family"] == {"partner": None}


def test_with_a_warning_the_task_list_leads_to_the_warnings_then_one_send(client):
    """An answer that needs a closer look (an account in someone else's name): "Check your answers" on
    the task list opens the page that explains it; once acknowledged, one Send sends the claim."""
    pensioner_signed_in(client)
    tasks = whole_claim(client)
    step(client, tasks, "payment", {**PAYMENT, "payment-holder": "Jonas Petraitis"})
    page = client.get(tasks).content.decode()
    link = re.search(r'href="([^"]+)"[^>]*>Check your answers<', page)
    assert link is not None and link.group(1).endswith("/warnings/"), page
    assert step(client, link.group(1), "warnings", {"warnings-acknowledged": "on"}).endswith("/check/")
    send(client, tasks)
    assert Application.objects.filter(procedure="pension").count() == 1
