"""Key rotation: re-encrypt every encrypted column and every encrypted file with the newest key."""

from collections.abc import Iterator

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from portal.crypto import keyring
from portal.crypto.fields import EncryptedField
from portal.crypto.locations import EncryptedLocation, encrypted_storage
from portal.crypto.storage import Reencrypted


def encrypted_fields() -> Iterator[tuple[type[models.Model], EncryptedField]]:
    """Every encrypted field of every installed model."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedField):
                yield model, field


def encrypted_fields_reencrypt(*, batch_size: int = 500) -> dict[str, Reencrypted]:
    """Re-encrypt values written with an older key; returns what was found per field
    (``app_label.Model.field``), never a value.

    Each batch runs in its own transaction with the rows locked (``select_for_update``), so a value
    written by the application meanwhile is never overwritten with a stale one. The raw tokens are read
    and written through a plain text cast, bypassing the field's own encryption.
    """
    found: dict[str, Reencrypted] = {}
    for model, field in encrypted_fields():
        result = found[f"{model._meta.label}.{field.name}"] = Reencrypted()
        last_pk = None
        while True:
            with transaction.atomic():
                rows = model._default_manager.select_for_update().order_by("pk")
                if last_pk is not None:
                    rows = rows.filter(pk__gt=last_pk)
                batch = list(
                    rows.annotate(_token=Cast(field.attname, models.TextField()))
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list("pk", "_token")[:batch_size]
                )
                for pk, token in batch:
                    if keyring.is_current(token):
                        result.current += 1
                        continue
                    try:
                        fresh = models.Value(keyring.rotate(token), output_field=models.TextField())
                    except keyring.DecryptionError:
                        result.unreadable += 1
                        continue
                    model._default_manager.filter(pk=pk).update(**{field.attname: fresh})
                    result.reencrypted += 1
            if len(batch) < batch_size:
                break
            last_pk = batch[-1][0]
    return found


def encrypted_files_reencrypt() -> dict[str, Reencrypted]:
    """Re-encrypt the files of every :class:`EncryptedLocation`; returns what was found per location."""
    return {location.value: encrypted_storage(location).reencrypt() for location in EncryptedLocation}
