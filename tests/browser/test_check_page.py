"""The grouped "Check your answers" page in a real browser, in Lithuanian and English: summary cards
with headings, what the eID said at the top, Change links that open the question at its field, and
axe finds nothing. (The answers are given with the test client on the browser's own session: the
question pages themselves are walked in test_a1_journeys.)"""

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, switch_language
from tests.procedures.applicable_legislation.journey import through_employer, to_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS_EN = [
    "About you",
    "How we contact you",
    "Your work",
    "Your employer or business",
    "Earlier postings",
    "Documents",
]


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


def signed_in_client(page: Page, language: str) -> Client:
    """Sign in through the demo eIDAS node in the browser; a test client on the same session."""
    page.goto("/applicable-legislation/")
    switch_language(page, language)
    page.locator("main form button[type=submit]").click()  # Start now
    page.locator("select[name=country]").select_option("LT")
    page.locator("main form button[type=submit]").click()
    page.locator("input[name=identity][value=lt-worker]").check()
    page.locator("button[name=continue]").click()
    expect(page).to_have_url(re.compile(r"/about_you/$"))
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    session = next(cookie for cookie in page.context.cookies() if cookie["name"] == "sessionid")
    client.cookies["sessionid"] = session["value"]
    return client


@pytest.mark.parametrize("language", ["lt", "en"])
def test_the_check_page_groups_the_answers_into_accessible_cards(page: Page, language: str):
    client = signed_in_client(page, language)
    check = to_check(client, through_employer(client))
    page.goto(check)
    assert page.locator("html").get_attribute("lang") == language
    headings = page.locator(".govuk-summary-card__title").all_inner_texts()
    if language == "en":
        assert headings == SECTIONS_EN
    else:
        assert len(headings) == len(SECTIONS_EN)
        assert headings[0] == "Apie Jus" and headings[-1] == "Dokumentai"
    about_you = page.locator(".govuk-summary-card").first
    keys = about_you.locator(".govuk-summary-list__key").all_inner_texts()
    assert keys[:2] == (["Name", "Date of birth"] if language == "en" else ["Vardas, pavardė", "Gimimo data"])
    # What the eID said cannot be changed here: no Change link on those rows.
    assert about_you.locator(".govuk-summary-list__row").first.locator("a").count() == 0
    expect(page.locator("main")).not_to_contain_text("Question ")
    assert_accessible(page)

    # "Change" opens the question at its field; saving comes back to the check page.
    change = about_you.locator("a[href*='#id_about_you-address_0']")
    expect(change).to_have_count(1)
    change.click()
    expect(page).to_have_url(re.compile(r"/about_you/\?return=check#id_about_you-address_0$"))
    assert page.evaluate("document.querySelector(':target').id") == "id_about_you-address_0"
    # Scrolled down to the field (within a pixel of the top of the window), not left at the page's top.
    assert page.evaluate("window.scrollY") > 0
    top = page.evaluate("document.querySelector(':target').getBoundingClientRect().top")
    assert -1 <= top < page.evaluate("window.innerHeight")
    page.locator("main form[novalidate] button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/check/"))
    expect(page.locator(".govuk-summary-card")).to_have_count(len(SECTIONS_EN))


def test_a_long_answer_box_counts_down_and_the_server_names_the_limit(page: Page):
    client = signed_in_client(page, "en")
    url = through_employer(client, request_type="exception")
    assert url.endswith("/exception_request/")
    page.goto(url)
    box = page.locator("textarea[name='exception_request-reasons']")
    expect(page.locator(".govuk-character-count__status")).to_have_text(
        "You have 2,000 characters remaining"  # the browser writes the number as the language does
    )
    box.fill("x" * 1990)
    expect(page.locator(".govuk-character-count__status")).to_have_text("You have 10 characters remaining")
    box.fill("x" * 2003)  # nothing is cut: the box keeps what was typed
    expect(page.locator(".govuk-character-count__status")).to_have_text("You have 3 characters too many")
    assert len(box.input_value()) == 2003
    assert_accessible(page)
    page.locator("main form[novalidate] button[type=submit]").last.click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The reasons for the exception must be 2000 characters or fewer"
    )
    assert len(page.locator("textarea[name='exception_request-reasons']").input_value()) == 2003
    assert_accessible(page)
