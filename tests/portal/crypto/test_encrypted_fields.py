import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from portal.accounts.models import CitizenIdentity
from portal.crypto.keyring import DecryptionError
from portal.pages.models import Feedback


def raw_column(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 - test-only names
        return cursor.fetchone()[0]


@pytest.fixture
def old_key(settings):
    return settings.FIELD_ENCRYPTION_KEYS[0]


@pytest.fixture
def new_key():
    return Fernet.generate_key().decode()


@pytest.fixture
def media_root(settings):
    """MEDIA_ROOT exists, as where the portal runs: key rotation refuses to run without it."""
    settings.MEDIA_ROOT.mkdir(parents=True)
    return settings.MEDIA_ROOT


def test_personal_data_is_unreadable_in_the_database(citizen):
    identity = citizen.citizen_identity
    for column, plain in [
        ("family_name", "Petraitienė"),
        ("person_identifier", "LT/LT/38703181745"),
        ("date_of_birth", "1956-03-12"),
    ]:
        stored = raw_column("accounts_citizenidentity", column, identity.pk)
        assert plain not in stored
        assert stored.startswith("gAAAAA")  # a Fernet token


def test_personal_data_reads_back_as_entered(citizen):
    identity = CitizenIdentity.objects.get(user=citizen)
    assert identity.family_name == "Petraitienė"
    assert identity.date_of_birth == datetime.date(1956, 3, 12)


def test_the_same_value_encrypts_differently_every_time(db):
    first = Feedback.objects.create(rating="satisfied", message="same words")
    second = Feedback.objects.create(rating="satisfied", message="same words")
    assert raw_column("pages_feedback", "message", first.pk) != raw_column(
        "pages_feedback", "message", second.pk
    )


def test_encrypted_columns_cannot_be_searched_in_sql(db):
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError):
        list(Feedback.objects.filter(message="anything"))


def test_values_stay_readable_after_a_new_key_is_added(db, settings, old_key, new_key):
    feedback = Feedback.objects.create(rating="satisfied", message="written with the old key")
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    assert Feedback.objects.get(pk=feedback.pk).message == "written with the old key"
    fresh = Feedback.objects.create(rating="satisfied", message="written with the new key")
    token = raw_column("pages_feedback", "message", fresh.pk)
    assert Fernet(new_key.encode()).decrypt(token.encode()) == b"written with the new key"


def test_reencrypt_command_moves_every_value_to_the_newest_key(
    citizen, settings, old_key, new_key, media_root, capsys
):
    feedback = Feedback.objects.create(rating="neither", message="rotate me")
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]

    call_command("reencrypt_fields")

    assert "pages.Feedback.message: 1 value(s) re-encrypted" in capsys.readouterr().out
    # The old key can now be retired: everything still reads with the new key alone.
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert Feedback.objects.get(pk=feedback.pk).message == "rotate me"
    identity = CitizenIdentity.objects.get(user=citizen)
    assert identity.given_name == "Ona"
    assert identity.person_identifier == "LT/LT/38703181745"


def test_reencrypt_command_leaves_current_values_alone(db, settings, media_root, capsys):
    feedback = Feedback.objects.create(rating="neither", message="already current")
    before = raw_column("pages_feedback", "message", feedback.pk)
    call_command("reencrypt_fields")
    assert raw_column("pages_feedback", "message", feedback.pk) == before
    out = capsys.readouterr().out
    assert "pages.Feedback.message: 0 value(s) re-encrypted, 1 current already" in out
    assert "Done: 0 value(s) and 0 file(s) re-encrypted" in out


def test_reencrypt_command_refuses_to_run_where_the_files_are_not(db, settings, old_key, new_key):
    # A one-off job without the media volume (such as the migration job) would rotate the database only;
    # removing the old key afterwards would lose every document.
    feedback = Feedback.objects.create(rating="neither", message="not yet")
    before = raw_column("pages_feedback", "message", feedback.pk)
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    with pytest.raises(CommandError, match=r"MEDIA_ROOT .* does not exist here or cannot be written"):
        call_command("reencrypt_fields")
    assert raw_column("pages_feedback", "message", feedback.pk) == before


def test_reencrypt_command_reports_values_no_key_can_read_and_goes_on(
    db, settings, old_key, new_key, media_root, capsys
):
    orphaned = Feedback.objects.create(rating="neither", message="key long gone")
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    readable = Feedback.objects.create(rating="neither", message="written with the new key")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), new_key]

    call_command("reencrypt_fields")

    captured = capsys.readouterr()
    assert "pages.Feedback.message: 1 value(s) cannot be decrypted with any configured key" in captured.err
    assert "pages.Feedback.message: 1 value(s) re-encrypted, 0 current already" in captured.out
    assert "1 could not be decrypted" in captured.out.splitlines()[-1]
    assert Feedback.objects.get(pk=readable.pk).message == "written with the new key"
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    assert Feedback.objects.get(pk=orphaned.pk).message == "key long gone"  # left as it was


def test_a_value_whose_key_was_removed_is_reported_not_returned_garbled(db, settings, new_key):
    feedback = Feedback.objects.create(rating="neither", message="orphaned")
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    with pytest.raises(DecryptionError):
        Feedback.objects.get(pk=feedback.pk)
