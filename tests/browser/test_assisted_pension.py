"""A pension claim filed at an office, in a real browser: a caseworker signs in with a password and a TOTP
code, identifies Ona Petraitienė (born 1956, no eID, letters by post in Lithuanian) by her identity card
and fills in her claim with her through the task list, with the same answers as online (periods in
Poland and Germany, insured in Lithuania). The check page offers the declaration to print; once Ona has
signed it, the caseworker confirms it and sends, and the hand-over page shows the reference. The moment
of that confirmation is the claim date the institution receives (the claim's pages are in
test_pension_journeys.py)."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from portal.accounts.models import User
from procedures.engine.fields import country_name
from procedures.engine.tasks import TaskStatus
from procedures.pension.forms import DeclarationForm
from tests.browser.assisted_journey import (
    LETTERS,
    banner,
    caseworker_signs_in,
    declaration_says,
    identify_ona,
    sign_and_send,
    the_declaration,
)
from tests.browser.test_assisted_journeys import caseworker  # noqa: F401 (the fixture, used by name)
from tests.browser.test_pension_journeys import (
    HOLDER,
    Claim,
    about_you,
    abroad,
    check_page_shows_the_claim,
    every_section_completed,
    insurance_here,
    the_rest,
    what_she_claims,
)
from tests.portal.assisted.journey import CODE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGE = "en"  # the caseworker's; Ona's letters and declaration are in Lithuanian (LETTERS)


@pytest.fixture(autouse=True)
def _site_on_live_server(settings, live_server):
    settings.PORTAL_SITE_URL = live_server.url


def test_a_caseworker_files_a_pension_claim_through_the_task_list(page: Page, caseworker: User):  # noqa: F811
    caseworker_signs_in(page, caseworker, LANGUAGE, check=False)
    identify_ona(page, LANGUAGE, "pension", check=False)

    claim = Claim(page, LANGUAGE)
    claim.on_tasks()  # axe: the task list in assisted mode, under the banner naming Ona and the caseworker
    banner(page, LANGUAGE)
    claim.expect_statuses(age=TaskStatus.CANNOT_START)
    about_you(claim, email="")  # no e-mail: letters by post
    expect(page.locator("main")).not_to_contain_text("ona@example.lt")
    what_she_claims(claim)
    insurance_here(claim)
    abroad(claim)
    the_rest(claim)
    every_section_completed(claim)
    banner(page, LANGUAGE)
    check_page_shows_the_claim(claim)
    expect(page.locator("main")).to_contain_text(CODE)  # from her identity card: not asked

    with translation.override(LETTERS):
        answers = [
            "Gedimino pr. 1",
            HOLDER,
            country_name("PL"),
            country_name("DE"),
            gettext("Old-age pension"),
        ]
    declaration_says(the_declaration(page, LANGUAGE), DeclarationForm, *answers)
    before = timezone.now()
    application = sign_and_send(page, LANGUAGE, check=True)  # refused until the signature is confirmed

    envelope = application.payload
    assert application.procedure == "pension" and envelope["channel"] == "assisted"
    assert envelope["filed_by"]["role"] == "caseworker" and envelope["filed_by"]["office"] == "vlk:vilnius"
    assert envelope["applicant"]["given_name"] == "Ona"
    assert envelope["answers"]["states"] == ["LT", "PL", "DE"]
    assert envelope["language"] == LETTERS
    signed_at = datetime.datetime.fromisoformat(envelope["assisted"]["declaration_signed_at"])
    assert before - datetime.timedelta(seconds=1) <= signed_at <= timezone.now()
    assert envelope["assisted"]["identity_verified_by"] == "document"
    kinds = {"tasks", "question", "done", "periods", "periods with two", "record", "age", "check"}
    assert claim.checked == kinds  # and the hand-over page, with its errors first (sign_and_send)
