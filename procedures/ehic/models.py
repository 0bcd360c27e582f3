"""The national rules of the card, kept by administrators (Lithuanian values are the default data)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.registers.models import CATEGORY_CHOICES


class EhicRules(models.Model):
    """One row: the rules of this deployment (EhicRules.current())."""

    self_filing_age = models.PositiveSmallIntegerField(
        _("age from which a young person applies for themselves"), default=16
    )
    child_age_cap = models.PositiveSmallIntegerField(
        _("age until which a parent or guardian applies for a child"),
        default=18,
        help_text=_("A card for a minor ends the day before this birthday."),
    )
    minimum_validity_months = models.PositiveSmallIntegerField(
        _("shortest card validity (months)"),
        default=2,
        help_text=_("When a card would be valid for less, the person is offered a provisional certificate."),
    )
    prc_maximum_days = models.PositiveSmallIntegerField(
        _("longest validity of a provisional certificate (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
    )
    instant_prc = models.BooleanField(
        _("issue provisional certificates at once"),
        default=True,
        help_text=_(
            "When every check was made against a register, the certificate is issued as a PDF at once. "
            "Otherwise it comes with the institution's decision."
        ),
    )
    united_kingdom = models.BooleanField(
        _("the United Kingdom accepts the card and the certificate"), default=True
    )
    repeat_window_days = models.PositiveSmallIntegerField(
        _("days within which a second application for the same person is flagged"), default=30
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("card rules")
        verbose_name_plural = _("card rules")

    def __str__(self) -> str:
        return str(_("Card rules"))

    @classmethod
    def current(cls) -> "EhicRules":
        rules = cls.objects.order_by("pk").first()
        return rules if rules is not None else cls()  # the defaults until an administrator saves them


class CardValidityRule(models.Model):
    """How long a card is valid for a category of insured people."""

    class Kind(models.TextChoices):
        MONTHS = "months", _("A number of months")
        ACADEMIC_YEAR = "academic_year", _("Until the end of the academic year")

    category = models.CharField(_("category"), max_length=30, choices=CATEGORY_CHOICES, unique=True)
    kind = models.CharField(_("rule"), max_length=20, choices=Kind.choices, default=Kind.MONTHS)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    academic_year_end_month = models.PositiveSmallIntegerField(
        _("academic year ends: month"), null=True, blank=True, validators=[MaxValueValidator(12)]
    )
    academic_year_end_day = models.PositiveSmallIntegerField(
        _("academic year ends: day"), null=True, blank=True, validators=[MaxValueValidator(31)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category"]
        verbose_name = _("card validity rule")
        verbose_name_plural = _("card validity rules")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="months", months__gte=1))
                | models.Q(
                    kind="academic_year",
                    academic_year_end_month__gte=1,
                    academic_year_end_day__gte=1,
                ),
                name="validity_rule_complete",
            )
        ]

    def __str__(self) -> str:
        return self.get_category_display()
