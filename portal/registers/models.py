"""Test records the demo register clients answer from (portal.registers.demo): made-up people only.

A deployment connected to the real registers does not use them; an administrator keeps them in admin so
that demonstrations and acceptance tests can show every answer a register can give.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.registers.connectors import Category

CATEGORY_CHOICES = [
    (Category.EMPLOYED, _("Employee")),
    (Category.SELF_EMPLOYED, _("Self-employed")),
    (Category.PUPIL_OR_STUDENT, _("Pupil or student")),
    (Category.UNEMPLOYED, _("Registered unemployed")),
    (Category.PENSIONER, _("Pensioner")),
    (Category.CHILD, _("Child")),
    (Category.STATE_INSURED, _("Insured by the state for another reason")),
    (Category.VOLUNTARY, _("Voluntarily insured")),
]


class InsuranceTestRecord(models.Model):
    personal_code = models.CharField(_("personal code"), max_length=20, unique=True)
    insured = models.BooleanField(_("insured"), default=True)
    insured_until = models.DateField(
        _("insured until"), null=True, blank=True, help_text=_("Empty: no end date is known.")
    )
    category = models.CharField(_("category"), max_length=30, choices=CATEGORY_CHOICES, blank=True)
    note = models.CharField(_("what this record demonstrates"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["personal_code"]
        verbose_name = _("insurance register test record")
        verbose_name_plural = _("insurance register test records")

    def __str__(self) -> str:
        return self.personal_code


class PensionRecordTestRecord(models.Model):
    personal_code = models.CharField(_("personal code"), max_length=20, unique=True)
    years = models.PositiveSmallIntegerField(_("years insured"))
    months = models.PositiveSmallIntegerField(_("and months"), default=0)
    last_insured_on = models.DateField(
        _("last insured on"), null=True, blank=True, help_text=_("Empty: insured now.")
    )
    note = models.CharField(_("what this record demonstrates"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["personal_code"]
        verbose_name = _("pension record test record")
        verbose_name_plural = _("pension record test records")

    def __str__(self) -> str:
        return self.personal_code


class PopulationTestRecord(models.Model):
    class Relationship(models.TextChoices):
        PARENT = "parent", _("Parent")
        GUARDIAN = "guardian", _("Guardian")

    adult_code = models.CharField(_("personal code of the parent or guardian"), max_length=20)
    child_code = models.CharField(_("personal code of the child"), max_length=20)
    relationship = models.CharField(_("relationship"), max_length=10, choices=Relationship.choices)
    note = models.CharField(_("what this record demonstrates"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["adult_code", "child_code"]
        verbose_name = _("population register test record")
        verbose_name_plural = _("population register test records")
        constraints = [
            models.UniqueConstraint(fields=["adult_code", "child_code"], name="one_link_per_adult_and_child")
        ]

    def __str__(self) -> str:
        return f"{self.adult_code} → {self.child_code}"
