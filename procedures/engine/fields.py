"""Field types every procedure uses, with the forgiving input and clear errors of GOV.UK patterns."""

import datetime
import warnings
from typing import Any

import filetype
from django import forms
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.choices import CallableChoiceIterator
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from stdnum import bic, iban

from portal.core.collation import collation_key
from portal.documents.filenames import EXTENSIONS
from procedures.engine.text import TextField

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# The coordination area: EU-27, Iceland, Liechtenstein, Norway and Switzerland (ISO 3166 codes).
COORDINATION_AREA_CODES = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE", "IT",
    "LV", "LI", "LT", "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "CH",
)  # fmt: skip


def coordination_area() -> tuple[str, ...]:
    """The coordination area plus what the deployment adds (the UK for some cases: COORDINATION_EXTRA)."""
    return COORDINATION_AREA_CODES + tuple(getattr(settings, "COORDINATION_EXTRA_COUNTRIES", ()))


# Sorted, translated country choices, built once per language (and per coordination area and
# django-countries settings, which tests may change): naming and sorting ~250 countries is the costliest
# part of a page otherwise, and every validation of a stored step would repeat it.
_CHOICES: dict[tuple[Any, ...], list[tuple[str, str]]] = {}
_CODES: dict[tuple[Any, ...], frozenset[str]] = {}


@receiver(setting_changed)
def _choices_forget(**_kwargs: Any) -> None:
    _CHOICES.clear()
    _CODES.clear()


def _key(anywhere: bool) -> tuple[Any, ...]:
    return (anywhere, get_language(), () if anywhere else coordination_area())


def _choices(anywhere: bool) -> list[tuple[str, str]]:
    key = _key(anywhere)
    choices = _CHOICES.get(key)
    if choices is None:
        if anywhere:
            names = [(code, str(name)) for code, name in countries]
        else:
            names = [(code, str(countries.name(code))) for code in key[2]]
        # In the language's alphabetical order (Čekija after Bulgarija in Lithuanian, not after Vokietija).
        names.sort(key=lambda choice: collation_key(choice[1], key[1]))
        choices = _CHOICES[key] = [("", str(_("Select a country"))), *names]
    return list(choices)  # a copy: nobody can change what the next request gets


def country_choices() -> list[tuple[str, str]]:
    """Countries of the coordination area, named (django-countries, EU style guide names) and sorted in
    the current language."""
    return _choices(anywhere=False)


def all_country_choices() -> list[tuple[str, str]]:
    """Every country (nationality, place of birth), named and sorted in the current language."""
    return _choices(anywhere=True)


def _country_codes(anywhere: bool) -> frozenset[str]:
    key = _key(anywhere)
    codes = _CODES.get(key)
    if codes is None:
        codes = _CODES[key] = frozenset(code for code, _name in _choices(anywhere))
    return codes


class CountryField(forms.ChoiceField):
    """A country from the coordination area, or from every country with ``anywhere=True`` (nationality,
    place of birth); names in the current language."""

    def __init__(self, *, anywhere: bool = False, **kwargs: Any) -> None:
        super().__init__(choices=all_country_choices if anywhere else country_choices, **kwargs)
        self.anywhere = anywhere

    def valid_value(self, value: Any) -> bool:
        """As ChoiceField's, without walking the ~250 choices one by one."""
        return str(value) in _country_codes(self.anywhere)


def country_name(code: str) -> str:
    return str(countries.name(code)) or code


@deconstructible
class YesNoField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=YES_NO, **kwargs)


DOCUMENT_TYPES = EXTENSIONS  # what people may upload: PDF, JPG and PNG


class DocumentField(forms.FileField):
    """A PDF, JPG or PNG up to UPLOAD_MAX_BYTES. The type is read from the file's content (filetype),
    never trusted from its name or the browser; images larger than UPLOAD_MAX_IMAGE_PIXELS, or that do
    not open, are refused. Files are kept in private storage and never served as they are."""

    default_error_messages = {
        "type": _("The file must be a PDF, JPG or PNG"),
        "size": _("The file must be smaller than %(megabytes)s MB"),
        "pixels": _(
            "The image is too large: it can have at most %(megapixels)s million pixels. "
            "Save it at a smaller size, or as a PDF."
        ),
        "damaged": _("The file cannot be opened. Save it again as a PDF, JPG or PNG and choose it again."),
        "required": _("Choose a file"),
        "empty": _("The file is empty"),
    }

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if not upload:
            return upload
        limit = settings.UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                self.error_messages["size"], code="size", params={"megabytes": limit // (1024 * 1024)}
            )
        upload.seek(0)
        kind = filetype.guess(upload.read(262))
        upload.seek(0)
        if kind is None or kind.mime not in DOCUMENT_TYPES:
            raise forms.ValidationError(self.error_messages["type"], code="type")
        if kind.mime.startswith("image/"):
            self._check_image(upload)
        upload.sniffed_content_type = kind.mime
        return upload

    def _check_image(self, upload: Any) -> None:
        """Refuse decompression bombs before anyone opens the image: the size is read from the header,
        and the file is checked whole without decoding its pixels."""
        from PIL import Image  # only uploads need Pillow

        limit = settings.UPLOAD_MAX_IMAGE_PIXELS
        too_large = forms.ValidationError(
            self.error_messages["pixels"], code="pixels", params={"megapixels": max(limit // 1_000_000, 1)}
        )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(upload) as image:
                    width, height = image.size
                    if width * height > limit:
                        raise too_large
                    image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise too_large from error
        except (OSError, SyntaxError, ValueError) as error:  # Pillow's ways of saying "damaged"
            raise forms.ValidationError(self.error_messages["damaged"], code="damaged") from error
        finally:
            upload.seek(0)


class AddressWidget(forms.MultiWidget):
    """The GOV.UK address pattern: separate labelled boxes, nothing guessed from a single text area."""

    template_name = "engine/widgets/address.html"
    labels = (
        _("Street, house and flat number"),
        _("Address line 2 (optional)"),
        _("Town or city"),
        _("Postcode"),
        _("Country"),
    )

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = [
            forms.TextInput(attrs={"class": "govuk-input", "autocomplete": "address-line1"}),
            forms.TextInput(attrs={"class": "govuk-input", "autocomplete": "address-line2"}),
            forms.TextInput(
                attrs={"class": "govuk-input govuk-!-width-two-thirds", "autocomplete": "address-level2"}
            ),
            forms.TextInput(
                attrs={"class": "govuk-input govuk-input--width-10", "autocomplete": "postal-code"}
            ),
            forms.Select(
                attrs={"class": "govuk-select", "autocomplete": "country"},
                # Named in the language of each request, as a ChoiceField does with a callable.
                choices=CallableChoiceIterator(country_choices),
            ),
        ]
        super().__init__(widgets, attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        return context

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dict):
            return [value.get(part, "") for part in AddressField.PARTS]
        return [None] * len(AddressField.PARTS)


class AddressField(forms.MultiValueField):
    """An address as its parts (``line_1``, ``line_2``, ``town``, ``postcode``, ``country``)."""

    PARTS = ("line_1", "line_2", "town", "postcode", "country")
    widget = AddressWidget

    def __init__(self, **kwargs: Any) -> None:
        street, _line_2, town, postcode, _country = AddressWidget.labels
        fields = (
            TextField(
                max_length=200,
                subject=street,
                error_messages={"incomplete": _("Enter the street and house number")},
            ),
            TextField(max_length=200, required=False, subject=_("Address line 2")),
            TextField(
                max_length=100, subject=town, error_messages={"incomplete": _("Enter the town or city")}
            ),
            TextField(max_length=20, required=False, subject=postcode),
            forms.ChoiceField(
                choices=country_choices, error_messages={"incomplete": _("Select the country")}
            ),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dict[str, str] | None:
        if not data_list or not any(data_list):
            return None
        parts = zip(self.PARTS, data_list, strict=True)
        address = {part: " ".join(str(value or "").split()) for part, value in parts}
        address["postcode"] = address["postcode"].upper()
        if address["country"] == "LT" and address["postcode"]:
            digits = address["postcode"].removeprefix("LT").strip(" -")
            if not (digits.isdigit() and len(digits) == 5):
                raise forms.ValidationError(_("Enter a Lithuanian postcode: 5 digits, like LT-01100"))
            address["postcode"] = f"LT-{digits}"
        return address

    @staticmethod
    def display(value: dict[str, str]) -> str:
        parts = [value.get("line_1"), value.get("line_2"), value.get("postcode"), value.get("town")]
        return ", ".join([part for part in parts if part] + [country_name(value.get("country", ""))])


class IbanField(TextField):
    """An IBAN, checked for its country's length and its check digits (python-stdnum); spaces, hyphens
    and lower case are forgiven and the compact form is stored."""

    default_error_messages = {
        "invalid": _("Enter a real IBAN, as on your bank statement, like LT12 1000 0111 0100 1000"),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        if not cleaned:
            return ""
        compact = iban.compact(cleaned)
        if not iban.is_valid(compact):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return str(compact)

    @staticmethod
    def display(value: str) -> str:
        return str(iban.format(value)) if value else ""


class BicField(TextField):
    """A BIC (SWIFT code) of 8 or 11 characters (python-stdnum); the compact form is stored."""

    default_error_messages = {"invalid": _("Enter a real BIC (SWIFT code): 8 or 11 letters and digits")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        if not cleaned:
            return ""
        compact = bic.compact(cleaned)
        if not bic.is_valid(compact):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return str(compact)


def overlapping_periods(periods: list[dict[str, Any]], *, key: str = "country") -> list[tuple[int, int]]:
    """Pairs of item numbers (from 1) whose ``start``-``end`` periods overlap within the same ``key``.
    An open end (None) lasts for ever."""
    found = []
    for first in range(len(periods)):
        for second in range(first + 1, len(periods)):
            one, other = periods[first], periods[second]
            if one.get(key) != other.get(key) or not one.get("start") or not other.get("start"):
                continue
            one_end, other_end = one.get("end") or datetime.date.max, other.get("end") or datetime.date.max
            if one["start"] <= other_end and other["start"] <= one_end:
                found.append((first + 1, second + 1))
    return found


class PercentField(forms.IntegerField):
    """A whole percentage from 0 to 100; "40 %" is read as 40."""

    default_error_messages = {"invalid": _("Enter a percentage from 0 to 100, like 40")}

    def __init__(self, **kwargs: Any) -> None:
        message = _("Enter a percentage from 0 to 100, like 40")
        kwargs["error_messages"] = {
            "invalid": message,
            "min_value": message,
            "max_value": message,
            **kwargs.get("error_messages", {}),
        }
        super().__init__(min_value=0, max_value=100, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "class": "govuk-input--width-3"})

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.replace("%", "").strip()
        return super().to_python(value)

    @staticmethod
    def display(value: int) -> str:
        """A percentage as the language writes it: "40%" in English, "40 %" in Lithuanian."""
        return str(format_lazy(_("{percent}%"), percent=value))
