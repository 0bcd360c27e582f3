"""A provisional replacement certificate in a real browser, in Lithuanian and English and without
JavaScript: the demo parent asks for one for a stay starting tomorrow, delivered electronically, downloads
the PDF after Send, reads it, and checks its number on the public verification page."""

import datetime
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from portal.documents.models import Document
from portal.institutions.models import Institution
from portal.registers.demo_people import DEMO_PARENT_CODE
from procedures.ehic.request_forms import PrcStayForm, PrcValidityForm
from tests.browser.conftest import assert_accessible
from tests.browser.test_ehic_journeys import (  # noqa: F401 (the fixtures, used by name)
    _registers,
    _site_on_live_server,
    check_and_send,
    choose,
    contact,
    fill_address,
    fill_date,
    insurance_from_the_register,
    on,
    show_errors,
    start_and_sign_in,
    submit,
    text,
)
from tests.procedures.ehic.journey import DAY, today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def printed(day: datetime.date) -> str:
    """A date as the certificate prints it (DD/MM/YYYY, as on the card)."""
    return day.strftime("%d/%m/%Y")


def ask_for_a_certificate(
    page: Page, language: str, start: datetime.date, end: datetime.date, *, check: bool
) -> None:
    """From "Who is the card for?" to "Send": a certificate for myself for a stay in Spain, as a PDF."""
    choose(page, "for_whom-for_whom", "me")
    submit(page)
    on(page, "about_you", language=language, check=False)
    page.locator("select[name='about_you-nationality']").select_option("LT")
    fill_address(page, "about_you-address")
    submit(page)
    insurance_from_the_register(page, language, check=False)
    on(page, "request", language=language, check=False)
    choose(page, "request-kind", "prc")
    submit(page)

    on(page, "prc_stay", language=language, check=check)
    if check:
        show_errors(page, language, PrcStayForm, "state_of_stay", "stay_from", "stay_to", "there_now")
    page.locator("select[name='prc_stay-state_of_stay']").select_option("ES")
    fill_date(page, "prc_stay-stay_from", start)
    fill_date(page, "prc_stay-stay_to", end)
    choose(page, "prc_stay-there_now", "no")
    submit(page)

    on(page, "prc_validity", language=language, check=check)
    if check:
        show_errors(page, language, PrcValidityForm, "reason", "valid_from", "valid_to")
    choose(page, "prc_validity-reason", "card_not_in_time")
    fill_date(page, "prc_validity-valid_from", start)
    fill_date(page, "prc_validity-valid_to", end)
    submit(page)

    on(page, "delivery", language=language, check=False)
    choose(page, "delivery-method", "electronic")
    submit(page)
    contact(page, language, check=False)

    on(page, "check", language=language, check=check)
    ready = "The certificate is ready to download a few seconds after you send this application."
    expect(page.locator(".govuk-inset-text").first).to_contain_text(text(language, ready))


def download_the_certificate(page: Page, language: str, folder: Path) -> str:
    """The application page offers the certificate (after a few seconds at most); its PDF as text."""
    link = page.get_by_role("link", name=text(language, "Download your certificate (PDF)"))
    for _attempt in range(10):
        if link.count():
            break
        page.wait_for_timeout(500)
        page.get_by_role("link", name=text(language, "Check again")).first.click()
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("-provisional-certificate.pdf")
    pdf = folder / download.value.suggested_filename
    download.value.save_as(pdf)
    return subprocess.run(["pdftotext", pdf, "-"], capture_output=True, check=True, text=True).stdout


def read_the_certificate(pdf: str, language: str, start: datetime.date, end: datetime.date) -> str:
    """The certificate names the holder, her dates and the institution (in the language the application
    was sent in); returns its number."""
    certificate = Document.objects.get(kind=Document.Kind.CERTIFICATE)
    for printed_text in ("Vaitkienė", "Rūta", "12/04/1986", DEMO_PARENT_CODE, printed(start), printed(end)):
        assert printed_text in pdf, printed_text
    with translation.override(language):
        institution = Institution.objects.get(code="vlk").name
    assert institution in pdf, institution
    assert certificate.application.reference in pdf
    printed_number = re.search(re.escape(text(language, "Document number")) + r":\s*(\S+)", pdf)
    assert printed_number and printed_number.group(1) == certificate.number, pdf
    return printed_number.group(1)


def verify(page: Page, language: str, number: str, start: datetime.date, *, check: bool) -> None:
    """The public verification page confirms the number, and says the certificate starts tomorrow."""
    page.goto(f"/verify/{number}/")
    expect(page.locator("h1")).to_have_text(text(language, "This document is genuine"))
    expect(page.locator("main")).to_contain_text(number)
    not_yet = text(language, "It is not valid yet: its first day is %(date)s.").split("%")[0]
    expect(page.locator(".govuk-warning-text")).to_contain_text(not_yet)
    if check:
        assert_accessible(page)


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_certificate_for_a_stay_starting_tomorrow_is_downloaded_and_verified(
    page: Page, language: str, tmp_path: Path
):
    start, end = today() + DAY, today() + 15 * DAY
    start_and_sign_in(page, language, check=False)
    ask_for_a_certificate(page, language, start, end, check=True)
    check_and_send(page, language, check=False)
    pdf = download_the_certificate(page, language, tmp_path)
    assert_accessible(page)  # the application page with its certificate
    number = read_the_certificate(pdf, language, start, end)
    verify(page, language, number, start, check=True)


def test_a_certificate_without_javascript(browser: Browser, live_server, tmp_path: Path):
    start, end = today() + DAY, today() + 15 * DAY
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        start_and_sign_in(page, "en", check=False, javascript=False)
        ask_for_a_certificate(page, "en", start, end, check=False)
        check_and_send(page, "en", check=False)
        number = read_the_certificate(download_the_certificate(page, "en", tmp_path), "en", start, end)
        verify(page, "en", number, start, check=False)
    finally:
        context.close()
