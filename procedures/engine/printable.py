"""Free text that the receipt and letters can print: Latin letters (Lithuanian and every other European
language), Greek and Cyrillic (an eID may give a Greek or Bulgarian name), digits, punctuation and
currency signs, which DejaVu Sans, the PDFs' font, covers (tests/procedures/test_printable.py checks
every accepted character against the font). Emoji and other symbols would print as empty boxes: they
are refused with a message that names the question, instead of being dropped silently."""

import unicodedata
from typing import Any

from django import forms
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

PRINTABLE_RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B (ą č ę ė į š ų ū ž…)
    (0x0300, 0x034F),  # combining accents (an ė typed as e + dot)
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x0525),  # Cyrillic and most of its supplement
    (0x1E00, 0x1EFB),  # Latin Extended Additional (Vietnamese, Welsh…)
    (0x1F00, 0x1FFF),  # Greek Extended (polytonic)
    (0x2010, 0x205E),  # dashes, quotation marks, bullets, ‰
    (0x20A0, 0x20B5),  # currency signs (€, ₴…)
)
PRINTABLE_EXTRA = frozenset("\t\n\r№™")
# Controls, invisible formatting, surrogates, private use, unassigned and line/paragraph separators.
_NEVER = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def is_printable(char: str) -> bool:
    if char in PRINTABLE_EXTRA:
        return True
    if unicodedata.category(char) in _NEVER:
        return False
    code = ord(char)
    return any(low <= code <= high for low, high in PRINTABLE_RANGES)


@deconstructible
class PrintableTextValidator:
    """Refuses text with a character the PDFs cannot print, naming the question (``subject``)."""

    code = "unprintable"

    def __init__(self, subject: Any) -> None:
        self.subject = subject

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and not all(map(is_printable, value)):
            message = format_lazy(_("Remove emoji and symbols from “{subject}”"), subject=self.subject)
            raise forms.ValidationError(message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrintableTextValidator) and other.subject == self.subject


class PrintableTextMixin:
    """For free-text fields: adds ``PrintableTextValidator`` for the field's ``subject`` (or label)."""

    validators: list[Any]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        subject = getattr(self, "subject", None) or kwargs.get("label") or _("This answer")
        self.validators.append(PrintableTextValidator(subject))
