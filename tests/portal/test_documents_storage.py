"""Documents sent with an application: encrypted on disk, downloadable by their owner only."""

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.management import call_command

from portal.accounts.services import citizen_identity_upsert
from portal.applications.services import (
    Submission,
    document_storage,
    document_store,
    draft_start,
)
from portal.audit.models import AuditEvent
from portal.crypto.keyring import DecryptionError
from portal.crypto.storage import EncryptedFileSystemStorage
from portal.eidas import constants as c
from portal.pipeline.services import application_submit
from tests.factories import citizen_identity_kwargs

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4\nPersonal code 39006210214, Jonas Kazlauskas\n%%EOF\n"


def upload(content: bytes = SECRET, name: str = "passport scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def sign_in(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    session = client.session
    session["eidas_loa"] = c.LOA_SUBSTANTIAL
    session.save()
    return client


def files_under(root) -> list:  # type: ignore[no-untyped-def]
    return sorted(path for path in root.rglob("*") if path.is_file())


@pytest.fixture
def sent(citizen):
    """An application sent by ``citizen`` with one PDF; returns (application, envelope entry)."""
    draft = draft_start(owner=citizen, procedure="applicable-legislation")
    entry = document_store(draft_id=draft.pk, upload=upload(), content_type="application/pdf")
    submission = Submission(
        reference_prefix="A1",
        beneficiary={"family_name": "Kazlauskas", "given_name": "Jonas", "date_of_birth": "1990-06-21"},
        answers={"request_type": "posted_employee"},
        institution={"country": "LT", "id": "sodra", "name": "Sodra"},
        attachments=[entry],
    )
    application = application_submit(draft_id=draft.pk, owner=citizen, submission=submission, language="en")
    return application, entry


def url(application, sha256: str) -> str:  # type: ignore[no-untyped-def]
    return f"/applications/{application.pk}/documents/{sha256}/"


# --- Storage -------------------------------------------------------------------------------------------


def test_the_file_on_disk_holds_a_token_not_the_plaintext(tmp_path):
    storage = EncryptedFileSystemStorage(location=tmp_path)
    name = storage.save("a/document.pdf", upload())
    raw = (tmp_path / name).read_bytes()
    assert b"Kazlauskas" not in raw and b"%PDF" not in raw
    assert raw.startswith(b"gAAAAA")  # a Fernet token
    opened = storage.open(name)
    assert opened.read() == SECRET
    assert opened.name == name
    assert storage.size(name) == len(SECRET)


def test_formtools_can_keep_uploads_in_progress_there(tmp_path):
    # What formtools' wizard storage does: save the upload, open it on a later step, delete it when done.
    storage = EncryptedFileSystemStorage(location=tmp_path)
    tmp_name = storage.save("passport scan.pdf", upload())
    again = UploadedFile(
        file=storage.open(tmp_name), name="passport scan.pdf", content_type="application/pdf", size=1
    )
    assert b"".join(again.chunks()) == SECRET
    storage.delete(tmp_name)
    assert files_under(tmp_path) == []


def test_encrypted_files_cannot_be_opened_for_writing(tmp_path):
    storage = EncryptedFileSystemStorage(location=tmp_path)
    name = storage.save("document.pdf", upload())
    with pytest.raises(ValueError):
        storage.open(name, "wb")


def test_a_file_whose_key_was_removed_is_reported_not_returned_garbled(tmp_path, settings):
    storage = EncryptedFileSystemStorage(location=tmp_path)
    name = storage.save("document.pdf", upload())
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(DecryptionError):
        storage.open(name)


def test_a_document_is_stored_encrypted_under_its_draft_and_checksum_once(citizen, settings):
    draft = draft_start(owner=citizen, procedure="applicable-legislation")
    entry = document_store(draft_id=draft.pk, upload=upload(), content_type="application/pdf")
    root = settings.MEDIA_ROOT / "documents"
    stored = root / str(draft.pk) / entry["sha256"]
    assert files_under(root) == [stored]
    first = stored.read_bytes()
    assert b"Kazlauskas" not in first
    assert document_storage().open(f"{draft.pk}/{entry['sha256']}").read() == SECRET

    again = document_store(draft_id=draft.pk, upload=upload(), content_type="application/pdf")
    assert (
        again
        == entry
        == {
            "name": "passport scan.pdf",
            "sha256": entry["sha256"],
            "content_type": "application/pdf",
        }
    )
    assert files_under(root) == [stored]
    assert stored.read_bytes() == first  # not written again


def test_key_rotation_re_encrypts_stored_documents(sent, settings, capsys):
    application, entry = sent
    stored = settings.MEDIA_ROOT / "documents" / str(application.source_draft) / entry["sha256"]
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("reencrypt_fields")

    assert "MEDIA_ROOT/documents: 1 file(s) re-encrypted, 0 current already" in capsys.readouterr().out
    assert Fernet(new_key.encode()).decrypt(stored.read_bytes()) == SECRET
    assert stored.stat().st_mode & 0o777 == 0o600
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    call_command("reencrypt_fields")
    assert "MEDIA_ROOT/documents: 0 file(s) re-encrypted, 1 current already" in capsys.readouterr().out


def test_key_rotation_leaves_files_it_cannot_decrypt_and_says_so(db, settings, capsys):
    legacy = settings.MEDIA_ROOT / "uploads-in-progress" / "written-before-encryption.pdf"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(SECRET)

    call_command("reencrypt_fields")

    assert "MEDIA_ROOT/uploads-in-progress: 1 file(s) cannot be decrypted" in capsys.readouterr().err
    assert legacy.read_bytes() == SECRET


# --- Download ------------------------------------------------------------------------------------------


def test_the_owner_downloads_the_exact_bytes(client, citizen, sent):
    application, entry = sent
    response = sign_in(client, citizen).get(url(application, entry["sha256"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="passport scan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.get(action="applications.document_downloaded")
    assert event.object_id == str(application.pk) and event.details == {}


def test_the_confirmation_lists_the_documents_sent(client, citizen, sent):
    application, entry = sent
    sign_in(client, citizen)
    html = client.get(f"/applications/{application.pk}/", headers={"Accept-Language": "en"}).content.decode()
    assert "Documents you sent" in html
    assert f'href="{url(application, entry["sha256"])}"' in html
    assert "passport scan.pdf" in html


def test_another_citizen_gets_not_found(client, sent):
    application, entry = sent
    other = citizen_identity_upsert(
        **citizen_identity_kwargs(person_identifier="PL/LT/85062312345", given_name="Anna")
    )
    assert sign_in(client, other).get(url(application, entry["sha256"])).status_code == 404
    assert not AuditEvent.objects.filter(action="applications.document_downloaded").exists()


def test_anonymous_visitors_are_sent_to_the_login(client, sent):
    application, entry = sent
    response = client.get(url(application, entry["sha256"]))
    assert response.status_code == 302
    assert response["Location"] == f"/eidas/login/?next={url(application, entry['sha256'])}"


@pytest.mark.parametrize("sha256", ["0" * 64, "..", "not-a-checksum"])
def test_an_unknown_document_is_not_found(client, citizen, sent, sha256):
    application, _entry = sent
    assert sign_in(client, citizen).get(url(application, sha256)).status_code == 404


def test_a_document_missing_from_storage_is_not_found(client, citizen, sent, settings):
    application, entry = sent
    (settings.MEDIA_ROOT / "documents" / str(application.source_draft) / entry["sha256"]).unlink()
    assert sign_in(client, citizen).get(url(application, entry["sha256"])).status_code == 404
