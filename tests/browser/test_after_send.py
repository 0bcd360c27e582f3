"""After "Send", in a real browser: the receipt is offered, and what the institution reports through the
API appears on the application page (all pages checked with axe)."""

import re

import pytest
import requests
from playwright.sync_api import Page, expect

from portal.applications.models import Application
from portal.backoffice.credentials import api_credential_issue
from tests.browser.conftest import assert_accessible, switch_language
from tests.browser.test_a1_journeys import (
    about_you_and_situation,
    check_and_send,
    places_and_earlier_postings,
    posting_page,
    start_and_log_in,
)
from tests.factories import InstitutionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


def test_the_receipt_is_offered_and_the_institutions_status_appears_on_the_timeline(page: Page, live_server):
    start_and_log_in(page, "en")
    about_you_and_situation(page, "posted_employee", check=False)
    posting_page(page, check=False)
    places_and_earlier_postings(page, check=False)
    check_and_send(page, check=False)

    receipt_link = page.get_by_role("link", name="Download your receipt (PDF)")
    expect(receipt_link).to_be_visible()
    with page.expect_download() as download:
        receipt_link.click()
    assert download.value.suggested_filename.endswith("-receipt.pdf")
    assert_accessible(page)

    application = Application.objects.get()
    _credential, token = api_credential_issue(
        institution=InstitutionFactory(code="sodra-browser", names={"en": "Sodra", "lt": "Sodra"}),
        name="Case management",
        procedures=["applicable-legislation"],
    )
    events = f"{live_server.url}/api/v1/applications/{application.reference}/events/"
    headers = {"Authorization": f"Bearer {token}"}
    reports = [("in_review", ""), ("more_information_requested", "Send your employment contract.")]
    for status, message in reports:
        body = {"status": status, "message": message}
        response = requests.post(events, json=body, headers=headers, timeout=10)
        assert response.status_code == 201, response.text

    page.reload()
    expect(page.locator("h1")).to_contain_text(application.reference)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Send your employment contract.")
    history = page.locator("ol").filter(has_text="Being reviewed")
    expect(history).to_contain_text("More information needed")
    expect(history).to_contain_text("Sodra")
    assert_accessible(page)
    switch_language(page, "lt")
    expect(page.locator("main")).to_contain_text("Reikia daugiau informacijos")
    assert_accessible(page)
    expect(page).to_have_url(re.compile(rf"/applications/{application.pk}/$"))
