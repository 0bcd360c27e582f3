"""Assisted cases made through the services, without the pages (for tests of what lists, searches and
reports show): a person identified at the desk, their contact, a draft, and the application if sent."""

import datetime
from dataclasses import replace

from portal.accounts.models import User
from portal.applications.models import Application
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import case_application
from portal.assisted.services import case_contact_save, case_draft_start, case_start
from portal.pipeline.services import application_submit
from portal.registers.demo_people import lithuanian_code
from tests.portal.assisted.journey import BORN, CODE
from tests.portal.pipeline.conftest import SUBMISSION

ADDRESS = {"line1": "Gedimino pr. 1", "city": "Vilnius", "postcode": "01103", "country": "LT"}


def another_person(serial: int) -> tuple[datetime.date, str]:
    born = datetime.date(1961, 5, 2)
    return born, lithuanian_code(born, female=False, serial=serial)


def case_made(
    caseworker: User,
    *,
    sent: bool = False,
    procedure: str = "applicable-legislation",
    born: datetime.date = BORN,
    code: str = CODE,
    given_name: str = "Ona",
) -> AssistedCase:
    person = {
        "given_name": given_name,
        "family_name": "Petraitienė",
        "date_of_birth": born,
        "personal_code": code,
        "document_type": "id_card",
        "document_number": "12345678",
        "document_expiry": datetime.date.today() + datetime.timedelta(days=400),
        "seen_original": True,
    }
    case = case_start(caseworker=caseworker, person=person)
    case_contact_save(case=case, contact={"address": ADDRESS, "language": "lt"})
    case_draft_start(case=case, procedure=procedure)
    if sent:
        case_send(case)
    return case


def case_send(case: AssistedCase) -> Application:
    """The case's draft sent, as the assisted wizard sends it: by the caseworker, for the person."""
    prefix = {"ehic": "EHIC", "pension": "PEN"}.get(case.procedure, "A1")
    submission = replace(
        SUBMISSION,
        reference_prefix=prefix,
        channel="assisted",
        beneficiary={key: case.person[key] for key in ("family_name", "given_name", "date_of_birth")},
        filed_by={
            "role": "caseworker",
            "office": f"{case.office.institution.code}:{case.office.code}",
            "caseworker": str(case.caseworker_id),
        },
        contact=case.contact,
        level_of_assurance="",
        person_identifier="",
    )
    application_submit(draft_id=case.draft_id, owner=case.caseworker, submission=submission, language="lt")
    sent = case_application(case=case)
    assert sent is not None
    return sent
