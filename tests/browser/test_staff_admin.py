"""An administrator signs in with the second factor on the portal's own pages and reads an application in
admin, in Lithuanian and English, with no accessibility violation on the way."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, switch_language
from tests.conftest import TOTP_SECRET, totp_code
from tests.factories import STAFF_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALLAUTH_HEADINGS = ["Two-Factor Authentication", "Dviejų Faktorių Autentifikacija", "Sign In"]


def _sent_application(citizen):  # type: ignore[no-untyped-def]
    from portal.applications.services import draft_start
    from portal.pipeline.services import application_submit
    from tests.portal.pipeline.conftest import SUBMISSION

    draft = draft_start(owner=citizen, procedure="applicable-legislation")
    return application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")


@pytest.mark.parametrize("language", ["lt", "en"])
def test_an_administrator_signs_in_with_the_second_factor_and_reads_an_application(
    page: Page, citizen, language: str
):
    administrator = UserFactory(administrator=True)
    TOTP.activate(administrator, TOTP_SECRET)
    application = _sent_application(citizen)

    page.goto("/accounts/login/")
    switch_language(page, language)
    expect(page.locator('header a[href^="/eidas/login/"], section a[href^="/eidas/login/"]')).to_have_count(0)
    assert_accessible(page)
    page.locator("input[name=login]").fill(administrator.email)
    page.locator("input[name=password]").fill(STAFF_PASSWORD)
    page.locator("main button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    assert page.locator("html").get_attribute("lang") == language
    for heading in ALLAUTH_HEADINGS:
        expect(page.locator("main")).not_to_contain_text(heading)
    expect(page.locator('a[href^="/eidas/login/"]')).to_have_count(0)
    assert_accessible(page)
    page.locator("input[name=code]").fill("000000" if totp_code() != "000000" else "111111")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("input[name=code]").fill(totp_code())
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.locator('nav form[action="/accounts/logout/"] button')).to_be_visible()  # staff sign-out

    page.goto("/admin/applications/application/")
    expect(page.locator("#result_list")).to_contain_text(application.reference)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.locator("#result_list").get_by_role("link", name=application.reference).click()
    expect(page.locator("#content")).to_contain_text("Jonas Kazlauskas")
    expect(page.locator("#content")).to_contain_text(application.reference)
    _assert_accessible_without_css_preload(page)


def _assert_accessible_without_css_preload(page: Page) -> None:
    """axe-core with every rule, but without its CSS preload: on admin form pages that preload copies
    Django's ``@import url('widgets.css')`` into an inline <style>, which the portal's CSP refuses (an
    error of the test tool, not of the page; the page itself loads no inline style)."""
    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
