from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.institutions.services import institutions_load


class Command(BaseCommand):
    help = "Create or update the institutions and offices of a country from the reference data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--country", default=settings.PORTAL_COUNTRY)

    def handle(self, *args: Any, country: str, **options: Any) -> None:
        for institution in institutions_load(country=country):
            self.stdout.write(f"{institution.code}: {institution.offices.count()} office(s)")
