"""A caseworker's way through assisted mode with the test client (assisted-mode tests)."""

import datetime

from django.test import Client

from portal.institutions.services import institutions_load
from portal.registers.demo_people import DEMO_DESK_PERSON_BORN, demo_desk_person_code
from tests.procedures.applicable_legislation.journey import date_boxes
from tests.procedures.ehic.journey import address, insured, step

# Ona Petraitienė, born 12 March 1956, with a valid Lithuanian personal code and no eID (the demo data's).
BORN = DEMO_DESK_PERSON_BORN
CODE = demo_desk_person_code()


def identify_data(*, expiry: datetime.date | None = None, code: str = CODE) -> dict[str, str]:
    return {
        "given_name": "Ona",
        "family_name": "Petraitienė",
        **date_boxes("date_of_birth", BORN),
        "personal_code": code,
        "document_type": "id_card",
        "document_number": "12345678",
        **date_boxes("document_expiry", expiry or datetime.date.today() + datetime.timedelta(days=400)),
        "seen_original": "on",
    }


def contact_data(language: str = "lt") -> dict[str, str]:
    return {**address("address"), "language": language}


def start_case(client: Client, procedure: str, **identify) -> str:  # type: ignore[no-untyped-def]
    """Identify Ona, nobody signs for her, letters by post in Lithuanian; returns the wizard's first URL."""
    institutions_load(country="LT")
    insured(CODE)
    response = client.post("/assisted/new/", identify_data(**identify))
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], {"basis": ""})
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], contact_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(response["Location"], {"procedure": procedure})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


__all__ = ["step"]
