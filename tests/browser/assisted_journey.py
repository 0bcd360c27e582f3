"""A caseworker's way through assisted mode in a real browser, and the person's own way to the application
afterwards: the pages every procedure shares (sign-in with TOTP, the person identified, the declaration,
Send, the hand-over sheet, the claim at /claim/ with the demo eID)."""

import datetime
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Page, expect

from portal.accounts.models import User
from portal.applications.models import Application
from portal.assisted.claim_views import NO_MATCH, ClaimForm
from portal.assisted.forms import ContactForm, IdentifyForm
from portal.assisted.models import AssistedCase
from portal.assisted.wizard import SignedDeclarationForm
from portal.core.formats.dates import human_date
from tests.browser.conftest import assert_accessible, switch_language
from tests.browser.test_ehic_journeys import choose, fill_address, fill_date, show_errors, submit, text
from tests.conftest import totp_code
from tests.factories import STAFF_PASSWORD
from tests.portal.assisted.journey import BORN, CODE

ONA = "lt-no-eid-person"  # the demo eID of Ona Petraitienė, with her personal code CODE
LETTERS = "lt"  # the language of Ona's letters, of her declaration and of her hand-over sheet


@contextmanager
def own_browser(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh browser profile (nothing of the caseworker's in it) that fails on any error it reports."""
    context = browser.new_context(base_url=base_url, locale="lt-LT")
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert errors == []


def pdf_text(pdf: bytes) -> str:
    """A PDF's text with its lines joined (long sentences wrap)."""
    read = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    return " ".join(read.stdout.decode().split())


def at(page: Page, path: str, language: str, *, check: bool) -> None:
    """The browser is on a page of assisted mode (``path``: a regular expression) in ``language``."""
    expect(page).to_have_url(re.compile(path))
    assert page.locator("html").get_attribute("lang") == language
    if check:
        assert_accessible(page)


def banner(page: Page, language: str) -> None:
    """Every page of the case names Ona and the caseworker."""
    with translation.override(language):
        born = human_date(BORN)
    region = page.locator(".govuk-notification-banner")
    expect(region).to_contain_text("Ona Petraitienė")
    expect(region).to_contain_text(born)
    expect(region).to_contain_text("Greta Jonaitė")


def caseworker_signs_in(page: Page, caseworker: User, language: str, *, check: bool) -> None:
    """E-mail, password and the authenticator's code; then the staff home leads to assisted mode."""
    page.goto("/accounts/login/")
    switch_language(page, language)
    page.locator("input[name=login]").fill(caseworker.email)
    page.locator("input[name=password]").fill(STAFF_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    page.locator("input[name=code]").fill(totp_code())
    page.locator("main form button[type=submit]").first.click()
    at(page, r"/staff/$", language, check=check)
    page.get_by_role("button", name=text(language, "Go to assisted applications")).click()
    at(page, r"/assisted/$", language, check=check)


def identify_ona(page: Page, language: str, procedure: str, *, check: bool) -> None:
    """From the caseworker's home to the procedure's first page: Ona identified by her identity card,
    nobody signs for her, letters by post in Lithuanian, then what she applies for."""
    page.get_by_role("button", name=text(language, "Start an application for someone")).click()
    at(page, r"/assisted/new/$", language, check=check)
    if check:
        fields = ("given_name", "family_name", "date_of_birth", "personal_code", "document_type")
        show_errors(
            page, language, IdentifyForm, *fields, "document_number", "document_expiry", "seen_original"
        )
    page.locator("input[name=given_name]").fill("Ona")
    page.locator("input[name=family_name]").fill("Petraitienė")
    fill_date(page, "date_of_birth", BORN)
    page.locator("input[name=personal_code]").fill(CODE)
    choose(page, "document_type", "id_card")
    page.locator("input[name=document_number]").fill("12345678")
    fill_date(page, "document_expiry", timezone.localdate() + datetime.timedelta(days=1000))
    page.locator("input[name=seen_original]").check()
    submit(page)

    at(page, r"/assisted/[0-9a-f-]+/representative/$", language, check=check)
    banner(page, language)
    choose(page, "basis", "")
    submit(page)

    at(page, r"/assisted/[0-9a-f-]+/contact/$", language, check=False)
    if check:
        show_errors(page, language, ContactForm, "address")
    fill_address(page, "address")
    choose(page, "language", LETTERS)
    submit(page)

    at(page, r"/assisted/[0-9a-f-]+/procedure/$", language, check=check)
    choose(page, "procedure", procedure)
    submit(page)


def the_declaration(page: Page, language: str) -> str:
    """The check page offers the declaration to print; its PDF, as text."""
    link = page.get_by_role("link", name=text(language, "Print the declaration (opens in new tab)"))
    href = link.get_attribute("href")
    assert href
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    return pdf_text(response.body())


def declaration_says(pdf: str, declared: type[forms.Form], *answers: str) -> None:
    """Ona's declaration, in the language of her letters: who she is, some of her answers, what she
    declares (the ticks of the procedure's check page online) and where she signs."""
    with translation.override(LETTERS):
        declarations = [str(field.label) for field in declared.base_fields.values()]
        wanted = [
            gettext("Declaration to sign"),
            "Ona Petraitienė",
            human_date(BORN),
            CODE,
            "12345678",
            gettext("Your answers"),
            *answers,
            *declarations,
            gettext("%(name)s signs.") % {"name": "Ona Petraitienė"},
            gettext("Signature"),
            gettext("Date"),
        ]
    for printed in wanted:
        assert printed in pdf, printed


def sign_and_send(page: Page, language: str, *, check: bool) -> Application:
    """Send is refused until the caseworker confirms that Ona signed; then the application is sent and
    the hand-over page shows its reference."""
    if check:
        show_errors(page, language, SignedDeclarationForm, "signed")
    page.locator("input[name='check-signed']").check()
    submit(page)
    at(page, r"/assisted/[0-9a-f-]+/handover/$", language, check=check)
    application = Application.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(application.reference)
    banner(page, language)
    return application


def the_receipt(page: Page, language: str, application: Application) -> None:
    """The receipt to print for Ona, once it is ready (a few seconds at most)."""
    link = page.locator("main a[download]")
    for _attempt in range(10):
        if link.count():
            break
        page.wait_for_timeout(500)
        page.get_by_role("link", name=text(language, "Check again")).first.click()
    expect(link).to_have_count(1)
    with page.expect_download() as download:
        link.click()
    receipt = pdf_text(download.value.path().read_bytes())
    assert application.reference in receipt and "Petraitienė" in receipt


def the_hand_over_sheet(page: Page, language: str, application: Application, *, check: bool) -> str:
    """ "Print the hand-over sheet": the sheet, in the language of Ona's letters, with her code."""
    page.get_by_role("button", name=text(language, "Print the hand-over sheet")).click()
    at(page, r"/assisted/[0-9a-f-]+/handover/$", language, check=check)
    sheet = page.locator("section.handover-sheet")
    assert sheet.get_attribute("lang") == LETTERS
    expect(sheet.locator("h2")).to_have_text(text(LETTERS, "Your application was sent"))
    expect(sheet).to_contain_text("Ona Petraitienė")
    expect(sheet).to_contain_text(application.reference)
    code = sheet.locator(".handover-sheet__code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code), code
    assert code not in page.url
    return code


def ona_claims_it(
    browser: Browser, base_url: str, language: str, code: str, reference: str, *, check: bool
) -> None:
    """In a browser of her own, Ona signs in with her demo eID to see her applications (none yet), adds
    the one made at the office with the code of her sheet (a code that is not hers first) and finds it in
    "Your applications"."""
    with own_browser(browser, base_url) as page:
        page.goto("/")
        switch_language(page, language)
        page.goto("/applications/")
        at(page, r"/eidas/login/", language, check=check)
        page.locator("select[name=country]").select_option("LT")
        page.locator("main form button[type=submit]").click()
        expect(page.locator(f"input[name=identity][value={ONA}]")).to_be_visible()
        if check:
            assert_accessible(page)  # the demo eID service's page
        page.locator(f"input[name=identity][value={ONA}]").check()
        page.locator("button[name=continue]").click()
        at(page, r"/applications/$", language, check=check)
        expect(page.locator("main")).to_contain_text(
            text(language, "You have not sent any applications yet.")
        )
        page.get_by_role("link", name=text(language, "Add an application with its code")).click()

        at(page, r"/claim/$", language, check=check)
        if check:
            show_errors(page, language, ClaimForm, "code")
        page.locator("input[name=code]").fill("AAAA-BBBB-CCCC")  # a code of someone else's, or none
        page.locator("main form button[type=submit]").click()
        expect(page.locator(".govuk-error-summary a")).to_have_text(text(language, NO_MATCH))
        at(page, r"/claim/$", language, check=check)
        page.locator("input[name=code]").fill(code.lower().replace("-", " "))  # as people may type it
        page.locator("main form button[type=submit]").click()

        at(page, r"/applications/[0-9a-f-]+/$", language, check=check)
        added = text(language, "The application %(reference)s is now in your applications.")
        expect(page.locator("main")).to_contain_text(added % {"reference": reference})
        page.goto("/applications/")
        expect(page.locator("h1")).to_have_text(text(language, "Your applications"))
        expect(page.locator("main")).to_contain_text(reference)
        at(page, r"/applications/$", language, check=check)
    application = Application.objects.get(reference=reference)
    assert application.applicant.citizen_identity.person_identifier.endswith(CODE)
    assert AssistedCase.objects.get().claimed_at is not None
