"""Logging in through eIDAS in a real browser, over real HTTP, with the demo node (pysaml2)."""

import re

import pytest
from playwright.sync_api import Page, expect

from portal.accounts.models import CitizenIdentity
from tests.browser.conftest import assert_accessible, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


def log_in(page: Page, *, country: str, identity: str, loa: str = "substantial") -> None:
    page.get_by_role("link", name=re.compile("Prisijungti|Log in")).first.click()
    expect(page).to_have_url(re.compile(r"/eidas/login/"))
    assert_accessible(page)
    page.locator("select[name=country]").select_option(country)
    page.locator("main form button[type=submit]").click()
    # The signed request posts itself to the node; the node's page asks who to be.
    expect(page).to_have_url(re.compile(r"/demo-eidas/$"))
    assert_accessible(page)
    page.locator(f"input[name=identity][value={identity}]").check()
    page.locator(f"input[name=loa][value$='/{loa}']").check()
    page.locator("button[name=continue]").click()


def test_a_lithuanian_pensioner_logs_in_and_sees_their_name(page: Page):
    page.goto("/")
    switch_language(page, "lt")
    log_in(page, country="LT", identity="lt-pensioner")
    expect(page.locator(".govuk-service-navigation")).to_contain_text("Ona Petraitienė")
    page.get_by_role("link", name="Ona Petraitienė").click()
    expect(page).to_have_url(re.compile(r"/my/$"))
    expect(page.locator("main")).to_contain_text("1958")
    assert_accessible(page)
    assert CitizenIdentity.objects.get().country == "LT"
    # Signing out also ends the session at the node (single logout through the demo node).
    page.locator(".govuk-service-navigation form button").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Jūs atsijungėte.")
    expect(page.locator(".govuk-service-navigation")).not_to_contain_text("Ona Petraitienė")
    assert_accessible(page)


def test_a_greek_citizen_logs_in_with_a_name_in_greek_script(page: Page):
    page.goto("/pension/")
    switch_language(page, "en")
    log_in(page, country="EL", identity="el-citizen", loa="high")
    expect(page).to_have_url(re.compile(r"/pension/$"))  # back where they started
    expect(page.locator(".govuk-service-navigation")).to_contain_text("Eleni Papadopoulou")
    page.goto("/my/")
    expect(page.locator("main")).to_contain_text("Ελένη Παπαδοπούλου")
    assert_accessible(page)


@pytest.mark.expected_failed_loads(
    ("/eidas/acs/", 400), reason="the node answers a cancelled login with an error the portal reports as 400"
)
def test_cancelling_at_the_node_shows_a_page_to_try_again(page: Page):
    page.goto("/")
    switch_language(page, "en")
    page.get_by_role("link", name="Log in").first.click()
    page.locator("select[name=country]").select_option("DE")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/demo-eidas/$"))
    page.locator("button[name=cancel]").click()
    expect(page.locator("h1")).to_have_text("You could not be logged in")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    assert_accessible(page)


def test_the_login_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto("/eidas/login/")
    page.locator("select[name=country]").select_option("LV")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Taking you to your country's eID service")
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=identity][value=lv-parent]").check()
    page.locator("button[name=continue]").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-service-navigation")).to_contain_text("Anna Bērziņa")
    context.close()
