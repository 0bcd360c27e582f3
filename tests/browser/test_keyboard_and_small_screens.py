"""The A1 request by keyboard alone and on a 320 CSS px screen: error summary links that lead into a
group, focus after "Add another" and "Remove", no URL fragment carried into later pages, date boxes in
the order of the language, and pages that do not scroll sideways."""

import datetime
import re
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from portal.eidas import constants as c
from portal.eidas.demo_node import idp
from portal.eidas.demo_node.identities import BY_KEY
from procedures.engine.dates import add_months
from tests.browser.conftest import assert_accessible, switch_language
from tests.portal.eidas.saml_tools import post_acs, start_login
from tests.procedures.applicable_legislation.journey import (
    after_posting,
    post_step,
    posting,
    through_employer,
    to_check,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE = "main form[novalidate] button.govuk-button:not(.govuk-button--secondary)"
# What a new sentence of this work must never show on a Lithuanian page (translated by the catalogue).
ENGLISH_ONLY = ("Add at least one place of work", "removed", "For example")


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


def signed_in(page: Page, live_server, **identity: str) -> Client:  # type: ignore[no-untyped-def]
    """A citizen signed in through the demo eIDAS node (a Lithuanian worker, with ``identity`` changed),
    with the same session, and the sign-in banner still to show, in the browser."""
    client = Client()
    person = replace(BY_KEY["lt-worker"], **identity)
    post_acs(client, idp.authn_response(request=start_login(client), identity=person, loa=c.LOA_SUBSTANTIAL))
    page.context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in client.cookies.items()
        ]
    )
    return client


def places_page(client: Client) -> str:
    """A new request answered up to its "Where you will work" page (its URL)."""
    url = through_employer(client)
    return after_posting(client, post_step(client, url, "posting", posting())["Location"])


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement.id")


@pytest.mark.parametrize("language", ["lt", "en"])
def test_by_keyboard_the_error_summary_leads_into_the_group_and_focus_follows_add_and_remove(
    page: Page, live_server, language: str
):
    page.goto(places_page(signed_in(page, live_server)))
    switch_language(page, language)
    page.locator(SAVE).focus()
    page.keyboard.press("Enter")  # nothing typed
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    link = summary.locator("a").first
    expect(link).to_be_focused()
    assert link.get_attribute("href") == "#id_places-0-country"
    if language == "en":
        expect(link).to_have_text("Add at least one place of work")
    page.keyboard.press("Enter")
    expect(page.locator("#id_places-0-country")).to_be_focused()
    assert_accessible(page)

    page.locator("#id_places-0-country").select_option("DE")
    page.keyboard.press("Tab")
    page.keyboard.type("Bau GmbH")
    page.keyboard.press("Tab")  # the address (optional)
    page.keyboard.press("Tab")
    expect(page.locator("#places-add")).to_be_focused()
    page.keyboard.press("Enter")  # Add another
    expect(page.locator("#places-item-2")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_places-1-country")).to_be_focused()
    assert_accessible(page)

    page.locator("button[name=remove_item][value='0']").focus()
    page.keyboard.press("Enter")  # Remove place of work 1
    status = page.get_by_role("status")
    expect(status).to_be_focused()  # not the error summary about the empty item left
    expect(status).to_contain_text("Place of work 1" if language == "en" else "Darbo vieta 1")
    if language == "en":
        expect(status).to_have_text("Place of work 1 removed")
    page.keyboard.press("Tab")
    expect(page.locator("#id_places-0-country")).to_be_focused()
    expect(page.locator("#id_places-0-company")).to_have_value("")  # Bau GmbH was the one removed
    assert_accessible(page)
    if language == "lt":
        assert page.locator("html").get_attribute("lang") == "lt"
        assert not any(text in page.locator("main").inner_text() for text in ENGLISH_ONLY)


def test_without_javascript_no_fragment_follows_into_the_next_pages(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(places_page(signed_in(page, live_server)))
    page.locator(SAVE).click()
    page.locator(".govuk-error-summary a").first.click()
    assert urlsplit(page.url).fragment == "id_places-0-country"
    expect(page.locator("#id_places-0-country")).to_be_focused()
    page.locator("#id_places-0-country").select_option("DE")
    page.locator("#id_places-0-company").fill("Bau GmbH")
    page.locator("#places-add").click()
    expect(page.locator("#places-item-2")).to_be_focused()  # autofocus: no script needed
    page.locator("#id_places-1-country").select_option("DE")
    page.locator("#id_places-1-company").fill("München AG")
    page.locator(SAVE).click()
    expect(page).to_have_url(re.compile(r"/earlier_postings/$"))  # and no "#…" after it
    assert page.evaluate("window.scrollY") == 0
    page.locator(SAVE).click()
    expect(page).to_have_url(re.compile(r"/documents/$"))
    context.close()


@pytest.mark.parametrize(
    ("language", "labels", "first_box"),
    [("lt", ["Metai", "Mėnuo", "Diena"], "_2"), ("en", ["Day", "Month", "Year"], "_0")],
)
def test_date_boxes_follow_the_language_and_show_their_errors(
    page: Page, live_server, language: str, labels: list[str], first_box: str
):
    page.goto(through_employer(signed_in(page, live_server)))
    switch_language(page, language)
    start = page.locator("#id_posting-start-hint").locator("xpath=..")
    expect(start.locator(".govuk-date-input__label")).to_have_text(labels)
    example = add_months(datetime.date.today().replace(day=1), 3)
    parts = [example.day, example.month, example.year]
    shown = " ".join(str(part) for part in (parts[::-1] if language == "lt" else parts))
    expect(page.locator("#id_posting-start-hint")).to_contain_text(shown)
    assert_accessible(page)

    page.locator(SAVE).click()  # nothing typed
    summary_link = page.locator(".govuk-error-summary a[href^='#id_posting-start']")
    assert summary_link.get_attribute("href") == f"#id_posting-start{first_box}"
    red = page.locator("#id_posting-host_country").evaluate("e => getComputedStyle(e).borderColor")
    for box in ("_0", "_1", "_2"):
        assert page.locator(f"#id_posting-start{box}").evaluate("e => getComputedStyle(e).borderColor") == red
    summary_link.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#id_posting-start{first_box}")).to_be_focused()
    assert_accessible(page)
    if language == "lt":
        assert not any(text in page.locator("main").inner_text() for text in ENGLISH_ONLY)


def test_pages_fit_a_320_pixel_wide_screen(page: Page, live_server):
    """WCAG 1.4.10 Reflow: nothing scrolls sideways at 320 CSS px; the table of sent applications
    scrolls in its own labelled box that takes keyboard focus."""
    page.set_viewport_size({"width": 320, "height": 640})
    # A name with no place to break, greeted by the sign-in banner on the first page the browser opens.
    client = signed_in(page, live_server, family_name="Wolfeschlegelsteinhausenbergerdorff")
    posting_url = through_employer(client)
    check_url = to_check(client, posting_url)
    steps = [re.sub(r"/posting/$", f"/{step}/", posting_url) for step in ("about_you", "posting", "places")]
    page.goto(steps[0])
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Wolfeschlegelsteinhausenbergerdorff")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    done = post_step(client, check_url, "check", {"check-truthful": "on"})["Location"]
    application_url = client.get(done)["Location"]
    for language in ("lt", "en"):
        for url in [*steps, check_url, application_url, "/applications/", "/my/", "/", "/cookies/"]:
            page.goto(url)
            switch_language(page, language)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
        page.goto("/applications/")
        sent = page.locator("main [role=region]:has(table)")
        expect(sent).to_have_attribute("tabindex", "0")
        expect(sent).to_have_attribute("aria-label", re.compile(r"\w"))  # a named region
        assert sent.evaluate("box => box.scrollWidth > box.clientWidth")  # the table scrolls inside it
        assert_accessible(page)
