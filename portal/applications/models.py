"""Drafts being filled in, and the applications they become.

Answers, the person's data and the payload are personal data and are stored encrypted. The beneficiary
(the person the application is for) need not have an account: assisted applications keep the person's
data on the application, with an optional link to a citizen account and the staff user who filed it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.applications.states import Status
from portal.crypto.fields import EncryptedJSONField, EncryptedTextField


class Draft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("owner")
    )
    procedure = models.SlugField(_("procedure"), max_length=50)
    answers = EncryptedJSONField(_("answers"), default=dict)
    current_step = models.CharField(_("current step"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    expires_at = models.DateTimeField(_("deleted after"), db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return f"{self.procedure} draft {self.pk}"


class ReferenceCounter(models.Model):
    """The last number given per reference prefix and year (``A1-2026-000123``)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="applications_reference_counter")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class Application(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        ASSISTED = "assisted", _("At an office")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    procedure = models.SlugField(_("procedure"), max_length=50)
    status = models.CharField(_("status"), max_length=40, choices=Status.choices, default=Status.SUBMITTED)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("citizen account"),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by (staff)"),
    )
    beneficiary = EncryptedJSONField(_("person the application is for"), default=dict)
    answers = EncryptedJSONField(_("answers"), default=dict)
    payload = EncryptedJSONField(_("payload"), default=dict)
    # Every answer as the person saw it on "check your answers", in their language: label and value.
    summary = EncryptedJSONField(_("summary of the answers"), default=list)
    # Where news of the application goes when no account's contact details apply: the address, e-mail,
    # phone and language of letters the application gives (filed at an office: the person's, until they
    # claim it; a child's application: the parent's).
    contact = EncryptedJSONField(_("contact for letters and e-mails"), default=dict, blank=True)
    level_of_assurance = models.CharField(_("level of assurance"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=8)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    # One application per draft, whatever happens to the draft: a double submit finds this one.
    source_draft = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.reference


class ApplicationEvent(models.Model):
    """One change in an application's life; the timeline is append-only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    from_status = models.CharField(max_length=40, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=40, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = EncryptedTextField(_("note"), blank=True, default="")
    # The institution that posted the change through the API, and what it wrote to the applicant.
    institution = models.ForeignKey(
        "institutions.Institution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("institution"),
    )
    message = EncryptedTextField(_("message to the applicant"), blank=True, default="")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status or '-'} -> {self.to_status}"


class Reply(models.Model):
    """The applicant's answer to a request for more information: what they wrote and the documents they
    added. Its event moves the application back to "being reviewed"; its deliveries carry it to the
    institution (``payload``, frozen when it is sent, so every attempt sends the same)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="replies")
    event = models.OneToOneField(ApplicationEvent, on_delete=models.CASCADE, related_name="reply")
    number = models.PositiveSmallIntegerField(_("number"))  # 1 for the first reply of the application
    message = EncryptedTextField(_("answer"), blank=True, default="")
    attachments = EncryptedJSONField(_("documents"), default=list)  # name, sha256, content_type
    payload = EncryptedJSONField(_("payload"), default=dict)
    # Made when the form is shown and sent with it: a double submit finds the reply the first one made.
    submission_key = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "number"]
        verbose_name = _("reply from the applicant")
        verbose_name_plural = _("replies from the applicant")
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="applications_reply_number")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: reply {self.number}"
