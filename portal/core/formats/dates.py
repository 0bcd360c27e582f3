"""Dates and date-times as people read them: one function for pages, e-mails, letters and PDFs."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format


def human_date(value: Any, *, with_time: bool = True) -> str:
    """``value`` in the current language's format, in the portal's time zone (``TIME_ZONE``, Vilnius)
    whatever time zone is active: "30 November 2026 at 12:36" / "2026 m. lapkričio 30 d. 12:36".

    A date-time shows its time unless ``with_time`` is false; a date never has one. ISO 8601 text (as in
    the application's JSON) is read too; ``None`` and "" give "".
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = _parsed(value)
        if value is None:
            return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, timezone.get_default_timezone())
        if with_time:
            return date_format(value, "DATETIME_FORMAT")
        value = value.date()
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return ""


def _parsed(text: str) -> datetime.date | None:
    try:
        if len(text) == len("2026-11-30"):
            return datetime.date.fromisoformat(text)
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
