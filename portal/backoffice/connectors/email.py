"""Send the envelope and the PDFs to an institution's mailbox over SMTP."""

import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from portal.backoffice.connectors.base import Package, PermanentFailure, TemporaryFailure

# Technical texts for the institution's mailbox, in English like the envelope's field names.
_SUBJECTS = {
    Package.Kind.APPLICATION: "{reference}",
    Package.Kind.REPLY: "{reference}: reply from the applicant",
}
_BODIES = {
    Package.Kind.APPLICATION: "Application {reference}: envelope.json and the PDF documents are attached.\n",
    Package.Kind.REPLY: (
        "The applicant answered the request for more information about application {reference}.\n"
        "envelope.json (schema portal.reply/1) holds the answer; the documents sent with it are attached.\n"
    ),
}


class EmailConnector:
    name = "email"

    def deliver(self, package: Package, options: dict[str, Any], secret: str) -> str:
        mailbox = options.get("to", "")
        if not mailbox:
            raise PermanentFailure("email: 'to' must be set")
        connection = get_connection(
            "django.core.mail.backends.smtp.EmailBackend",
            host=options.get("host", settings.EMAIL_HOST),
            port=int(options.get("port", settings.EMAIL_PORT)),
            username=options.get("username", "") or None,
            password=secret or None,
            use_tls=bool(options.get("use_tls", False)),
            timeout=float(options.get("timeout", 30)),
        )
        # The idempotency key as Message-ID: the mailbox can recognise a repeated delivery.
        message_id = f"<{package.idempotency_key}@{options.get('domain', 'portal.invalid')}>"
        message = EmailMessage(
            subject=_SUBJECTS[package.kind].format(reference=package.reference),
            body=_BODIES[package.kind].format(reference=package.reference),
            from_email=options.get("from", settings.DEFAULT_FROM_EMAIL),
            to=[mailbox],
            headers={"Message-ID": message_id, "Idempotency-Key": package.idempotency_key},
            connection=connection,
        )
        message.attach("envelope.json", package.envelope_bytes(), "application/json")
        for file in package.files:
            message.attach(file.name, file.content, file.content_type)
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as exc:
            raise TemporaryFailure(f"email: {exc.__class__.__name__}") from exc
        return message_id

    def check_config(self, options: dict[str, Any], secret: str) -> list[str]:
        return [] if options.get("to") else ["Set 'to' to the institution's mailbox."]
