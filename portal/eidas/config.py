"""The service provider's configuration, read from settings when needed (tests change settings)."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.eidas import constants as c
from portal.eidas.keys import KeyPair, read_pair


@dataclass(frozen=True)
class ServiceProvider:
    entity_id: str
    acs_url: str
    logout_url: str
    provider_name: str
    sp_type: str
    required_loa: str
    optional_attributes: tuple[str, ...]
    signing: KeyPair
    encryption: KeyPair
    next_signing_cert_pem: str


@cache
def _pair(key_path: Path, cert_path: Path) -> KeyPair:
    try:
        return read_pair(key_path, cert_path)
    except FileNotFoundError as exc:
        raise ImproperlyConfigured(
            f"eIDAS key material missing ({exc.filename}). Run `manage.py eidas_keys` for development keys, "
            "or set EIDAS_SP_* to the keys registered with the eIDAS node."
        ) from exc


def site_url() -> str:
    return settings.PORTAL_SITE_URL.rstrip("/")


def service_provider() -> ServiceProvider:
    if settings.EIDAS_REQUIRED_LOA not in (c.LOA_SUBSTANTIAL, c.LOA_HIGH):
        raise ImproperlyConfigured("EIDAS_REQUIRED_LOA must be substantial or high for these procedures.")
    unknown = set(settings.EIDAS_REQUESTED_OPTIONAL_ATTRIBUTES) - set(c.OPTIONAL_ATTRIBUTES)
    if unknown:
        raise ImproperlyConfigured(f"Unknown optional eIDAS attributes: {', '.join(sorted(unknown))}")
    base = site_url()
    next_cert = settings.EIDAS_SP_NEXT_SIGNING_CERT
    return ServiceProvider(
        entity_id=settings.EIDAS_SP_ENTITY_ID or f"{base}/eidas/metadata/",
        acs_url=f"{base}/eidas/acs/",
        logout_url=f"{base}/eidas/slo/",
        provider_name=settings.EIDAS_PROVIDER_NAME,
        sp_type=settings.EIDAS_SP_TYPE,
        required_loa=settings.EIDAS_REQUIRED_LOA,
        optional_attributes=tuple(settings.EIDAS_REQUESTED_OPTIONAL_ATTRIBUTES),
        signing=_pair(Path(settings.EIDAS_SP_SIGNING_KEY), Path(settings.EIDAS_SP_SIGNING_CERT)),
        encryption=_pair(Path(settings.EIDAS_SP_ENCRYPTION_KEY), Path(settings.EIDAS_SP_ENCRYPTION_CERT)),
        next_signing_cert_pem=Path(next_cert).read_text() if next_cert else "",
    )


def loa_at_least(achieved: str | None, required: str) -> bool:
    """Levels of assurance are ordered: a higher level than required is accepted, a lower one is not."""
    if achieved not in c.LOA_ORDER:
        return False
    return c.LOA_ORDER.index(achieved) >= c.LOA_ORDER.index(required)
