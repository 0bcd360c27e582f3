"""Assisted applications: a caseworker fills in a procedure with a person who has no digital access.

One :class:`AssistedCase` per application, from identifying the person at the desk to the hand-over. The
person's details are personal data and stored encrypted; their personal code is found again only through
a keyed hash (``personal_code_index``), and only within the caseworker's office.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.crypto.fields import EncryptedJSONField


class AssistedCase(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.PROTECT,
        related_name="assisted_cases",
    )
    office = models.ForeignKey(
        "institutions.Office",
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        related_name="assisted_cases",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    # family_name, given_name, date_of_birth (ISO), personal_code, document {type, number, expiry},
    # seen_original, and eidas {person_identifier, loa} when the person signed in with their own eID
    person = EncryptedJSONField(_("person"), default=dict)
    personal_code_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # address, email, phone, language (of letters and of the declaration)
    contact = EncryptedJSONField(_("contact details"), default=dict)
    # Someone who signs for the person (a parent, a guardian, an authorised person): names, basis
    representative = EncryptedJSONField(_("representative"), null=True, blank=True, default=None)
    procedure = models.SlugField(_("procedure"), max_length=50, blank=True)
    draft_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # The hand-over: a claim code, stored only as a hash; one valid code at a time.
    claim_code_hash = models.CharField(max_length=128, blank=True, db_index=True, editable=False)
    claim_code_expires_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claimed_cases",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assisted application")
        verbose_name_plural = _("assisted applications")

    def __str__(self) -> str:
        return f"assisted case {self.pk}"
