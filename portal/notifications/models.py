"""What the applicant is told about their application, by email or by a letter sent by post.

One row per status change and channel, created in the same transaction as the change, so nothing is
forgotten when a worker or the mail server is down. The address is not copied here: it is read from the
application's encrypted data when the message is sent.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        LETTER = "letter", _("Letter by post")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        FAILED = "failed", _("Failed, will retry")
        SENT = "sent", _("Sent")
        TO_PRINT = "to_print", _("Waiting to be printed")
        PRINTED = "printed", _("Printed and posted")
        DEAD = "dead", _("Failed, needs attention")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="notifications",
        verbose_name=_("application"),
    )
    event = models.ForeignKey(
        "applications.ApplicationEvent", on_delete=models.PROTECT, related_name="+", verbose_name=_("event")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # While "being sent": when the attempt counts as lost (its worker stopped) and may be made again.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True, default="")  # no personal data
    letter = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("letter (PDF)"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent or printed"), null=True, blank=True)
    # The administrator who marked the letter printed and posted (the audit trail says it too).
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("printed and posted by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            # A repeated task or a double transition can never send the same news twice.
            models.UniqueConstraint(fields=["event", "channel"], name="one_notification_per_event_channel")
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_channel_display()} ({self.event.to_status})"


class LetterToPrint(Notification):
    """The print room's queue in admin: letters made and waiting to be printed and posted."""

    class Meta:
        proxy = True
        verbose_name = _("letter to print")
        verbose_name_plural = _("letters to print")
