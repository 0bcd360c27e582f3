"""Model fields that keep personal data encrypted in the database.

The column holds a Fernet token (AES-128-CBC + HMAC-SHA256); Python code sees the plain value. Values
cannot be searched or sorted in SQL: look records up through a blind index
(:func:`portal.crypto.keyring.blind_index`) stored next to the encrypted column.
"""

import datetime
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Lookup

from portal.crypto import keyring


class EncryptedField(models.TextField):
    """Base class: subclasses turn their Python value into text and back."""

    description = "Encrypted value"
    # For django-stubs: the Python type of the value, not the text stored in the column.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return self.from_text(keyring.decrypt(value))

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return keyring.encrypt(self.to_text(value))

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        # Ciphertexts differ on every write, so only "is it empty?" can be asked in SQL.
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)

    def value_to_string(self, obj: models.Model) -> str:
        return self.to_text(self.value_from_object(obj))


class EncryptedTextField(EncryptedField):
    description = "Encrypted text"
    _pyi_private_set_type: str
    _pyi_private_get_type: str

    def to_python(self, value: Any) -> Any:
        return value if value is None else str(value)


class EncryptedDateField(EncryptedField):
    description = "Encrypted date"
    _pyi_private_set_type: datetime.date
    _pyi_private_get_type: datetime.date

    def to_text(self, value: Any) -> str:
        if isinstance(value, str):
            value = self.from_text(value)
        return value.isoformat()

    def from_text(self, text: str) -> datetime.date:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError as exc:
            raise ValidationError("Enter a real date.", code="invalid") from exc

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.from_text(value)
        return value

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return super().formfield(**{"form_class": forms.DateField, **kwargs})


class EncryptedJSONField(EncryptedField):
    description = "Encrypted JSON document"

    def to_text(self, value: Any) -> str:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)

    def from_text(self, text: str) -> Any:
        return json.loads(text)

    def to_python(self, value: Any) -> Any:
        return value
