"""The A1 request in a real browser: logged in through the demo eIDAS node, every page checked by axe,
with its errors shown too, in Lithuanian and in English; once without JavaScript; and resumed later."""

import re

import pytest
from playwright.sync_api import Page, expect

from portal.applications.models import Application
from tests.browser.conftest import assert_accessible, switch_language
from tests.procedures.applicable_legislation.journey import posting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


def submit(page: Page, *, check: bool = True) -> None:
    page.locator("main form[novalidate] button[type=submit]").last.click()


def show_errors(page: Page, check: bool) -> None:
    """Send the page empty: the error summary appears, and it too must be accessible."""
    submit(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    if check:
        assert_accessible(page)


def start_and_log_in(page: Page, language: str, check: bool = True) -> None:
    page.goto("/applicable-legislation/")
    if check:
        switch_language(page, language)
        assert_accessible(page)
    page.locator("main form button[type=submit]").click()  # Start now
    expect(page).to_have_url(re.compile(r"/eidas/login/"))
    page.locator("select[name=country]").select_option("LT")
    page.locator("main form button[type=submit]").click()
    if not check:  # without JavaScript the SAML forms wait for a press of Continue
        page.locator("main form button[type=submit]").click()
    page.locator("input[name=identity][value=lt-worker]").check()
    page.locator("button[name=continue]").click()
    if not check:
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/applicable-legislation/[0-9a-f-]+/about_you/$"))


def about_you_and_situation(page: Page, request_type: str, check: bool) -> None:
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator("input[name='about_you-personal_code']").fill("390 0621 1001")
    page.locator("select[name='about_you-nationality']").select_option("LT")
    fill_address(page, "about_you-address", "Gedimino pr. 1")
    submit(page)
    expect(page).to_have_url(re.compile(r"/birth/$"))
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator("input[name='birth-sex'][value=female]").check()
    page.locator("input[name='birth-birth_town']").fill("Kaunas")
    page.locator("select[name='birth-birth_country']").select_option("LT")
    submit(page)
    expect(page).to_have_url(re.compile(r"/contact/$"))
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator("input[name='contact-email']").fill("jonas@example.lt")
    submit(page)
    expect(page).to_have_url(re.compile(r"/other_numbers/$"))
    if check:
        assert_accessible(page)
    submit(page)  # none
    expect(page).to_have_url(re.compile(r"/situation/$"))
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator(f"input[name='situation-request_type'][value={request_type}]").check()
    page.locator("input[name='situation-filing_for'][value=self]").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/employer/$"))
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator("input[name='employer-name']").fill("UAB Statyba")
    page.locator("select[name='employer-country']").select_option("LT")
    page.locator("input[name='employer-registration_type'][value=company_code]").check()
    page.locator("input[name='employer-registration_number']").fill("123456789")
    fill_address(page, "employer-address", "Konstitucijos pr. 7")
    submit(page)


def fill_address(page: Page, name: str, street: str) -> None:
    page.locator(f"input[name='{name}_0']").fill(street)
    page.locator(f"input[name='{name}_2']").fill("Vilnius")
    page.locator(f"input[name='{name}_3']").fill("01103")
    page.locator(f"select[name='{name}_4']").select_option("LT")


def posting_page(page: Page, check: bool, insured: str = "yes") -> None:
    expect(page).to_have_url(re.compile(r"/posting/$"))
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator("select[name='posting-host_country']").select_option("DE")
    for name, value in posting().items():  # a year abroad starting three months from now
        if name.startswith(("posting-start_", "posting-end_")):
            page.locator(f"input[name='{name}']").fill(value)
    for name, value in {
        "replacing": "no",
        "wages_paid_by_employer": "yes",
        "insured_before": insured,
    }.items():
        page.locator(f"input[name='posting-{name}'][value={value}]").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/employer_activity/$"))
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator("input[name='employer_activity-substantial_activity'][value=yes]").check()
    submit(page)


def places_and_earlier_postings(page: Page, check: bool) -> None:
    expect(page).to_have_url(re.compile(r"/places/$"))
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator("select[name='places-0-country']").select_option("DE")
    page.locator("input[name='places-0-company']").fill("Bau GmbH")
    page.locator("button[name=add_another]").click()  # works without JavaScript too: a plain submit
    expect(page.locator("select[name='places-1-country']")).to_be_visible()
    if check:
        assert_accessible(page)
    page.locator("select[name='places-1-country']").select_option("DE")
    page.locator("input[name='places-1-company']").fill("München AG")
    submit(page)
    earlier_postings(page, check)


def earlier_postings(page: Page, check: bool) -> None:
    expect(page).to_have_url(re.compile(r"/earlier_postings/$"))
    if check:
        assert_accessible(page)
    submit(page)  # none: the item stays empty
    expect(page).to_have_url(re.compile(r"/documents/$"))
    if check:
        assert_accessible(page)
    submit(page)  # documents are optional


def check_and_send(page: Page, check: bool) -> None:
    expect(page).to_have_url(re.compile(r"/check/$"))
    expect(page.locator(".govuk-summary-card").filter(has_text="UAB Statyba").first).to_be_visible()
    if check:
        assert_accessible(page)
        show_errors(page, check)
    page.locator("input[name='check-truthful']").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]+/$"))
    reference = Application.objects.get().reference
    expect(page.locator(".govuk-panel")).to_contain_text(reference)
    if check:
        assert_accessible(page)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_posted_employee_applies_for_an_a1(page: Page, language: str):
    start_and_log_in(page, language)
    about_you_and_situation(page, "posted_employee", check=True)
    posting_page(page, check=True)
    places_and_earlier_postings(page, check=True)
    check_and_send(page, check=True)
    assert len(Application.objects.get().payload["answers"]["places_of_work"]) == 2
    page.goto("/applications/")
    expect(page.locator("main")).to_contain_text(Application.objects.get().reference)
    assert_accessible(page)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_multi_state_worker_applies_for_an_a1(page: Page, language: str):
    start_and_log_in(page, language)
    about_you_and_situation(page, "multi_state_employee", check=True)
    expect(page).to_have_url(re.compile(r"/work_split/$"))
    assert_accessible(page)
    show_errors(page, True)
    for number, (country, share) in enumerate((("LT", "40"), ("PL", "60"))):
        page.locator(f"select[name='work_split-{number}-country']").select_option(country)
        page.locator(f"input[name='work_split-{number}-employers']").fill("UAB Statyba")
        page.locator(f"input[name='work_split-{number}-working_time']").fill(share)
        page.locator(f"input[name='work_split-{number}-pay']").fill(share)
    submit(page)
    earlier_postings(page, check=True)
    expect(page.locator(".govuk-inset-text")).to_contain_text("Lietuva" if language == "lt" else "Lithuania")
    check_and_send(page, check=True)
    payload = Application.objects.get().payload
    assert payload["sed_hints"] == ["A003"] and payload["answers"]["indicative_outcome"] == "LT"


def test_a_soft_warning_is_acknowledged_on_its_own_accessible_page(page: Page):
    start_and_log_in(page, "en")
    about_you_and_situation(page, "posted_employee", check=False)
    posting_page(page, check=False, insured="no")
    places_and_earlier_postings(page, check=False)
    expect(page).to_have_url(re.compile(r"/warnings/$"))
    expect(page.locator(".govuk-warning-text")).to_contain_text("less than a month")
    assert_accessible(page)
    show_errors(page, True)
    page.locator("input[name='warnings-acknowledged']").check()
    submit(page)
    check_and_send(page, check=False)
    assert Application.objects.get().payload["warnings"] == ["insured_less_than_one_month_before_posting"]


def test_the_posted_employee_journey_works_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    start_and_log_in(page, "en", check=False)
    about_you_and_situation(page, "posted_employee", check=False)
    posting_page(page, check=False)
    places_and_earlier_postings(page, check=False)
    check_and_send(page, check=False)
    context.close()


def test_leaving_in_the_middle_and_coming_back_resumes_the_draft(page: Page):
    start_and_log_in(page, "en")
    page.locator("input[name='about_you-personal_code']").fill("39006211001")
    page.locator("select[name='about_you-nationality']").select_option("LT")
    fill_address(page, "about_you-address", "Gedimino pr. 1")
    submit(page)
    expect(page).to_have_url(re.compile(r"/birth/$"))
    page.context.clear_cookies()  # another day, another device
    page.goto("/applications/")
    page.locator("select[name=country]").select_option("LT")
    page.locator("main form button[type=submit]").click()
    page.locator("input[name=identity][value=lt-worker]").check()
    page.locator("button[name=continue]").click()
    expect(page).to_have_url(re.compile(r"/applications/$"))
    assert_accessible(page)
    page.locator("main .govuk-button-group a.govuk-button").first.click()
    expect(page).to_have_url(re.compile(r"/birth/$"))
    page.get_by_role("link", name=re.compile("Back|Atgal")).click()
    expect(page.locator("input[name='about_you-address_0']")).to_have_value("Gedimino pr. 1")
