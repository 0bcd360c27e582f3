"""The card application's pages about the person: whom the card is for, who they are, their insurance and
which country covers them (the request itself and its delivery are in request_forms.py)."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.lt import asmens

from portal.registers.connectors import insurance_register, population_register
from portal.registers.models import CATEGORY_CHOICES
from procedures.ehic.answers import beneficiary_code, for_a_child, identity_confirmed
from procedures.engine.dates import DateField
from procedures.engine.fields import AddressField, CountryField, DocumentField, YesNoField
from procedures.engine.forms import NeedsIdentity
from procedures.engine.personal_numbers import personal_number_compact
from procedures.engine.prefill import identity_personal_number
from procedures.engine.summary import date_display
from procedures.engine.text import TextField

FOR_WHOM = [
    ("me", _("Me")),
    ("my_child", _("My child")),
    ("child_in_care", _("A child in my care (I am their guardian)")),
]


class ForWhomForm(forms.Form):
    for_whom = forms.ChoiceField(
        label=_("Who is the card for?"),
        widget=forms.RadioSelect,
        choices=FOR_WHOM,
        error_messages={"required": _("Select who the card is for")},
    )

    summary_labels = {"for_whom": _("The card is for")}


def _lithuanian_code(typed: str, born: datetime.date | None, *, whose: str) -> str:
    """A Lithuanian personal code in its compact form, checked against the date of birth."""
    code = personal_number_compact("LT", typed or "")
    if code is None:
        raise forms.ValidationError(_("Enter a real Lithuanian personal code: 11 digits, as on the ID card"))
    try:
        in_code = asmens.get_birth_date(code)
    except ValueError:  # stdnum's InvalidComponent: a code without a date of birth in it
        in_code = None
    if born and in_code and in_code != born:
        if whose == "child":
            raise forms.ValidationError(_("The personal code does not match the child's date of birth"))
        raise forms.ValidationError(_("The personal code does not match your date of birth"))
    return code


class AboutYouForm(forms.Form):
    """The person applying for their own card. The eID gives the names and the date of birth."""

    personal_code = TextField(
        label=_("Your Lithuanian personal code (asmens kodas)"),
        subject=_("Lithuanian personal code"),
        help_text=_("11 digits, for example 39006211001"),
        max_length=20,
        error_messages={"required": _("Enter your Lithuanian personal code")},
    )
    nationality = CountryField(
        label=_("Your nationality"), anywhere=True, error_messages={"required": _("Select your nationality")}
    )
    address = AddressField(
        label=_("Your home address"),
        help_text=_("Where you live most of the time"),
        error_messages={"required": _("Enter your home address")},
    )

    needs_identity = True
    summary_labels = {
        "personal_code": _("Lithuanian personal code"),
        "nationality": _("Nationality"),
        "address": _("Home address"),
    }

    def __init__(self, *args: Any, identity: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.date_of_birth: datetime.date | None = identity.date_of_birth if identity is not None else None
        self.eid_code = identity_personal_number(identity, "LT") if identity is not None else None

    def clean_personal_code(self) -> str:
        return _lithuanian_code(self.cleaned_data["personal_code"], self.date_of_birth, whose="you")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["date_of_birth"] = self.date_of_birth  # what the eID said: the rules read the age
        # Only a code the eID carries is the person's for sure: a typed one is never looked up in a
        # register (it could be someone else's with the same date of birth).
        cleaned["code_from_eid"] = bool(self.eid_code) and cleaned.get("personal_code") == self.eid_code
        return cleaned


class GuardianProofForm(forms.Form):
    proof = DocumentField(
        label=_("Proof that you are the child's guardian"),
        help_text=_(
            "The court's or the municipality's decision that appointed you. A PDF, JPG or PNG file, "
            "smaller than 10 MB"
        ),
        error_messages={"required": _("Choose the file that proves you are the child's guardian")},
    )

    summary_labels = {"proof": _("Proof of guardianship")}


class ChildForm(NeedsIdentity, forms.Form):
    """The child the card is for. The link between the filer and the child is checked in the population
    register when one is connected; the result is kept with the answers (``register_link``)."""

    given_name = TextField(
        label=_("Child's given names"),
        max_length=100,
        error_messages={"required": _("Enter the child's given names")},
    )
    family_name = TextField(
        label=_("Child's family name"),
        max_length=100,
        error_messages={"required": _("Enter the child's family name")},
    )
    date_of_birth = DateField(
        label=_("Child's date of birth"),
        subject=_("The child's date of birth"),
        example=lambda today: today.replace(year=today.year - 8, month=3, day=27),
        error_messages={"required": _("Enter the child's date of birth")},
    )
    personal_code = TextField(
        label=_("Child's Lithuanian personal code (asmens kodas)"),
        subject=_("The child's personal code"),
        help_text=_("11 digits, as on the child's birth certificate or ID card"),
        max_length=20,
        error_messages={"required": _("Enter the child's Lithuanian personal code")},
    )
    nationality = CountryField(
        label=_("Child's nationality"),
        anywhere=True,
        error_messages={"required": _("Select the child's nationality")},
    )
    address = AddressField(
        label=_("Child's home address"),
        error_messages={"required": _("Enter the child's home address")},
    )

    summary_labels = {
        "given_name": _("Given names"),
        "family_name": _("Family name"),
        "date_of_birth": _("Date of birth"),
        "personal_code": _("Lithuanian personal code"),
        "nationality": _("Nationality"),
        "address": _("Home address"),
    }

    def clean_date_of_birth(self) -> datetime.date | None:
        born = self.cleaned_data["date_of_birth"]
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("The child's date of birth must be today or in the past"))
        return born

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        typed = cleaned.get("personal_code")
        if typed:
            try:
                cleaned["personal_code"] = _lithuanian_code(
                    typed, cleaned.get("date_of_birth"), whose="child"
                )
            except forms.ValidationError as error:
                self.add_error("personal_code", error)
        cleaned["register_link"] = self._register_link(cleaned.get("personal_code"))
        return cleaned

    def _register_link(self, child_code: str | None) -> str:
        """``parent`` or ``guardian`` when the population register records the link, else ""."""
        register = population_register()
        adult_code = identity_personal_number(self.identity, "LT") if self.identity is not None else None
        if register is None or not adult_code or not child_code or self.errors:
            return ""
        return register.relationship(adult_code=adult_code, child_code=child_code) or ""


class InsuranceForm(forms.Form):
    """Statutory health insurance here: checked in the insurance register when one is connected and the
    person may be looked up (the signed-in person, or a child whose link to them the population register
    confirmed); otherwise declared."""

    insured = YesNoField(
        label=_("Are you covered by compulsory health insurance in Lithuania?"),
        help_text=_("For example because they work here, study, are a child, get a pension or benefits"),
        error_messages={"required": _("Select yes if there is health insurance in Lithuania")},
    )
    category = forms.ChoiceField(
        label=_("Why are you insured?"),
        widget=forms.RadioSelect,
        choices=CATEGORY_CHOICES,
        required=False,
    )

    needs_answers = True
    findings_source = _("From the health insurance register")
    summary_labels = {"insured": _("Health insurance in Lithuania"), "category": _("Insured as")}

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.found = self._look_up(answers)
        self.findings: list[tuple[Any, str]] = []
        self.lead: list[Any] = []
        if for_a_child(answers):
            self.fields["insured"].label = _(
                "Is the child covered by compulsory health insurance in Lithuania?"
            )
            self.fields["category"].label = _("Why is the child insured?")
        else:
            self.fields["insured"].label = _("Are you covered by compulsory health insurance in Lithuania?")
            self.fields["category"].label = _("Why are you insured?")
        if self.found is not None:
            del self.fields["insured"], self.fields["category"]
            self.findings = self._findings(self.found)
            if self.found["insured"] == "yes":
                self.lead = [_("Check these details. If they are wrong, contact the health insurance fund.")]

    @staticmethod
    def _look_up(answers: dict[str, Any]) -> dict[str, Any] | None:
        register = insurance_register()
        code = beneficiary_code(answers)
        if register is None or not code or not identity_confirmed(answers):
            return None  # never anyone's data unless the register may be asked about them
        status = register.insurance_status(personal_code=code, on=timezone.localdate())
        if status is None or not status.insured:
            return {"insured": "no", "category": "", "insured_until": None, "source": "register"}
        return {
            "insured": "yes",
            "category": status.category,
            "insured_until": status.until,
            "source": "register",
        }

    @staticmethod
    def _findings(found: dict[str, Any]) -> list[tuple[Any, str]]:
        if found["insured"] == "no":
            return [(_("Health insurance in Lithuania"), str(_("Not insured")))]
        rows: list[tuple[Any, str]] = [(_("Health insurance in Lithuania"), str(_("Insured")))]
        if found["category"]:
            rows.append(
                (_("Insured as"), str(dict(CATEGORY_CHOICES).get(found["category"], found["category"])))
            )
        until = found["insured_until"]
        rows.append((_("Insured until"), date_display(until) if until else str(_("No end date"))))
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.found is not None:
            return dict(self.found)
        if cleaned.get("insured") == "yes" and not cleaned.get("category"):
            self.add_error("category", _("Select the reason for the insurance"))
        return {**cleaned, "insured_until": None, "source": "declared"}


class AboutThePerson:
    """A page asked about the applicant or about the child: its questions say "you" or "the child"
    (``wording``: field -> (label for you, label for a child))."""

    needs_answers = True
    wording: dict[str, tuple[Any, Any]] = {}

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        child = for_a_child(answers or {})
        for name, (yours, childs) in self.wording.items():
            self.fields[name].label = childs if child else yours  # type: ignore[attr-defined]


class WorkAbroadForm(AboutThePerson, forms.Form):
    work_abroad = forms.ChoiceField(
        label=_("Do you work in another country, as an employee or self-employed?"),
        widget=forms.RadioSelect,
        choices=[
            ("no", _("No")),
            ("with_lithuanian_a1", _("Yes, with a certificate A1 from Lithuania")),
            ("without_lithuanian_a1", _("Yes, without a certificate A1 from Lithuania")),
        ],
        error_messages={"required": _("Select whether the work is in another country")},
    )

    wording = {
        "work_abroad": (
            _("Do you work in another country, as an employee or self-employed?"),
            _("Does the child work in another country, as an employee or self-employed?"),
        )
    }
    summary_labels = {"work_abroad": _("Work in another country")}


class EntitlementDocumentForm(AboutThePerson, forms.Form):
    entitlement_document = forms.ChoiceField(
        label=_("Do you have a form S1, E106, E109 or E121?"),
        help_text=_(
            "These forms register a person for healthcare in the country where they live when another "
            "country pays for it."
        ),
        widget=forms.RadioSelect,
        choices=[
            ("no", _("No")),
            ("from_lithuania", _("Yes, issued in Lithuania")),
            ("from_another_state", _("Yes, issued by another country")),
        ],
        error_messages={"required": _("Select whether there is one of these forms")},
    )

    wording = {
        "entitlement_document": (
            _("Do you have a form S1, E106, E109 or E121?"),
            _("Does the child have a form S1, E106, E109 or E121?"),
        )
    }
    summary_labels = {"entitlement_document": _("Form S1, E106, E109 or E121")}


class ResidenceStatusForm(AboutThePerson, forms.Form):
    status = forms.ChoiceField(
        label=_("Does any of these apply to you?"),
        widget=forms.RadioSelect,
        choices=[
            ("refugee", _("Recognised refugee")),
            ("stateless", _("Stateless person")),
            (
                "family_member",
                _("Family member of a citizen of the EU, Iceland, Liechtenstein, Norway or Switzerland"),
            ),
            ("none", _("None of these")),
        ],
        error_messages={"required": _("Select whether any of these applies")},
    )

    wording = {"status": (_("Does any of these apply to you?"), _("Does any of these apply to the child?"))}
    summary_labels = {"status": _("Residence status")}
