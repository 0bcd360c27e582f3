"""The national rules of the pension claim, kept by administrators (Lithuanian values are the default data,
loaded by migration 0002): the pension age per state by date of birth, and the claim's settings."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

from procedures.pension.rules import AgeRow


class PensionAgeRule(models.Model):
    """The statutory old-age pension age of a state for people born within a range of dates (and of one
    sex, where the state's law still differs). Each state applies its own age (Art. 50(2) 883/2004)."""

    class Sex(models.TextChoices):
        BOTH = "", _("Women and men")
        FEMALE = "female", _("Women")
        MALE = "male", _("Men")

    state = CountryField(_("state"))
    sex = models.CharField(
        _("for"),
        max_length=6,
        choices=Sex.choices,
        blank=True,
        default=Sex.BOTH,
        help_text=_("A row for women or for men wins over a row for both."),
    )
    born_from = models.DateField(
        _("born on or after"), null=True, blank=True, help_text=_("Empty: no earliest date of birth.")
    )
    born_to = models.DateField(
        _("born on or before"), null=True, blank=True, help_text=_("Empty: no latest date of birth.")
    )
    years = models.PositiveSmallIntegerField(_("pension age: years"))
    months = models.PositiveSmallIntegerField(
        _("pension age: months"), default=0, validators=[MaxValueValidator(11)]
    )
    early_years = models.PositiveSmallIntegerField(
        _("early pension age: years"),
        null=True,
        blank=True,
        help_text=_("Empty when the state has no early old-age pension for these people."),
    )
    early_months = models.PositiveSmallIntegerField(
        _("early pension age: months"), null=True, blank=True, validators=[MaxValueValidator(11)]
    )
    reached_on = models.DateField(
        _("age reached on"),
        null=True,
        blank=True,
        help_text=_("Only when the law gives a date instead of an age for these people."),
    )
    note = models.CharField(
        _("note"), max_length=500, blank=True, help_text=_("The source, or what to verify.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["state", "sex", "born_from"]
        verbose_name = _("pension age")
        verbose_name_plural = _("pension ages")
        constraints = [
            models.CheckConstraint(
                condition=Q(born_from__isnull=True)
                | Q(born_to__isnull=True)
                | Q(born_from__lte=F("born_to")),
                name="pension_age_birth_range_in_order",
            ),
            models.CheckConstraint(condition=Q(months__lte=11), name="pension_age_months_under_12"),
            models.CheckConstraint(
                condition=Q(early_years__isnull=True, early_months__isnull=True)
                | Q(early_years__isnull=False, early_months__isnull=False, early_months__lte=11),
                name="pension_age_early_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{countries.name(str(self.state))}, {self.get_sex_display()}, {self.births()}"

    def births(self) -> str:
        """The range of dates of birth in words ("born 1952-01-01 to 1952-08-31")."""
        if self.born_from and self.born_to:
            return _("born %(start)s to %(end)s") % {"start": self.born_from, "end": self.born_to}
        if self.born_from:
            return _("born on or after %(start)s") % {"start": self.born_from}
        if self.born_to:
            return _("born on or before %(end)s") % {"end": self.born_to}
        return str(_("any date of birth"))

    def as_age_row(self) -> AgeRow:
        """The row as procedures.pension.rules reads it."""
        return AgeRow(
            state=str(self.state),
            sex=self.sex,
            born_from=self.born_from,
            born_to=self.born_to,
            years=self.years,
            months=self.months,
            early_years=self.early_years,
            early_months=self.early_months,
            reached_on=self.reached_on,
        )

    @classmethod
    def age_rows(cls) -> list[AgeRow]:
        """Every state's table, for procedures.pension.rules."""
        return [rule.as_age_row() for rule in cls.objects.all()]


class PensionSettings(models.Model):
    """One row: the settings of the claim in this deployment (PensionSettings.current())."""

    advance_window_months = models.PositiveSmallIntegerField(
        _("months before the pension age a claim may start"),
        default=3,
        validators=[MaxValueValidator(24)],
        help_text=_("A claim whose start is earlier than this before every state's age is stopped."),
    )
    minimum_period_age = models.PositiveSmallIntegerField(
        _("age from which insurance periods are expected"),
        default=14,
        validators=[MaxValueValidator(25)],
        help_text=_("A period that starts before this age is not refused: the person is asked to check it."),
    )
    united_kingdom = models.BooleanField(_("periods in the United Kingdom are covered"), default=True)
    bilateral_states = CountryField(
        _("states with a bilateral social security agreement"),
        multiple=True,
        blank=True,
        help_text=_("Periods there are accepted and described as under an agreement, not the EU rules."),
    )
    pre_retirement_scheme = models.BooleanField(
        _("this country has a statutory pre-retirement benefit"), default=False
    )
    family_supplements = models.BooleanField(
        _("the amount depends on the spouse or partner"),
        default=False,
        help_text=_("When on, the claim asks about the claimant's spouse or partner (the Family section)."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pension claim settings")
        verbose_name_plural = _("pension claim settings")

    def __str__(self) -> str:
        return str(_("Pension claim settings"))

    @classmethod
    def current(cls) -> "PensionSettings":
        settings = cls.objects.order_by("pk").first()
        # The model's defaults (Lithuania's, without its agreements) until the data migration or an
        # administrator saves a row.
        return settings if settings is not None else cls()
