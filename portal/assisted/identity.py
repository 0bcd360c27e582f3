"""The person a caseworker helps, as the wizard's questions see them (in place of an eID identity)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from portal.assisted.models import AssistedCase


@dataclass(frozen=True)
class AssistedIdentity:
    """Names and date of birth from the identity document the caseworker saw; the eIDAS identifier
    when the person signed in with their own eID on the caseworker's device. ``verified_numbers`` are
    personal numbers read from that document (country -> number), as good as an eID's."""

    family_name: str
    given_name: str
    date_of_birth: datetime.date
    person_identifier: str = ""
    verified_numbers: dict[str, str] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """Where the names, date of birth and code shown without a Change link come from."""
        if self.person_identifier:
            return str(_("From the person's eID"))
        return str(_("From the identity document you checked"))

    @property
    def source_note(self) -> str:
        return str(
            _("These details are the ones you recorded for the person. If they are wrong, tell us below.")
        )

    @classmethod
    def of(cls, case: AssistedCase) -> "AssistedIdentity":
        person: dict[str, Any] = case.person
        eidas = person.get("eidas") or {}
        code = person.get("personal_code") or ""
        return cls(
            family_name=person["family_name"],
            given_name=person["given_name"],
            date_of_birth=datetime.date.fromisoformat(person["date_of_birth"]),
            person_identifier=eidas.get("person_identifier", ""),
            verified_numbers={"LT": code} if code else {},
        )
