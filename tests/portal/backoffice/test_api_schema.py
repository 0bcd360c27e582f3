"""The committed OpenAPI schema is the contract: it matches the code, and no input makes the API fail."""

from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import translation
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from portal.backoffice.credentials import api_credential_issue
from tests.factories import InstitutionFactory

COMMITTED = Path(__file__).resolve().parents[3] / "portal" / "backoffice" / "api" / "openapi.yaml"

schema = schemathesis.openapi.from_path(COMMITTED)
schema.app = WSGIHandler()  # in-process: the same database transaction as the test


def test_the_committed_schema_matches_the_code(tmp_path, client):
    generated = tmp_path / "openapi.yaml"
    with translation.override("en"):
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))
    assert generated.read_text() == COMMITTED.read_text(), (
        "The API changed: run `make api-schema` and commit portal/backoffice/api/openapi.yaml"
    )
    served = client.get("/api/v1/schema/")
    assert served.status_code == 200
    assert b"/api/v1/applications/{reference}/events/" in served.content


@pytest.fixture
def _connections_stay_open():
    """As Django's test client does: a request must not close the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(make_application, _connections_stay_open):
    institution = InstitutionFactory(code="sodra-fuzz")
    for _ in range(2):
        make_application()
    _credential, issued = api_credential_issue(
        institution=institution, name="Fuzz", procedures=["applicable-legislation", "ehic", "pension"]
    )
    return issued


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_fail(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error])
