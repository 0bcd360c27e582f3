"""The card application in a real browser: the demo parent signs in through the demo eIDAS node and asks
for a card for herself and for her child, in Lithuanian and in English. Every page is checked by axe
once per language, and each journey sends one page empty to check its errors (the certificate journeys
are in test_ehic_certificate.py)."""

import datetime
import re

import pytest
from django import forms
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from portal.applications.models import Application
from portal.institutions.services import institutions_load
from portal.registers.demo_people import DEMO_PARENT_CODE
from procedures.ehic.forms import ChildForm, ForWhomForm
from procedures.ehic.request_forms import DeclarationForm, OfficeForm, PostAddressForm, RequestForm
from procedures.engine.summary import date_display
from tests.browser.conftest import assert_accessible, switch_language
from tests.procedures.ehic.journey import a_child, insured

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEP_URL = r"/ehic/[0-9a-f-]+/{step}/$"


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


@pytest.fixture(autouse=True)
def _registers(transactional_db):
    """The health insurance fund and its offices, and the demo parent insured as an employee (the card
    rules are put back by tests/conftest.py after a browser test empties every table)."""
    institutions_load(country="LT")
    insured(DEMO_PARENT_CODE)


def text(language: str, message: str | Promise) -> str:
    """A message as the portal shows it in ``language``."""
    with translation.override(language):
        return str(message) if isinstance(message, Promise) else gettext(message)


def submit(page: Page) -> None:
    page.locator("main form[novalidate] button[type=submit]").last.click()


def on(page: Page, step: str, *, language: str, check: bool) -> None:
    """The browser is on ``step`` of the application, in ``language``; axe finds nothing when asked."""
    expect(page).to_have_url(re.compile(STEP_URL.format(step=step)))
    assert page.locator("html").get_attribute("lang") == language
    if check:
        assert_accessible(page)


def show_errors(page: Page, language: str, form: type[forms.Form], *fields: str) -> None:
    """Send the page empty: the error summary lists the message of each of the ``fields`` left empty, in
    ``language``, each a link to its question, and the page with its errors is accessible too."""
    submit(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    links = summary.locator("a")
    messages = [form.base_fields[field].error_messages["required"] for field in fields]
    expect(links).to_have_text([text(language, message) for message in messages])
    for number in range(links.count()):
        target = links.nth(number).get_attribute("href")
        assert target and page.locator(target).count() == 1, target
    assert_accessible(page)


def start_and_sign_in(page: Page, language: str, *, check: bool = True, javascript: bool = True) -> None:
    """From the procedure's start page, through the demo eIDAS node as Rūta Vaitkienė (``lt-parent``).
    The language is chosen first: the pages and messages of the session are built in it."""
    page.goto("/ehic/")
    switch_language(page, language)
    if check:
        assert_accessible(page)
    page.locator("main form button[type=submit]").click()  # Start now
    expect(page).to_have_url(re.compile(r"/eidas/login/"))
    page.locator("select[name=country]").select_option("LT")
    page.locator("main form button[type=submit]").click()
    if not javascript:  # without JavaScript the SAML forms wait for a press of Continue
        page.locator("main form button[type=submit]").click()
    page.locator("input[name=identity][value=lt-parent]").check()
    page.locator("button[name=continue]").click()
    if not javascript:
        page.locator("main form button[type=submit]").click()
    on(page, "for_whom", language=language, check=check)


def choose(page: Page, name: str, value: str) -> None:
    page.locator(f"input[name='{name}'][value='{value}']").check()


def fill_date(page: Page, name: str, day: datetime.date) -> None:
    """The three boxes of a date question (day, month, year by name, whatever order they are shown in)."""
    for part, value in enumerate((day.day, day.month, day.year)):
        page.locator(f"input[name='{name}_{part}']").fill(str(value))


def fill_address(page: Page, name: str) -> None:
    page.locator(f"input[name='{name}_0']").fill("Gedimino pr. 1")
    page.locator(f"input[name='{name}_2']").fill("Vilnius")
    page.locator(f"input[name='{name}_3']").fill("01103")
    page.locator(f"select[name='{name}_4']").select_option("LT")


def insurance_from_the_register(page: Page, language: str, *, check: bool) -> None:
    """The insurance page shows what the register says and asks nothing; the person works here and has no
    form S1."""
    on(page, "insurance", language=language, check=check)
    source = page.locator("main h2").filter(has_text=text(language, "From the health insurance register"))
    expect(source).to_be_visible()
    expect(page.locator("main dl.govuk-summary-list")).to_contain_text(text(language, "Insured"))
    submit(page)
    on(page, "work_abroad", language=language, check=check)
    choose(page, "work_abroad-work_abroad", "no")
    submit(page)
    on(page, "entitlement_document", language=language, check=check)
    choose(page, "entitlement_document-entitlement_document", "no")
    submit(page)


def contact(page: Page, language: str, *, check: bool) -> None:
    on(page, "contact", language=language, check=check)
    page.locator("input[name='contact-email']").fill("ruta@example.lt")
    submit(page)


def check_and_send(page: Page, language: str, *, check: bool, errors: bool = False) -> Application:
    """The check page, its declarations ticked, Send; the application page shows the reference."""
    on(page, "check", language=language, check=check)
    if errors:
        show_errors(page, language, DeclarationForm, "truthful", "liable", "not_identity")
    for declaration in ("truthful", "liable", "not_identity"):
        page.locator(f"input[name='check-{declaration}']").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]+/$"))
    application = Application.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(application.reference)
    assert page.locator("html").get_attribute("lang") == language
    if check:
        assert_accessible(page)
    return application


def summary_card(page: Page, language: str, heading: str):  # type: ignore[no-untyped-def]
    return page.locator(".govuk-summary-card").filter(
        has=page.locator(".govuk-summary-card__title", has_text=text(language, heading))
    )


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_card_for_myself_collected_at_an_office(page: Page, language: str):
    start_and_sign_in(page, language)
    show_errors(page, language, ForWhomForm, "for_whom")
    choose(page, "for_whom-for_whom", "me")
    submit(page)

    on(page, "about_you", language=language, check=True)
    expect(page.locator("input[name='about_you-personal_code']")).to_have_value(DEMO_PARENT_CODE)
    page.locator("select[name='about_you-nationality']").select_option("LT")
    fill_address(page, "about_you-address")
    submit(page)
    insurance_from_the_register(page, language, check=True)

    on(page, "request", language=language, check=True)
    show_errors(page, language, RequestForm, "kind")
    choose(page, "request-kind", "first_card")
    submit(page)
    on(page, "delivery", language=language, check=True)
    expect(page.locator("input[name='delivery-method'][value=electronic]")).to_have_count(0)
    choose(page, "delivery-method", "office")
    submit(page)
    on(page, "delivery_office", language=language, check=True)
    show_errors(page, language, OfficeForm, "office")
    choose(page, "delivery_office-office", "vilnius")
    submit(page)
    contact(page, language, check=True)

    on(page, "check", language=language, check=False)
    insurance = summary_card(page, language, "Health insurance")
    expect(insurance).to_contain_text(text(language, "From the health insurance register"))
    expect(insurance).to_contain_text(text(language, "Insured"))
    expect(summary_card(page, language, "About you")).to_contain_text("Gedimino pr. 1")
    expect(summary_card(page, language, "What you need")).to_contain_text(text(language, "A card"))
    expect(summary_card(page, language, "How you get it")).to_contain_text("Europos a. 1")
    expect(summary_card(page, language, "How we contact you")).to_contain_text("ruta@example.lt")
    valid_until = text(language, "If the card is issued today, it is valid until %(date)s.").split("%")[0]
    expect(page.locator(".govuk-inset-text").first).to_contain_text(valid_until)
    application = check_and_send(page, language, check=True, errors=True)

    assert application.procedure == "ehic"
    assert application.payload["filed_by"] == {"role": "self"}
    assert application.payload["answers"]["delivery"] == {"method": "office", "office": "vilnius"}


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_card_for_my_child_sent_by_post(page: Page, language: str):
    born, code = a_child(8)
    start_and_sign_in(page, language, check=False)
    choose(page, "for_whom-for_whom", "my_child")
    submit(page)

    on(page, "child", language=language, check=True)
    fields = ("given_name", "family_name", "date_of_birth", "personal_code", "nationality", "address")
    show_errors(page, language, ChildForm, *fields)
    page.locator("input[name='child-given_name']").fill("Austėja")
    page.locator("input[name='child-family_name']").fill("Vaitkutė")
    fill_date(page, "child-date_of_birth", born)
    page.locator("input[name='child-personal_code']").fill(code)
    page.locator("select[name='child-nationality']").select_option("LT")
    fill_address(page, "child-address")
    submit(page)
    # The population register links the child to her mother, so the child's insurance is shown.
    insurance_from_the_register(page, language, check=False)

    on(page, "request", language=language, check=False)
    choose(page, "request-kind", "first_card")
    submit(page)
    on(page, "delivery", language=language, check=False)
    choose(page, "delivery-method", "post")
    submit(page)
    on(page, "delivery_address", language=language, check=True)
    show_errors(page, language, PostAddressForm, "address")
    fill_address(page, "delivery_address-address")
    submit(page)
    contact(page, language, check=False)

    on(page, "check", language=language, check=True)
    child = summary_card(page, language, "About the child")
    for answer in ("Austėja", "Vaitkutė", code, "Gedimino pr. 1"):
        expect(child).to_contain_text(answer)
    with translation.override(language):
        expect(child).to_contain_text(date_display(born))
    expect(summary_card(page, language, "How you get it")).to_contain_text("01103")
    application = check_and_send(page, language, check=False)

    envelope = application.payload
    assert envelope["applicant"]["given_name"] == "Austėja"
    assert envelope["applicant"]["date_of_birth"] == born.isoformat()
    assert envelope["filed_by"]["role"] == "parent"
    assert envelope["representative"]["given_name"] == "Rūta"
    assert envelope["answers"]["delivery"]["method"] == "post"
