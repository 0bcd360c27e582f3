"""Key rotation as the operator runs it (deploy/README.md): put a new key in front of the old one, run
``manage.py reencrypt_fields``, remove the old key. Nothing the portal keeps may be lost on the way.

Everything is made the way people make it: Jonas signs in with eIDAS and sends an A1 request with a
contract, asking for letters by post; the pipeline (eager Celery) makes his receipt and a letter; the
institution reports through /api/v1/, asks for more information, which he sends with a payslip, and sends
its decision, which makes more letters; he has a second
request in progress with a file uploaded; someone leaves feedback.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Cast
from django.test import Client
from pypdf import PdfReader

from portal.applications.models import Application
from portal.applications.states import Status
from portal.assisted.services import case_contact_save, case_representative_save, case_start
from portal.backoffice.credentials import api_credential_issue
from portal.backoffice.models import DeliveryRoute
from portal.crypto.services import encrypted_fields
from portal.documents.models import Document
from tests.factories import InstitutionFactory, UserFactory
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.procedures.applicable_legislation.journey import (
    ABOUT_YOU,
    BIRTH,
    EMPLOYER,
    NO_EARLIER_POSTINGS,
    NO_OTHER_NUMBERS,
    PLACES,
    SITUATION,
    after_posting,
    begin,
    post_step,
    posting,
)

pytestmark = pytest.mark.django_db

# Two contracts: one sent with the first request, one waiting in the second request's draft.
SENT = b"%PDF-1.4\n% employment contract of Jonas Kazlauskas, personal code 39006211001\n%%EOF\n"
WAITING = b"%PDF-1.4\n% second contract of Jonas Kazlauskas\n%%EOF\n"
DECISION = b"%PDF-1.4\n% A1 certificate for Jonas Kazlauskas\n%%EOF\n"
REPLIED = b"%PDF-1.4\n% payslip of Jonas Kazlauskas\n%%EOF\n"
# Never in the command's output: names, identifiers, addresses, file names, employers, feedback.
PERSONAL = ["Kazlauskas", "Jonas", "39006211001", "39006210214", "Gedimino", "contract", "Statyba", "hmac"]


def tokens(model: type[models.Model], field: models.Field) -> dict[object, str]:  # type: ignore[type-arg]
    """The raw Fernet tokens of one encrypted column, by primary key."""
    rows = model._default_manager.annotate(_token=Cast(field.attname, models.TextField()))
    return dict(rows.exclude(**{f"{field.attname}__isnull": True}).values_list("pk", "_token"))


def values(model: type[models.Model], field: models.Field) -> dict[object, object]:  # type: ignore[type-arg]
    """The plain values of one encrypted column as the portal reads them, by primary key."""
    return dict(model._default_manager.values_list("pk", field.attname))


def files_under(root: Path) -> dict[str, bytes]:
    files = sorted(path for path in root.rglob("*") if path.is_file())
    return {str(path.relative_to(root)): path.read_bytes() for path in files}


def decrypts(key: str, token: bytes | str) -> bool:
    try:
        Fernet(key.encode()).decrypt(token.encode() if isinstance(token, str) else token)
    except InvalidToken:
        return False
    return True


def reencrypt_fields(capsys) -> str:  # type: ignore[no-untyped-def]
    call_command("reencrypt_fields")
    captured = capsys.readouterr()
    assert captured.err == ""  # nothing it could not decrypt
    return str(captured.out)


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def documents_page(client, *, contact: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    """Start an A1 request and answer up to the documents page; returns its URL."""
    url = begin(client)
    offer = client.get(url)
    if offer.status_code == 302 and offer["Location"].endswith("/your-details/"):
        # A later request offers the last one's details: Jonas types them again.
        url = client.post(offer["Location"], {"use": "no"})["Location"]
    url = post_step(client, url, "about_you", ABOUT_YOU)["Location"]
    url = post_step(client, url, "birth", BIRTH)["Location"]
    url = post_step(client, url, "contact", contact)["Location"]
    url = post_step(client, url, "other_numbers", NO_OTHER_NUMBERS)["Location"]
    url = post_step(client, url, "situation", SITUATION)["Location"]
    url = post_step(client, url, "employer", EMPLOYER)["Location"]
    url = after_posting(client, post_step(client, url, "posting", posting())["Location"])
    url = post_step(client, url, "places", PLACES)["Location"]
    return str(post_step(client, url, "earlier_postings", NO_EARLIER_POSTINGS)["Location"])


def upload(client, url: str, content: bytes) -> str:  # type: ignore[no-untyped-def]
    """Upload the contract on the documents page; returns the URL of the check page."""
    contract = SimpleUploadedFile("contract.pdf", content, content_type="application/pdf")
    response = post_step(client, url, "documents", {"documents-employment_contract": contract})
    assert response["Location"].endswith("/check/")
    return str(response["Location"])


def send(client, check_url: str) -> None:  # type: ignore[no-untyped-def]
    client.get(post_step(client, check_url, "check", {"check-truthful": "on"})["Location"], follow=True)


def attachment(client, application: Application) -> bytes:  # type: ignore[no-untyped-def]
    sha256 = application.payload["attachments"][0]["sha256"]
    response = client.get(f"/applications/{application.pk}/documents/{sha256}/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def jonas(client):
    """Jonas signed in through the demo eIDAS node."""
    post_acs(client, node_response(start_login(client), "lt-worker"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def decided(jonas, django_capture_on_commit_callbacks) -> Application:
    """Jonas's A1 request with a contract, letters by post: receipt, letters and the decision issued."""
    check_url = upload(jonas, documents_page(jonas, contact={"contact-post_only": "on"}), SENT)
    with django_capture_on_commit_callbacks(execute=True):  # the pipeline: receipt, delivery, letter
        send(jonas, check_url)
    application = Application.objects.get()
    assert application.status == Status.RECEIVED  # the pipeline ran and delivered it

    _credential, token = api_credential_issue(
        institution=InstitutionFactory(code="sodra-test"), name="Cases", procedures=["applicable-legislation"]
    )
    institution = Client(headers={"Authorization": f"Bearer {token}"})
    events = f"/api/v1/applications/{application.reference}/events/"
    decision = SimpleUploadedFile("sprendimas.pdf", DECISION, content_type="application/pdf")
    asked = {"status": "more_information_requested", "message": "Send your payslip."}
    with django_capture_on_commit_callbacks(execute=True):  # letters for each change
        assert institution.post(events, {"status": "in_review"}).status_code == 201
        assert institution.post(events, asked).status_code == 201
    page = jonas.get(f"/applications/{application.pk}/").content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page).group(1)
    payslip = SimpleUploadedFile("payslip.pdf", REPLIED, content_type="application/pdf")
    answer = {"message": "Jonas Kazlauskas: my payslip", "documents": payslip, "submission_key": key}
    with django_capture_on_commit_callbacks(execute=True):  # the reply's delivery and its letter
        assert jonas.post(f"/applications/{application.pk}/reply/", answer).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert institution.post(events, {"status": "granted", "decision": decision}).status_code == 201
    application.refresh_from_db()
    return application


def identify_data() -> dict[str, object]:
    return {
        "family_name": "Kazlauskienė",
        "given_name": "Ona",
        "date_of_birth": datetime.date(1956, 3, 12),
        "personal_code": "45603121234",
        "document_type": "id_card",
        "document_number": "12345678",
        "document_expiry": datetime.date(2030, 1, 1),
        "seen_original": True,
    }


def test_after_rotation_every_value_and_file_reads_with_the_new_key_alone(jonas, decided, settings, capsys):
    waiting = upload(jonas, documents_page(jonas, contact={"contact-email": "jonas@example.lt"}), WAITING)
    jonas.post("/feedback/", {"rating": "satisfied", "message": "Jonas Kazlauskas: it worked", "page": "/"})
    # Set up in admin: a connector's secret.
    DeliveryRoute.objects.create(procedure="pension", connector="rest", secret="hmac-key-of-the-pension-fund")
    # At an office's front desk: a caseworker identifies Jonas's mother, who has him sign for her.
    case = case_start(caseworker=UserFactory(caseworker=True), person=identify_data())
    case_representative_save(
        case=case,
        representative={
            "basis": "authorised",
            "given_name": "Jonas",
            "family_name": "Kazlauskas",
            "document": "ID",
        },
    )
    case_contact_save(case=case, contact={"address": {"line_1": "Gedimino pr. 1"}, "language": "lt"})
    kinds = list(decided.documents.order_by("kind").values_list("kind", flat=True))
    assert kinds == [Document.Kind.DECISION, *[Document.Kind.LETTER] * 6, Document.Kind.RECEIPT]

    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    media = Path(settings.MEDIA_ROOT)
    columns = {f"{model._meta.label}.{field.name}": (model, field) for model, field in encrypted_fields()}
    before_values = {label: values(*column) for label, column in columns.items()}
    assert all(before_values.values()), "every encrypted field needs a row in this test"
    old = Fernet(old_key.encode())
    before_files = {name: old.decrypt(token) for name, token in files_under(media).items()}
    assert {name.split("/")[0] for name in before_files} == {"documents", "issued", "uploads-in-progress"}

    # 1. The new key goes in front; 2. reencrypt_fields, and once more: nothing is left to do.
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    first = reencrypt_fields(capsys)
    on_disk = files_under(media)
    second = reencrypt_fields(capsys)
    assert files_under(media) == on_disk  # the second run wrote nothing
    # 3. The old key is removed.
    settings.FIELD_ENCRYPTION_KEYS = [new_key]

    # Every file: the same content under the new key, and the old key alone opens none of them.
    assert set(on_disk) == set(before_files)
    for name, token in on_disk.items():
        assert decrypts(new_key, token) and not decrypts(old_key, token), name
        assert Fernet(new_key.encode()).decrypt(token) == before_files[name], name
    # Every encrypted column: the same values, each a token of the new key only.
    for label, column in columns.items():
        assert values(*column) == before_values[label], label
        for token in tokens(*column).values():
            assert decrypts(new_key, token) and not decrypts(old_key, token), label

    # What people notice: Jonas downloads his receipt, letters, decision and the contract he sent...
    for document in decided.documents.all():
        response = jonas.get(f"/documents/{document.pk}/")
        assert response.status_code == 200, document.kind
        if document.kind == Document.Kind.DECISION:
            assert response.content == DECISION
        else:
            assert decided.reference in pdf_text(response.content), document.kind
    assert attachment(jonas, decided) == SENT
    [reply] = decided.replies.all()  # ...and the payslip he sent with his answer
    replied = jonas.get(f"/applications/{decided.pk}/documents/{reply.attachments[0]['sha256']}/")
    assert b"".join(replied.streaming_content) == REPLIED
    # ...and sends the request he was filling in, with the contract he uploaded before the rotation.
    send(jonas, waiting)
    assert attachment(jonas, Application.objects.exclude(pk=decided.pk).get()) == WAITING

    # The operator's report: counts per column and per directory, and no personal data.
    for label in columns:
        assert f"{label}: {len(before_values[label])} value(s) re-encrypted, 0 current already" in first
        assert f"{label}: 0 value(s) re-encrypted, {len(before_values[label])} current already" in second
    for location in ("documents", "issued", "uploads-in-progress"):
        count = sum(name.startswith(f"{location}/") for name in before_files)
        assert f"MEDIA_ROOT/{location}: {count} file(s) re-encrypted, 0 current already" in first
        assert f"MEDIA_ROOT/{location}: 0 file(s) re-encrypted, {count} current already" in second
    assert f"and {len(before_files)} file(s) re-encrypted" in first.splitlines()[-1]
    assert "Done: 0 value(s) and 0 file(s) re-encrypted" in second.splitlines()[-1]
    for output in (first, second):
        for secret in [*PERSONAL, decided.reference]:
            assert secret not in output
