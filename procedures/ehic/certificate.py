"""The provisional replacement certificate (PRC) issued at Send, when every check was made against a
register (``checks.instant_prc``, recorded in the envelope as ``provisional_certificate.instant_issue``).

Its fields are those of the model certificate in the annex to Administrative Commission Decision S2,
numbered as there (the card's own fields 3 to 9, field 1 the issuing state), so an institution or a
doctor abroad finds each one where they expect it. Otherwise the certificate comes later, with the
institution's decision.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.institutions.selectors import institution_name
from procedures.engine.fields import country_name
from procedures.engine.registry import IssuedDocument, SentApplication

TITLE = _("Provisional replacement certificate")
NOT_GIVEN = "—"

_HEADINGS = {
    "document": _("Provisional replacement certificate of the European Health Insurance Card"),
    "holder": _("Card holder"),
    "institution": _("Competent institution"),
    "card": _("Card"),
    "certificate": _("Certificate"),
}
_LABELS = {
    "issuing_state": _("Issuing state"),
    "family_name": _("Family name"),
    "given_names": _("Given names"),
    "date_of_birth": _("Date of birth"),
    "personal_number": _("Personal identification number"),
    "institution": _("Institution identification number and acronym"),
    "card_number": _("Card identification number"),
    "expiry": _("Expiry date"),
    "validity": _("Certificate validity period"),
    "valid_from": _("from"),
    "valid_to": _("to"),
    "issued_on": _("Date of issue of the certificate"),
    "state_of_stay": _("Issued for a stay in"),
    "seal": _("Stamp of the institution"),
}


def _in_english(text: Promise) -> str:
    with translation.override("en"):
        return str(text)


def _bilingual(texts: Mapping[str, Promise]) -> dict[str, dict[str, str]]:
    """Each text in the reader's language and, as on official forms read abroad, in English under it
    (left out when the reader reads English, or while the text has no translation yet)."""
    shown = {}
    for key, text in texts.items():
        local, english = str(text), _in_english(text)
        shown[key] = {"text": local, "english": english if english != local else ""}
    return shown


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _printed(day: datetime.date | None) -> str:
    """DD/MM/YYYY, the date format of the card and the certificate in every member state."""
    return day.strftime("%d/%m/%Y") if day else NOT_GIVEN


def _personal_code(envelope: Mapping[str, Any], holder: Mapping[str, Any]) -> str:
    code = envelope.get("answers", {}).get("holder", {}).get("personal_code")
    if code:
        return str(code)
    numbers = [item for item in holder.get("personal_numbers", []) if isinstance(item, dict)]
    return next((str(item["number"]) for item in numbers if item.get("number")), NOT_GIVEN)


def certificate_at_send(application: SentApplication) -> IssuedDocument | None:
    """The certificate to issue now, or None when the institution decides first. Called in the
    application's language."""
    envelope: Mapping[str, Any] = application.payload or {}
    answers = envelope.get("answers", {})
    certificate = answers.get("provisional_certificate") or {}
    if certificate.get("instant_issue") is not True:
        return None
    holder: Mapping[str, Any] = application.beneficiary or {}
    institution = envelope.get("competent_institution", {})
    valid_from, valid_to = _date(certificate.get("valid_from")), _date(certificate.get("valid_to"))
    name = institution_name(snapshot=institution)
    context = {
        "headings": _bilingual(_HEADINGS),
        "labels": _bilingual(_LABELS),
        "issuing_state": str(institution.get("country") or settings.PORTAL_COUNTRY),
        "family_name": str(holder.get("family_name", "")),
        "given_names": str(holder.get("given_name", "")),
        "date_of_birth": _printed(_date(holder.get("date_of_birth"))),
        "personal_number": _personal_code(envelope, holder),
        "institution_id": str(institution.get("id", "")),
        "institution_name": name,
        "card_number": str(answers.get("request", {}).get("card_number") or NOT_GIVEN),
        # The portal does not know a card's expiry date: the certificate's own last day is printed,
        # the last day the entitlement it proves was checked for.
        "expiry": _printed(valid_to),
        "valid_from": _printed(valid_from),
        "valid_to": _printed(valid_to),
        "issued_on": _printed(timezone.localdate()),
        "state_of_stay": country_name(str(certificate.get("state_of_stay", ""))),
    }
    return IssuedDocument(
        template="ehic/prc.html",
        context=context,
        file_name=f"{application.reference}-provisional-certificate.pdf",
        valid_from=valid_from,
        valid_to=valid_to,
    )
