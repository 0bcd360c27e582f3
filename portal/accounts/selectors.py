from allauth.mfa.models import Authenticator

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
