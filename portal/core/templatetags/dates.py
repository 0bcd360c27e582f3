"""``{{ value|human_date }}``: every date and date-time on a page, in an e-mail, a letter or a PDF."""

from typing import Any

from django import template

from portal.core.formats.dates import human_date as _human_date

register = template.Library()


@register.filter
def human_date(value: Any, part: str = "") -> str:
    """The date and time in the reader's language and Vilnius time; ``human_date:"date"`` leaves out the
    time of a date-time ("30 November 2026")."""
    return _human_date(value, with_time=part != "date")
