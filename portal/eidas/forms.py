from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

# eIDAS uses EL for Greece (as the EU does); ISO 3166 says GR.
_ISO_CODES = {"EL": "GR"}


def country_choices() -> list[tuple[str, str]]:
    """The configured eIDAS countries, named and sorted in the current language."""
    names = [
        (code, str(countries.name(_ISO_CODES.get(code, code)) or code)) for code in settings.EIDAS_COUNTRIES
    ]
    return sorted(names, key=lambda item: item[1])


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Which country issued your eID?"),
        help_text=_("Choose the country of the ID card, mobile ID or bank login you will use."),
        error_messages={"required": _("Select the country that issued your eID")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = [("", _("Select a country")), *country_choices()]
