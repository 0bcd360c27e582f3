"""The registry of procedures. Each procedure package registers its definition from ``AppConfig.ready``."""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.functional import Promise


class SentApplication(Protocol):
    """What a procedure may read of a sent application (``portal.applications.models.Application``)."""

    reference: str
    language: str
    payload: Any  # the envelope
    beneficiary: Any  # names, date of birth and personal numbers of the person it is for


@dataclass(frozen=True)
class IssuedDocument:
    """A document a procedure issues as soon as an application is sent (a provisional certificate), as
    the procedure describes it; the documents app renders it to PDF, numbers it and stores it."""

    template: str  # the HTML template of the PDF body
    context: Mapping[str, Any]  # plain values only (str, numbers, dates, lists and dicts of them)
    file_name: str
    kind: str = "certificate"  # a portal.documents.models.Document.Kind value
    # The period the document is valid for, if it has one: the verification page confirms it.
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


@dataclass(frozen=True)
class ReceiptFacts:
    """What a procedure adds to the receipt of a sent application: the moment that counts as the claim
    (a pension claim: the moment of Send, or at an office the moment the signed declaration was
    received), and rows of its own under the receipt's key facts (label, value)."""

    claim_at: datetime.datetime | None = None
    rows: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Procedure:
    """What the start page and the procedure's own pages say about it, and who handles it."""

    slug: str
    title: Promise | str
    summary: Promise | str
    who_can_use: Promise | str
    outcome: Promise | str
    institution_code: str
    what_you_need: list[Promise | str] = field(default_factory=list)
    flow: Any = None  # procedures.engine.definition.Flow once the procedure can be filled in online
    # What the receipt says besides the common facts (None: nothing); a ``claim_at`` makes the receipt
    # fix the claim date (pensions: the date counts in every state concerned).
    receipt_facts: Callable[[SentApplication], ReceiptFacts] | None = None
    # A document issued at Send, without waiting for the institution (None: nothing, or not this time).
    issued_at_send: Callable[[SentApplication], IssuedDocument | None] | None = None
    # What the procedure calls the documents it issues, by kind ("certificate": "Provisional …").
    document_titles: Mapping[str, Promise | str] = field(default_factory=dict)


class ProcedureRegistry:
    def __init__(self) -> None:
        self._procedures: dict[str, Procedure] = {}

    def register(self, procedure: Procedure) -> None:
        if procedure.slug in self._procedures:
            raise ValueError(f"Procedure {procedure.slug!r} is registered twice.")
        self._procedures[procedure.slug] = procedure

    def get(self, slug: str) -> Procedure | None:
        return self._procedures.get(slug)

    def all(self) -> list[Procedure]:
        return list(self._procedures.values())


registry = ProcedureRegistry()
