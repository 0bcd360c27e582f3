"""The browser test harness: the portal on a live server, driven by headless Debian Chromium."""

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

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

FAILED_LOAD = "Failed to load resource"
_STATUS = re.compile(r"status of (\d{3})")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "expected_failed_loads(*(path, status), reason): resources a browser test loads and expects to "
        "fail (for example a deliberate 404 page); any other failed load fails the test",
    )


def _failed_load(message: ConsoleMessage) -> tuple[str, str]:
    """The path and the status (or network error) of a "Failed to load resource" console error."""
    status = _STATUS.search(message.text)
    reason = status.group(1) if status else message.text.split(":", 1)[-1].strip()
    return urlsplit(message.location.get("url", "")).path, reason


def _expected_failed_loads(request: pytest.FixtureRequest) -> set[tuple[str, str]]:
    expected: set[tuple[str, str]] = set()
    for marker in request.node.iter_markers("expected_failed_loads"):
        if not marker.kwargs.get("reason"):
            raise pytest.UsageError("expected_failed_loads needs a reason=")
        expected.update((path, str(status)) for path, status in marker.args)
    return expected


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, transactional_db, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser profile on the live portal. Fails the test on any error the browser reports: a CSP
    violation, a script error, or a resource that failed to load (a missing stylesheet, script, image or
    favicon, a 4xx/5xx page) unless the test lists it with ``@pytest.mark.expected_failed_loads``."""
    context = browser.new_context(base_url=live_server.url, locale="lt-LT")
    page = context.new_page()
    console_errors: list[str] = []
    failed_loads: list[tuple[str, str]] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if message.text.startswith(FAILED_LOAD):
            failed_loads.append(_failed_load(message))
        else:
            console_errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    yield page
    context.close()
    assert console_errors == []
    expected = _expected_failed_loads(request)
    assert [load for load in failed_loads if load not in expected] == [], "resources that failed to load"


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
