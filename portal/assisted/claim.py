"""The claim code of an application made at an office: printed on the hand-over sheet, it lets the person
join the application to their own account once they sign in with their eID (``/claim/``).

The code is random (12 characters of Crockford's base32: 60 bits, read out as XXXX-XXXX-XXXX), stored only
as a keyed hash, valid for ``ASSISTED_CLAIM_CODE_DAYS`` and once; printing the sheet again makes a new code
and the earlier one stops working. It works only for the person the application is for: the same personal
code (carried in the eIDAS identifier) or the same eIDAS identifier. Names and a date of birth are never
enough. Whoever types a code learns nothing about it: an unknown, expired, used or someone else's code all
get the same answer, and tries are limited per citizen and per client address.
"""

import datetime
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from portal.accounts.models import User
from portal.applications.models import Application
from portal.applications.services import application_claim
from portal.assisted.models import AssistedCase
from portal.assisted.selectors import case_application
from portal.audit.services import audit_record
from portal.core.http import client_ip
from portal.crypto.keyring import blind_index
from procedures.engine.personal_numbers import personal_number_compact
from procedures.engine.prefill import identity_personal_number

# Crockford's base32: no I, L, O or U, so nothing is read as something else.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 random bits
GROUP_LENGTH = 4
CODE_PURPOSE = "assisted-claim-code"
# The identify form takes Lithuanian personal codes (the case's ``personal_code``).
PERSONAL_CODE_COUNTRY = "LT"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class TryLimit:
    scope: str
    tries: int
    seconds: int


# At most 5 tries per citizen in 15 minutes and 20 per client address in an hour: 60 bits are not found
# by guessing at that pace.
CITIZEN_LIMIT = TryLimit("citizen", 5, 15 * 60)
ADDRESS_LIMIT = TryLimit("address", 20, 60 * 60)


def claim_code_new() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, CODE_LENGTH, GROUP_LENGTH))


def claim_code_normalise(typed: str) -> str | None:
    """The code as stored (12 characters, no hyphens) from what a person typed: spaces and hyphens
    left out, any case, O read as 0 and I or L as 1; None when it cannot be a claim code."""
    compact = "".join(typed.split()).replace("-", "").upper().translate(_READ_AS)
    if len(compact) != CODE_LENGTH or any(character not in ALPHABET for character in compact):
        return None
    return compact


def claim_code_hash(code: str) -> str:
    """The keyed hash a code is stored and found by (``code``: normalised or as printed)."""
    return blind_index(claim_code_normalise(code) or "", purpose=CODE_PURPOSE)


@dataclass(frozen=True)
class ClaimCode:
    code: str  # as printed: XXXX-XXXX-XXXX
    expires_at: datetime.datetime


def claim_code_issue(*, case: AssistedCase, request: HttpRequest | None = None) -> ClaimCode:
    """A new code for the case's hand-over sheet; any earlier code of the case stops working.

    The case row is locked (``select_for_update``): two prints at once leave one valid code, the last
    one's. Raises ``ValueError`` for a case already claimed.
    """
    code = claim_code_new()
    expires_at = timezone.now() + datetime.timedelta(days=settings.ASSISTED_CLAIM_CODE_DAYS)
    with transaction.atomic():
        locked = AssistedCase.objects.select_for_update().get(pk=case.pk)
        if locked.claimed_at is not None:
            raise ValueError(f"assisted case {case.pk} is claimed already: no new claim code")
        replaced = bool(locked.claim_code_hash)
        locked.claim_code_hash = claim_code_hash(code)
        locked.claim_code_expires_at = expires_at
        locked.save(update_fields=["claim_code_hash", "claim_code_expires_at"])
        audit_record(
            action="assisted.claim_code_issued",
            target=locked,
            request=request,
            details={"replaced": replaced, "expires_at": expires_at},
        )
    case.claim_code_hash, case.claim_code_expires_at = locked.claim_code_hash, expires_at
    return ClaimCode(code=code, expires_at=expires_at)


def claim_code_valid(case: AssistedCase, *, now: datetime.datetime | None = None) -> bool:
    """True while the case has a code that can still be used."""
    return bool(
        case.claimed_at is None
        and case.claim_code_hash
        and case.claim_code_expires_at is not None
        and case.claim_code_expires_at > (now or timezone.now())
    )


def same_person(case: AssistedCase, identity: Any) -> bool:
    """Whether the eID ``identity`` (a ``CitizenIdentity``) is the person of ``case``: the same eIDAS
    identifier, or the personal code the identifier carries is the case's. Names and a date of birth
    alone are not a match (two people can share them)."""
    person: dict[str, Any] = case.person
    known = str((person.get("eidas") or {}).get("person_identifier") or "")
    signed_in = str(identity.person_identifier or "")
    if known and signed_in and hmac.compare_digest(known.encode(), signed_in.encode()):
        return True
    code = personal_number_compact(PERSONAL_CODE_COUNTRY, str(person.get("personal_code") or ""))
    carried = identity_personal_number(identity, PERSONAL_CODE_COUNTRY)
    return bool(code and carried and hmac.compare_digest(code.encode(), carried.encode()))


def _slots(limit: TryLimit, who: str) -> list[str]:
    tag = blind_index(who, purpose=f"assisted-claim-tries-{limit.scope}")[:32]
    return [f"assisted-claim-try:{limit.scope}:{tag}:{slot}" for slot in range(limit.tries)]


def _try_take(limits: list[tuple[TryLimit, str]]) -> datetime.datetime | None:
    """Count one try against every limit; None when it is allowed, else when the next try will be.

    Each limit has as many cache entries as it allows tries, each one living for the limit's period: a
    try takes a free one (``cache.add`` is atomic), so at most that many tries fit in any such period.
    A refused try takes nothing.
    """
    now = timezone.now().timestamp()
    free: list[tuple[TryLimit, list[str]]] = []
    for limit, who in limits:
        keys = _slots(limit, who)
        stored: dict[str, float] = cache.get_many(keys)
        held = {key: until for key, until in stored.items() if until > now}
        if len(held) >= limit.tries:
            return datetime.datetime.fromtimestamp(min(held.values()), tz=datetime.UTC)
        cache.delete_many([key for key in stored if key not in held])  # past their time, not yet evicted
        free.append((limit, [key for key in keys if key not in held]))
    for limit, keys in free:
        if not any(cache.add(key, now + limit.seconds, timeout=limit.seconds) for key in keys):
            # Taken by tries made at the same moment.
            return datetime.datetime.fromtimestamp(now + limit.seconds, tz=datetime.UTC)
    return None


@dataclass(frozen=True)
class ClaimResult:
    """The claimed application, or nothing; ``try_again_at`` when the try was one too many."""

    application: Application | None = None
    try_again_at: datetime.datetime | None = None


def _refusal(case: AssistedCase | None, identity: Any, now: datetime.datetime) -> str:
    if case is None:
        return "unknown"  # never issued, replaced by a reprint, or used (a used code's hash is cleared)
    if case.claimed_at is not None:
        return "claimed"
    if case.claim_code_expires_at is None or case.claim_code_expires_at <= now:
        return "expired"
    if not same_person(case, identity):
        return "other_person"
    return ""


def case_claim(*, typed: str, citizen: User, request: HttpRequest | None = None) -> ClaimResult:
    """A citizen signed in with their eID enters a claim code: when it is a valid code of an application
    made for them, the application joins their account, in one transaction with the case marked claimed
    and the code cleared. Every try is audited with its outcome (never the code); refusals all look the
    same to the caller, apart from too many tries.

    The case row is locked (``select_for_update``): the same code entered twice at once claims once.
    """
    ip = client_ip(request) if request is not None else None
    limits = [(CITIZEN_LIMIT, str(citizen.pk)), *([(ADDRESS_LIMIT, ip)] if ip else [])]
    try_again_at = _try_take(limits)
    if try_again_at is not None:
        audit_record(
            action="assisted.claim_refused",
            actor=citizen,
            request=request,
            details={"reason": "too_many_tries"},
        )
        return ClaimResult(try_again_at=try_again_at)
    code = claim_code_normalise(typed)
    now = timezone.now()
    with transaction.atomic():
        case = (
            AssistedCase.objects.select_for_update().filter(claim_code_hash=claim_code_hash(code)).first()
            if code
            else None
        )
        application = case_application(case=case) if case is not None else None
        reason = _refusal(case, citizen.citizen_identity, now) or ("" if application else "not_sent")
        if reason or case is None or application is None:
            audit_record(
                action="assisted.claim_refused",
                actor=citizen,
                target=case,
                request=request,
                details={"reason": reason},
            )
            return ClaimResult()
        case.claimed_at, case.claimed_by, case.claim_code_hash = now, citizen, ""
        case.save(update_fields=["claimed_at", "claimed_by", "claim_code_hash"])
        application_claim(application=application, citizen=citizen, request=request)
        audit_record(
            action="assisted.claimed",
            actor=citizen,
            target=case,
            request=request,
            details={"application": str(application.pk)},
        )
    return ClaimResult(application=application)
