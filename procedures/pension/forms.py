"""The claim's pages about the person, what they claim, their insurance here, payment and declaration
(the pages about periods abroad, children, other benefits and family are in history_forms.py)."""

import datetime
from functools import cached_property
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.registers.connectors import PensionRecord, pension_record_register
from procedures.engine.dates import DateField, add_months
from procedures.engine.fields import AddressField, BicField, CountryField, IbanField, YesNoField, country_name
from procedures.engine.forms import BirthDetailsForm, NeedsIdentity
from procedures.engine.personal_numbers import personal_number_compact
from procedures.engine.prefill import identity_personal_number
from procedures.engine.summary import date_display
from procedures.engine.text import CharacterCountTextarea, TextField
from procedures.pension import answers as read
from procedures.pension.checks import age_lines
from procedures.pension.history_forms import duration_text
from procedures.pension.numbers import german_pension_number_fits, pension_number_compact
from procedures.pension.payment import in_sepa
from procedures.pension.periods import InsuredTime
from procedures.pension.reference import reference
from procedures.pension.rules import Benefit

START_AHEAD_MONTHS = 12  # how far ahead a start can be asked for: a claim is made shortly before it


class AboutYouForm(NeedsIdentity, forms.Form):
    """The person: what the eID does not say. The eID's names and date of birth are kept with the answers
    (``clean``) so that the rules read them like any answer."""

    personal_code = TextField(
        label=_("Your Lithuanian personal code (asmens kodas), if you have one"),
        subject=_("Lithuanian personal code"),
        help_text=_("11 digits, for example 39006211001"),
        required=False,
        max_length=20,
    )
    nationality = CountryField(
        label=_("Your nationality"), anywhere=True, error_messages={"required": _("Select your nationality")}
    )
    marital_status = forms.ChoiceField(
        label=_("Your marital status"),
        widget=forms.RadioSelect,
        choices=[
            ("single", _("Single")),
            ("married", _("Married or in a registered partnership")),
            ("separated", _("Separated")),
            ("divorced", _("Divorced or partnership dissolved")),
            ("widowed", _("Widowed")),
        ],
        error_messages={"required": _("Select your marital status")},
    )
    address = AddressField(
        label=_("Your home address"),
        help_text=_("Where you live most of the time. It can be in any country."),
        error_messages={"required": _("Enter your home address")},
    )
    details_differ = TextField(
        label=_("If your name or date of birth above is wrong, tell us what is right (optional)"),
        subject=_("Correction to your name or date of birth"),
        required=False,
        max_length=500,
        widget=CharacterCountTextarea(attrs={"rows": 2}),
    )

    summary_labels = {
        "personal_code": _("Lithuanian personal code"),
        "nationality": _("Nationality"),
        "marital_status": _("Marital status"),
        "address": _("Home address"),
        "details_differ": _("Correction to your name or date of birth"),
    }

    def clean_personal_code(self) -> str:
        typed = self.cleaned_data["personal_code"] or ""
        if not typed.strip():
            return ""
        code = personal_number_compact("LT", typed)
        if code is None:
            raise forms.ValidationError(
                _("Enter a real Lithuanian personal code: 11 digits, as on your ID card")
            )
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        identity = self.identity
        if identity is not None:
            cleaned["given_name"] = identity.given_name
            cleaned["family_name"] = identity.family_name
            cleaned["date_of_birth"] = identity.date_of_birth
        return cleaned


class PensionBirthForm(BirthDetailsForm):
    previous_names = TextField(
        label=_("Any other names you have used, like a name from an earlier marriage (optional)"),
        subject=_("Other names"),
        required=False,
        max_length=300,
    )

    summary_labels = {**BirthDetailsForm.summary_labels, "previous_names": _("Other names")}


class ForeignNumberForm(NeedsIdentity, forms.Form):
    """A number the person had with another state's pension or social security institution."""

    country = CountryField(
        label=_("Country"), anywhere=True, error_messages={"required": _("Select the country of this number")}
    )
    number = TextField(
        label=_("Your number there"),
        help_text=_(
            "For Germany: your pension insurance number (Rentenversicherungsnummer), not your tax ID"
        ),
        max_length=40,
        error_messages={"required": _("Enter your number in that country")},
    )
    institution = TextField(label=_("Institution that gave it (optional)"), required=False, max_length=200)

    summary_labels = {"institution": _("Institution")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        country, number = cleaned.get("country"), cleaned.get("number")
        if not country or not number:
            return cleaned
        compact = pension_number_compact(country, number)
        if compact is None:
            self.add_error("number", _("This is not a valid number for that country. Check it and try again"))
            return cleaned
        born = getattr(self.identity, "date_of_birth", None)
        if country == "DE" and born is not None and not german_pension_number_fits(compact, born):
            self.add_error(
                "number", _("This German pension insurance number does not match your date of birth")
            )
            return cleaned
        cleaned["number"] = compact
        return cleaned

    @staticmethod
    def summary_value(item: dict[str, Any]) -> str:
        parts = [country_name(item.get("country", "")), item.get("number", ""), item.get("institution", "")]
        return "\n".join(part for part in parts if part)


def _benefit_choices() -> list[tuple[str, Any]]:
    """Pre-retirement benefits are paid by the statutory schemes of some states; where this country has
    none (Lithuania), the claim is for another country's."""
    here = reference().configuration.pre_retirement_scheme
    return [
        (Benefit.OLD_AGE.value, _("Old-age pension")),
        (Benefit.EARLY_OLD_AGE.value, _("Early old-age pension, up to 5 years before pension age")),
        (
            Benefit.PRE_RETIREMENT.value,
            _("Pre-retirement benefit") if here else _("Pre-retirement benefit from another country"),
        ),
    ]


class BenefitForm(forms.Form):
    benefit = forms.ChoiceField(
        label=_("What are you claiming?"),
        widget=forms.RadioSelect,
        choices=_benefit_choices,
        error_messages={"required": _("Select what you are claiming")},
    )
    start = DateField(
        label=_("From when do you want to get it?"),
        subject=_("The date you want to get it from"),
        help_text=_("Usually the day you reach pension age or stop working"),
        error_messages={"required": _("Enter the date from which you want to get it")},
    )

    summary_labels = {"benefit": _("Claim for"), "start": _("From")}

    def clean_start(self) -> datetime.date:
        start: datetime.date = self.cleaned_data["start"]
        latest = add_months(timezone.localdate(), START_AHEAD_MONTHS)
        if start > latest:
            raise forms.ValidationError(
                _("You can claim up to 12 months ahead. Enter a date on or before %(date)s")
                % {"date": date_display(latest)}
            )
        return start


class StillWorkingForm(forms.Form):
    working = YesNoField(
        label=_("Are you working now, in any country?"),
        help_text=_("An early old-age pension is not paid while you work, in this country or abroad"),
        error_messages={"required": _("Select yes if you are working now")},
    )

    summary_labels = {"working": _("Working now")}


class AgeCheckForm(forms.Form):
    """When each state can pay (each applies its own age), and in which the person wants to put off
    their pension: only a state in the claim."""

    defer = forms.MultipleChoiceField(
        label=_("If you want to put off your pension in a country, select it (optional)"),
        help_text=_("Some countries pay more if you start your pension later"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    needs_answers = True
    findings_source = _("When each country can pay you")
    summary_labels = {"defer": _("Put off in")}

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        states = read.claim_states(answers)
        cast(forms.MultipleChoiceField, self.fields["defer"]).choices = [
            (state, country_name(state)) for state in states
        ]
        self.findings: list[tuple[Any, str]] = []
        self.lead: list[Any] = age_lines(read.ages(answers))
        if read.benefit(answers) == Benefit.PRE_RETIREMENT:
            self.lead = [
                _("A pre-retirement benefit has no pension age: each country checks its own conditions.")
            ]
        if not states:
            self.fields.pop("defer")


class InsuredHereForm(NeedsIdentity, forms.Form):
    insured_here = forms.ChoiceField(
        label=_("Have you ever worked or been insured in Lithuania?"),
        help_text=_("As an employee, self-employed, or while you got a benefit here"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I am not sure"))],
        error_messages={"required": _("Select yes if you have ever been insured in Lithuania")},
    )
    differences = TextField(
        label=_(
            "Is anything missing from our records, like work for which no contributions were paid? (optional)"
        ),
        subject=_("Missing from our records"),
        required=False,
        max_length=1000,
        widget=CharacterCountTextarea(attrs={"rows": 3}),
    )

    findings_source = _("From the pension insurance register")
    summary_labels = {"insured_here": _("Insured in Lithuania"), "differences": _("Missing from our records")}

    @cached_property
    def record(self) -> PensionRecord | None:
        """The register's record, asked only about a person known for sure (the code their eID, or the
        document a caseworker saw, carries) and only when the deployment is connected to it."""
        register = pension_record_register()
        code = identity_personal_number(self.identity, "LT") if self.identity is not None else None
        if register is None or not code:
            return None
        return register.pension_record(personal_code=code)

    @cached_property
    def findings(self) -> list[tuple[Any, str]]:
        record = self.record
        if record is None:
            return []
        rows: list[tuple[Any, str]] = [
            (
                _("Insured for"),
                duration_text(InsuredTime("", 0, record.years, record.months, 0))
                if record.years or record.months
                else str(_("less than a month")),
            )
        ]
        if record.last_insured_on is not None:
            rows.append((_("Last insured"), date_display(record.last_insured_on)))
        return rows

    @cached_property
    def lead(self) -> list[Any]:
        if self.record is None:
            return []
        return [
            _(
                "Check this record. If anything is missing, like work for which no contributions were "
                "paid, tell us below."
            )
        ]


class PaymentForm(forms.Form):
    """The account for the pension: IBAN (python-stdnum), BIC where the account is outside SEPA."""

    holder = TextField(
        label=_("Name of the account holder"),
        help_text=_("As the bank shows it. The account must be in your name"),
        max_length=200,
        error_messages={"required": _("Enter the name of the account holder")},
    )
    iban = IbanField(
        label=_("IBAN"),
        help_text=_("As on your bank statement, like LT12 1000 0111 0100 1000"),
        error_messages={"required": _("Enter the IBAN of your account")},
    )
    bic = BicField(
        label=_("BIC or SWIFT code (optional for an account in the SEPA area)"),
        subject=_("BIC"),
        help_text=_("8 or 11 letters and digits, like HABALT22"),
        required=False,
    )

    summary_labels = {"holder": _("Account holder"), "iban": _("IBAN"), "bic": _("BIC")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        iban, bic = cleaned.get("iban"), cleaned.get("bic")
        if iban and not bic and not in_sepa(iban[:2]):
            self.add_error("bic", _("Enter the BIC: your account is outside the SEPA area"))
        return cleaned


class DeclarationForm(forms.Form):
    truthful = forms.BooleanField(
        label=_("I confirm that my answers are true and complete, and I will tell you about any change."),
        error_messages={"required": _("Confirm that your answers are true and complete")},
    )
    forward = forms.BooleanField(
        label=_(
            "I understand that this claim is passed to every country where I was insured, and that the "
            "date I send it counts as my claim date there."
        ),
        error_messages={"required": _("Confirm that you understand where your claim goes")},
    )
