"""What people do in the browser: change language, sign in as staff, get warned before a timeout."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in_as, switch_language
from tests.conftest import totp_code
from tests.factories import STAFF_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_language_switch_changes_and_keeps_the_language(page: Page):
    page.goto("/contact/")
    assert page.locator("html").get_attribute("lang") == "lt"
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/contact/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text("Contact")
    page.get_by_role("link", name="Accessibility statement").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Lietuviškai").click()
    assert page.locator("html").get_attribute("lang") == "lt"
    assert_accessible(page)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_staff_sign_in_with_password_and_second_factor(page: Page, caseworker_with_totp, language: str):
    page.goto("/accounts/login/")
    switch_language(page, language)
    assert_accessible(page)
    page.locator("input[name=login]").fill(caseworker_with_totp.email)
    page.locator("input[name=password]").fill(STAFF_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    assert_accessible(page)
    page.locator("input[name=code]").fill(totp_code())
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    heading = "Darbuotojo pradžios puslapis" if language == "lt" else "Staff home"
    expect(page.locator("h1")).to_have_text(heading)


def test_a_wrong_password_shows_an_accessible_error(page: Page, caseworker_with_totp):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(caseworker_with_totp.email)
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.locator("input[name=login]").input_value() == caseworker_with_totp.email
    assert_accessible(page)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_the_timeout_warning_lets_people_stay_signed_in(page: Page, citizen, settings, language: str):
    settings.SESSION_IDLE_TIMEOUT_CITIZEN = 12
    settings.SESSION_TIMEOUT_WARNING = 6
    sign_in_as(page, citizen)
    page.goto("/")
    switch_language(page, language)
    dialog = page.locator("#session-timeout-dialog")
    expect(dialog).to_be_visible(timeout=15_000)
    # The modal dialog takes focus, so keyboard and screen-reader users meet it at once.
    assert page.evaluate("document.getElementById('session-timeout-dialog').contains(document.activeElement)")
    assert_accessible(page)
    dialog.locator("form[data-extend] button").click()
    expect(dialog).to_be_hidden()
    page.wait_for_timeout(7_000)  # past the moment the session would have ended without the extension
    assert page.url.endswith("/") and "session/ended" not in page.url
    assert page.request.get("/session/status/").json()["authenticated"] is True


def test_without_an_answer_the_session_ends_on_a_page_that_says_why(page: Page, citizen, settings):
    settings.SESSION_IDLE_TIMEOUT_CITIZEN = 6
    settings.SESSION_TIMEOUT_WARNING = 3
    sign_in_as(page, citizen)
    page.goto("/language/en/?next=/contact/")
    expect(page).to_have_url(re.compile(r"/session/ended/$"), timeout=15_000)
    expect(page.locator("h1")).to_have_text("You have been signed out")
    assert_accessible(page)
