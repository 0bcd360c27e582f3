"""The claim's pages about the person's history: periods abroad and the record they make, children,
other pensions and benefits, and the family (where the amount depends on it)."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from procedures.engine.dates import DateField, PeriodInOrderMixin
from procedures.engine.fields import CountryField, YesNoField, country_name
from procedures.engine.forms import NeedsIdentity
from procedures.engine.summary import date_display
from procedures.engine.text import CharacterCountTextarea, TextField
from procedures.pension import answers as read
from procedures.pension.numbers import pension_number_compact
from procedures.pension.periods import InsuredTime, PeriodKind, Scope, insured_time


class WorkedAbroadForm(forms.Form):
    worked_abroad = YesNoField(
        label=_("Have you ever worked, lived or been insured in another country?"),
        help_text=_("Include work, self-employment, military service, studies and time raising children"),
        error_messages={"required": _("Select yes if you have ever worked, lived or been insured abroad")},
    )

    summary_labels = {"worked_abroad": _("Insured in another country")}


class PeriodForm(NeedsIdentity, PeriodInOrderMixin, forms.Form):
    """One period of insurance abroad. A period that starts before the person's birth must be corrected;
    the other checks (overlaps, a young age, a country without an agreement) are on the record page."""

    country = CountryField(
        label=_("Country"), anywhere=True, error_messages={"required": _("Select the country of this period")}
    )
    start = DateField(
        label=_("From"),
        subject=_("The date this period started"),
        error_messages={"required": _("Enter the date this period started")},
    )
    end = DateField(
        label=_("To (leave empty if it is still going on)"),
        subject=_("The date this period ended"),
        required=False,
        error_messages={"required": _("Enter the date this period ended")},
    )
    kind = forms.ChoiceField(
        label=_("What were you doing?"),
        choices=[("", _("Select")), *PeriodKind.choices],
        error_messages={"required": _("Select what you were doing in this period")},
    )
    employer = TextField(
        label=_("Employer's name, if you were employed (optional)"), required=False, max_length=200
    )
    employer_address = TextField(label=_("Employer's address (optional)"), required=False, max_length=300)
    institution = TextField(
        label=_("The pension or social security institution there, if you know it (optional)"),
        required=False,
        max_length=200,
    )
    number = TextField(label=_("Your number at that institution (optional)"), required=False, max_length=40)

    summary_labels = {
        "end": _("To"),
        "kind": _("Activity"),
        "employer": _("Employer"),
        "employer_address": _("Employer's address"),
        "institution": _("Institution"),
        "number": _("Number"),
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, country, number = cleaned.get("start"), cleaned.get("country"), cleaned.get("number")
        born = getattr(self.identity, "date_of_birth", None)
        if start and born and start < born:
            self.add_error("start", _("This period starts before your date of birth. Check the dates"))
        if country and number:
            compact = pension_number_compact(country, number)
            if compact is None:
                self.add_error(
                    "number", _("This is not a valid number for that country. Check it and try again")
                )
            else:
                cleaned["number"] = compact
        return cleaned

    @staticmethod
    def summary_value(item: dict[str, Any]) -> str:
        end = item.get("end")
        lines = [
            f"{country_name(item.get('country', ''))}: {date_display(item['start'])} \N{EN DASH} "
            + (date_display(end) if isinstance(end, datetime.date) else str(_("still going on"))),
            str(dict(PeriodKind.choices).get(item.get("kind", ""), "")),
        ]
        lines += [
            str(item[name])
            for name in ("employer", "employer_address", "institution", "number")
            if item.get(name)
        ]
        return "\n".join(line for line in lines if line)


def duration_text(time: InsuredTime) -> str:
    """ "7 years and 3 months" (days only for a time under a month)."""
    parts = []
    if time.years:
        parts.append(ngettext("%(count)d year", "%(count)d years", time.years) % {"count": time.years})
    if time.months:
        parts.append(ngettext("%(count)d month", "%(count)d months", time.months) % {"count": time.months})
    if not parts:
        days = max(time.extra_days, 1)
        parts.append(ngettext("%(count)d day", "%(count)d days", days) % {"count": days})
    return str(_(" and ")).join(parts)


class RecordForm(forms.Form):
    """The person checks how long they were insured in each state, as their periods add up."""

    right = forms.ChoiceField(
        label=_("Is this right?"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No, something is missing or wrong"))],
        error_messages={"required": _("Select yes if your insurance abroad is shown right")},
    )
    differences = TextField(
        label=_("If something is missing or wrong, tell us what (optional)"),
        subject=_("What is missing or wrong"),
        help_text=_("You can also go back and change your periods"),
        required=False,
        max_length=1000,
        widget=CharacterCountTextarea(attrs={"rows": 3}),
    )

    needs_answers = True
    findings_source = _("Your insurance abroad, as your periods add up")
    summary_labels = {
        "right": _("Insurance abroad shown right"),
        "differences": _("What is missing or wrong"),
    }

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        found = read.record(answers or {})
        counted = found.counted()
        self.findings: list[tuple[Any, str]] = []
        for state, time in insured_time(counted).items():
            scope = Scope.BILATERAL if state in found.bilateral else Scope.COORDINATION
            self.findings.append(
                (
                    country_name(state),
                    _("You were insured there for %(time)s") % {"time": duration_text(time)}
                    if scope == Scope.COORDINATION
                    else _(
                        "You were insured there for %(time)s. An agreement between the two countries applies"
                    )
                    % {"time": duration_text(time)},
                )
            )
        self.lead: list[Any] = [finding.message() for finding in found.check.findings]
        if found.states(Scope.BILATERAL):
            self.lead.append(
                _(
                    "For a country with which we have an agreement on social security, the agreement's own "
                    "rules apply: your claim date here does not count there, and it may take longer."
                )
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("right") == "yes":
            cleaned["differences"] = ""
        return cleaned


class RaisedChildrenForm(forms.Form):
    raised_children = YesNoField(
        label=_("Did you raise any children?"),
        help_text=_("Time spent raising children can count towards your pension"),
        error_messages={"required": _("Select yes if you raised any children")},
    )

    summary_labels = {"raised_children": _("Raised children")}


class ChildForm(PeriodInOrderMixin, forms.Form):
    given_name = TextField(
        label=_("Child's first name"),
        max_length=100,
        error_messages={"required": _("Enter the child's first name")},
    )
    family_name = TextField(
        label=_("Child's last name"),
        max_length=100,
        error_messages={"required": _("Enter the child's last name")},
    )
    date_of_birth = DateField(
        label=_("Child's date of birth"),
        subject=_("The child's date of birth"),
        error_messages={"required": _("Enter the child's date of birth")},
    )
    country = CountryField(
        label=_("Country where you raised the child"),
        anywhere=True,
        error_messages={"required": _("Select the country where you raised the child")},
    )
    start = DateField(
        label=_("You cared for the child from (optional)"),
        subject=_("The date you started caring for the child"),
        required=False,
    )
    end = DateField(label=_("Until (optional)"), subject=_("The date your care ended"), required=False)

    summary_labels = {"start": _("Care from"), "end": _("Care until")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        born, start = cleaned.get("date_of_birth"), cleaned.get("start")
        if born and start and start < born:
            self.add_error("start", _("Care cannot start before the child was born"))
        return cleaned

    @staticmethod
    def summary_value(item: dict[str, Any]) -> str:
        lines = [
            f"{item.get('given_name', '')} {item.get('family_name', '')}",
            date_display(item["date_of_birth"]) if item.get("date_of_birth") else "",
            country_name(item.get("country", "")),
        ]
        if item.get("start"):
            end = item.get("end")
            lines.append(
                f"{date_display(item['start'])} \N{EN DASH} {date_display(end) if end else ''}".strip(
                    " \N{EN DASH}"
                )
            )
        return "\n".join(line for line in lines if line)


class OtherBenefitsQuestionForm(forms.Form):
    other_benefits = YesNoField(
        label=_("Do you get, or have you claimed, any other pension or benefit, in any country?"),
        help_text=_("For example an invalidity or survivor's pension, or sickness or unemployment benefit"),
        error_messages={"required": _("Select yes if you get or have claimed another pension or benefit")},
    )

    summary_labels = {"other_benefits": _("Other pensions or benefits")}


class OtherBenefitForm(forms.Form):
    country = CountryField(
        label=_("Country"), anywhere=True, error_messages={"required": _("Select the country that pays it")}
    )
    kind = forms.ChoiceField(
        label=_("What kind of benefit?"),
        choices=[
            ("", _("Select")),
            ("old_age", _("Old-age pension")),
            ("invalidity", _("Invalidity or disability pension")),
            ("survivor", _("Survivor's or widow's pension")),
            ("sickness", _("Sickness benefit")),
            ("unemployment", _("Unemployment benefit")),
            ("other", _("Another benefit")),
        ],
        error_messages={"required": _("Select what kind of benefit it is")},
    )
    status = forms.ChoiceField(
        label=_("Do you get it, or have you claimed it?"),
        widget=forms.RadioSelect,
        choices=[("received", _("I get it")), ("claimed", _("I have claimed it"))],
        error_messages={"required": _("Select whether you get it or have claimed it")},
    )
    institution = TextField(label=_("Institution that pays it (optional)"), required=False, max_length=200)

    summary_labels = {"kind": _("Benefit"), "status": _("Status"), "institution": _("Institution")}


class PartnerQuestionForm(forms.Form):
    partner = YesNoField(
        label=_("Do you have a spouse or registered partner?"),
        help_text=_("Some supplements to a pension depend on your spouse or partner"),
        error_messages={"required": _("Select yes if you have a spouse or registered partner")},
    )

    summary_labels = {"partner": _("Spouse or partner")}


class PartnerForm(forms.Form):
    given_name = TextField(
        label=_("First name"), max_length=100, error_messages={"required": _("Enter their first name")}
    )
    family_name = TextField(
        label=_("Last name"), max_length=100, error_messages={"required": _("Enter their last name")}
    )
    date_of_birth = DateField(
        label=_("Date of birth"),
        subject=_("Their date of birth"),
        error_messages={"required": _("Enter their date of birth")},
    )
    own_pension = YesNoField(
        label=_("Do they get a pension of their own?"),
        error_messages={"required": _("Select yes if they get a pension of their own")},
    )

    summary_labels = {
        "given_name": _("Partner's first name"),
        "family_name": _("Partner's last name"),
        "date_of_birth": _("Partner's date of birth"),
        "own_pension": _("Partner has a pension"),
    }
