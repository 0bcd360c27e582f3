"""Pages every procedure shares: how we contact you, and confirming answers the institution will check."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procedures.engine.fields import CountryField
from procedures.engine.text import EmailField, TextField

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")


class ContactForm(forms.Form):
    """At least one way to reach the person, or their choice of letters by post."""

    email = EmailField(
        label=_("Email address (optional)"),
        subject=_("Email address"),
        help_text=_("We send you a confirmation and every change to your application"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address in the right format, like name@example.com")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = TextField(
        label=_("Phone number (optional)"),
        subject=_("Phone number"),
        help_text=_("For international numbers include the country code, like +370 600 00000"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    post_only = forms.BooleanField(
        label=_("I have no email address or phone: send me letters by post"), required=False
    )

    summary_labels = {
        "email": _("Email address"),
        "phone": _("Phone number"),
        "post_only": _("Letters by post only"),
    }

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE_CHARACTERS.match(phone) or not 7 <= len(digits) <= 15):
            raise forms.ValidationError(_("Enter a phone number with 7 to 15 digits, like +370 600 00000"))
        return ("+" if phone.startswith("+") else "") + digits if phone else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        no_route = not (cleaned.get("email") or cleaned.get("phone") or cleaned.get("post_only"))
        if no_route and not self.errors:
            self.add_error("email", _("Enter an email address or a phone number, or choose letters by post"))
        return cleaned


class AcknowledgeWarningsForm(forms.Form):
    """The person confirms the soft warnings that apply. What is stored names those warnings (see
    ``recorded_by_server``), so when the answers change and the warnings with them, the confirmation no
    longer holds and Send brings the person back here."""

    acknowledged = forms.BooleanField(
        label=_("I understand. Send my application, and the institution will decide."),
        error_messages={
            "required": _(
                "Confirm that you want to send your application, or go back and change your answers"
            )
        },
    )

    needs_warnings = True  # the engine passes the keys of the warnings that apply

    def __init__(self, *args: Any, warnings: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warning_list = " ".join(warnings or [])

    @property
    def confirmed_warnings_key(self) -> str:
        return self.add_prefix("confirmed")

    def recorded_by_server(self) -> dict[str, str]:
        """What the engine stores with the step besides the posted inputs: the warnings confirmed."""
        return {self.confirmed_warnings_key: self.warning_list}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        confirmed = self.data.get(self.confirmed_warnings_key) if self.is_bound else None
        if cleaned.get("acknowledged") and confirmed is not None and confirmed != self.warning_list:
            self.add_error(
                "acknowledged",
                _("Your answers have changed since you confirmed. Read the points above again and confirm."),
            )
        return cleaned


class NeedsIdentity:
    """For a page's form that reads who the person is (the eID identity, or the person a caseworker
    identified at the desk): the engine passes it, and the form keeps it as ``identity``."""

    needs_identity = True

    def __init__(self, *args: Any, identity: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.identity = identity


class SectionCompleteForm(forms.Form):
    """The last page of a task (a section of a long form): done, or to come back to later."""

    completed = forms.ChoiceField(
        label=_("Have you completed this section?"),
        widget=forms.RadioSelect,
        choices=[
            ("yes", _("Yes, I have completed this section")),
            ("no", _("No, I will come back to it later")),
        ],
        error_messages={"required": _("Select whether you have completed this section")},
    )

    summary_labels = {"completed": _("Section completed")}


class BirthDetailsForm(forms.Form):
    """The rest of the person block the other country's institution needs to find the person (the SED
    person section): what the eID does not tell us."""

    sex = forms.ChoiceField(
        label=_("Sex, as in your documents"),
        widget=forms.RadioSelect,
        choices=[("female", _("Female")), ("male", _("Male")), ("unknown", _("Not stated in my documents"))],
        error_messages={"required": _("Select your sex as in your documents")},
    )
    family_name_at_birth = TextField(
        label=_("Family name at birth, if it was different (optional)"),
        subject=_("Family name at birth"),
        max_length=200,
        required=False,
    )
    birth_town = TextField(
        label=_("Town or city of birth"),
        max_length=100,
        error_messages={"required": _("Enter the town or city where you were born")},
    )
    birth_country = CountryField(
        label=_("Country of birth"),
        anywhere=True,
        error_messages={"required": _("Select the country where you were born")},
    )
    other_nationality = CountryField(
        label=_("Another nationality, if you have one (optional)"),
        anywhere=True,
        required=False,
    )

    summary_labels = {
        "sex": _("Sex"),
        "family_name_at_birth": _("Family name at birth"),
        "other_nationality": _("Other nationality"),
    }
