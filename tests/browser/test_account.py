"""The citizen's account page and deleting a draft, in a real browser (lt and en, every page checked with
axe): the greeting after the eIDAS login, /my/ with the applications, the draft and the contact details,
changing the contact details, and deleting the draft after confirming it."""

import re
from dataclasses import replace

import pytest
from playwright.sync_api import Page, expect

from portal.accounts.models import CitizenIdentity
from portal.applications.models import Draft
from portal.applications.services import draft_start
from portal.pipeline.services import application_submit
from tests.browser.conftest import assert_accessible, switch_language
from tests.browser.test_eidas_login import log_in
from tests.portal.pipeline.conftest import SUBMISSION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = {
    "line_1": "Gedimino pr. 1",
    "line_2": "",
    "town": "Vilnius",
    "postcode": "LT-01103",
    "country": "LT",
}
# Sentences of this page that must not appear in English on a Lithuanian page (once translated).
ENGLISH = ["Are you sure you want to delete the draft", "You are signed in as", "Contact details for letters"]


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_account_page_and_deleting_a_draft_after_confirming(page: Page, language: str):
    english = language == "en"
    page.goto("/")
    switch_language(page, language)
    log_in(page, country="LT", identity="lt-worker")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Jonas Kazlauskas")
    assert "citizen-" not in banner.inner_text()
    pages = [page.content()]

    user = CitizenIdentity.objects.get().user
    draft = draft_start(owner=user, procedure="applicable-legislation")
    beneficiary = {**SUBMISSION.beneficiary, "email": "jonas@example.lt", "address": ADDRESS}
    sent = application_submit(
        draft_id=draft_start(owner=user, procedure="applicable-legislation").pk,
        owner=user,
        submission=replace(SUBMISSION, beneficiary=beneficiary),
        language=language,
    )

    page.goto("/my/")
    main = page.locator("main")
    expect(main).to_contain_text(sent.reference)
    expect(main).to_contain_text("jonas@example.lt")
    expect(main).to_contain_text("Gedimino pr. 1")
    expect(main).to_contain_text("Lithuania" if english else "Lietuva")
    expect(main).to_contain_text("•••••••0214")
    expect(main).not_to_contain_text("39006210214")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    pages.append(page.content())

    # Change the e-mail address (the form shows what is there now).
    page.locator('a[href="/my/contact/"]').click()
    expect(page.locator("#id_email")).to_have_value("jonas@example.lt")
    assert_accessible(page)
    page.locator("#id_email").fill("not an address")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_email").fill("jonas.k@example.lt")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/my/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(main).to_contain_text("jonas.k@example.lt")
    assert_accessible(page)

    # Delete the draft: a page asks first; Cancel keeps it, Delete draft deletes it and says so.
    page.goto("/applications/")
    delete = page.locator(f'a[href="/applications/drafts/{draft.pk}/delete/"]')
    delete.click()
    expect(page.locator("h1")).to_contain_text("“")
    assert_accessible(page)
    pages.append(page.content())
    page.locator("main .govuk-button-group a").click()
    expect(page).to_have_url(re.compile(r"/applications/$"))
    assert Draft.objects.filter(pk=draft.pk).exists()
    delete.click()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/applications/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(delete).to_have_count(0)
    assert not Draft.objects.filter(pk=draft.pk).exists()
    assert_accessible(page)
    if english:
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been deleted")
    else:
        assert page.locator("html").get_attribute("lang") == "lt"
        leaks = [sentence for html in pages for sentence in ENGLISH if sentence in html]
        assert leaks == [], "English on Lithuanian pages (is the catalogue merged and compiled?)"
