"""The A1 request's pages about the work itself: the posting and its places of work, earlier postings,
self-employment, the split of work between states, the exception and the special cases."""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from procedures.applicable_legislation.rules import (
    POSTING_TYPES,
    place_of_work_allowed,
    shares_add_up,
)
from procedures.engine.dates import DateField, PeriodInOrderMixin, add_months
from procedures.engine.fields import CountryField, PercentField, YesNoField, country_name
from procedures.engine.repeatable import RepeatableFormSet
from procedures.engine.summary import date_display
from procedures.engine.text import CharacterCountTextarea, TextField


def _host_country_abroad(country: str) -> str:
    """The work abroad must be in another country than the one whose legislation is asked for."""
    if country == settings.PORTAL_COUNTRY:
        raise forms.ValidationError(_("Select the other country you will work in, not Lithuania"))
    return country


class PostingForm(PeriodInOrderMixin, forms.Form):
    host_country = CountryField(
        label=_("Which country will you work in?"),
        error_messages={"required": _("Select the country you will work in")},
    )
    start = DateField(
        label=_("When does the work abroad start?"),
        subject=_("The date the work abroad starts"),
        example=lambda today: add_months(today.replace(day=1), 3),
        error_messages={"required": _("Enter the date the work abroad starts")},
    )
    end = DateField(
        label=_("When does it end?"),
        subject=_("The date the work abroad ends"),
        example=lambda today: add_months(today.replace(day=1), 15) - datetime.timedelta(days=1),
        error_messages={"required": _("Enter the date the work abroad ends")},
    )
    replacing = YesNoField(
        label=_("Are you being sent to replace another worker who was posted there?"),
        error_messages={"required": _("Select yes if you replace another posted worker")},
    )
    wages_paid_by_employer = YesNoField(
        label=_("Will your employer here keep paying your wages?"),
        error_messages={"required": _("Select yes if your employer keeps paying you")},
    )
    insured_before = YesNoField(
        label=_("Were you insured in Lithuania for at least a month before the work abroad?"),
        error_messages={"required": _("Select yes if you were insured before")},
    )

    summary_labels = {
        "host_country": _("Country"),
        "start": _("Start date"),
        "end": _("End date"),
        "replacing": _("Replacing another posted worker"),
        "wages_paid_by_employer": _("Your employer here keeps paying your wages"),
        "insured_before": _("Insured in Lithuania for at least a month before the work abroad"),
    }

    def clean_host_country(self) -> str:
        return _host_country_abroad(self.cleaned_data["host_country"])


class WorkShareForm(forms.Form):
    """One country of a multi-state worker's next 12 months (Art. 14(8) and (10) 987/2009)."""

    country = CountryField(
        label=_("Country"),
        error_messages={"required": _("Select the country")},
    )
    employers = TextField(
        label=_("Your employers or clients there"),
        help_text=_("Their names, separated by commas. Write 'self-employed' for your own business."),
        max_length=300,
        error_messages={"required": _("Enter your employers or clients in this country")},
    )
    working_time = PercentField(
        label=_("Share of your working time there (%)"),
        error_messages={"required": _("Enter the share of your working time in this country")},
    )
    pay = PercentField(
        label=_("Share of your pay or income from there (%)"),
        error_messages={"required": _("Enter the share of your pay or income from this country")},
    )

    def summary_value(self, item: dict[str, Any]) -> str:
        """The shares after the country ("Lithuania — 70% of working time, 70% of pay"), then the
        employers on a line of their own."""
        shares = format_lazy(
            _("{country} — {time}% of working time, {pay}% of pay"),
            country=country_name(item["country"]),
            time=item["working_time"],
            pay=item["pay"],
        )
        return f"{shares}\n{item['employers']}"


class WorkSplitFormSet(RepeatableFormSet):
    """Every country once; the shares of working time and of pay each add up to about 100%."""

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        items = self.valid_items()
        countries = [item["country"] for item in items]
        if len(set(countries)) != len(countries):
            raise forms.ValidationError(
                _("Add each country once, with all your work there"), code="duplicate"
            )
        for key, message in (
            (
                "working_time",
                _("The shares of your working time add up to %(total)s%%. Make them add up to 100%%."),
            ),
            ("pay", _("The shares of your pay add up to %(total)s%%. Make them add up to 100%%.")),
        ):
            total = sum(item[key] for item in items)
            if items and not shares_add_up([item[key] for item in items]):
                raise forms.ValidationError(message, code="shares", params={"total": total})


class PlaceOfWorkForm(forms.Form):
    """One place of work abroad; it must be where the person is posted to (the posting's country)."""

    needs_answers = True  # the engine passes the answers before this page: the posting's country

    country = CountryField(
        label=_("Country"),
        error_messages={"required": _("Select the country of this place of work")},
    )
    company = TextField(
        label=_("Company or client you will work for there"),
        max_length=200,
        error_messages={"required": _("Enter the company or client")},
    )
    address = TextField(
        label=_("Address of the place of work"),
        max_length=300,
        required=False,
        help_text=_("Leave empty if you have no fixed place of work"),
    )

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers = answers or {}

    def summary_value(self, item: dict[str, Any]) -> str:
        """The company and the country ("Bau GmbH, Germany"), then the address when there is one."""
        lines = [f"{item['company']}, {country_name(item['country'])}", item.get("address", "")]
        return "\n".join(line for line in lines if line)

    def clean_country(self) -> str:
        country = self.cleaned_data["country"]
        request_type = self.answers.get("situation", {}).get("request_type", "")
        host_country = self.answers.get("posting", {}).get("host_country", "")
        allowed = place_of_work_allowed(
            country=country,
            request_type=request_type,
            host_country=host_country,
            sending_state=settings.PORTAL_COUNTRY,
        )
        if allowed:
            return country
        if request_type in POSTING_TYPES:
            raise forms.ValidationError(
                format_lazy(
                    _("A place of work must be in the country you are posted to: {country}"),
                    country=country_name(host_country),
                )
            )
        raise forms.ValidationError(_("Select a country outside Lithuania for a place of work abroad"))


class EarlierPostingForm(PeriodInOrderMixin, forms.Form):
    country = CountryField(
        label=_("Country"),
        error_messages={"required": _("Select the country of the earlier posting")},
    )
    start = DateField(
        label=_("From"),
        subject=_("The date the earlier posting started"),
        error_messages={"required": _("Enter the date the earlier posting started")},
    )
    end = DateField(
        label=_("To"),
        subject=_("The date the earlier posting ended"),
        error_messages={"required": _("Enter the date the earlier posting ended")},
    )

    def summary_value(self, item: dict[str, Any]) -> str:
        """The country and the period: "Germany: 1 March 2025 to 28 February 2026"."""
        return str(
            format_lazy(
                _("{country}: {start} to {end}"),
                country=country_name(item["country"]),
                start=date_display(item["start"]),
                end=date_display(item["end"]),
            )
        )


class SelfEmployedForm(forms.Form):
    since = DateField(
        label=_("When did you start working as a self-employed person?"),
        subject=_("The date you started working as self-employed"),
        example=lambda today: add_months(today.replace(day=15), -26),
        error_messages={"required": _("Enter the date you started working as self-employed")},
    )

    summary_labels = {"since": _("Self-employed since")}


class SpecialCaseForm(forms.Form):
    """Art. 11(3)-(5), 13(4) and 15 883/2004: what decides the applicable legislation in each case."""

    vessel = TextField(
        label=_("Name of the ship (mariners)"), subject=_("Name of the ship"), max_length=200, required=False
    )
    flag_state = CountryField(label=_("Flag state of the ship (mariners)"), required=False)
    home_base = TextField(
        label=_("Home base (flight and cabin crew)"),
        subject=_("Home base"),
        max_length=200,
        required=False,
        help_text=_("The airport where your duty periods usually start and end"),
    )
    administration = TextField(
        label=_("Administration or EU institution you work for (civil servants, contract staff)"),
        subject=_("Administration or EU institution"),
        max_length=200,
        required=False,
    )

    summary_labels = {
        "vessel": _("Name of the ship"),
        "flag_state": _("Flag state of the ship"),
        "home_base": _("Home base"),
        "administration": _("Administration or EU institution"),
    }


class ExceptionRequestForm(PeriodInOrderMixin, forms.Form):
    """Art. 16 883/2004: both states may agree that the legislation of one applies, usually to let a
    posting continue beyond 24 months."""

    host_country = CountryField(
        label=_("Which country will you work in?"),
        error_messages={"required": _("Select the country you will work in")},
    )
    start = DateField(
        label=_("From when do you ask for the exception?"),
        subject=_("The date the exception should start"),
        error_messages={"required": _("Enter the date the exception should start")},
    )
    end = DateField(
        label=_("Until when?"),
        subject=_("The date the exception should end"),
        error_messages={"required": _("Enter the date the exception should end")},
    )
    reasons = TextField(
        label=_("Why do you ask for it?"),
        subject=_("The reasons for the exception"),
        help_text=_(
            "For example: the project abroad takes longer than planned, and you have special knowledge"
        ),
        widget=CharacterCountTextarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Tell us why you ask for the exception")},
    )

    summary_labels = {
        "host_country": _("Country"),
        "start": _("From"),
        "end": _("Until"),
        "reasons": _("Reasons"),
    }

    def clean_host_country(self) -> str:
        return _host_country_abroad(self.cleaned_data["host_country"])
