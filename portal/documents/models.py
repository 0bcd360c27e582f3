"""Documents the portal issues or keeps for an application: the receipt, certificates, decisions, letters."""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

# Crockford's base32 without look-alikes: easy to read out on the phone, 80 random bits.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def document_number_new() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


class Document(models.Model):
    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        # Issued at Send by the procedure itself (a provisional replacement certificate for the EHIC).
        CERTIFICATE = "certificate", _("Certificate")
        DECISION = "decision", _("Decision")
        LETTER = "letter", _("Letter")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Printed on the document with a QR code; /verify/<number>/ confirms it. Random, so not guessable.
    number = models.CharField(_("document number"), max_length=19, unique=True, default=document_number_new)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8)
    file_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=100, default="application/pdf")
    sha256 = models.CharField(max_length=64)
    storage_path = models.CharField(max_length=200, editable=False)
    # The period a certificate is valid for, confirmed by the verification page (empty for the others).
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # One receipt and at most one certificate per application, however often the task runs.
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(kind="receipt"), name="one_receipt_per_application"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(kind="certificate"),
                name="one_certificate_per_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
