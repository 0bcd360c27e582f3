"""The card rules in admin: the national rules (one row) and the card validity per insurance category.

Administrators only, whatever permissions a user has been given (as portal.applications.admin): the rules
decide who gets a card and for how long, so caseworkers do not change them. A change applies to every
draft at its next page (procedures.ehic.checks.reference_data_version).
"""

import datetime
from typing import Any

from django import forms
from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from procedures.ehic.models import CardValidityRule, EhicRules
from procedures.engine.admin import AdministratorsOnly, OneRowAdmin


@admin.register(EhicRules)
class EhicRulesAdmin(OneRowAdmin):
    """One row: it can be changed, never added a second time nor deleted (EhicRules.current() reads it)."""

    list_display = [
        "__str__",
        "self_filing_age",
        "child_age_cap",
        "minimum_validity_months",
        "prc_maximum_days",
        "instant_prc",
        "united_kingdom",
        "updated_at",
    ]
    fieldsets = [
        (_("Who applies"), {"fields": ["self_filing_age", "child_age_cap"]}),
        (_("The card"), {"fields": ["minimum_validity_months"]}),
        (_("The provisional certificate"), {"fields": ["prc_maximum_days", "instant_prc"]}),
        (_("Where the card is accepted"), {"fields": ["united_kingdom"]}),
        (_("Applications"), {"fields": ["repeat_window_days"]}),
    ]


class CardValidityRuleForm(forms.ModelForm):
    class Meta:
        model = CardValidityRule
        fields = ["category", "kind", "months", "academic_year_end_month", "academic_year_end_day"]

    def clean(self) -> dict[str, Any]:
        """A rule in months needs the months; a rule until the end of the academic year needs its last
        day, and a day that exists (the database would refuse the rest with a less helpful message)."""
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind == CardValidityRule.Kind.MONTHS and not cleaned.get("months"):
            self.add_error("months", _("Enter the number of months the card is valid for"))
        if kind == CardValidityRule.Kind.ACADEMIC_YEAR:
            month, day = cleaned.get("academic_year_end_month"), cleaned.get("academic_year_end_day")
            if not month:
                self.add_error("academic_year_end_month", _("Enter the month the academic year ends in"))
            if not day:
                self.add_error("academic_year_end_day", _("Enter the day the academic year ends on"))
            if month and day and not _a_day_of_the_year(month, day):
                self.add_error("academic_year_end_day", _("Enter a day that exists in that month"))
        return cleaned


def _a_day_of_the_year(month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(2000, month, day)  # a leap year: 29 February is a day of the year
    except ValueError:
        return None


@admin.register(CardValidityRule)
class CardValidityRuleAdmin(AdministratorsOnly):
    form = CardValidityRuleForm
    list_display = ["category", "kind", "months", "academic_year_end", "updated_at"]
    list_filter = ["kind"]

    @admin.display(description=_("academic year ends"))
    def academic_year_end(self, rule: CardValidityRule) -> str | None:
        month, day = rule.academic_year_end_month, rule.academic_year_end_day
        if rule.kind != CardValidityRule.Kind.ACADEMIC_YEAR or not month or not day:
            return None  # shown as admin's empty value
        end = _a_day_of_the_year(month, day)
        return date_format(end, "MONTH_DAY_FORMAT") if end else f"{day}/{month}"
