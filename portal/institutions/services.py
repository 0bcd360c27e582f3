"""Loading the institutions and offices of a deployment from reference data."""

import json
from pathlib import Path

from django.db import transaction

from portal.institutions.models import Institution, Office

REFERENCE_DATA = Path(__file__).resolve().parent / "reference_data"


@transaction.atomic
def institutions_load(*, country: str) -> list[Institution]:
    """Create or update the institutions and offices listed in ``reference_data/<country>.json``.

    Idempotent: running it again updates names, addresses and opening hours and adds what is new; it
    never deletes, because offices may already be referenced by staff accounts.
    """
    path = REFERENCE_DATA / f"{country.lower()}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    loaded = []
    for item in data["institutions"]:
        institution, _created = Institution.objects.update_or_create(
            code=item["code"],
            defaults={
                "country": country.upper(),
                "eessi_id": item.get("eessi_id", ""),
                "names": item["names"],
                "website": item.get("website", ""),
                "email": item.get("email", ""),
                "phone": item.get("phone", ""),
            },
        )
        for office in item.get("offices", []):
            Office.objects.update_or_create(
                institution=institution,
                code=office["code"],
                defaults={
                    "names": office["names"],
                    "address": office.get("address", ""),
                    "hours": office.get("hours", {}),
                },
            )
        loaded.append(institution)
    return loaded
