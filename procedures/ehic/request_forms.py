"""The card application's pages about what the person needs: a card, a replacement or a provisional
certificate, and how it reaches them; then the declarations."""

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.institutions.selectors import offices_open_to_the_public
from procedures.ehic.answers import insurance, request_kind
from procedures.ehic.models import EhicRules
from procedures.ehic.rules import prc_problems
from procedures.engine.dates import ALL_PARTS, DateField
from procedures.engine.fields import AddressField, CountryField, YesNoField
from procedures.engine.summary import date_display
from procedures.engine.text import TextField

INSTITUTION = "vlk"
CARD_NUMBER = re.compile(r"^[0-9]{20}$")


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you need?"),
        widget=forms.RadioSelect,
        choices=[
            ("first_card", _("A card")),
            ("replacement", _("A new card to replace one that was lost, stolen, damaged or has expired")),
            (
                "prc",
                _("A provisional certificate, because healthcare abroad is needed before a card can arrive"),
            ),
        ],
        error_messages={"required": _("Select what you need")},
    )

    summary_labels = {"kind": _("You asked for")}


def _card_number(typed: str) -> str:
    number = re.sub(r"[\s-]", "", typed or "")
    if number and not CARD_NUMBER.match(number):
        raise forms.ValidationError(_("Enter the card number as on the back of the card: 20 digits"))
    return number


class ReplacementForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What happened to the card?"),
        widget=forms.RadioSelect,
        choices=[
            ("lost", _("It was lost")),
            ("stolen", _("It was stolen")),
            ("damaged", _("It is damaged")),
            ("expired", _("It has expired or will expire soon")),
        ],
        error_messages={"required": _("Select what happened to the card")},
    )
    card_number = TextField(
        label=_("The card's number, if you know it (optional)"),
        subject=_("The card's number"),
        help_text=_("20 digits, on the back of the card"),
        max_length=30,
        required=False,
    )

    summary_labels = {"reason": _("Reason for a new card"), "card_number": _("Card number")}

    def clean_card_number(self) -> str:
        return _card_number(self.cleaned_data["card_number"])


class PrcStayForm(forms.Form):
    state_of_stay = CountryField(
        label=_("Which country are you staying in, or going to?"),
        anywhere=True,
        error_messages={"required": _("Select the country of the stay")},
    )
    stay_from = DateField(
        label=_("First day of the stay"),
        subject=_("The first day of the stay"),
        example=lambda today: today + datetime.timedelta(days=7),
        error_messages={"required": _("Enter the first day of the stay")},
    )
    stay_to = DateField(
        label=_("Last day of the stay"),
        subject=_("The last day of the stay"),
        example=lambda today: today + datetime.timedelta(days=21),
        error_messages={"required": _("Enter the last day of the stay")},
    )
    there_now = YesNoField(
        label=_("Is the person the certificate is for in that country now?"),
        error_messages={"required": _("Select yes if the person the certificate is for is there now")},
    )

    summary_labels = {
        "state_of_stay": _("Country of the stay"),
        "stay_from": _("Stay from"),
        "stay_to": _("Stay until"),
        "there_now": _("In that country now"),
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("stay_from"), cleaned.get("stay_to")
        if start and end and end < start:
            self.fields["stay_to"].widget.error_parts = ALL_PARTS
            self.add_error(
                "stay_to", _("The last day of the stay must be the same as or after the first day")
            )
        return cleaned


class PrcValidityForm(forms.Form):
    """The certificate's validity: within the stay, the insurance and the longest validity allowed; a
    start in the past is allowed (care already received) and travels as a warning."""

    reason = forms.ChoiceField(
        label=_("Why do you need a certificate now?"),
        widget=forms.RadioSelect,
        choices=[
            ("treatment", _("Treatment is needed now, or was already received")),
            ("card_not_in_time", _("The card will not arrive in time")),
            ("insurance_ends_soon", _("The insurance ends soon, so a card cannot be issued")),
        ],
        error_messages={"required": _("Select why you need a certificate now")},
    )
    valid_from = DateField(
        label=_("Certificate valid from"),
        subject=_("The first day of the certificate"),
        help_text=_("It can be a day in the past if treatment was already received"),
        error_messages={"required": _("Enter the first day the certificate should be valid")},
    )
    valid_to = DateField(
        label=_("Certificate valid until"),
        subject=_("The last day of the certificate"),
        error_messages={"required": _("Enter the last day the certificate should be valid")},
    )
    card_number = TextField(
        label=_("Your card's number, if you have a card (optional)"),
        subject=_("The card's number"),
        help_text=_("20 digits, on the back of the card"),
        max_length=30,
        required=False,
    )

    needs_answers = True
    summary_labels = {
        "reason": _("Why a certificate now"),
        "valid_from": _("Certificate valid from"),
        "valid_to": _("Certificate valid until"),
        "card_number": _("Card number"),
    }

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.stay = answers.get("prc_stay", {})
        self.insured_until: datetime.date | None = insurance(answers).get("insured_until")
        self.maximum_days = EhicRules.current().prc_maximum_days
        self.lead = [self._limits()] if self.stay else []

    def _limits(self) -> str:
        text = ngettext(
            "The certificate can be valid for at most %(days)s day, within the stay (%(start)s to %(end)s).",
            "The certificate can be valid for at most %(days)s days, within the stay (%(start)s to %(end)s).",
            self.maximum_days,
        ) % {
            "days": self.maximum_days,
            "start": date_display(self.stay["stay_from"]),
            "end": date_display(self.stay["stay_to"]),
        }
        if self.insured_until:
            text += " " + str(_("It cannot last beyond the end of the insurance, %(date)s.")) % {
                "date": date_display(self.insured_until)
            }
        return text

    def clean_card_number(self) -> str:
        return _card_number(self.cleaned_data["card_number"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if not (start and end and self.stay):
            return cleaned
        problems = prc_problems(
            valid_from=start,
            valid_to=end,
            stay_from=self.stay["stay_from"],
            stay_to=self.stay["stay_to"],
            insured_until=self.insured_until,
            maximum_days=self.maximum_days,
        )
        messages = {
            "ends_before_it_starts": _("The last day must be the same as or after the first day"),
            "outside_the_stay": _("The certificate must be valid only within the dates of the stay"),
            "after_insurance_ends": _("The certificate cannot be valid after the insurance ends on %(date)s"),
            "too_long": _("The certificate can be valid for at most %(days)s days"),
        }
        for problem in problems:
            message = str(messages[problem]) % {
                "date": date_display(self.insured_until) if self.insured_until else "",
                "days": self.maximum_days,
            }
            field = (
                "valid_from"
                if problem == "outside_the_stay" and start < self.stay["stay_from"]
                else "valid_to"
            )
            self.fields[field].widget.error_parts = ALL_PARTS
            self.add_error(field, message)
        return cleaned


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How do you want to get it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you want to get it")},
    )

    needs_answers = True
    summary_labels = {"method": _("How you get it")}

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            ("office", _("Collect it at an office")),
            ("post", _("By post to an address in Lithuania")),
        ]
        if request_kind(answers or {}) == "prc":
            choices.insert(0, ("electronic", _("As a PDF file here, to print or show on a phone")))
        self.fields["method"].choices = choices  # type: ignore[attr-defined]


def office_choices() -> list[tuple[str, str]]:
    offices = offices_open_to_the_public().filter(institution__code=INSTITUTION)
    return [
        (office.code, f"{office.name}, {office.address}" if office.address else office.name)
        for office in offices
    ]


class OfficeForm(forms.Form):
    office = forms.ChoiceField(
        label=_("Which office will you collect it from?"),
        widget=forms.RadioSelect,
        choices=office_choices,
        error_messages={
            "required": _("Select the office you will collect it from"),
            "invalid_choice": _("Select the office you will collect it from"),
        },
    )

    summary_labels = {"office": _("Office")}


class PostAddressForm(forms.Form):
    address = AddressField(
        label=_("The address to send it to"),
        help_text=_("An address in Lithuania"),
        error_messages={"required": _("Enter the address to send it to")},
    )

    summary_labels = {"address": _("Postal address")}

    def clean_address(self) -> dict[str, str] | None:
        address = self.cleaned_data["address"]
        if address and address.get("country") != "LT":
            raise forms.ValidationError(_("We can only post it to an address in Lithuania"))
        return address


class DeclarationForm(forms.Form):
    truthful = forms.BooleanField(
        label=_(
            "My answers are true and complete, and I will tell the health insurance fund about any change."
        ),
        error_messages={"required": _("Confirm that your answers are true and complete")},
    )
    liable = forms.BooleanField(
        label=_(
            "I understand that if the card or certificate is used when the person is not insured here, "
            "the cost of the treatment must be paid back."
        ),
        error_messages={"required": _("Confirm that you understand the cost must be paid back")},
    )
    not_identity = forms.BooleanField(
        label=_("I understand that the card is not an identity document."),
        error_messages={"required": _("Confirm that you understand the card is not an identity document")},
    )

    summary_labels = {"truthful": _("Answers true"), "liable": _("Costs"), "not_identity": _("Identity")}
