"""The two people of an application (procedures.engine.people): whom it is for and who filed it, as the
envelope records them (``applicant``, ``filed_by``, ``representative``), and what the envelope's schema
accepts of them."""

from typing import Any

import jsonschema
import pytest

from portal.applications.services import envelope_validate
from procedures.engine.people import Beneficiary, Filer, People, people_of

LOA = "http://eidas.europa.eu/LoA/substantial"
RUTA = {"family_name": "Vaitkienė", "given_name": "Rūta", "date_of_birth": "1986-04-12"}
FILER = Filer(person={**RUTA, "person_identifier": "LT/LT/48604121238"}, level_of_assurance=LOA)
CHILD = {"family_name": "Vaitkutė", "given_name": "Austėja", "date_of_birth": "2018-03-27"}
WORKER = {"family_name": "Kazlauskas", "given_name": "Jonas", "date_of_birth": "1990-06-21"}


def test_an_application_for_oneself_is_the_filers_own():
    people = people_of(Beneficiary(), FILER)
    assert people.beneficiary == RUTA
    assert people.filed_by == {"role": "self"}
    assert people.representative is None
    assert (people.person_identifier, people.level_of_assurance) == ("LT/LT/48604121238", LOA)
    assert people.is_filer


@pytest.mark.parametrize("role", ["parent", "guardian"])
def test_a_parent_or_guardian_files_for_a_child_and_represents_them(role):
    people = people_of(Beneficiary(role=role, person=CHILD), FILER)
    assert people.beneficiary == CHILD
    assert people.filed_by == {
        "role": role,
        **RUTA,
        "eidas": {"person_identifier": "LT/LT/48604121238", "loa": LOA},
    }
    assert people.representative == {**RUTA, "basis": role}
    # The child did not sign in: the envelope's applicant carries no eID of theirs.
    assert (people.person_identifier, people.level_of_assurance) == ("", "")
    assert not people.is_filer


def test_an_employer_representative_filing_about_a_worker_is_recorded_but_represents_no_one():
    people = people_of(Beneficiary(role="employer_representative", person=WORKER), FILER)
    assert people.beneficiary == WORKER
    assert people.filed_by["role"] == "employer_representative"
    assert people.filed_by["family_name"] == "Vaitkienė"
    assert people.representative is None  # an employer's representative does not sign for the worker
    assert people.person_identifier == ""


def test_an_employer_representative_about_themselves_files_as_the_applicant():
    """The A1 request today: the worker fills in the form for the employer; the answers are about him."""
    people = people_of(Beneficiary(role="employer_representative"), FILER)
    assert people.beneficiary == RUTA
    assert people.filed_by == {"role": "employer_representative"}
    assert people.representative is None
    assert people.person_identifier == "LT/LT/48604121238"
    assert people.is_filer


def test_a_filer_without_an_eid_is_recorded_without_one():
    desk = Filer(person=dict(RUTA))  # no person identifier (as in assisted mode)
    people = people_of(Beneficiary(role="parent", person=CHILD), desk)
    assert "eidas" not in people.filed_by
    assert people.representative == {**RUTA, "basis": "parent"}


def test_names_the_filer_does_not_have_are_left_out_not_sent_empty():
    people = people_of(Beneficiary(), Filer(person={"family_name": "Vaitkienė", "given_name": ""}))
    assert people.beneficiary == {"family_name": "Vaitkienė"}


# --- the envelope ------------------------------------------------------------------------------------


def envelope(people: People) -> dict[str, Any]:
    """An envelope as portal.applications.services.application_create writes it."""
    applicant: dict[str, Any] = dict(people.beneficiary)
    if people.person_identifier:
        applicant["eidas"] = {"person_identifier": people.person_identifier, "loa": people.level_of_assurance}
    built: dict[str, Any] = {
        "schema": "portal.application/1",
        "procedure": "ehic",
        "reference": "EHIC-2027-000001",
        "submitted_at": "2027-03-10T12:00:00+02:00",
        "language": "lt",
        "channel": "online",
        "competent_institution": {"country": "LT", "id": "vlk", "name": "VLK"},
        "applicant": applicant,
        "filed_by": people.filed_by,
        "answers": {},
        "warnings": [],
        "sed_hints": [],
        "attachments": [],
    }
    if people.representative:
        built["representative"] = people.representative
    return built


@pytest.mark.parametrize(
    "beneficiary",
    [
        Beneficiary(),
        Beneficiary(role="parent", person=CHILD),
        Beneficiary(role="guardian", person=CHILD),
        Beneficiary(role="employer_representative", person=WORKER),
        Beneficiary(role="employer_representative"),
    ],
    ids=["self", "parent", "guardian", "employer-about-a-worker", "employer-about-themselves"],
)
def test_every_kind_of_filer_gives_a_valid_envelope(beneficiary):
    envelope_validate(envelope(people_of(beneficiary, FILER)))


def test_an_envelope_with_a_representative_on_an_unknown_basis_is_refused():
    built = envelope(people_of(Beneficiary(role="parent", person=CHILD), FILER))
    envelope_validate(built)
    built["representative"]["basis"] = "neighbour"
    with pytest.raises(jsonschema.ValidationError):
        envelope_validate(built)


def test_an_envelope_with_a_representative_without_names_is_refused():
    built = envelope(people_of(Beneficiary(role="guardian", person=CHILD), FILER))
    built["representative"] = {"basis": "guardian"}
    with pytest.raises(jsonschema.ValidationError):
        envelope_validate(built)


def test_an_envelope_filed_in_an_unknown_role_is_refused():
    built = envelope(people_of(Beneficiary(role="neighbour", person=CHILD), FILER))
    with pytest.raises(jsonschema.ValidationError):
        envelope_validate(built)
