"""The production profile: refuses to start half-configured, and passes Django's deployment checks."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

from tests.support.servers import PROJECT_ROOT

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "p7-Qx3v!Lr8#nZ2mW5tY1uB6cJ9kH4sD0fG7aE3iO8pR2wV5xN1qT6yM9bC4zK7jU0hL3",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "BLIND_INDEX_KEY": "b" * 64,
    "AUDIT_CHAIN_KEY": "c" * 64,
    # The institution's own seal (any image will do here; the demo seal draws a warning, tested below).
    "INSTITUTION_SEAL_IMAGE": str(
        PROJECT_ROOT / "static" / "vendor" / "govuk" / "assets" / "images" / "govuk-icon-192.png"
    ),
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Only what the test gives: nothing from the test run's own environment (database, async flags).
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    clean = {key: value for key, value in os.environ.items() if key in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_checks_pass_without_a_single_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("seal", "warning"),
    [
        ("static/seal/demo-seal.svg", "INSTITUTION_SEAL_IMAGE is the demo seal"),
        ("/nonexistent.png", "is not a file"),
    ],
)
def test_deploy_checks_warn_about_a_demo_or_missing_seal(seal, warning):
    result = manage(
        "check", "--deploy", env={**PRODUCTION_ENV, "INSTITUTION_SEAL_IMAGE": str(PROJECT_ROOT / seal)}
    )
    assert warning in result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Production settings need these environment variables: {missing}" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY must be a random value of at least 50 characters" in result.stderr


def test_production_refuses_sqlite():
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
    assert result.returncode != 0
    assert "Production needs PostgreSQL" in result.stderr


def test_production_refuses_to_run_without_encryption_keys():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "FIELD_ENCRYPTION_KEYS"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS" in result.stderr


def test_production_refuses_to_run_without_the_audit_chain_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "AUDIT_CHAIN_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Production needs AUDIT_CHAIN_KEY." in result.stderr


def test_production_turns_the_demo_eidas_node_and_debug_off():
    code = (
        "from django.conf import settings as s; print(s.DEBUG, s.EIDAS_DEMO_NODE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.splitlines()[-1].split() == ["False", "False", "True"], result.stderr


def test_the_laptop_defaults_need_only_to_be_asked_for():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, s.DEBUG, "
        "s.EIDAS_DEMO_NODE)"
    )
    result = manage("shell", "-c", code, env={"DJANGO_ENV": "development"})
    assert result.stdout.splitlines()[-1].split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "True",
        "True",
    ], result.stderr


def test_no_configuration_at_all_refuses_to_start_and_says_what_is_missing():
    result = manage("check", env={})
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_ENV is not set" in result.stderr
    assert "DJANGO_ENV=production with SECRET_KEY, ALLOWED_HOSTS" in result.stderr


def test_a_wsgi_server_with_no_configuration_refuses_to_load_the_portal():
    # What gunicorn does first: import the WSGI module, which loads the settings.
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    clean = {key: value for key, value in os.environ.items() if key in inherited}
    result = subprocess.run(
        [sys.executable, "-c", "import portal.wsgi"],
        cwd=PROJECT_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_ENV is not set" in result.stderr
    assert "DEBUG" not in result.stdout


@pytest.mark.parametrize("profile", ["staging", "Production", "dev"])
def test_an_unknown_profile_refuses_to_start(profile):
    result = manage("check", env={"DJANGO_ENV": profile})
    assert result.returncode != 0
    assert "DJANGO_ENV is not set (or not 'development' or 'production')" in result.stderr
