"""The citizen's application page: status history, the institution's messages, the documents."""

import re

import pytest
from django.test import Client

from portal.accounts.services import citizen_identity_upsert
from portal.applications.services import application_transition
from portal.applications.states import Status
from portal.documents.models import Document
from portal.documents.services import document_issue
from tests.factories import InstitutionFactory, citizen_identity_kwargs
from tests.portal.test_documents_storage import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(make_application):
    """An application the institution asked about, then granted with a decision PDF."""
    institution = InstitutionFactory(
        code="sodra-page", names={"lt": "Sodra", "en": "Sodra (State Social Insurance)"}
    )
    application = make_application()
    application_transition(application=application, to_status=Status.RECEIVED)
    application_transition(application=application, to_status=Status.IN_REVIEW, institution=institution)
    application_transition(
        application=application,
        to_status=Status.MORE_INFORMATION_REQUESTED,
        institution=institution,
        message="Please send your employment contract.",
    )
    application_transition(application=application, to_status=Status.IN_REVIEW, institution=institution)
    document_issue(
        application=application, kind=Document.Kind.DECISION, content=b"%PDF-1.7 decision", file_name="d.pdf"
    )
    application_transition(application=application, to_status=Status.GRANTED, institution=institution)
    return application


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_timeline_shows_every_status_newest_first_with_who_changed_it(client, citizen, decided):
    page = sign_in(client, citizen).get(f"/applications/{decided.pk}/", headers={"Accept-Language": "en"})
    text = _text(page.content.decode())

    assert f"Application {decided.reference}" in text
    history = text[text.index("What has happened so far") :]
    order = [
        history.index(label)
        for label in ["Granted", "More information needed", "Received by the institution", "Sent"]
    ]
    assert order == sorted(order)
    assert "Sodra (State Social Insurance)" in history
    assert "Read the decision" in text
    assert "What happens next Download the decision and keep it." in text  # decided: keep the decision


def test_the_institutions_message_is_shown_and_highlighted_while_it_waits_for_an_answer(
    client, citizen, make_application
):
    application = make_application()
    application_transition(application=application, to_status=Status.RECEIVED)
    application_transition(application=application, to_status=Status.IN_REVIEW)
    application_transition(
        application=application, to_status=Status.MORE_INFORMATION_REQUESTED, message="Send your contract."
    )
    html = sign_in(client, citizen).get(f"/applications/{application.pk}/", headers={"Accept-Language": "en"})
    content = html.content.decode()
    assert "govuk-notification-banner" in content
    assert "The institution needs more information from you" in content
    assert content.count("Send your contract.") == 2  # the banner and the list of messages


def test_the_decision_is_offered_to_its_owner_only(client, citizen, decided):
    decision = decided.documents.get(kind=Document.Kind.DECISION)
    page = sign_in(client, citizen).get(f"/applications/{decided.pk}/").content.decode()
    assert f"/documents/{decision.pk}/" in page
    download = client.get(f"/documents/{decision.pk}/")
    assert download.status_code == 200
    assert download.content == b"%PDF-1.7 decision"

    other_person = citizen_identity_upsert(**citizen_identity_kwargs(person_identifier="LT/LT/49001010001"))
    stranger = sign_in(Client(), other_person)
    assert stranger.get(f"/applications/{decided.pk}/").status_code == 404
    assert stranger.get(f"/documents/{decision.pk}/").status_code == 404


def test_a_just_sent_application_says_sent_with_its_reference(client, citizen, make_application):
    application = make_application()
    page = sign_in(client, citizen).get(f"/applications/{application.pk}/", headers={"Accept-Language": "en"})
    text = _text(page.content.decode())
    assert "Application sent" in text
    assert f"Your reference number {application.reference}" in text
    assert "We received your application and are sending it to the institution" in text


def test_each_document_is_named_by_what_it_is_and_the_event_it_belongs_to(
    client, citizen, make_application, django_capture_on_commit_callbacks
):
    """Letters by post (no e-mail address) for "sent", "more information needed" and the decision, and
    the decision itself: each link names its document and the news it brought."""
    address = {
        "line_1": "Gedimino pr. 1",
        "line_2": "",
        "town": "Vilnius",
        "postcode": "01103",
        "country": "LT",
    }
    with django_capture_on_commit_callbacks(execute=True):  # the pipeline and the letters, for real
        application = make_application(address=address)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, to_status=Status.IN_REVIEW)
        application_transition(
            application=application,
            to_status=Status.MORE_INFORMATION_REQUESTED,
            message="Send your contract.",
        )
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=application, to_status=Status.IN_REVIEW)
        document_issue(
            application=application,
            kind=Document.Kind.DECISION,
            content=b"%PDF-1.7 decision",
            file_name="d.pdf",
        )
        application_transition(application=application, to_status=Status.GRANTED)

    page = sign_in(client, citizen).get(f"/applications/{application.pk}/", headers={"Accept-Language": "en"})
    links = [
        _text(link)
        for link in re.findall(
            r'<a class="govuk-link" href="/documents/[^"]+" download>(.*?)</a>', page.content.decode()
        )
    ]
    titles = [link.split(" (PDF")[0] for link in links]
    assert titles[0] == "Download your receipt"
    expected = iter(titles[1:])  # in the order they were issued; which news is worth a letter is not ours
    for title in [
        "Letter: we received your application",
        "Letter: we need more information",
        "Decision",
        "Letter: your application was granted",
    ]:
        assert title in expected, (title, titles)
    assert all(title.startswith("Letter: ") or title == "Decision" for title in titles[1:]), titles
