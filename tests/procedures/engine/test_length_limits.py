"""Length limits of free-text answers: a translated message naming the question and the limit, never
Django's raw "Ensure this value has at most…", never text cut by the browser, and GOV.UK's character
count (which works without JavaScript) under long text boxes."""

import re

import pytest
from django import forms
from django.utils import translation

from procedures.applicable_legislation.definition import PROCEDURE
from procedures.applicable_legislation.forms import EmployerForm
from procedures.applicable_legislation.work_forms import ExceptionRequestForm
from procedures.engine.repeatable import item_form_class
from procedures.engine.text import LengthLimitValidator

EMPLOYER = {
    "employer-name": "UAB Statyba",
    "employer-country": "LT",
    "employer-registration_type": "company_code",
    "employer-registration_number": "123456789",
    "employer-address_0": "Konstitucijos pr. 7",
    "employer-address_2": "Vilnius",
    "employer-address_4": "LT",
}


def _errors(data: dict[str, str], language: str) -> dict[str, list[str]]:
    with translation.override(language):
        form = EmployerForm({**EMPLOYER, **data}, prefix="employer")
        form.is_valid()
        return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Name of your employer or business must be 200 characters or fewer"),
        ("lt", "Darbdavio arba verslo pavadinimas: įrašykite ne daugiau kaip 200 simbolių"),
    ],
)
def test_a_too_long_answer_is_refused_with_the_question_and_the_limit(language, message):
    assert _errors({"employer-name": "x" * 201}, language) == {"name": [message]}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Street, house and flat number must be 200 characters or fewer"),
        ("lt", "Gatvė, namo ir buto numeris: įrašykite ne daugiau kaip 200 simbolių"),
    ],
)
def test_a_too_long_address_line_gets_the_same_message_not_djangos_raw_one(language, message):
    errors = _errors({"employer-address_0": "Konstitucijos pr. " + "7" * 10000}, language)
    assert errors == {"address": [message]}


def test_an_answer_at_the_limit_is_kept_whole():
    with translation.override("en"):
        form = EmployerForm({**EMPLOYER, "employer-name": "y" * 200}, prefix="employer")
        assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "y" * 200


@pytest.mark.parametrize(
    ("limit", "english", "lithuanian"),
    [
        (1, "It must be 1 character or fewer", "It: įrašykite ne daugiau kaip 1 simbolį"),
        (21, "It must be 21 characters or fewer", "It: įrašykite ne daugiau kaip 21 simbolį"),
        (22, "It must be 22 characters or fewer", "It: įrašykite ne daugiau kaip 22 simbolius"),
        (20, "It must be 20 characters or fewer", "It: įrašykite ne daugiau kaip 20 simbolių"),
    ],
)
def test_the_limit_is_said_in_each_languages_plural_form(limit, english, lithuanian):
    validator = LengthLimitValidator(limit, "It")
    for language, expected in (("en", english), ("lt", lithuanian)):
        with translation.override(language), pytest.raises(forms.ValidationError) as refused:
            validator("z" * (limit + 1))
        assert refused.value.messages == [expected]


def _rendered_step_forms() -> list[str]:
    """Every question page of the A1 request as its boxes are rendered (no answers yet)."""
    pages = []
    for step in PROCEDURE.flow.all_steps:  # type: ignore[union-attr]
        form_class = item_form_class(step.form_class)
        kwargs = {}
        if getattr(form_class, "needs_warnings", False):
            kwargs["warnings"] = []
        form = form_class(prefix=step.name, **kwargs)
        pages.append("".join(str(form[name]) for name in form.fields))
    return pages


def test_no_text_box_cuts_long_text_silently():
    with translation.override("en"):
        pages = _rendered_step_forms()
    assert len(pages) > 10
    assert [page for page in pages if re.search(r"\smaxlength=", page)] == []


@pytest.mark.parametrize(
    ("language", "under_limit"),
    [
        ("en", "You can enter up to 2000 characters"),
        ("lt", "Galite įrašyti ne daugiau kaip 2000 simbolių"),
    ],
)
def test_a_long_text_box_shows_its_limit_without_javascript(language, under_limit):
    with translation.override(language):
        html = str(ExceptionRequestForm(prefix="exception_request")["reasons"])
    assert 'data-module="govuk-character-count"' in html and 'data-maxlength="2000"' in html
    info = re.search(r'<div id="(id_exception_request-reasons-info)"[^>]*>([^<]*)</div>', html)
    assert info and info.group(2).strip() == under_limit
    textarea = re.search(r"<textarea[^>]*>", html)
    assert textarea and "govuk-js-character-count" in textarea.group(0)
    assert 'aria-describedby="id_exception_request-reasons-info' in textarea.group(0)
    assert "maxlength" not in textarea.group(0)


def test_the_count_in_the_browser_speaks_lithuanian_in_every_plural_form():
    """The browser picks one, few, many or other (Intl.PluralRules for "lt"): each is in Lithuanian."""
    with translation.override("lt"):
        html = str(ExceptionRequestForm(prefix="exception_request")["reasons"])
    texts = dict(re.findall(r'data-i18n\.([a-z.-]+)="([^"]*)"', html))
    for form in ("one", "few", "many", "other"):
        assert texts[f"characters-under-limit.{form}"] == "Liko simbolių: %{count}"
        assert texts[f"characters-over-limit.{form}"] == "Per daug simbolių: %{count}"
    assert texts["characters-at-limit"] == "Liko simbolių: 0"
