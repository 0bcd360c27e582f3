"""One small form per question page of the A1 request: the person, the situation, the employer, the
documents and the declaration (the pages about the work itself are in work_forms.py)."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat
from stdnum.lt import asmens

from procedures.engine.fields import AddressField, CountryField, DocumentField, PercentField, country_name
from procedures.engine.personal_numbers import personal_number_compact
from procedures.engine.text import CharacterCountTextarea, TextField


def _birth_date(code: str) -> datetime.date | None:
    try:
        return asmens.get_birth_date(code)
    except ValueError:  # stdnum's InvalidComponent: a code given without a date of birth in it
        return None


class AboutYouForm(forms.Form):
    personal_code = TextField(
        label=_("Your Lithuanian personal code (asmens kodas), if you have one"),
        subject=_("Lithuanian personal code"),
        help_text=_("11 digits, for example 39006211001"),
        required=False,
        max_length=20,
    )
    nationality = CountryField(
        label=_("Your nationality"),
        anywhere=True,
        error_messages={"required": _("Select your nationality")},
    )
    details_differ = TextField(
        label=_("If your name or date of birth above is wrong, tell us what is right (optional)"),
        subject=_("Correction to your name or date of birth"),
        required=False,
        max_length=500,
        widget=CharacterCountTextarea(attrs={"rows": 2}),
    )
    address = AddressField(
        label=_("Your home address"),
        help_text=_("Where you live most of the time"),
        error_messages={"required": _("Enter your home address")},
    )

    needs_identity = True  # the engine passes the eIDAS identity: the code must match the date of birth
    summary_labels = {
        "personal_code": _("Lithuanian personal code"),
        "nationality": _("Nationality"),
        "details_differ": _("Correction to your name or date of birth"),
        "address": _("Home address"),
    }

    def __init__(self, *args: Any, identity: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.date_of_birth: datetime.date | None = identity.date_of_birth if identity is not None else None

    def clean_personal_code(self) -> str:
        # Forgiving input: spaces and hyphens are ignored; the compact form is stored.
        typed = self.cleaned_data["personal_code"] or ""
        if not typed.strip():
            return ""
        code = personal_number_compact("LT", typed)
        if code is None:
            raise forms.ValidationError(
                _("Enter a real Lithuanian personal code: 11 digits, as on your ID card")
            )
        born = _birth_date(code)
        if self.date_of_birth and born and born != self.date_of_birth:
            raise forms.ValidationError(_("The personal code does not match your date of birth"))
        return code


class SituationForm(forms.Form):
    request_type = forms.ChoiceField(
        label=_("Which describes your work best?"),
        widget=forms.RadioSelect,
        choices=[
            ("posted_employee", _("My employer sends me to work in another country for a while")),
            (
                "posted_self_employed",
                _("I go to work in another country for a while as a self-employed person"),
            ),
            ("multi_state_employee", _("I normally work as an employee in two or more countries")),
            ("multi_state_self_employed", _("I am normally self-employed in two or more countries")),
            ("employed_and_self_employed", _("I am employed in one country and self-employed in another")),
            ("civil_servant", _("I am a civil servant working in another country")),
            ("mariner", _("I work on board a ship")),
            ("flight_crew", _("I am a member of a flight or cabin crew")),
            ("contract_staff", _("I am contract staff of the EU institutions")),
            (
                "exception",
                _("I ask both countries to agree an exception (for example a posting over 24 months)"),
            ),
        ],
        error_messages={"required": _("Select which describes your work best")},
    )
    filing_for = forms.ChoiceField(
        label=_("Who are you filling in this request for?"),
        widget=forms.RadioSelect,
        choices=[
            ("self", _("For myself")),
            ("employer_representative", _("For my employer, about a worker")),
        ],
        error_messages={"required": _("Select who you are filling in this request for")},
    )

    summary_labels = {"request_type": _("Your work"), "filing_for": _("Request filled in")}


class EmployerForm(forms.Form):
    name = TextField(
        label=_("Name of your employer or business"),
        max_length=200,
        error_messages={"required": _("Enter the name of your employer or business")},
    )
    country = CountryField(
        label=_("Country where it is registered"),
        error_messages={"required": _("Select the country where it is registered")},
    )
    registration_type = forms.ChoiceField(
        label=_("Which number do you have?"),
        widget=forms.RadioSelect,
        choices=[
            ("company_code", _("Company code or registration number")),
            ("vat", _("VAT number")),
        ],
        error_messages={"required": _("Select which number you have")},
    )
    registration_number = TextField(
        label=_("The number"),
        subject=_("The company code or VAT number"),
        max_length=30,
        help_text=_("Lithuanian company codes have 9 digits. VAT numbers start with the country code."),
        error_messages={"required": _("Enter the company code or VAT number")},
    )
    address = AddressField(
        label=_("Address of your employer or business"),
        error_messages={"required": _("Enter the address of your employer or business")},
    )

    summary_labels = {
        "name": _("Name"),
        "country": _("Country of registration"),
        "registration_type": _("Type of number"),
        "registration_number": _("Number"),
        "address": _("Address"),
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number = "".join(str(cleaned.get("registration_number", "")).split()).upper().replace("-", "")
        if not number:
            return cleaned
        if cleaned.get("registration_type") == "vat":
            if not vat.is_valid(number):
                self.add_error("registration_number", _("Enter a real VAT number, like LT100001919017"))
                return cleaned
            number = vat.compact(number)
        elif cleaned.get("country") == "LT" and not (number.isdigit() and len(number) == 9):
            self.add_error("registration_number", _("Enter a Lithuanian company code: 9 digits"))
            return cleaned
        cleaned["registration_number"] = number
        return cleaned


class EmployerActivityForm(forms.Form):
    """For a posted worker: the employer must really work in the sending state (Decision A2, point 1)."""

    substantial_activity = forms.ChoiceField(
        label=_("Does your employer do a large part of its business in Lithuania?"),
        help_text=_("Not only its management or paperwork: it has clients, staff and turnover here."),
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No")), ("unknown", _("I do not know"))],
        error_messages={"required": _("Select yes if your employer does a large part of its business here")},
    )

    summary_labels = {"substantial_activity": _("A large part of its business in Lithuania")}


class EmployerTurnoverForm(forms.Form):
    """For an employer representative: the turnover share in the sending state (Decision A2, point 1)."""

    turnover_share = PercentField(
        label=_("What share of the employer's turnover was made in Lithuania in the last 12 months?"),
        help_text=_("A percentage from 0 to 100. The institution may ask for the accounts."),
        error_messages={"required": _("Enter the share of the turnover made in Lithuania")},
    )

    summary_labels = {"turnover_share": _("Share of the turnover made in Lithuania")}


class DeclarationForm(forms.Form):
    truthful = forms.BooleanField(
        label=_("I confirm that my answers are true and complete, and I will tell you about any change."),
        error_messages={"required": _("Confirm that your answers are true and complete")},
    )


class DocumentsForm(forms.Form):
    """The documents that fit the person's situation: the flow leaves out the contract with a company
    abroad for people who have none, and the residence permit for nationals of the EU, the EEA and
    Switzerland (``Step.field_conditions``)."""

    employment_contract = DocumentField(
        label=_("Your employment contract, or proof of your self-employed activity (optional)"),
        help_text=_("A PDF, JPG or PNG file, smaller than 10 MB"),
        required=False,
    )
    host_contract = DocumentField(
        label=_("The contract with the company you will work for abroad (optional)"),
        help_text=_("A PDF, JPG or PNG file, smaller than 10 MB"),
        required=False,
    )
    residence_permit = DocumentField(
        label=_("Your residence permit and visa (optional)"),
        help_text=_("A PDF, JPG or PNG file, smaller than 10 MB"),
        required=False,
    )

    summary_labels = {
        "employment_contract": _("Employment contract or proof of self-employment"),
        "host_contract": _("Contract with the company abroad"),
        "residence_permit": _("Residence permit and visa"),
    }


class OtherPersonalNumberForm(forms.Form):
    country = CountryField(
        label=_("Country"),
        error_messages={"required": _("Select the country of this number")},
    )
    number = TextField(
        label=_("Personal number in that country"),
        max_length=30,
        error_messages={"required": _("Enter the personal number")},
    )
    institution = TextField(
        label=_("Institution that gave it (optional)"),
        subject=_("Institution that gave it"),
        max_length=200,
        required=False,
    )

    def summary_value(self, item: dict[str, Any]) -> str:
        """The country, the number, and the institution when given: "Poland: 44051401359 (ZUS)"."""
        text = f"{country_name(item['country'])}: {item['number']}"
        return f"{text} ({item['institution']})" if item.get("institution") else text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        country, number = cleaned.get("country"), cleaned.get("number")
        if country and number:
            compact = personal_number_compact(country, number)
            if compact is None:
                self.add_error("number", _("Enter a real personal number of that country"))
            else:
                cleaned["number"] = compact
        return cleaned
