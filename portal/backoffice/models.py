"""The outbox: how each procedure reaches its institution, and one row per application and connector."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.crypto.fields import EncryptedTextField


class DeliveryRoute(models.Model):
    """A connector and its settings for one procedure, chosen in admin."""

    procedure = models.SlugField(_("procedure"), max_length=50)
    connector = models.CharField(_("connector"), max_length=30)
    options = models.JSONField(_("options"), default=dict, blank=True)
    secret = EncryptedTextField(_("secret (HMAC key or password)"), blank=True, default="")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("delivery route")
        verbose_name_plural = _("delivery routes")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "connector"], name="one_route_per_connector")
        ]

    def __str__(self) -> str:
        return f"{self.procedure} → {self.connector}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        IN_PROGRESS = "in_progress", _("Being delivered")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, will retry")
        DEAD = "dead", _("Failed, needs attention")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="deliveries"
    )
    # Empty for the application itself; set for a later reply of the applicant, delivered on its own.
    reply = models.ForeignKey(
        "applications.Reply", null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries"
    )
    route = models.ForeignKey(DeliveryRoute, null=True, blank=True, on_delete=models.PROTECT)
    connector = models.CharField(_("connector"), max_length=30)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    started_at = models.DateTimeField(_("attempt started"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True, default="")  # technical, no personal data
    remote_reference = models.CharField(_("reference at the institution"), max_length=200, blank=True)
    # Sent with every attempt: a retry after a timeout cannot create a second case at the institution.
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "connector"],
                condition=models.Q(reply__isnull=True),
                name="one_delivery_per_connector",
            ),
            models.UniqueConstraint(fields=["reply", "connector"], name="one_reply_delivery_per_connector"),
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.connector}"


class ApiCredential(models.Model):
    """An institution's key to /api/v1/, limited to the procedures it decides on.

    The token is ``<key_id>.<secret>``. Only a SHA-256 hash of the secret is stored (the secret is 256
    random bits, so a fast hash is enough); the token is shown once, when it is issued.
    """

    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        related_name="api_credentials",
        verbose_name=_("institution"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses it, e.g. case management.")
    )
    key_id = models.CharField(_("key ID"), max_length=24, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    procedures = models.JSONField(_("procedures"), default=list)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["institution__code", "name"]
        verbose_name = _("API credential")
        verbose_name_plural = _("API credentials")

    def __str__(self) -> str:
        return f"{self.institution.code}: {self.name} ({self.key_id})"
