"""The caseworker's pages before the procedure: who the person is, who signs for them, how to reach them."""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.lt import asmens

from procedures.engine.dates import DateField
from procedures.engine.fields import AddressField
from procedures.engine.forms import PHONE_CHARACTERS
from procedures.engine.personal_numbers import personal_number_compact
from procedures.engine.text import EmailField, TextField

DOCUMENT_TYPES = [
    ("id_card", _("Identity card")),
    ("passport", _("Passport")),
    ("residence_permit", _("Residence permit")),
]


class IdentifyForm(forms.Form):
    title = _("Who are you applying for?")

    given_name = TextField(
        label=_("Given names"),
        max_length=100,
        error_messages={"required": _("Enter the person's given names")},
    )
    family_name = TextField(
        label=_("Family name"),
        max_length=100,
        error_messages={"required": _("Enter the person's family name")},
    )
    date_of_birth = DateField(
        label=_("Date of birth"),
        subject=_("The date of birth"),
        error_messages={"required": _("Enter the person's date of birth")},
    )
    personal_code = TextField(
        label=_("Lithuanian personal code (asmens kodas)"),
        subject=_("The personal code"),
        help_text=_("11 digits, as in the identity document"),
        max_length=20,
        error_messages={"required": _("Enter the person's Lithuanian personal code")},
    )
    document_type = forms.ChoiceField(
        label=_("Identity document you saw"),
        widget=forms.RadioSelect,
        choices=DOCUMENT_TYPES,
        error_messages={"required": _("Select the identity document you saw")},
    )
    document_number = TextField(
        label=_("Document number"),
        max_length=30,
        error_messages={"required": _("Enter the number of the identity document")},
    )
    document_expiry = DateField(
        label=_("Document valid until"),
        subject=_("The document's expiry date"),
        help_text=_("An expired document does not stop the application: it is sent with a note"),
        error_messages={"required": _("Enter the date the identity document expires")},
    )
    seen_original = forms.BooleanField(
        label=_("I have seen the original document and the person in it is the person in front of me"),
        error_messages={"required": _("Confirm that you have seen the original identity document")},
    )

    def clean_date_of_birth(self) -> datetime.date | None:
        born = self.cleaned_data["date_of_birth"]
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth must be today or in the past"))
        return born

    def clean_document_number(self) -> str:
        return "".join(self.cleaned_data["document_number"].split()).upper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        typed = cleaned.get("personal_code")
        if not typed:
            return cleaned
        code = personal_number_compact("LT", typed)
        if code is None:
            self.add_error("personal_code", _("Enter a real Lithuanian personal code: 11 digits"))
            return cleaned
        try:
            in_code: datetime.date | None = asmens.get_birth_date(code)
        except ValueError:  # stdnum's InvalidComponent: a code without a date of birth in it
            in_code = None
        born = cleaned.get("date_of_birth")
        if born and in_code and born != in_code:
            self.add_error("personal_code", _("The personal code does not match the date of birth"))
        cleaned["personal_code"] = code
        return cleaned


class RepresentativeForm(forms.Form):
    """Someone who signs for the person: a parent of a child, a guardian, or a person they authorised."""

    title = _("Who signs the application?")

    basis = forms.ChoiceField(
        label=_("Does someone sign the application for the person?"),
        widget=forms.RadioSelect,
        choices=[
            ("", _("No, the person signs it")),
            ("parent", _("Yes, a parent (for a child)")),
            ("guardian", _("Yes, a guardian")),
            ("authorised", _("Yes, a person they authorised")),
        ],
        required=False,
    )
    given_name = TextField(label=_("Given names of the person who signs"), max_length=100, required=False)
    family_name = TextField(label=_("Family name of the person who signs"), max_length=100, required=False)
    document = TextField(
        label=_("Their identity document and proof of the right to sign"),
        help_text=_("For example: identity card 12345678; court decision of 3 May 2024"),
        max_length=200,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("basis"):
            for name, message in (
                ("given_name", _("Enter the given names of the person who signs")),
                ("family_name", _("Enter the family name of the person who signs")),
                ("document", _("Enter the identity document and the proof of the right to sign")),
            ):
                if not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned


class ContactForm(forms.Form):
    title = _("How can we reach the person?")

    address = AddressField(
        label=_("Postal address"),
        help_text=_("Letters about the application go here when there is no e-mail address"),
        error_messages={"required": _("Enter the person's postal address")},
    )
    email = EmailField(
        label=_("E-mail address (optional)"),
        subject=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address in the right format, like name@example.com")},
    )
    phone = TextField(
        label=_("Phone number (optional)"), subject=_("Phone number"), max_length=30, required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the letters and of the declaration to sign"),
        widget=forms.RadioSelect,
        choices=[(code, name) for code, name in settings.LANGUAGES],
        error_messages={"required": _("Select the language of the letters")},
    )

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and not PHONE_CHARACTERS.match(phone):
            raise forms.ValidationError(_("Enter a phone number with 7 to 15 digits, like +370 600 00000"))
        return phone


class ProcedureChoiceForm(forms.Form):
    title = _("What is the application for?")

    procedure = forms.ChoiceField(
        label=_("What does the person want to apply for?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the person wants to apply for")},
    )

    def __init__(self, *args: Any, procedures: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = procedures  # type: ignore[attr-defined]
