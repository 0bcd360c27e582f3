"""The date input: its boxes in the order of the page's language (year first in Lithuanian), a hint with
an example date relative to today in that order, red borders on the boxes in error, and error summary
links to the first wrong box shown."""

import datetime
import re

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import translation

from portal.core.templatetags.govuk import error_target
from procedures.applicable_legislation.work_forms import PostingForm
from procedures.engine.dates import add_months

START, END = "posting-start", "posting-end"


def posted(
    start: tuple[str, str, str] = ("", "", ""), end: tuple[str, str, str] = ("", "", "")
) -> PostingForm:
    """The posting page as sent, with the day, month and year boxes of both dates."""
    data = {f"{START}_{number}": value for number, value in enumerate(start)}
    data.update({f"{END}_{number}": value for number, value in enumerate(end)})
    form = PostingForm(data=data, prefix="posting")
    form.is_valid()
    return form


def boxes(html: str) -> list[tuple[str, str, bool]]:
    """The boxes of a rendered date question in page order: (label, name, marked as in error)."""
    labels = re.findall(
        r'<label class="govuk-label govuk-date-input__label" for="[^"]+">([^<]+)</label>', html
    )
    inputs = re.findall(r'<input type="text" name="([^"]+)"[^>]*class="([^"]+)"', html)
    return [
        (label, name, "govuk-input--error" in css) for label, (name, css) in zip(labels, inputs, strict=True)
    ]


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("lt", [("Metai", "_2"), ("Mėnuo", "_1"), ("Diena", "_0")]),
        ("en", [("Day", "_0"), ("Month", "_1"), ("Year", "_2")]),
    ],
)
def test_the_boxes_follow_the_order_of_the_language_and_keep_their_names(language, shown):
    with translation.override(language):
        html = render_to_string("includes/field.html", {"field": PostingForm(prefix="posting")["start"]})
    assert [(label, name) for label, name, _error in boxes(html)] == [
        (label, f"{START}{suffix}") for label, suffix in shown
    ]


@pytest.mark.parametrize("language", ["lt", "en"])
def test_the_hint_gives_an_example_relative_to_today_in_the_order_of_the_boxes(language):
    for today in (datetime.date.today(), add_months(datetime.date.today(), 17)):
        noon = datetime.datetime.combine(today, datetime.time(12))
        with time_machine.travel(noon, tick=False), translation.override(language):
            hint = str(PostingForm(prefix="posting")["start"].help_text)
        example = add_months(today.replace(day=1), 3)
        parts = (example.day, example.month, example.year)
        expected = " ".join(str(part) for part in (reversed(parts) if language == "lt" else parts))
        assert hint.endswith(expected)
    if language == "en":
        assert hint == f"For example, {expected}"


@pytest.mark.parametrize(
    ("start", "end", "start_target", "end_target"),
    [
        # Nothing typed: every box is marked; the link goes to the first box shown.
        (("", "", ""), ("", "", ""), {"lt": "_2", "en": "_0"}, {"lt": "_2", "en": "_0"}),
        # A month that does not exist: only the month; the end date lacks the day and the year.
        (("1", "14", "2031"), ("", "3", ""), {"lt": "_1", "en": "_1"}, {"lt": "_2", "en": "_0"}),
    ],
)
def test_errors_mark_the_wrong_boxes_and_link_to_the_first_one_shown(start, end, start_target, end_target):
    for language in ("lt", "en"):
        with translation.override(language):
            form = posted(start, end)
            assert error_target(form["start"]) == f"id_{START}{start_target[language]}"
            assert error_target(form["end"]) == f"id_{END}{end_target[language]}"
            html = render_to_string("includes/field.html", {"field": form["start"]})
            marked = {name for _label, name, error in boxes(html) if error}
    wrong_parts = {number for number, value in enumerate(start) if not value or value == "14"}
    assert marked == {f"{START}_{number}" for number in wrong_parts}
