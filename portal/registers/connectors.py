"""The national registers the procedures ask, behind one small interface each.

- **insurance register**: is this person insured under this state's statutory health insurance, until
  when, and in which category;
- **population register**: is this adult the parent or the guardian of this child;
- **pension insurance record**: how long this person was insured for a pension here, and until when.

Which client answers is configuration (``INSURANCE_REGISTER``, ``POPULATION_REGISTER``,
``PENSION_RECORD_REGISTER``: a dotted path to a
class implementing the protocol below, or empty when the deployment has no connection to that register;
then the person declares it and the answer travels as a warning). The demo clients (portal.registers.demo)
answer from test records an administrator keeps in admin; a real client goes into its own module here
(for Lithuania: ``portal/registers/lt.py`` for the VLK insurance register and the Residents' Register),
is named in the settings, and nothing else changes.
"""

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class Category:
    """Why a person is insured: the card's validity follows from it (procedures.ehic's rule table)."""

    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    PUPIL_OR_STUDENT = "pupil_or_student"
    UNEMPLOYED = "unemployed"
    PENSIONER = "pensioner"
    CHILD = "child"
    STATE_INSURED = "state_insured"
    VOLUNTARY = "voluntary"
    ALL = (EMPLOYED, SELF_EMPLOYED, PUPIL_OR_STUDENT, UNEMPLOYED, PENSIONER, CHILD, STATE_INSURED, VOLUNTARY)


@dataclass(frozen=True)
class InsuranceStatus:
    insured: bool
    until: datetime.date | None = None  # the last day of cover the register knows; None: open-ended
    category: str = ""


@dataclass(frozen=True)
class PensionRecord:
    """A person's pension insurance record here, as the register holds it (Lithuania: Sodra's record)."""

    years: int
    months: int
    last_insured_on: datetime.date | None = None  # None: insured now, or not known


class InsuranceRegister(Protocol):
    def insurance_status(self, *, personal_code: str, on: datetime.date) -> InsuranceStatus | None:
        """The person's statutory health insurance on ``on``; None when the register does not know them."""


class PopulationRegister(Protocol):
    def relationship(self, *, adult_code: str, child_code: str) -> str | None:
        """``"parent"`` or ``"guardian"`` when the register records that link, else None."""


class PensionRecordRegister(Protocol):
    def pension_record(self, *, personal_code: str) -> PensionRecord | None:
        """The person's pension insurance record; None when the register holds none for them."""


def _client(path: str) -> object | None:
    return import_string(path)() if path else None


def insurance_register() -> InsuranceRegister | None:
    """The configured insurance register client, or None: the person declares their insurance."""
    return _client(settings.INSURANCE_REGISTER)  # type: ignore[return-value]


def population_register() -> PopulationRegister | None:
    """The configured population register client, or None: a parent-child link cannot be verified."""
    return _client(settings.POPULATION_REGISTER)  # type: ignore[return-value]


def pension_record_register() -> PensionRecordRegister | None:
    """The configured pension record client, or None: the person tells us about their insurance here."""
    return _client(settings.PENSION_RECORD_REGISTER)  # type: ignore[return-value]


def registers_version() -> tuple[object, ...]:
    """Changes when what the insurance and population registers answer may have changed (a client may
    tell: ``version``), so that answers checked against them earlier are checked again. The pension record
    is only shown to the person, never checked against: it is not part of it."""
    clients = (insurance_register(), population_register())
    return tuple(getattr(client, "version", lambda: None)() for client in clients if client is not None)
