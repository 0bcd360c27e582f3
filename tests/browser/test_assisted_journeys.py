"""Assisted mode in a real browser, in Lithuanian and in English: a caseworker of the health insurance
fund's Vilnius office signs in with a password and a TOTP code and applies with Ona Petraitienė (no eID yet,
no e-mail: letters by post, in Lithuanian), for a card and for an A1 certificate. The caseworker prints the
declaration (read back with pdftotext), confirms that Ona signed it, sends, and prints the hand-over sheet;
later Ona signs in with her own demo eID in a browser of her own, enters the sheet's code at /claim/ and
finds the application in "Your applications". Axe checks every page once per language, pages with errors
too (the shared steps are in assisted_journey.py)."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from portal.accounts.models import User
from portal.institutions.models import Office
from portal.institutions.services import institutions_load
from portal.registers.demo_people import demo_register_records
from procedures.applicable_legislation.forms import DeclarationForm as A1DeclarationForm
from procedures.ehic.request_forms import DeclarationForm as EhicDeclarationForm
from tests.browser.assisted_journey import (
    LETTERS,
    at,
    banner,
    caseworker_signs_in,
    declaration_says,
    identify_ona,
    ona_claims_it,
    sign_and_send,
    the_declaration,
    the_hand_over_sheet,
    the_receipt,
)
from tests.browser.conftest import assert_accessible
from tests.browser.test_a1_journeys import places_and_earlier_postings, posting_page
from tests.browser.test_ehic_journeys import choose, fill_address, on, submit, text
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory
from tests.portal.assisted.journey import CODE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


@pytest.fixture
def caseworker(transactional_db) -> User:
    """A caseworker of the health insurance fund's Vilnius office with an authenticator app; the demo
    registers (Ona insured as a pensioner)."""
    institutions_load(country="LT")
    demo_register_records(timezone.localdate())
    office = Office.objects.get(institution__code="vlk", code="vilnius")
    user = UserFactory(caseworker=True, office=office, first_name="Greta", last_name="Jonaitė")
    TOTP.activate(user, TOTP_SECRET)
    return user


def a_card_collected_at_the_office(page: Page, language: str, *, check: bool) -> None:
    """The card application's pages, as online: a first card for Ona herself, collected in Vilnius."""
    on(page, "for_whom", language=language, check=check)
    banner(page, language)
    choose(page, "for_whom-for_whom", "me")
    submit(page)
    on(page, "about_you", language=language, check=check)
    expect(page.locator("main")).to_contain_text(CODE)  # from her identity document: not asked again
    page.locator("select[name='about_you-nationality']").select_option("LT")
    fill_address(page, "about_you-address")
    submit(page)
    on(page, "insurance", language=language, check=check)
    expect(page.locator("main dl.govuk-summary-list")).to_contain_text(text(language, "Insured"))
    submit(page)
    on(page, "work_abroad", language=language, check=check)
    choose(page, "work_abroad-work_abroad", "no")
    submit(page)
    on(page, "entitlement_document", language=language, check=check)
    choose(page, "entitlement_document-entitlement_document", "no")
    submit(page)
    on(page, "request", language=language, check=check)
    choose(page, "request-kind", "first_card")
    submit(page)
    on(page, "delivery", language=language, check=check)
    choose(page, "delivery-method", "office")
    submit(page)
    on(page, "delivery_office", language=language, check=check)
    choose(page, "delivery_office-office", "vilnius")
    submit(page)
    on(page, "contact", language=language, check=check)
    page.locator("input[name='contact-post_only']").check()
    submit(page)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_caseworker_applies_for_a_card_and_the_person_claims_it_with_her_eid(
    page: Page, browser: Browser, live_server, caseworker: User, language: str
):
    caseworker_signs_in(page, caseworker, language, check=True)
    identify_ona(page, language, "ehic", check=True)
    a_card_collected_at_the_office(page, language, check=True)

    on(page, "check", language=language, check=True)
    banner(page, language)
    with translation.override(LETTERS):
        answers = [gettext("A card"), "Gedimino pr. 1", "Europos a. 1"]
    declaration_says(the_declaration(page, language), EhicDeclarationForm, *answers)
    application = sign_and_send(page, language, check=True)
    the_receipt(page, language, application)
    code = the_hand_over_sheet(page, language, application, check=True)
    page.get_by_role("link", name=text(language, "Back to the application")).click()
    page.get_by_role("link", name=text(language, "Back to assisted applications")).click()
    expect(page.locator("main table")).to_contain_text(application.reference)  # the caseworker's recent ones
    at(page, r"/assisted/$", language, check=True)

    envelope = application.payload
    assert envelope["channel"] == "assisted" and envelope["filed_by"]["role"] == "caseworker"
    assert envelope["filed_by"]["office"] == "vlk:vilnius"
    assert envelope["answers"]["delivery"] == {"method": "office", "office": "vilnius"}
    assert application.applicant == caseworker  # until Ona claims it
    ona_claims_it(browser, live_server.url, language, code, application.reference, check=True)


def a1_step(page: Page, step: str, language: str, *, check: bool) -> None:
    expect(page).to_have_url(re.compile(rf"/applicable-legislation/[0-9a-f-]+/{step}/$"))
    assert page.locator("html").get_attribute("lang") == language
    if check:
        assert_accessible(page)


def an_a1_as_a_posted_employee(page: Page, language: str, *, check: bool) -> None:
    """The A1 request's pages, as online: Ona posted to Germany by a Lithuanian employer for a year."""
    a1_step(page, "about_you", language, check=check)
    banner(page, language)
    expect(page.locator("main")).to_contain_text(CODE)  # from her identity document: not asked again
    page.locator("select[name='about_you-nationality']").select_option("LT")
    fill_address(page, "about_you-address")
    submit(page)
    a1_step(page, "birth", language, check=check)
    choose(page, "birth-sex", "female")
    page.locator("input[name='birth-birth_town']").fill("Kaunas")
    page.locator("select[name='birth-birth_country']").select_option("LT")
    submit(page)
    a1_step(page, "contact", language, check=check)
    page.locator("input[name='contact-post_only']").check()
    submit(page)
    a1_step(page, "other_numbers", language, check=check)
    submit(page)  # none
    a1_step(page, "situation", language, check=check)
    choose(page, "situation-request_type", "posted_employee")
    choose(page, "situation-filing_for", "self")
    submit(page)
    a1_step(page, "employer", language, check=check)
    page.locator("input[name='employer-name']").fill("UAB Statyba")
    page.locator("select[name='employer-country']").select_option("LT")
    choose(page, "employer-registration_type", "company_code")
    page.locator("input[name='employer-registration_number']").fill("123456789")
    fill_address(page, "employer-address")
    submit(page)
    posting_page(page, check)  # a year in Germany, from three months on; each page's errors shown too
    places_and_earlier_postings(page, check)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_caseworker_applies_for_an_a1_and_the_person_claims_it_with_her_eid(
    page: Page, browser: Browser, live_server, caseworker: User, language: str
):
    caseworker_signs_in(page, caseworker, language, check=False)
    identify_ona(page, language, "applicable-legislation", check=False)
    an_a1_as_a_posted_employee(page, language, check=True)

    a1_step(page, "check", language, check=True)
    banner(page, language)
    expect(page.locator(".govuk-summary-card").filter(has_text="UAB Statyba").first).to_be_visible()
    pdf = the_declaration(page, language)
    declaration_says(pdf, A1DeclarationForm, "UAB Statyba", "123456789", "Bau GmbH", "Gedimino pr. 1")
    application = sign_and_send(page, language, check=True)
    the_receipt(page, language, application)
    code = the_hand_over_sheet(page, language, application, check=True)

    envelope = application.payload
    assert envelope["channel"] == "assisted" and envelope["filed_by"]["office"] == "vlk:vilnius"
    assert envelope["answers"]["holder"]["personal_code"] == CODE
    assert application.applicant == caseworker  # until Ona claims it
    ona_claims_it(browser, live_server.url, language, code, application.reference, check=True)
