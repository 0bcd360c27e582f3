"""The pension claim as a wizard with a task list: its sections, steps, the stop, and what it sends."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from portal.applications.services import Submission
from portal.institutions.selectors import institution_by_code
from procedures.engine.definition import Answers, Flow, Prefill, Section, Sending, Step
from procedures.engine.forms import BirthDetailsForm, ContactForm
from procedures.engine.prefill import contact_from_person, personal_code_from_eid
from procedures.engine.repeatable import repeatable
from procedures.pension import answers as read
from procedures.pension import checks, forms, history_forms
from procedures.pension.payload import answers_payload, personal_numbers, sed_hints
from procedures.pension.reference import reference, reference_data_version
from procedures.pension.rules import Benefit

REFERENCE_PREFIX = "PEN"
INSTITUTION = "sodra"


def _is(step: str, field: str, *values: str) -> Any:
    return lambda answers: answers.get(step, {}).get(field) in values


def _from_person(person: Mapping[str, Any]) -> dict[str, Any]:
    """An earlier application's person block as the answers of the pages about the person."""
    numbers = [item for item in person.get("personal_numbers", []) if isinstance(item, dict)]
    answers: dict[str, Any] = {
        "birth": {name: person.get(name, "") for name in BirthDetailsForm.base_fields},
        "contact": contact_from_person(person),
    }
    if "personal_numbers" in person:
        answers["foreign_numbers"] = [item for item in numbers if item.get("country") != "LT"]
    return answers


def _submission(answers: dict[str, Any], sending: Sending) -> Submission:
    institution = institution_by_code(code=INSTITUTION)
    people = sending.people
    found = sending.outcome.payload if sending.outcome else {}
    contact = answers.get("contact", {})
    about = answers["about_you"]
    return Submission(
        reference_prefix=REFERENCE_PREFIX,
        beneficiary={
            **people.beneficiary,
            "nationality": about["nationality"],
            **{name: answers["birth"].get(name, "") for name in BirthDetailsForm.base_fields},
            "address": about["address"],
            "email": contact.get("email", ""),
            "phone": contact.get("phone", ""),
            "post_only": bool(contact.get("post_only")),
            "personal_numbers": personal_numbers(answers),
        },
        answers=answers_payload(answers, found),
        institution={
            "country": settings.PORTAL_COUNTRY,
            "id": institution.eessi_id or institution.code if institution else INSTITUTION,
            "name": institution.name if institution else "Sodra",
        },
        filed_by=people.filed_by,
        representative=people.representative,
        sed_hints=sed_hints(answers["benefit"]["benefit"], bool(found.get("child_raising"))),
        warnings=sending.warnings,
        level_of_assurance=people.level_of_assurance,
        person_identifier=people.person_identifier,
    )


def _age_why() -> str:
    return str(
        _(
            "Each country pays from its own pension age (Regulation (EC) 883/2004, Article 50). You can "
            "claim %(window)s you reach it."
        )
        % {"window": checks.advance_window_text()}
    )


def _family_supplements(_answers: Answers) -> bool:
    return reference().configuration.family_supplements


FLOW = Flow(
    reference_prefix=REFERENCE_PREFIX,
    task_list=True,
    steps=[
        Step(
            "about_you",
            forms.AboutYouForm,
            _("About you"),
            why=_(
                "The institution needs to find you in its records and in the records of every country where "
                "you were insured (Regulation (EC) 987/2009, Article 45). We do not ask for what your eID "
                "already told us."
            ),
        ),
        Step("birth", forms.PensionBirthForm, _("More about you")),
        Step(
            "foreign_numbers",
            repeatable(
                forms.ForeignNumberForm,
                item_label=_("Personal number"),
                min_num=0,
                max_num=10,
                summary_label=_("Personal numbers in other countries"),
            ),
            _("Your personal or insurance numbers in other countries, if you had any"),
            why=_("With these numbers the other countries find your insurance record faster."),
        ),
        Step("contact", ContactForm, _("How can we contact you?")),
        Step(
            "benefit",
            forms.BenefitForm,
            _("What are you claiming?"),
            why=_(
                "An early old-age pension can start up to 5 years before pension age if you have the "
                "required insurance record. A pre-retirement benefit is paid by some other countries' "
                "statutory schemes (Regulation (EC) 883/2004, Articles 50 and 66)."
            ),
        ),
        Step(
            "working",
            forms.StillWorkingForm,
            _("Are you working now?"),
            condition=lambda answers: read.benefit(answers) == Benefit.EARLY_OLD_AGE,
        ),
        Step(
            "insured_here",
            forms.InsuredHereForm,
            _("Your insurance in Lithuania"),
            why=_(
                "The institution checks your insurance record in its register. Tell us about anything it "
                "may not know."
            ),
        ),
        Step("worked_abroad", history_forms.WorkedAbroadForm, _("Insurance in other countries")),
        Step(
            "periods",
            repeatable(
                history_forms.PeriodForm,
                item_label=_("Period"),
                min_num=1,
                max_num=60,
                too_few=_("Add at least one period abroad"),
            ),
            _("Your periods in other countries"),
            condition=read.worked_abroad,
            why=_(
                "Every country where you were insured pays its part of your pension. Your claim here counts "
                "as a claim in each of them (Regulation (EC) 883/2004, Articles 50 and 52)."
            ),
        ),
        Step(
            "record",
            history_forms.RecordForm,
            _("Check your insurance abroad"),
            condition=lambda answers: read.worked_abroad(answers) and bool(answers.get("periods")),
        ),
        Step(
            "age_check",
            forms.AgeCheckForm,
            _("When each country can pay you"),
            why=lazy(_age_why, str)(),
        ),
        Step("raised_children", history_forms.RaisedChildrenForm, _("Raising children")),
        Step(
            "children",
            repeatable(
                history_forms.ChildForm,
                item_label=_("Child"),
                min_num=1,
                max_num=15,
                too_few=_("Add at least one child"),
            ),
            _("The children you raised"),
            condition=_is("raised_children", "raised_children", "yes"),
        ),
        Step(
            "other_benefits_question",
            history_forms.OtherBenefitsQuestionForm,
            _("Other pensions and benefits"),
        ),
        Step(
            "other_benefits",
            repeatable(
                history_forms.OtherBenefitForm,
                item_label=_("Benefit"),
                min_num=1,
                max_num=10,
                too_few=_("Add at least one pension or benefit"),
            ),
            _("Your other pensions and benefits"),
            condition=_is("other_benefits_question", "other_benefits", "yes"),
        ),
        Step("partner_question", history_forms.PartnerQuestionForm, _("Your family")),
        Step(
            "partner",
            history_forms.PartnerForm,
            _("Your spouse or partner"),
            condition=_is("partner_question", "partner", "yes"),
        ),
        Step(
            "payment",
            forms.PaymentForm,
            _("How we pay you"),
            why=_("The pension is paid only into an account in your own name."),
        ),
        Step("check", forms.DeclarationForm, _("Check your answers before sending your claim")),
    ],
    sections=[
        Section(
            _("About you"),
            ("about_you", "birth", "foreign_numbers", "contact"),
            identity=True,
            key="about_you",
        ),
        Section(_("What you are claiming"), ("benefit", "working"), key="claim"),
        Section(_("Your insurance in Lithuania"), ("insured_here",), key="insurance_here"),
        Section(_("Work and insurance abroad"), ("worked_abroad", "periods", "record"), key="abroad"),
        Section(
            _("When you can get a pension"),
            ("age_check",),
            key="age",
            after=("about_you", "claim", "insurance_here", "abroad"),
        ),
        Section(_("Raising children"), ("raised_children", "children"), key="children"),
        Section(
            _("Other pensions and benefits"), ("other_benefits_question", "other_benefits"), key="benefits"
        ),
        Section(
            _("Your family"), ("partner_question", "partner"), key="family", condition=_family_supplements
        ),
        Section(_("How we pay you"), ("payment",), key="payment"),
    ],
    stops=checks.STOPS,
    build_submission=_submission,
    prefill=Prefill(identity=personal_code_from_eid("about_you"), person=_from_person),
    warnings=checks.warnings,
    warning_texts=checks.WARNING_TEXTS,
    outcome=checks.outcome,
    reference_data_version=reference_data_version,
)
