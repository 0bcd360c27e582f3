"""Demo data for ``make run``: institutions and offices, an administrator and two caseworkers."""

from typing import Any

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.accounts.selectors import user_has_second_factor
from portal.accounts.services import staff_user_create
from portal.institutions.models import Office
from portal.institutions.services import institutions_load
from portal.registers.demo_people import (
    DEMO_DESK_PERSON_BORN,
    DEMO_PARENT_CODE,
    demo_child_born,
    demo_desk_person_code,
    demo_register_records,
)

# Fixed demo credentials, so the console can print them. The command refuses to run in production.
DEMO_PASSWORD = "Demo-portal-2026"  # noqa: S105
DEMO_STAFF = [
    # e-mail, role, first name, last name, (institution, office), TOTP secret (base32)
    (
        "admin@demo.example",
        Role.ADMINISTRATOR,
        "Asta",
        "Administratorė",
        None,
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    ),
    (
        "caseworker.vilnius@demo.example",
        Role.CASEWORKER,
        "Vytas",
        "Vilnietis",
        ("sodra", "vilnius"),
        "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    ),
    (
        "caseworker.kaunas@demo.example",
        Role.CASEWORKER,
        "Kotryna",
        "Kaunietė",
        ("sodra", "kaunas"),
        "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK",
    ),
]


class Command(BaseCommand):
    help = "Load demo institutions, offices and staff accounts (development only; idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data must never be loaded in production.")
        with transaction.atomic():
            institutions_load(country="LT")
            child_code = demo_register_records(timezone.localdate())
            for email, role, first_name, last_name, office_key, secret in DEMO_STAFF:
                user = User.objects.filter(email__iexact=email).first()
                if user is None:
                    office = None
                    if office_key:
                        office = Office.objects.get(institution__code=office_key[0], code=office_key[1])
                    user = staff_user_create(
                        email=email,
                        password=DEMO_PASSWORD,
                        role=role,
                        first_name=first_name,
                        last_name=last_name,
                        office=office,
                    )
                if not user_has_second_factor(user=user):
                    TOTP.activate(user, secret)
                    RecoveryCodes.activate(user)
        self._print_credentials()
        self.stdout.write(
            f'Demo registers: the eID person "lt-parent" ({DEMO_PARENT_CODE}) is insured, and so is her '
            f"child, born {demo_child_born(timezone.localdate()):%Y-%m-%d}, personal code {child_code}. "
            "Change them in admin: National registers."
        )
        self.stdout.write(
            "Assisted applications: sign in as a caseworker, open /assisted/ and apply for Ona Petraitienė, "
            f"born {DEMO_DESK_PERSON_BORN:%Y-%m-%d}, personal code {demo_desk_person_code()} (insured). She "
            'claims it later with the demo eID person "lt-no-eid-person" at /claim/ and the hand-over code.'
        )
        self.stdout.write(
            'Pension claim: open /pension/ and sign in as the eID person "lt-pensioner" (born 1958-02-15); '
            "add periods in other countries (for example Poland and Germany) in Work and insurance abroad. "
            "The pension ages and claim settings are in admin: Pension claim."
        )

    def _print_credentials(self) -> None:
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded. Staff sign-in: http://127.0.0.1:8000/accounts/login/")
        )
        for email, role, *_rest, secret in DEMO_STAFF:
            self.stdout.write(
                f"  {role.value:<14} {email:<34} password {DEMO_PASSWORD}  TOTP secret {secret}"
            )
        self.stdout.write("  Current second-factor code: .venv/bin/python manage.py demo_totp_code <e-mail>")
        self.stdout.write(
            self.style.SUCCESS(
                "Citizens: http://127.0.0.1:8000/eidas/login/ (the demo eIDAS node offers test people)"
            )
        )
