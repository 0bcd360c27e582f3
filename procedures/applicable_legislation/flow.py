"""The A1 request as a wizard: its steps, the rules that stop it, and what it sends."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from portal.applications.services import Submission
from portal.institutions.selectors import institution_by_code
from procedures.applicable_legislation import forms
from procedures.applicable_legislation.payload import answers_payload, sed_hints
from procedures.applicable_legislation.rules import (
    MULTI_STATE_TYPES,
    POSTING_TYPES,
    SELF_EMPLOYED_TYPES,
    SPECIAL_TYPES,
    posting_exceeds_limit,
    self_employed_long_enough,
)
from procedures.engine.definition import Answers, Flow, Step, Stop
from procedures.engine.repeatable import repeatable


def _type(answers: Answers) -> str:
    return str(answers.get("situation", {}).get("request_type", ""))


def _date(answers: Answers, field: str) -> datetime.date | None:
    posting = answers.get("posting", {})
    try:
        return datetime.date(
            int(posting[f"{field}_2"]), int(posting[f"{field}_1"]), int(posting[f"{field}_0"])
        )
    except (KeyError, ValueError, TypeError):
        return None


def _posting_too_long(answers: Answers) -> bool:
    start, end = _date(answers, "start"), _date(answers, "end")
    return _type(answers) in POSTING_TYPES and bool(start and end) and posting_exceeds_limit(start, end)  # type: ignore[arg-type]


def _activity_start(answers: Answers) -> datetime.date | None:
    since = answers.get("self_employed", {})
    try:
        return datetime.date(int(since["since_2"]), int(since["since_1"]), int(since["since_0"]))
    except (KeyError, ValueError, TypeError):
        return None


def _warnings(answers: Answers) -> list[str]:
    found = []
    if answers.get("posting", {}).get("insured_before") == "no":
        found.append("insured_less_than_one_month_before_posting")
    activity_start, posting_start = _activity_start(answers), _date(answers, "start")
    if (
        _type(answers) == "posted_self_employed"
        and activity_start
        and posting_start
        and not self_employed_long_enough(activity_start, posting_start)
    ):
        found.append("self_employed_less_than_two_months_before_posting")
    return found


WARNING_TEXTS = {
    "insured_less_than_one_month_before_posting": _(
        "You were insured here for less than a month before the work abroad."
    ),
    "self_employed_less_than_two_months_before_posting": _(
        "You started working as self-employed less than two months before the work abroad."
    ),
}


def _submission(answers: dict[str, Any], person: dict[str, Any]) -> Submission:
    institution = institution_by_code(code="sodra")
    return Submission(
        reference_prefix="A1",
        beneficiary={
            "family_name": person["family_name"],
            "given_name": person["given_name"],
            "date_of_birth": person["date_of_birth"],
        },
        answers=answers_payload(answers),
        institution={
            "country": "LT",
            "id": institution.eessi_id or institution.code if institution else "sodra",
            "name": institution.name if institution else "Sodra",
        },
        filed_by_role=answers["situation"]["filing_for"],
        sed_hints=sed_hints(answers["situation"]["request_type"]),
        warnings=person["warnings"],
        level_of_assurance=person["loa"],
        person_identifier=person["person_identifier"],
    )


FLOW = Flow(
    reference_prefix="A1",
    steps=[
        Step("about_you", forms.AboutYouForm, _("About you")),
        Step(
            "other_numbers",
            repeatable(forms.OtherPersonalNumberForm, item_label=_("Personal number"), min_num=0, max_num=5),
            _("Your personal numbers in other countries, if you have any"),
        ),
        Step("situation", forms.SituationForm, _("Your situation")),
        Step("employer", forms.EmployerForm, _("Your employer or business")),
        Step(
            "self_employed",
            forms.SelfEmployedForm,
            _("Your work as a self-employed person"),
            condition=lambda a: _type(a) in SELF_EMPLOYED_TYPES,
        ),
        Step(
            "posting", forms.PostingForm, _("Your work abroad"), condition=lambda a: _type(a) in POSTING_TYPES
        ),
        Step(
            "work_split",
            forms.WorkSplitForm,
            _("How your work is split"),
            condition=lambda a: _type(a) in MULTI_STATE_TYPES,
        ),
        Step(
            "exception_request",
            forms.ExceptionRequestForm,
            _("The exception you ask for"),
            condition=lambda a: _type(a) == "exception",
        ),
        Step(
            "special_case",
            forms.SpecialCaseForm,
            _("About your special situation"),
            condition=lambda a: _type(a) in SPECIAL_TYPES,
        ),
        Step(
            "places",
            repeatable(forms.PlaceOfWorkForm, item_label=_("Place of work"), min_num=1, max_num=10),
            _("Where you will work"),
            condition=lambda a: _type(a) in POSTING_TYPES,
        ),
        Step(
            "earlier_postings",
            repeatable(forms.EarlierPostingForm, item_label=_("Earlier posting"), min_num=0, max_num=10),
            _("Earlier certificates A1 or E101, if you had any"),
        ),
        Step("documents", forms.DocumentsForm, _("Documents")),
        Step("check", forms.DeclarationForm, _("Check your answers before sending your application")),
    ],
    stops=[
        Stop(
            key="posting-over-24-months",
            title=_("A posting can last up to 24 months"),
            explanation=_(
                "The rules allow a posting of up to 24 months. For a longer period, both countries can agree "
                "an exception. You can ask for one instead: choose the exception on the next page."
            ),
            applies=_posting_too_long,
            alternative_label=_("Ask for an exception instead"),
            alternative_step="situation",
        ),
        Stop(
            key="replacing-a-posted-worker",
            title=_("You cannot be posted to replace another posted worker"),
            explanation=_(
                "A worker who replaces someone who was posted there cannot keep Lithuanian social security. "
                "The social security of the country where you will work applies. Contact that country's "
                "institution, or contact us if you think this is wrong."
            ),
            applies=lambda a: _type(a) in POSTING_TYPES and a.get("posting", {}).get("replacing") == "yes",
        ),
        Stop(
            key="wages-not-paid-here",
            title=_("Your employer here must keep paying you"),
            explanation=_(
                "You can only stay covered here during a posting if your employer in Lithuania keeps "
                "paying your wages. Ask the institution of the country where you work about its "
                "social security."
            ),
            applies=lambda a: (
                _type(a) == "posted_employee" and a.get("posting", {}).get("wages_paid_by_employer") == "no"
            ),
        ),
    ],
    build_submission=_submission,
    warnings=_warnings,
    warning_texts=WARNING_TEXTS,
)
