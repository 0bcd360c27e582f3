"""The A1 request as a wizard: its steps, the rules that stop it, and what it sends."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.applications.services import Submission
from portal.institutions.selectors import institution_by_code
from procedures.applicable_legislation import forms, work_forms
from procedures.applicable_legislation.checks import (
    WARNING_TEXTS,
    filing_for,
    posting_answers,
    posting_too_long,
    warnings,
)
from procedures.applicable_legislation.outcome import indicative_outcome, request_type
from procedures.applicable_legislation.payload import answers_payload, personal_numbers, sed_hints
from procedures.applicable_legislation.rules import (
    MULTI_STATE_TYPES,
    POSTING_TYPES,
    SELF_EMPLOYED_TYPES,
    SPECIAL_TYPES,
    host_contract_applies,
    third_country_national,
)
from procedures.engine.definition import Answers, Flow, Prefill, Section, Sending, Step, Stop
from procedures.engine.fields import COORDINATION_AREA_CODES
from procedures.engine.forms import BirthDetailsForm, ContactForm
from procedures.engine.people import Beneficiary
from procedures.engine.prefill import contact_from_person, personal_code_from_eid
from procedures.engine.repeatable import NonOverlappingPeriodsFormSet, repeatable


def _third_country_national(answers: Answers) -> bool:
    nationalities = [
        answers.get("about_you", {}).get("nationality", ""),
        answers.get("birth", {}).get("other_nationality", ""),
    ]
    return third_country_national(nationalities, free_movement=COORDINATION_AREA_CODES)


def _from_person(person: Mapping[str, Any]) -> dict[str, Any]:
    """An earlier application's person block (its beneficiary) as the answers of the person's pages."""
    numbers = [item for item in person.get("personal_numbers", []) if isinstance(item, dict)]
    answers: dict[str, Any] = {
        "about_you": {
            "personal_code": next((item["number"] for item in numbers if item.get("country") == "LT"), ""),
            "nationality": person.get("nationality", ""),
            "address": person.get("address"),
        },
        "birth": {name: person.get(name, "") for name in BirthDetailsForm.base_fields},
        "contact": contact_from_person(person),
    }
    if "personal_numbers" in person:  # older applications did not keep the list: then it is asked
        answers["other_numbers"] = [item for item in numbers if item.get("country") != "LT"]
    return answers


def _submission(answers: dict[str, Any], sending: Sending) -> Submission:
    institution = institution_by_code(code="sodra")
    people = sending.people
    return Submission(
        reference_prefix="A1",
        beneficiary={
            **people.beneficiary,
            "nationality": answers["about_you"]["nationality"],
            **answers.get("birth", {}),
            "address": answers["about_you"]["address"],
            "email": answers.get("contact", {}).get("email", ""),
            "phone": answers.get("contact", {}).get("phone", ""),
            "post_only": bool(answers.get("contact", {}).get("post_only")),
            # The SED person section's list of personal identification numbers, so that a later
            # application can offer them again (procedures.engine.prefill).
            "personal_numbers": personal_numbers(answers),
        },
        answers=answers_payload(answers, outcome=sending.outcome.payload if sending.outcome else {}),
        institution={
            "country": settings.PORTAL_COUNTRY,
            "id": institution.eessi_id or institution.code if institution else "sodra",
            "name": institution.name if institution else "Sodra",
        },
        filed_by=people.filed_by,
        sed_hints=sed_hints(answers["situation"]["request_type"]),
        warnings=sending.warnings,
        level_of_assurance=people.level_of_assurance,
        person_identifier=people.person_identifier,
    )


FLOW = Flow(
    reference_prefix="A1",
    steps=[
        Step(
            "about_you",
            forms.AboutYouForm,
            _("About you"),
            why=_(
                "The institution needs to identify you in its records and in the other country's records "
                "(Regulation (EC) 987/2009, Article 15). We do not ask for what your eID already told us."
            ),
        ),
        Step(
            "birth",
            BirthDetailsForm,
            _("More about you"),
            why=_(
                "The other country's institution uses these details to find you in its records, because "
                "personal numbers differ from country to country (Regulation (EC) 987/2009, Article 15)."
            ),
        ),
        Step(
            "contact",
            ContactForm,
            _("How can we contact you?"),
            why=_(
                "We tell you when we receive your application and when anything changes. We keep your "
                "contact details in your account for letters and e-mails about your applications. You can "
                "change them there."
            ),
        ),
        Step(
            "other_numbers",
            repeatable(
                forms.OtherPersonalNumberForm,
                item_label=_("Personal number"),
                min_num=0,
                max_num=5,
                summary_label=_("Personal numbers in other countries"),
            ),
            _("Your personal numbers in other countries, if you have any"),
        ),
        Step(
            "situation",
            forms.SituationForm,
            _("Your situation"),
            why=_(
                "Different rules decide which country's social security covers you: for postings, "
                "for work in several countries and for special jobs (Regulation (EC) 883/2004, "
                "Articles 11 to 16)."
            ),
        ),
        Step("employer", forms.EmployerForm, _("Your employer or business")),
        Step(
            "self_employed",
            work_forms.SelfEmployedForm,
            _("Your work as a self-employed person"),
            condition=lambda a: request_type(a) in SELF_EMPLOYED_TYPES,
        ),
        Step(
            "posting",
            work_forms.PostingForm,
            _("Your work abroad"),
            condition=lambda a: request_type(a) in POSTING_TYPES,
            why=_(
                "You stay covered here during a posting of up to 24 months if your employer keeps paying "
                "you and you do not replace another posted worker (Regulation (EC) 883/2004, Article 12; "
                "Administrative Commission Decision A2)."
            ),
        ),
        Step(
            "employer_activity",
            forms.EmployerActivityForm,
            _("Your employer's business in Lithuania"),
            why=_(
                "Only employers that really work here, not just manage from here, can post workers "
                "(Regulation (EC) 987/2009, Article 14(2); Administrative Commission Decision A2)."
            ),
            condition=lambda a: (
                request_type(a) == "posted_employee" and filing_for(a) != "employer_representative"
            ),
        ),
        Step(
            "employer_turnover",
            forms.EmployerTurnoverForm,
            _("The employer's turnover in Lithuania"),
            why=_(
                "A quarter of the turnover made here usually shows that the employer really works here "
                "(Administrative Commission Decision A2)."
            ),
            condition=lambda a: (
                request_type(a) == "posted_employee" and filing_for(a) == "employer_representative"
            ),
        ),
        Step(
            "work_split",
            repeatable(
                work_forms.WorkShareForm,
                item_label=_("Country"),
                min_num=2,
                max_num=10,
                formset=work_forms.WorkSplitFormSet,
                too_few=_("Add at least two countries"),
            ),
            _("How your work will be split over the next 12 months"),
            why=_(
                "If you do a substantial part of your work (a quarter or more) where you live, that "
                "country's legislation applies; work under one twentieth in a country is not counted "
                "(Regulation (EC) 883/2004, Article 13; Regulation (EC) 987/2009, Article 14)."
            ),
            condition=lambda a: request_type(a) in MULTI_STATE_TYPES,
        ),
        Step(
            "exception_request",
            work_forms.ExceptionRequestForm,
            _("The exception you ask for"),
            condition=lambda a: request_type(a) == "exception",
        ),
        Step(
            "special_case",
            work_forms.SpecialCaseForm,
            _("About your special situation"),
            condition=lambda a: request_type(a) in SPECIAL_TYPES,
        ),
        Step(
            "places",
            repeatable(
                work_forms.PlaceOfWorkForm,
                item_label=_("Place of work"),
                min_num=1,
                max_num=10,
                too_few=_("Add at least one place of work"),
            ),
            _("Where you will work"),
            condition=lambda a: request_type(a) in POSTING_TYPES,
        ),
        Step(
            "earlier_postings",
            repeatable(
                work_forms.EarlierPostingForm,
                item_label=_("Earlier posting"),
                min_num=0,
                max_num=10,
                formset=NonOverlappingPeriodsFormSet,
                summary_label=_("Earlier certificates A1 or E101"),
            ),
            _("Earlier certificates A1 or E101, if you had any"),
            why=_(
                "A new posting to the same country less than two months after the last one continues it, "
                "so both count towards the 24 months (Administrative Commission Decision A2)."
            ),
        ),
        Step(
            "documents",
            forms.DocumentsForm,
            _("Documents"),
            field_conditions={
                "host_contract": lambda a: host_contract_applies(request_type(a)),
                "residence_permit": _third_country_national,
            },
        ),
        Step("check", forms.DeclarationForm, _("Check your answers before sending your application")),
    ],
    stops=[
        Stop(
            key="posting-over-24-months",
            title=_("A posting can last up to 24 months"),
            explanation=_(
                "The rules allow a posting of up to 24 months. An earlier posting to the same country that "
                "ended less than two months before this one counts as part of it. For a longer period, "
                "both countries can agree an exception. You can ask for one instead: choose the exception "
                "on the next page."
            ),
            applies=posting_too_long,
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
            applies=lambda a: posting_answers(a).get("replacing") == "yes",
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
                request_type(a) == "posted_employee"
                and posting_answers(a).get("wages_paid_by_employer") == "no"
            ),
        ),
    ],
    sections=[
        Section(_("About you"), ("about_you", "birth", "other_numbers"), identity=True),
        Section(_("How we contact you"), ("contact",)),
        Section(
            _("Your work"),
            (
                "situation",
                "self_employed",
                "posting",
                "work_split",
                "exception_request",
                "special_case",
                "places",
            ),
        ),
        Section(_("Your employer or business"), ("employer", "employer_activity", "employer_turnover")),
        Section(_("Earlier postings"), ("earlier_postings",)),
        Section(_("Documents"), ("documents",)),
    ],
    build_submission=_submission,
    # The worker, whoever fills it in: themselves or their employer's representative.
    beneficiary=lambda answers: Beneficiary(role=filing_for(answers) or "self"),
    prefill=Prefill(identity=personal_code_from_eid("about_you"), person=_from_person),
    warnings=warnings,
    warning_texts=WARNING_TEXTS,
    outcome=indicative_outcome,
)
