"""The card application as a wizard: its steps, the rules that stop it, and what it sends."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.applications.selectors import applications_of
from portal.applications.services import Submission
from portal.institutions.selectors import institution_by_code
from procedures.ehic import checks, forms, request_forms
from procedures.ehic.answers import CHILD_CHOICES, for_a_child, for_whom, request_kind
from procedures.ehic.models import EhicRules
from procedures.ehic.payload import answers_payload, personal_numbers
from procedures.ehic.stops import STOPS
from procedures.engine.definition import Answers, Flow, Outcome, Prefill, Section, Sending, Step
from procedures.engine.forms import ContactForm
from procedures.engine.people import Beneficiary
from procedures.engine.prefill import contact_from_person, personal_code_from_eid
from procedures.engine.summary import date_display

REFERENCE_PREFIX = "EHIC"

WARNING_TEXTS = {
    "insurance_declared": _(
        "We could not check the health insurance in the register. The health insurance fund will check it."
    ),
    "child_link_not_verified": _(
        "We could not confirm in the population register that you are the child's parent or guardian. "
        "The health insurance fund will check it before it decides, so the card or certificate takes longer."
    ),
    "care_already_received": _(
        "The certificate starts on a day in the past. That is right if treatment was already received."
    ),
    "third_country_national_state_not_covered": _(
        "For nationals of countries outside the EU, the certificate is not accepted in Denmark, Iceland, "
        "Liechtenstein, Norway or Switzerland. Take travel insurance for a stay there."
    ),
    "third_country_national_card_limited": _(
        "For nationals of countries outside the EU, the card is not accepted in Denmark, Iceland, "
        "Liechtenstein, Norway or Switzerland."
    ),
}


def _beneficiary(answers: Answers) -> Beneficiary:
    """Whom the card is for: the filer, or the child (the filer is then their parent or guardian)."""
    if not for_a_child(answers):
        return Beneficiary()
    child = answers.get("child", {})
    born = child.get("date_of_birth")
    return Beneficiary(
        role="parent" if for_whom(answers) == "my_child" else "guardian",
        person={
            "family_name": child.get("family_name", ""),
            "given_name": child.get("given_name", ""),
            "date_of_birth": born.isoformat() if isinstance(born, datetime.date) else born,
        },
    )


def _earlier_application(owner: Any, personal_code: str) -> str:
    """The reference of an application for the same person sent shortly before, for the institution."""
    since = timezone.now() - datetime.timedelta(days=EhicRules.current().repeat_window_days)
    recent = applications_of(owner=owner).filter(procedure="ehic", submitted_at__gte=since)
    for application in recent.order_by("-submitted_at").only("reference", "beneficiary"):
        numbers = (application.beneficiary or {}).get("personal_numbers", [])
        if any(item.get("number") == personal_code for item in numbers if isinstance(item, dict)):
            return application.reference
    return ""


def _submission(answers: dict[str, Any], sending: Sending) -> Submission:
    institution = institution_by_code(code=request_forms.INSTITUTION)
    people = sending.people
    person = answers["child"] if answers["for_whom"]["for_whom"] in CHILD_CHOICES else answers["about_you"]
    contact = answers.get("contact", {})
    reach = {
        "email": contact.get("email", ""),
        "phone": contact.get("phone", ""),
        "post_only": bool(contact.get("post_only")),
    }
    beneficiary = {
        **people.beneficiary,
        "nationality": person["nationality"],
        "address": person["address"],
        "personal_numbers": personal_numbers(person),
    }
    if people.is_filer:
        beneficiary.update(reach)
    earlier = _earlier_application(sending.owner, person["personal_code"])
    warnings = list(sending.warnings) + (["repeat_application"] if earlier else [])
    found = sending.outcome.payload if sending.outcome else {}
    return Submission(
        reference_prefix=REFERENCE_PREFIX,
        beneficiary=beneficiary,
        answers=answers_payload(
            answers,
            card_valid_until=found.get("card_valid_until"),
            instant_issue=bool(found.get("instant_prc")),
            earlier=earlier,
        ),
        institution={
            "country": settings.PORTAL_COUNTRY,
            "id": institution.eessi_id or institution.code if institution else request_forms.INSTITUTION,
            "name": institution.name if institution else "VLK",
        },
        filed_by=people.filed_by,
        representative=people.representative,
        contact=None if people.is_filer else {**reach, "address": person["address"]},
        warnings=warnings,
        level_of_assurance=people.level_of_assurance,
        person_identifier=people.person_identifier,
    )


def _outcome(answers: Answers) -> Outcome | None:
    """What the person can expect: how long a card would be valid, or a certificate at once."""
    kind = request_kind(answers)
    if kind in checks.CARD_KINDS:
        valid_to = checks.card_valid_until(answers)
        if valid_to is None:
            return None
        return Outcome(
            summary=_("If the card is issued today, it is valid until %(date)s.")
            % {"date": date_display(valid_to)},
            explanations=(
                _(
                    "The end date follows from the kind of insurance, its end date and, for a child, "
                    "the 18th birthday."
                ),
            ),
            payload={"card_valid_until": valid_to.isoformat()},
        )
    if kind == "prc" and "prc_validity" in answers:
        if checks.instant_prc(answers):
            return Outcome(
                summary=_(
                    "The certificate is ready to download a few seconds after you send this application."
                ),
                payload={"instant_prc": True},
            )
        return Outcome(
            summary=_("The health insurance fund checks the application and then issues the certificate."),
            payload={"instant_prc": False},
        )
    return None


def _from_person(person: Mapping[str, Any]) -> dict[str, Any]:
    """An earlier application's person block: its contact details (the rest depends on whom the card is
    for)."""
    return {"contact": contact_from_person(person)}


def _is(step: str, field: str, *values: str) -> Any:
    return lambda answers: answers.get(step, {}).get(field) in values


FLOW = Flow(
    reference_prefix=REFERENCE_PREFIX,
    steps=[
        Step(
            "for_whom",
            forms.ForWhomForm,
            _("Who is the card for?"),
            why=_(
                "You can apply for your own card from 16. A parent or guardian applies for a child under 18 "
                "and signs for them."
            ),
        ),
        Step("about_you", forms.AboutYouForm, _("About you"), condition=_is("for_whom", "for_whom", "me")),
        Step(
            "guardian_proof",
            forms.GuardianProofForm,
            _("Proof that you are the child's guardian"),
            condition=_is("for_whom", "for_whom", "child_in_care"),
        ),
        Step(
            "child",
            forms.ChildForm,
            _("About the child"),
            condition=for_a_child,
            why=_(
                "We check in the population register that you are the child's parent or guardian. Until "
                "that is confirmed, we do not show you anything about the child's insurance."
            ),
        ),
        Step(
            "insurance",
            forms.InsuranceForm,
            _("Health insurance"),
            why=_(
                "The card is issued by the country whose health insurance covers the person "
                "(Regulation (EC) 883/2004, Article 19; Regulation (EC) 987/2009, Article 25)."
            ),
        ),
        Step(
            "work_abroad",
            forms.WorkAbroadForm,
            _("Work in another country"),
            why=_(
                "A person who works in another country is usually covered there, and that country issues "
                "the card, unless Lithuania issued a certificate A1 (Regulation (EC) 883/2004, Articles 11 "
                "to 16)."
            ),
        ),
        Step(
            "entitlement_document",
            forms.EntitlementDocumentForm,
            _("Healthcare paid by another country"),
            why=_(
                "The country that issued the form S1 pays for the healthcare, so it issues the card "
                "(Regulation (EC) 883/2004, Articles 17 and 24; Decision S1)."
            ),
        ),
        Step(
            "residence_status",
            forms.ResidenceStatusForm,
            _("Your residence status"),
            condition=checks.needs_residence_status,
            why=_(
                "Nationals of countries outside the EU are covered through Regulation (EU) 1231/2010, which "
                "does not apply in Denmark, Iceland, Liechtenstein, Norway and Switzerland. Refugees, "
                "stateless persons and family members of EU citizens are covered everywhere."
            ),
        ),
        Step(
            "request",
            request_forms.RequestForm,
            _("What do you need?"),
            why=_(
                "A provisional certificate gives the same right to healthcare as the card, for a short time "
                "(Administrative Commission Decision S2)."
            ),
        ),
        Step(
            "replacement",
            request_forms.ReplacementForm,
            _("The card you had"),
            condition=_is("request", "kind", "replacement"),
        ),
        Step(
            "prc_stay",
            request_forms.PrcStayForm,
            _("Your stay abroad"),
            condition=_is("request", "kind", "prc"),
        ),
        Step(
            "prc_validity",
            request_forms.PrcValidityForm,
            _("The certificate"),
            condition=_is("request", "kind", "prc"),
            why=_(
                "The certificate is valid only while the person is insured here and only for the stay "
                "(Administrative Commission Decision S2)."
            ),
        ),
        Step("delivery", request_forms.DeliveryForm, _("How do you want to get it?")),
        Step(
            "delivery_office",
            request_forms.OfficeForm,
            _("Office"),
            condition=_is("delivery", "method", "office"),
        ),
        Step(
            "delivery_address",
            request_forms.PostAddressForm,
            _("Postal address"),
            condition=_is("delivery", "method", "post"),
        ),
        Step(
            "contact",
            ContactForm,
            _("How can we contact you?"),
            why=_("We tell you when we receive your application and when anything changes."),
        ),
        Step("check", request_forms.DeclarationForm, _("Check your answers before sending your application")),
    ],
    stops=STOPS,
    sections=[
        Section(_("Who the card is for"), ("for_whom", "guardian_proof")),
        Section(_("About you"), ("about_you",), identity=True),
        Section(_("About the child"), ("child",)),
        Section(
            _("Health insurance"), ("insurance", "work_abroad", "entitlement_document", "residence_status")
        ),
        Section(_("What you need"), ("request", "replacement", "prc_stay", "prc_validity")),
        Section(_("How you get it"), ("delivery", "delivery_office", "delivery_address")),
        Section(_("How we contact you"), ("contact",)),
    ],
    build_submission=_submission,
    beneficiary=_beneficiary,
    prefill=Prefill(identity=personal_code_from_eid("about_you"), person=_from_person),
    warnings=checks.warnings,
    warning_texts=WARNING_TEXTS,
    outcome=_outcome,
    reference_data_version=checks.reference_data_version,
)
