"""Key rotation: re-encrypt every encrypted column with the newest key."""

from collections.abc import Iterator

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from portal.crypto import keyring
from portal.crypto.fields import EncryptedField


def encrypted_fields() -> Iterator[tuple[type[models.Model], EncryptedField]]:
    """Every encrypted field of every installed model."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedField):
                yield model, field


def encrypted_fields_reencrypt(*, batch_size: int = 500) -> dict[str, int]:
    """Re-encrypt values written with an older key; returns how many values changed per field.

    Each batch runs in its own transaction with the rows locked (``select_for_update``), so a value
    written by the application meanwhile is never overwritten with a stale one. The raw tokens are read
    and written through a plain text cast, bypassing the field's own encryption.
    """
    changed: dict[str, int] = {}
    for model, field in encrypted_fields():
        label = f"{model._meta.label}.{field.name}"
        changed[label] = 0
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
                    if not keyring.is_current(token):
                        fresh = models.Value(keyring.rotate(token), output_field=models.TextField())
                        model._default_manager.filter(pk=pk).update(**{field.attname: fresh})
                        changed[label] += 1
            if len(batch) < batch_size:
                break
            last_pk = batch[-1][0]
    return changed
