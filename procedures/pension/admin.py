"""The pension rules in admin: the claim's settings (one row) and the pension age per state by date of
birth. Administrators only, whatever permissions a user has been given (as procedures.ehic.admin): the
rules decide whether a claim goes on, so caseworkers do not change them."""

import datetime
from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from procedures.engine.admin import AdministratorsOnly, OneRowAdmin
from procedures.pension.models import PensionAgeRule, PensionSettings


@admin.register(PensionSettings)
class PensionSettingsAdmin(OneRowAdmin):
    """One row: it can be changed, never added a second time nor deleted (PensionSettings.current())."""

    list_display = [
        "__str__",
        "advance_window_months",
        "minimum_period_age",
        "united_kingdom",
        "bilateral_states",
        "pre_retirement_scheme",
        "family_supplements",
        "updated_at",
    ]
    fieldsets = [
        (_("Pension age"), {"fields": ["advance_window_months"]}),
        (_("Insurance periods"), {"fields": ["minimum_period_age", "united_kingdom", "bilateral_states"]}),
        (_("Benefits"), {"fields": ["pre_retirement_scheme", "family_supplements"]}),
    ]


class PensionAgeRuleForm(forms.ModelForm):
    class Meta:
        model = PensionAgeRule
        fields = [
            "state",
            "sex",
            "born_from",
            "born_to",
            "years",
            "months",
            "early_years",
            "early_months",
            "reached_on",
            "note",
        ]

    def clean(self) -> dict[str, Any]:
        """Dates of birth in order and not covered by another row for the same people; an early age
        complete and lower than the age (the database would refuse some of it less helpfully)."""
        cleaned = super().clean() or {}
        born_from, born_to = cleaned.get("born_from"), cleaned.get("born_to")
        if born_from and born_to and born_to < born_from:
            self.add_error("born_to", _("Enter a date the same as or after the earliest date of birth"))
        self._clean_early_age(cleaned)
        if not self.errors and cleaned.get("state"):
            clash = self._overlapping_row(cleaned)
            if clash is not None:
                self.add_error(
                    None,
                    _("Another row already gives an age to some of these people: %(row)s") % {"row": clash},
                )
        return cleaned

    def _clean_early_age(self, cleaned: dict[str, Any]) -> None:
        early_years, early_months = cleaned.get("early_years"), cleaned.get("early_months")
        if early_years is None:
            if early_months is not None:
                self.add_error("early_years", _("Enter the years of the early pension age"))
            return
        if early_months is None:
            cleaned["early_months"] = early_months = 0
        years, months = cleaned.get("years"), cleaned.get("months") or 0
        if years is not None and (early_years, early_months) >= (years, months):
            self.add_error("early_years", _("The early pension age must be lower than the pension age"))

    def _overlapping_row(self, cleaned: dict[str, Any]) -> PensionAgeRule | None:
        same_people = PensionAgeRule.objects.filter(state=cleaned["state"], sex=cleaned.get("sex", ""))
        if self.instance.pk:
            same_people = same_people.exclude(pk=self.instance.pk)
        start = cleaned.get("born_from") or datetime.date.min
        end = cleaned.get("born_to") or datetime.date.max
        for row in same_people:
            if (row.born_from or datetime.date.min) <= end and start <= (row.born_to or datetime.date.max):
                return row
        return None


@admin.register(PensionAgeRule)
class PensionAgeRuleAdmin(AdministratorsOnly):
    form = PensionAgeRuleForm
    list_display = ["state", "sex", "births", "age", "early_age", "reached_on", "note"]
    list_filter = ["state", "sex"]
    search_fields = ["note"]
    fieldsets = [
        (_("Who"), {"fields": ["state", "sex", "born_from", "born_to"]}),
        (_("Pension age"), {"fields": ["years", "months", "early_years", "early_months", "reached_on"]}),
        (_("Source"), {"fields": ["note"]}),
    ]

    @admin.display(description=_("born"))
    def births(self, rule: PensionAgeRule) -> str:
        return rule.births()

    @admin.display(description=_("pension age"))
    def age(self, rule: PensionAgeRule) -> str:
        return _years_and_months(rule.years, rule.months)

    @admin.display(description=_("early pension age"))
    def early_age(self, rule: PensionAgeRule) -> str | None:
        if rule.early_years is None:
            return None  # shown as admin's empty value
        return _years_and_months(rule.early_years, rule.early_months or 0)


def _years_and_months(years: int, months: int) -> str:
    return str(_("%(years)s y %(months)s m") % {"years": years, "months": months})
