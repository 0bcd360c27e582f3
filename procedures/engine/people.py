"""The two people of every application: the **beneficiary** (whom it is for) and the **filer** (who fills
it in, and in which role).

One mechanism for every procedure and channel. The wizard says who is filling in the form (a
:class:`Filer`: today the citizen signed in with their eID; in assisted mode a caseworker and their
office); the procedure's answers say whom it is for (``Flow.beneficiary`` gives a :class:`Beneficiary`).
:func:`people_of` puts the two together into what the envelope records: ``applicant`` (the beneficiary),
``filed_by`` (the filer and their role) and ``representative`` (a parent or guardian who signs for a child).
No view reads the signed-in identity to build a payload.
"""

from dataclasses import dataclass
from typing import Any

# Who files for whom: the filer is the person (self) or stands for them.
REPRESENTING_ROLES = ("parent", "guardian", "authorised")


@dataclass(frozen=True)
class Filer:
    """Who is filling in the form, as the wizard knows them."""

    person: dict[str, Any]  # family_name, given_name, date_of_birth (ISO), person_identifier
    level_of_assurance: str = ""
    identity: Any = None  # the eID identity (accounts.CitizenIdentity) of a citizen filer
    # A caseworker filling in the form with the person (assisted mode): role "caseworker", their office
    # and a reference to their account. ``person`` is then the person they help, who signs.
    caseworker: dict[str, Any] | None = None
    # Someone who signs for the person (assisted mode: a parent, a guardian, an authorised person).
    representative: dict[str, Any] | None = None


@dataclass(frozen=True)
class Beneficiary:
    """Whom the application is for, as the procedure's answers say. ``person`` is None when it is the
    filer themselves; otherwise the names and date of birth (and whatever else identifies them) given in
    the answers. ``role`` is how the filer stands to the beneficiary (``self``, ``parent``, ``guardian``,
    ``employer_representative``)."""

    role: str = "self"
    person: dict[str, Any] | None = None


@dataclass(frozen=True)
class People:
    """What the envelope records about the two people."""

    beneficiary: dict[str, Any]  # names and date of birth of the person the application is for
    filed_by: dict[str, Any]  # role, and who filed when it is not the beneficiary themselves
    representative: dict[str, Any] | None = None  # a parent or guardian who signs for the beneficiary
    person_identifier: str = ""  # the beneficiary's eIDAS identifier, when the beneficiary signed in
    level_of_assurance: str = ""
    # The beneficiary is the person the form speaks to: who filled it in, or whom a caseworker helped.
    is_filer: bool = True


def _names(person: dict[str, Any]) -> dict[str, Any]:
    return {key: person[key] for key in ("family_name", "given_name", "date_of_birth") if person.get(key)}


def people_of(beneficiary: Beneficiary, filer: Filer) -> People:
    """The beneficiary and the filer of an application as the envelope records them."""
    if beneficiary.person is None:
        return People(
            beneficiary=_names(filer.person),
            filed_by=dict(filer.caseworker) if filer.caseworker else {"role": beneficiary.role},
            representative=dict(filer.representative) if filer.representative else None,
            person_identifier=str(filer.person.get("person_identifier") or ""),
            level_of_assurance=filer.level_of_assurance,
        )
    filed_by = {"role": beneficiary.role, **_names(filer.person)}
    if filer.person.get("person_identifier"):
        filed_by["eidas"] = {
            "person_identifier": filer.person["person_identifier"],
            "loa": filer.level_of_assurance,
        }
    if filer.caseworker:
        filed_by = dict(filer.caseworker)
    representative = None
    if beneficiary.role in REPRESENTING_ROLES:
        representative = {**_names(filer.person), "basis": beneficiary.role}
    return People(
        beneficiary=dict(beneficiary.person),
        filed_by=filed_by,
        representative=representative,
        is_filer=False,
    )


def filer_themselves(answers: Any) -> Beneficiary:
    """The default: every application is about the person who fills it in."""
    return Beneficiary()
