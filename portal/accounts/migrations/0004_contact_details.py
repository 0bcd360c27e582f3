"""Contact details on the citizen's account: where letters and e-mails go.

Until now each application carried its own (the A1 request's contact and home address) and notifications
read them from there. Every citizen who has sent an application gets the details of their latest one, so
letters and e-mails keep going where they went before.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import portal.crypto.fields


def contact_details_from_latest_applications(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    ContactDetails = apps.get_model("accounts", "ContactDetails")
    seen = set()
    for application in Application.objects.exclude(applicant=None).order_by("applicant_id", "-submitted_at"):
        if application.applicant_id in seen:
            continue
        seen.add(application.applicant_id)
        beneficiary = application.beneficiary or {}
        address = beneficiary.get("address")
        ContactDetails.objects.create(
            user_id=application.applicant_id,
            email=beneficiary.get("email") or "",
            phone=beneficiary.get("phone") or "",
            address=address if isinstance(address, dict) else {},
            language=application.language,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_administrators_run_the_pipeline"),
        ("applications", "0003_applicationevent_institution_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactDetails",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "email",
                    portal.crypto.fields.EncryptedTextField(
                        blank=True, default="", verbose_name="e-mail address"
                    ),
                ),
                (
                    "phone",
                    portal.crypto.fields.EncryptedTextField(
                        blank=True, default="", verbose_name="phone number"
                    ),
                ),
                (
                    "address",
                    portal.crypto.fields.EncryptedJSONField(
                        blank=True, default=dict, verbose_name="postal address"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        blank=True, max_length=8, verbose_name="language of letters and e-mails"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contact_details",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "contact details", "verbose_name_plural": "contact details"},
        ),
        migrations.RunPython(contact_details_from_latest_applications, migrations.RunPython.noop),
    ]
