from importlib import import_module

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.apps import apps as django_apps
from django.core.cache import cache

from tests.factories import UserFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET, *, offset: int = 0) -> str:
    """The code an authenticator app would show now (``offset`` periods later)."""
    import time

    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD + offset))


_roles_migration = import_module("portal.accounts.migrations.0003_administrators_run_the_pipeline")
_card_rules_migration = import_module("procedures.ehic.migrations.0002_lithuanian_rules")
_pension_rules_migration = import_module("procedures.pension.migrations.0002_lithuanian_rules")


@pytest.fixture(autouse=True)
def _data_migrations_survive_flushes(request):
    """Transactional tests empty every table afterwards, what data migrations load included (the roles,
    the card and pension rules); put it back (with the migrations' own code) before each such test."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        _roles_migration.add_permissions(django_apps, None)
        _card_rules_migration.load(django_apps, None)
        _pension_rules_migration.load(django_apps, None)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and used TOTP codes live in the cache; each test starts from none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def caseworker(db):
    return UserFactory(caseworker=True)


@pytest.fixture
def administrator(db):
    return UserFactory(administrator=True)


@pytest.fixture
def caseworker_with_totp(caseworker):
    TOTP.activate(caseworker, TOTP_SECRET)
    RecoveryCodes.activate(caseworker)
    return caseworker


@pytest.fixture
def citizen(db):
    from portal.accounts.services import citizen_identity_upsert
    from tests.factories import citizen_identity_kwargs

    return citizen_identity_upsert(**citizen_identity_kwargs())


@pytest.fixture(scope="session", autouse=True)
def _eidas_keys():
    """Development keys for the SP and the demo node (kept in var/eidas like `make setup` does)."""
    from django.core.management import call_command

    call_command("eidas_keys", "--if-missing", verbosity=0)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Documents written by a test (and key rotation over them) stay out of the real MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKOFFICE_OUTBOX_DIR = tmp_path / "outbox"


@pytest.fixture(autouse=True)
def _site_url(settings):
    # The SP's entity ID, ACS URL and the demo node's URLs follow PORTAL_SITE_URL; the test client's
    # host does not matter (browser tests set the live server URL instead).
    settings.PORTAL_SITE_URL = "http://portal.example.org"
