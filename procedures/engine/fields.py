"""Field types every procedure uses, with the forgiving input and clear errors of GOV.UK patterns."""

import datetime
from typing import Any

import filetype
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class YesNoField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=YES_NO, **kwargs)


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input), so nobody has to guess a date format."""

    template_name = "engine/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = [
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            try:
                parsed = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
            return [parsed.day, parsed.month, parsed.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    widget = DateInputWidget
    default_error_messages = {
        "invalid": _("Enter a real date"),
        "incomplete": _("Enter a day, month and year"),
    }

    def __init__(self, **kwargs: Any) -> None:
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        if not all(data_list):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(str(part).strip()) for part in data_list)
            return datetime.date(year, month, day)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class PeriodInOrderMixin:
    """For forms with a period (``start`` and ``end`` dates): the end may not come before the start."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}  # type: ignore[misc]
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must be the same as or after the start date"))  # type: ignore[attr-defined]
        return cleaned


DOCUMENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class DocumentField(forms.FileField):
    """A PDF, JPG or PNG up to UPLOAD_MAX_BYTES. The type is read from the file's content (filetype),
    never trusted from its name or the browser; files are kept in private storage, never served as is."""

    default_error_messages = {
        "type": _("The file must be a PDF, JPG or PNG"),
        "size": _("The file must be smaller than %(megabytes)s MB"),
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
        upload.sniffed_content_type = kind.mime
        return upload
