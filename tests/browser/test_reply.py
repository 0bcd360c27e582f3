"""In a real browser: a citizen whose application needs more information answers with a document (a
form to correct on the way), then the institution fetches the answer and the document through the API
over real HTTP. Every page state is checked with axe, in Lithuanian and English."""

import re

import pytest
import requests
from django.test import Client
from playwright.sync_api import Page, expect

from portal.applications.models import Application
from portal.applications.services import application_transition, draft_start
from portal.applications.states import Status
from portal.backoffice.credentials import api_credential_issue
from portal.eidas import constants as c
from portal.pipeline.services import application_submit
from tests.browser.conftest import assert_accessible, switch_language
from tests.factories import InstitutionFactory
from tests.portal.pipeline.conftest import SUBMISSION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTRACT = b"%PDF-1.4\n% employment contract\n%%EOF\n"
# Sentences of the reply form that must not show on Lithuanian pages once the catalogue has them.
ENGLISH = [
    "Answer the institution",
    "Your answer",
    "Send your answer",
    "Write your answer or add a document",
    "You sent more information",
    "Your answer was sent to the institution",
]


@pytest.fixture
def asked(citizen) -> tuple[Application, str]:
    """The citizen's A1 request, delivered; the institution asked for the contract. Its API token too."""
    sodra = InstitutionFactory(code="sodra-reply-browser", names={"lt": "Sodra", "en": "Sodra"})
    _credential, token = api_credential_issue(
        institution=sodra, name="Case management", procedures=["applicable-legislation"]
    )
    draft = draft_start(owner=citizen, procedure="applicable-legislation")
    application = application_submit(draft_id=draft.pk, owner=citizen, submission=SUBMISSION, language="lt")
    application.refresh_from_db()  # the pipeline ran eagerly: receipt, delivery, "received"
    application_transition(application=application, to_status=Status.IN_REVIEW, institution=sodra)
    application_transition(
        application=application,
        to_status=Status.MORE_INFORMATION_REQUESTED,
        institution=sodra,
        message="Atsiųskite darbo sutartį.",
    )
    return application, token


def _sign_in(page: Page, user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    session = client.session
    session["eidas_loa"] = c.LOA_SUBSTANTIAL  # signed in through eIDAS (tested elsewhere)
    session.save()
    page.goto("/healthz/")
    base_url = page.url.rsplit("/healthz/", 1)[0]
    page.context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": base_url}])


@pytest.mark.parametrize("language", ["lt", "en"])
def test_a_citizen_answers_with_a_document_and_the_institution_fetches_it(
    page: Page, live_server, citizen, asked, language: str
):
    application, token = asked
    _sign_in(page, citizen)
    page.goto(f"/applications/{application.pk}/")
    switch_language(page, language)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Atsiųskite darbo sutartį.")
    assert_accessible(page)
    texts = [page.locator("main").inner_text()]

    # Sent empty: an error that leads to the box, and the page says so in its title.
    page.locator("#reply-title ~ form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^(Error|Klaida):"))
    page.locator(".govuk-error-summary a").first.click()
    expect(page.locator("textarea[name=message]")).to_be_focused()
    assert_accessible(page)
    texts.append(page.locator("main").inner_text())

    page.locator("textarea[name=message]").fill("Sutartis pridėta.")
    page.locator("input[name=documents]").set_input_files(
        files=[{"name": "sutartis.pdf", "mimeType": "application/pdf", "buffer": CONTRACT}]
    )
    page.locator("#reply-title ~ form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/applications/{application.pk}/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("textarea[name=message]")).to_have_count(0)  # nothing is asked now
    history = page.locator("ol")
    expect(history).to_contain_text("Sutartis pridėta.")
    expect(history.get_by_role("link", name="sutartis.pdf")).to_be_visible()
    assert_accessible(page)
    assert page.locator("html").get_attribute("lang") == language
    texts.append(page.locator("main").inner_text())
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW

    # The institution, over HTTP with its token: the answer in the events, the document downloadable.
    headers = {"Authorization": f"Bearer {token}"}
    events = requests.get(
        f"{live_server.url}/api/v1/applications/{application.reference}/events/", headers=headers, timeout=10
    )
    assert events.status_code == 200, events.text
    answered = events.json()[-1]
    assert answered["status"] == "in_review" and answered["reply"]["message"] == "Sutartis pridėta."
    [document] = answered["reply"]["attachments"]
    assert document["name"] == "sutartis.pdf"
    download = requests.get(document["url"], headers=headers, timeout=10)
    assert download.status_code == 200 and download.content == CONTRACT

    if language == "lt":  # checked last: it holds once the coordinator has merged the translations
        assert [sentence for sentence in ENGLISH for text in texts if sentence in text] == []
