"""Zero axe-core violations on every page built so far, in Lithuanian and English."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible, sign_in_as, switch_language
from tests.pages import PUBLIC_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = ["lt", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.expected_failed_loads(
    ("/this-page-does-not-exist/", 404), reason="the 'page not found' page is among the pages checked"
)
def test_public_pages_have_no_accessibility_violations(page: Page, language: str):
    page.goto("/")
    switch_language(page, language)
    for path in PUBLIC_PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_errors_are_accessible_and_announced(page: Page, language: str):
    page.goto("/feedback/")
    switch_language(page, language)
    page.locator("form[novalidate] button[type=submit]").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert page.title().startswith("Klaida:" if language == "lt" else "Error:")
    # GOV.UK Frontend moves focus to the summary so screen readers read it first.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_have_no_accessibility_violations(page: Page, caseworker_with_totp, language: str):
    sign_in_as(page, caseworker_with_totp)
    page.goto("/staff/")
    switch_language(page, language)
    for path in ["/staff/", "/accounts/2fa/", "/accounts/password/change/", "/accounts/logout/"]:
        page.goto(path)
        assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_second_factor_setup_page_has_no_accessibility_violations(page: Page, administrator, language: str):
    sign_in_as(page, administrator)
    page.goto("/staff/")
    assert "/accounts/2fa/totp/activate/" in page.url or "/accounts/reauthenticate/" in page.url
    switch_language(page, language)
    assert_accessible(page)
