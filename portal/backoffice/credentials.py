"""Issuing and checking institutions' API credentials."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from portal.audit.services import audit_record
from portal.backoffice.models import ApiCredential
from portal.institutions.models import Institution

TOKEN_PREFIX = "ssp"  # noqa: S105 - a public prefix that makes leaked tokens easy to scan for


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _token(key_id: str, secret: str) -> str:
    return f"{TOKEN_PREFIX}_{key_id}.{secret}"


def _secret_new(credential: ApiCredential) -> str:
    """Give ``credential`` a new secret (only its hash is kept) and return the token that carries it."""
    secret = secrets.token_urlsafe(32)
    credential.secret_hash = _hash(secret)
    return _token(credential.key_id, secret)


def api_credential_add(*, credential: ApiCredential, actor: object = None) -> str:
    """Save a new credential (as filled in admin) with its key ID and secret; returns the token, once."""
    credential.key_id = secrets.token_hex(8)
    credential.procedures = sorted(set(credential.procedures))
    token = _secret_new(credential)
    with transaction.atomic():
        credential.save(force_insert=True)
        audit_record(action="backoffice.api_credential_issued", actor=actor, target=credential)  # type: ignore[arg-type]
    return token


def api_credential_issue(
    *, institution: Institution, name: str, procedures: list[str], actor: object = None
) -> tuple[ApiCredential, str]:
    """A new credential and its token. The token is returned once and never stored."""
    credential = ApiCredential(institution=institution, name=name, procedures=procedures)
    return credential, api_credential_add(credential=credential, actor=actor)


def api_credential_rotate(*, credential: ApiCredential, actor: object = None) -> str:
    """A new secret for an existing credential; the old token stops working at once."""
    token = _secret_new(credential)
    with transaction.atomic():
        credential.save(update_fields=["secret_hash"])
        audit_record(action="backoffice.api_credential_rotated", actor=actor, target=credential)  # type: ignore[arg-type]
    return token


def api_credential_check(token: str) -> ApiCredential | None:
    """The active credential a token belongs to, or ``None``."""
    prefix = f"{TOKEN_PREFIX}_"
    if not token.startswith(prefix) or "." not in token:
        return None
    key_id, _separator, secret = token[len(prefix) :].partition(".")
    credential = (
        ApiCredential.objects.select_related("institution").filter(key_id=key_id, active=True).first()
    )
    if credential is None or not constant_time_compare(credential.secret_hash, _hash(secret)):
        return None
    now = timezone.now()
    if credential.last_used_at is None or (now - credential.last_used_at).total_seconds() > 60:
        ApiCredential.objects.filter(pk=credential.pk).update(last_used_at=now)  # at most once a minute
    return credential
