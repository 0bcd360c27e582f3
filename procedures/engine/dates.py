"""Dates as GOV.UK asks for them: three boxes in the reader's order, forgiving input, errors that name
the question and the part that is wrong, and periods whose end is not before their start."""

import calendar
import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input), so nobody has to guess a date format. Only the
    boxes that are wrong are marked (``error_parts``, set by the field when it cleans). The boxes keep
    their names (``_0`` day, ``_1`` month, ``_2`` year) but are shown in the order of the page's language
    (``date_part_order``)."""

    template_name = "engine/widgets/date.html"
    PART_CLASSES = ("govuk-input--width-2", "govuk-input--width-2", "govuk-input--width-4")
    error_parts: tuple[int, ...] = ()

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = [
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": f"govuk-input govuk-date-input__input {css}"}
            )
            for css in self.PART_CLASSES
        ]
        super().__init__(widgets, attrs)
        self.error_parts = ()

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        for number, (subwidget, label) in enumerate(zip(subwidgets, DATE_PART_LABELS, strict=True)):
            subwidget["label"] = label
            if number in self.error_parts:
                subwidget["attrs"]["class"] += " govuk-input--error"
        context["widget"]["subwidgets"] = [subwidgets[number] for number in date_part_order()]
        return context

    @staticmethod
    def shown_order() -> tuple[int, ...]:
        """The boxes in the order they are shown (an error links to the first wrong one shown)."""
        return date_part_order()

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


DAY, MONTH, YEAR = 0, 1, 2
ALL_PARTS = (DAY, MONTH, YEAR)
DATE_PART_LABELS = (_("Day"), _("Month"), _("Year"))
# Lithuanian writes dates year first (LST ISO 8601: 2027-03-15), so its boxes read Metai, Mėnuo, Diena.
_YEAR_FIRST_LANGUAGES = frozenset({"lt"})


def date_part_order() -> tuple[int, ...]:
    """The date boxes in the order of the page's language: year first in Lithuanian, else day first."""
    if (get_language() or "")[:2] in _YEAR_FIRST_LANGUAGES:
        return (YEAR, MONTH, DAY)
    return (DAY, MONTH, YEAR)


def date_example(day: datetime.date) -> str:
    """A date as it is typed into the boxes, in their order ("15 3 2027"; "2027 3 15" in Lithuanian)."""
    parts = (day.day, day.month, day.year)
    return " ".join(str(parts[number]) for number in date_part_order())


# GOV.UK date input: "[The question] must include a [missing part]", "... must be a real date".
_MISSING_PARTS_MESSAGES = {
    (DAY,): _("{subject} must include a day"),
    (MONTH,): _("{subject} must include a month"),
    (YEAR,): _("{subject} must include a year"),
    (DAY, MONTH): _("{subject} must include a day and month"),
    (DAY, YEAR): _("{subject} must include a day and year"),
    (MONTH, YEAR): _("{subject} must include a month and year"),
}


class DateField(forms.MultiValueField):
    """A date in three boxes. ``subject`` names the question in its errors ("The date the work abroad
    starts must include a month"), and only the wrong boxes are marked. ``example`` gives the date of the
    hint from today's date ("For example, 1 3 2027", in the boxes' order), so the hint never goes stale."""

    widget = DateInputWidget
    default_error_messages = {"required": _("Enter a date")}

    def __init__(
        self,
        *,
        subject: Any,
        example: Callable[[datetime.date], datetime.date] | None = None,
        **kwargs: Any,
    ) -> None:
        self.subject = subject
        if example is not None:
            shown = lazy(lambda: date_example(example(timezone.localdate())), str)()
            kwargs.setdefault("help_text", format_lazy(_("For example, {date}"), date=shown))
        fields = tuple(forms.CharField(required=False) for _part in ALL_PARTS)
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _error(self, message: Any, code: str, parts: tuple[int, ...]) -> forms.ValidationError:
        self.widget.error_parts = parts
        return forms.ValidationError(format_lazy(message, subject=self.subject), code=code)

    def clean(self, value: Any) -> datetime.date | None:
        self.widget.error_parts = ()
        try:
            return super().clean(value)
        except forms.ValidationError:
            self.widget.error_parts = self.widget.error_parts or ALL_PARTS
            raise

    def compress(self, data_list: list[str]) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        parts = [str(part or "").strip() for part in data_list]
        missing = tuple(number for number, part in enumerate(parts) if not part)
        if missing:
            raise self._error(_MISSING_PARTS_MESSAGES[missing], "incomplete", missing)
        wrong = tuple(number for number, part in enumerate(parts) if not (part.isdigit() and len(part) <= 4))
        if wrong:
            raise self._error(_("{subject} must be a real date"), "invalid", wrong)
        day, month, year = (int(part) for part in parts)
        if len(parts[YEAR]) != 4 or year < 1000:
            raise self._error(_("{subject} must include a year with 4 numbers, like 1990"), "year", (YEAR,))
        if not 1 <= month <= 12:
            raise self._error(_("{subject} must be a real date"), "invalid", (MONTH,))
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise self._error(_("{subject} must be a real date"), "invalid", (DAY,))
        return datetime.date(year, month, day)


class PeriodInOrderMixin:
    """For forms with a period (``start`` and ``end`` dates): the end may not come before the start."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}  # type: ignore[misc]
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.fields["end"].widget.error_parts = ALL_PARTS  # type: ignore[attr-defined]
            self.add_error("end", _("The end date must be the same as or after the start date"))  # type: ignore[attr-defined]
        return cleaned


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the last day of the month when that day does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
