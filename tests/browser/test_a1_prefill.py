"""Never ask twice, in a real browser: a second A1 request offers the person's details from the first
one; the person keeps them and goes straight to the questions about the new work (Lithuanian and
English, every new page checked by axe, with its error too)."""

import re

import pytest
from playwright.sync_api import Page, expect

from portal.applications.models import Application
from tests.browser.conftest import assert_accessible
from tests.browser.test_a1_journeys import (
    about_you_and_situation,
    fill_address,
    places_and_earlier_postings,
    posting_page,
    start_and_log_in,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# English sentences of the offer page: none may show on the Lithuanian page.
OFFER_ENGLISH = ("Your details from your last application", "Use these details", "Enter different details")


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


def send(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/check/$"))
    page.locator("input[name='check-truthful']").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]+/$"))


def situation_and_employer(page: Page) -> None:
    page.locator("input[name='situation-request_type'][value=posted_employee]").check()
    page.locator("input[name='situation-filing_for'][value=self]").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/employer/$"))
    page.locator("input[name='employer-name']").fill("UAB Statyba")
    page.locator("select[name='employer-country']").select_option("LT")
    page.locator("input[name='employer-registration_type'][value=company_code]").check()
    page.locator("input[name='employer-registration_number']").fill("123456789")
    fill_address(page, "employer-address", "Konstitucijos pr. 7")
    submit(page)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_second_a1_request_keeps_the_details_of_the_first(page: Page, language: str):
    start_and_log_in(page, language)
    about_you_and_situation(page, "posted_employee", check=False)
    posting_page(page, check=False)
    places_and_earlier_postings(page, check=False)
    send(page)
    first = Application.objects.get()

    page.goto("/applicable-legislation/")
    page.locator("main form button[type=submit]").click()  # Start now, already signed in
    expect(page).to_have_url(re.compile(r"/applicable-legislation/[0-9a-f-]+/your-details/$"))
    assert page.locator("html").get_attribute("lang") == language
    offer = page.locator("main")
    expect(offer).to_contain_text(first.reference)
    for shown in ("Kaunas", "Gedimino pr. 1", "jonas@example.lt", "39006211001"):
        expect(offer).to_contain_text(shown)
    if language == "lt":
        for sentence in OFFER_ENGLISH:
            expect(offer).not_to_contain_text(sentence)
    assert_accessible(page)
    submit(page)  # no choice made
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator(".govuk-error-summary a").first.click()
    expect(page.locator("input[name=use][value=yes]")).to_be_focused()
    page.locator("input[name=use][value=yes]").check()
    submit(page)

    expect(page).to_have_url(re.compile(r"/situation/$"))  # about you, birth, contact: not asked again
    situation_and_employer(page)
    posting_page(page, check=False)
    places_and_earlier_postings(page, check=False)
    expect(page.locator("main")).to_contain_text("Kaunas")
    send(page)
    second = Application.objects.exclude(pk=first.pk).get()
    assert second.payload["answers"]["holder"] == first.payload["answers"]["holder"]
    assert second.payload["answers"]["contact"] == first.payload["answers"]["contact"]
