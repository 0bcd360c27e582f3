from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import QuerySet

from portal.accounts.models import CitizenIdentity, ContactDetails, User
from portal.crypto.keyring import blind_index

PERSON_IDENTIFIER_PURPOSE = "eidas-person-identifier"


def user_has_second_factor(*, user: User) -> bool:
    """A TOTP app or a security key (recovery codes alone do not count)."""
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def citizen_identity_find(*, person_identifier: str) -> CitizenIdentity | None:
    index = blind_index(person_identifier, purpose=PERSON_IDENTIFIER_PURPOSE)
    return CitizenIdentity.objects.select_related("user").filter(person_identifier_index=index).first()


@dataclass(frozen=True)
class Contact:
    """Where letters and e-mails about an application go, and in which language."""

    email: str
    phone: str
    address: dict[str, str]
    language: str
    on_account: bool  # from the account's contact details (else from the application itself)


def contact_details_of(*, user: User) -> ContactDetails | None:
    return ContactDetails.objects.filter(user=user).first()


def contact_for(*, user: User | None, given: Mapping[str, Any], language: str) -> Contact:
    """The account's contact details when ``user`` has them; otherwise what ``given`` (the person block
    of an application, e.g. one filed at an office for a person without an account) says."""
    details = contact_details_of(user=user) if user is not None else None
    if details is not None:
        return Contact(
            email=details.email,
            phone=details.phone,
            address=details.address if isinstance(details.address, dict) else {},
            language=details.language or language,
            on_account=True,
        )
    address = given.get("address")
    return Contact(
        email=str(given.get("email") or ""),
        phone=str(given.get("phone") or ""),
        address=address if isinstance(address, dict) else {},
        language=language,
        on_account=False,
    )


def identifier_masked(person_identifier: str, *, shown: int = 4) -> str:
    """The eIDAS identifier's own part (after ``XX/YY/``) with all but its last characters hidden."""
    value = person_identifier.rsplit("/", 1)[-1]
    if len(value) <= shown:
        return "•" * len(value)
    return "•" * (len(value) - shown) + value[-shown:]


def user_display_name(user: Any) -> str:
    """The name people know themselves by: a citizen's name from their eID, a staff member's name or
    e-mail address; never the internal username (``citizen-3e82…``). allauth's ACCOUNT_USER_DISPLAY."""
    identity = getattr(user, "citizen_identity", None)
    if identity is not None:
        return f"{identity.given_name} {identity.family_name}".strip()
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return str(full_name or getattr(user, "email", "") or "")


def personal_code_shaped(term: str) -> bool:
    """Could ``term`` be a personal code or an eIDAS identifier (one word with digits)? Names never are:
    they are stored encrypted and cannot be searched."""
    return 4 <= len(term) <= 200 and not any(ch.isspace() for ch in term) and any(ch.isdigit() for ch in term)


def citizen_identities_with_personal_code(*, code: str) -> QuerySet[CitizenIdentity]:
    """The citizens whose eID carries exactly ``code``, found through the blind index (identifiers are
    stored encrypted: no LIKE, no prefix search is possible or wanted).

    ``code`` is a full eIDAS identifier (``LT/LT/39006210214``) or the personal code alone, looked for as
    issued by any eIDAS country to this portal (``XX/<PORTAL_COUNTRY>/code``). Anything that cannot be a
    code (spaces, no digit) finds nobody.
    """
    code = code.strip()
    if not personal_code_shaped(code):
        return CitizenIdentity.objects.none()
    if "/" in code:
        parts = code.split("/", 2)
        if len(parts) != 3:
            return CitizenIdentity.objects.none()
        candidates = [f"{parts[0].upper()}/{parts[1].upper()}/{parts[2]}"]
    else:
        issuers = sorted({*settings.EIDAS_COUNTRIES, settings.PORTAL_COUNTRY})
        candidates = [f"{issuer}/{settings.PORTAL_COUNTRY}/{code}" for issuer in issuers]
    indexes = [blind_index(candidate, purpose=PERSON_IDENTIFIER_PURPOSE) for candidate in candidates]
    return CitizenIdentity.objects.filter(person_identifier_index__in=indexes)


def citizen_name(identity: CitizenIdentity) -> str:
    """The name from the eID, in Latin script (the original script beside it when there is one)."""
    name = f"{identity.given_name} {identity.family_name}".strip()
    native = f"{identity.given_name_native} {identity.family_name_native}".strip()
    return f"{name} ({native})" if native and native != name else name
