import pytest

from portal.backoffice.credentials import api_credential_issue
from portal.documents.services import pdf_render
from tests.factories import InstitutionFactory


@pytest.fixture
def sodra(db):
    return InstitutionFactory(code="sodra-test", names={"lt": "Sodra", "en": "Sodra"})


@pytest.fixture
def sodra_token(sodra):
    """A credential of the institution deciding A1 and pensions."""
    _credential, token = api_credential_issue(
        institution=sodra, name="Case management", procedures=["applicable-legislation", "pension"]
    )
    return token


@pytest.fixture
def vlk_token(db):
    """Another institution's credential: health insurance cards only."""
    vlk = InstitutionFactory(code="vlk-test", names={"lt": "VLK", "en": "NHIF"})
    _credential, token = api_credential_issue(institution=vlk, name="Cards", procedures=["ehic"])
    return token


@pytest.fixture
def api(client):
    def call(method: str, path: str, token: str | None = None, **kwargs):  # type: ignore[no-untyped-def]
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return getattr(client, method)(path, headers=headers, **kwargs)

    return call


@pytest.fixture(scope="session")
def decision_pdf() -> bytes:
    html = "<html lang='lt'><body><h1>Sprendimas</h1><p>A1 pažymėjimas išduotas.</p></body></html>"
    return pdf_render(html=html, language="lt")
