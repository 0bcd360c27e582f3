"""Creating and changing accounts."""

import datetime
import secrets
from collections.abc import Mapping
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest

from portal.accounts.models import CitizenIdentity, ContactDetails, User
from portal.accounts.roles import STAFF_ROLES, Role
from portal.accounts.selectors import PERSON_IDENTIFIER_PURPOSE, citizen_identity_find
from portal.audit.services import audit_record
from portal.crypto.keyring import blind_index
from portal.institutions.models import Office


@transaction.atomic
def staff_user_create(
    *,
    email: str,
    password: str | None,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    office: Office | None = None,
    created_by: User | None = None,
) -> User:
    """A caseworker or administrator account. Their second factor is set up at the first sign-in."""
    if role not in STAFF_ROLES:
        raise ValueError(f"{role} is not a staff role")
    if role is Role.CASEWORKER and office is None:
        raise ValueError("A caseworker belongs to an office.")
    email = email.strip().lower()
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        office=office,
        is_staff=role is Role.ADMINISTRATOR,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=role.value))
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    audit_record(action="accounts.staff_created", actor=created_by, target=user, details={"role": role.value})
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a person chose, for letters and e-mails sent when they are not here."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language {language!r}")
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def citizen_identity_upsert(
    *,
    person_identifier: str,
    family_name: str,
    given_name: str,
    date_of_birth: datetime.date,
    level_of_assurance: str,
    family_name_native: str = "",
    given_name_native: str = "",
) -> User:
    """Find the citizen by their eIDAS PersonIdentifier, or create them; refresh what eIDAS told us.

    The identifier is never parsed beyond its country prefix: it may be a pseudonym.
    """
    identity = citizen_identity_find(person_identifier=person_identifier)
    if identity is None:
        user = User(username=f"citizen-{secrets.token_hex(12)}")
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=Role.CITIZEN.value))
        identity = CitizenIdentity(
            user=user,
            person_identifier=person_identifier,
            person_identifier_index=blind_index(person_identifier, purpose=PERSON_IDENTIFIER_PURPOSE),
            country=person_identifier.split("/", 1)[0].upper()[:2],
        )
        audit_record(action="accounts.citizen_created", actor=user, target=user)
    identity.family_name = family_name
    identity.given_name = given_name
    identity.family_name_native = family_name_native
    identity.given_name_native = given_name_native
    identity.date_of_birth = date_of_birth
    identity.level_of_assurance = level_of_assurance
    identity.save()
    return identity.user


CONTACT_PARTS = ("email", "phone", "address", "language")


def _contact_details_save(
    *,
    user: User,
    values: dict[str, Any],
    source: str,
    request: HttpRequest | None = None,
    keep_language: bool = False,
) -> ContactDetails:
    # The user's row is locked (``select_for_update``), not the details' (there may be none yet): two
    # applications sent at once (a double click) set them one after the other, never create them twice.
    User.objects.select_for_update().filter(pk=user.pk).first()
    details = ContactDetails.objects.filter(user=user).first() or ContactDetails(user=user)
    if keep_language and details.language:
        values["language"] = details.language
    changed = [part for part in CONTACT_PARTS if getattr(details, part) != values[part] or details.pk is None]
    if not changed:
        return details
    for part in CONTACT_PARTS:
        setattr(details, part, values[part])
    details.save()
    # Which parts changed and how, never the values (they are personal data).
    audit_record(
        action="accounts.contact_details_changed",
        actor=user,
        target=user,
        request=request,
        details={"changed": changed, "source": source},
    )
    return details


@transaction.atomic
def contact_details_change(
    *,
    user: User,
    email: str,
    phone: str,
    address: Mapping[str, str],
    language: str,
    request: HttpRequest | None = None,
) -> ContactDetails:
    """The citizen changes where letters and e-mails about every one of their applications go."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language {language!r}")
    values = {"email": email.strip(), "phone": phone.strip(), "address": dict(address), "language": language}
    return _contact_details_save(user=user, values=values, source="account", request=request)


@transaction.atomic
def contact_details_from_application(
    *, user: User, given: Mapping[str, Any], language: str
) -> ContactDetails | None:
    """Sending an application makes the contact details it gives the account's: the latest ones the
    person gave are where letters and e-mails go. An application that gives none changes nothing. The
    language of letters is the application's only until the person chooses one on their account.

    A staff member's account never takes them: a caseworker who files an application for someone at an
    office is not the person the letters are for (their details stay on that application)."""
    if user.is_staff_member:
        return None
    address = given.get("address")
    if not (given.get("email") or (isinstance(address, dict) and address)):
        return None
    values = {
        "email": str(given.get("email") or ""),
        "phone": str(given.get("phone") or ""),
        "address": dict(address) if isinstance(address, dict) else {},
        "language": language,
    }
    return _contact_details_save(user=user, values=values, source="application", keep_language=True)
