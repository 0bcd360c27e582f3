"""Answering "more information needed" on the application page: text and documents, exactly once, by
the owner only, with the wizard's upload rules and nothing lost when something must be corrected."""

import re
import threading
import uuid
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from portal.accounts.services import citizen_identity_upsert
from portal.applications.models import Application, Reply
from portal.applications.replies import reply_document_make
from portal.applications.services import application_transition
from portal.applications.states import WHAT_HAPPENS_NEXT, Status
from portal.audit.models import AuditEvent
from portal.backoffice.models import Delivery
from portal.pipeline.services import reply_submit
from tests.factories import InstitutionFactory, citizen_identity_kwargs
from tests.portal.test_documents_storage import files_under, sign_in

pytestmark = pytest.mark.django_db

CONTRACT = b"%PDF-1.4\nEmployment contract of Jonas Kazlauskas\n%%EOF\n"
QUESTION = "Send your employment contract."


def _ask(application: Application) -> Application:
    institution = InstitutionFactory(code="sodra-reply", names={"lt": "Sodra", "en": "Sodra"})
    application.refresh_from_db()
    if application.status == Status.SUBMITTED:  # not delivered yet (in a transactional test, it was)
        application_transition(application=application, to_status=Status.RECEIVED)
    application_transition(application=application, to_status=Status.IN_REVIEW, institution=institution)
    application_transition(
        application=application,
        to_status=Status.MORE_INFORMATION_REQUESTED,
        institution=institution,
        message=QUESTION,
    )
    return application


@pytest.fixture
def asked(make_application):
    """An application the institution asked about: it waits for the applicant's answer."""
    return _ask(make_application())


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _key(page: str) -> str:
    return re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page).group(1)


def _page(client: Client, application: Application, language: str = "en") -> str:
    response = client.get(f"/applications/{application.pk}/", headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.content.decode()


def _reply(client: Client, application: Application, language: str = "en", **data):  # type: ignore[no-untyped-def]
    return client.post(
        f"/applications/{application.pk}/reply/", data, headers={"Accept-Language": language}, follow=True
    )


def test_the_owner_answers_with_a_document_and_the_institution_reviews_it_again(client, citizen, asked):
    signed_in = sign_in(client, citizen)
    page = _page(signed_in, asked)
    assert "Answer the institution" in page and 'type="file"' in page

    answered = _reply(
        signed_in,
        asked,
        message="My contract is attached.",
        documents=SimpleUploadedFile("../contract<1>.pdf", CONTRACT, content_type="text/html"),
        submission_key=_key(page),
    )

    asked.refresh_from_db()
    assert asked.status == Status.IN_REVIEW
    text = _text(answered.content.decode())
    assert "Your answer was sent to the institution" in text
    assert "Answer the institution" not in text  # the form is gone: nothing is asked now
    history = text[text.index("What has happened so far") :]
    assert history.index("You sent more information") < history.index("More information needed")
    assert "My contract is attached." in history
    reply = Reply.objects.get()
    assert reply.event.actor == citizen and reply.event.from_status == Status.MORE_INFORMATION_REQUESTED
    [document] = reply.attachments
    assert document["name"] == "contract_1.pdf" and document["content_type"] == "application/pdf"
    download = signed_in.get(f"/applications/{asked.pk}/documents/{document['sha256']}/")
    assert b"".join(download.streaming_content) == CONTRACT
    # Kept encrypted: the contract's words are nowhere on disk.
    assert not [path for path in files_under(_media()) if b"Kazlauskas" in path.read_bytes()]
    assert AuditEvent.objects.filter(action="applications.reply_sent", object_id=str(asked.pk)).count() == 1
    assert Delivery.objects.filter(reply=reply).count() == 1  # the outbox, in the same transaction


def _media():  # type: ignore[no-untyped-def]
    from django.conf import settings

    return settings.MEDIA_ROOT


def test_a_double_submit_makes_one_reply(client, citizen, asked):
    signed_in = sign_in(client, citizen)
    form = {"message": "Attached.", "submission_key": _key(_page(signed_in, asked))}
    first = _reply(signed_in, asked, **form)
    second = _reply(signed_in, asked, **form)

    assert first.status_code == second.status_code == 200
    assert Reply.objects.count() == 1
    assert asked.events.filter(to_status=Status.IN_REVIEW).count() == 2  # the institution's, then the reply
    assert Delivery.objects.filter(reply__isnull=False).count() == 1
    assert "not waiting for an answer" not in second.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_the_same_moment_make_one_reply_and_one_outbox(citizen, make_application):
    """Real PostgreSQL connections: the second waits on the application's row lock, then finds the
    reply the first one made."""
    application = _ask(make_application())
    key = uuid.uuid4()
    document = reply_document_make(name="contract.pdf", content_type="application/pdf", content=CONTRACT)
    barrier = threading.Barrier(2)
    replies, errors = [], []

    def send() -> None:
        try:
            barrier.wait()
            replies.append(
                reply_submit(
                    application=Application.objects.get(pk=application.pk),
                    owner=citizen,
                    submission_key=key,
                    message="Attached.",
                    documents=[document],
                )
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert {reply.pk for reply in replies} == {Reply.objects.get().pk}
    assert Delivery.objects.filter(reply__isnull=False).count() == 1
    assert Application.objects.get(pk=application.pk).status == Status.IN_REVIEW


def test_only_the_owner_can_reply(client, asked):
    someone_else = citizen_identity_upsert(**citizen_identity_kwargs(person_identifier="LT/LT/49001010006"))
    signed_in = sign_in(client, someone_else)
    response = signed_in.post(
        f"/applications/{asked.pk}/reply/", {"message": "Not mine.", "submission_key": str(uuid.uuid4())}
    )
    assert response.status_code == 404
    asked.refresh_from_db()
    assert asked.status == Status.MORE_INFORMATION_REQUESTED and not Reply.objects.exists()


def test_no_reply_is_taken_unless_the_institution_asked(client, citizen, make_application):
    application = make_application()
    application_transition(application=application, to_status=Status.RECEIVED)
    application_transition(application=application, to_status=Status.IN_REVIEW)
    signed_in = sign_in(client, citizen)
    assert "Answer the institution" not in _page(signed_in, application)

    answered = _reply(signed_in, application, message="Hello?", submission_key=str(uuid.uuid4()))

    assert "The institution is not waiting for an answer from you now." in answered.content.decode()
    assert not Reply.objects.exists()
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_a_correction_keeps_the_typed_text_and_the_accepted_document(
    client, citizen, asked, django_capture_on_commit_callbacks
):
    signed_in = sign_in(client, citizen)
    key = _key(_page(signed_in, asked))
    too_long = "Mano darbo sutartis. " * 200  # 4,200 characters

    corrected = _reply(
        signed_in,
        asked,
        message=too_long,
        documents=SimpleUploadedFile("contract.pdf", CONTRACT),
        submission_key=key,
    )

    page = corrected.content.decode()
    assert corrected.redirect_chain == []
    assert "<title>Error:" in page
    assert "Your answer must be 4,000 characters or fewer. It has 4,199." in _text(page)
    assert 'href="#id_message"' in page  # the error summary leads to the box
    assert too_long.strip() in page  # what was typed is there to shorten
    assert re.search(r'<input[^>]+name="keep"[^>]+checked>\s*<label[^>]+>contract\.pdf</label>', page)
    assert not Reply.objects.exists()

    # Shortened; the contract is not chosen again, it was kept (and forgotten once the reply is sent).
    with django_capture_on_commit_callbacks(execute=True):
        _reply(
            signed_in,
            asked,
            message="My contract.",
            keep=re.findall(r'name="keep" [^>]*value="([0-9a-f]{64})"', page),
            submission_key=key,
        )

    reply = Reply.objects.get()
    assert reply.message == "My contract." and [item["name"] for item in reply.attachments] == [
        "contract.pdf"
    ]
    assert not [path for path in files_under(_media()) if "uploads-in-progress" in str(path)]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "photo.png: The file must be a PDF, JPG or PNG"), ("lt", "photo.png:")],
)
def test_a_file_that_is_not_a_pdf_jpg_or_png_is_refused_by_name(client, citizen, asked, language, expected):
    signed_in = sign_in(client, citizen)
    refused = _reply(
        signed_in,
        asked,
        language,
        message="Photo attached.",
        documents=SimpleUploadedFile(
            "photo.png", b"MZ\x90\x00 a program, not a photo", content_type="image/png"
        ),
        submission_key=_key(_page(signed_in, asked)),
    )
    page = refused.content.decode()
    assert f'lang="{language}"' in page
    assert expected in _text(page)
    assert "Photo attached." in page
    if language == "lt":
        assert "The file must be a PDF, JPG or PNG" not in page  # the wizard's own message, translated
    assert not Reply.objects.exists()


def test_an_empty_answer_is_refused(client, citizen, asked):
    signed_in = sign_in(client, citizen)
    refused = _reply(signed_in, asked, message="   ", submission_key=_key(_page(signed_in, asked)))
    assert "Write your answer or add a document" in refused.content.decode()
    assert not Reply.objects.exists()


def test_what_happens_next_says_what_to_expect_in_each_status(client, citizen, asked):
    signed_in = sign_in(client, citizen)
    path = [Status.MORE_INFORMATION_REQUESTED, Status.IN_REVIEW, Status.GRANTED]
    texts = set()
    for status in path:
        if asked.status != status:
            application_transition(application=asked, to_status=status)
        text = _text(_page(signed_in, asked))
        after = text[text.index("What happens next") :]
        assert str(WHAT_HAPPENS_NEXT[status]) in after
        texts.add(str(WHAT_HAPPENS_NEXT[status]))
    assert len(texts) == len(path)
    assert set(WHAT_HAPPENS_NEXT) == set(Status)
