from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import QuerySet

from portal.accounts.models import CitizenIdentity, User
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
