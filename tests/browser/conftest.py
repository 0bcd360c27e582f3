"""The browser test harness: the portal on a live server, driven by headless Debian Chromium."""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, transactional_db) -> Iterator[Page]:
    """A fresh browser profile on the live portal; fails the test on any CSP violation it reports."""
    context = browser.new_context(base_url=live_server.url, locale="lt-LT")
    page = context.new_page()
    console_errors: list[str] = []
    page.on(
        "console", lambda message: console_errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    yield page
    context.close()
    assert [e for e in console_errors if "Content Security Policy" in e or "Refused" in e] == []
    assert [e for e in console_errors if "Failed to load resource" not in e] == []


def sign_in_as(page: Page, user) -> None:  # type: ignore[no-untyped-def]
    """Give the browser a signed-in session for ``user`` (the sign-in itself is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    page.goto("/healthz/")
    base_url = page.url.rsplit("/healthz/", 1)[0]
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def switch_language(page: Page, code: str) -> None:
    link = page.locator(f'.govuk-language-navigation a[hreflang="{code}"]')
    if link.count():
        link.click()
    assert page.locator("html").get_attribute("lang") == code


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it is now; any violation, of any impact, fails the test."""
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
