"""Social-security institutions of the deploying member state and their customer-service offices.

Names and opening hours are kept per language (``{"lt": "…", "en": "…"}``) because they are configuration
data that an administrator edits (one box per language in the admin), not interface text in the gettext
catalogues. Every page, e-mail, letter and PDF shows them in its reader's language.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


def localised(names: dict[str, str], fallback: str) -> str:
    """The name in the current language, else English, else any name given, else ``fallback``."""
    language = (get_language() or "en").split("-")[0]
    return names.get(language) or names.get("en") or next(iter(names.values()), fallback)


class Institution(models.Model):
    code = models.SlugField(
        _("code"), max_length=50, unique=True, help_text=_("Stable identifier, e.g. sodra.")
    )
    country = CountryField(_("country"))
    eessi_id = models.CharField(_("EESSI institution ID"), max_length=50, blank=True)
    names = models.JSONField(_("names by language"), default=dict)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self.names, self.code)


class Office(models.Model):
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="offices"
    )
    code = models.SlugField(_("code"), max_length=50)
    names = models.JSONField(_("names by language"), default=dict)
    # One postal address, written as the post delivers it (street names are not translated).
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Street and number, postcode and town, as on a letter: Europos a. 1, LT-03505 Vilnius"),
    )
    hours = models.JSONField(_("opening hours by language"), default=dict, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["institution__code", "code"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="institutions_office_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.institution.code}: {self.name}"

    @property
    def name(self) -> str:
        return localised(self.names, self.code)

    @property
    def opening_hours(self) -> str:
        return localised(self.hours, "")
