"""The API credentials list names the procedures each credential may see, not their raw JSON."""

import pytest

from portal.backoffice.credentials import api_credential_issue

pytestmark = pytest.mark.django_db


def test_the_credentials_list_names_the_procedures(admin_client, sodra):
    api_credential_issue(
        institution=sodra, name="Case management", procedures=["applicable-legislation", "pension"]
    )
    page = admin_client.get(
        "/admin/backoffice/apicredential/", headers={"Accept-Language": "en"}
    ).content.decode()
    assert "Find out which country&#x27;s social security covers you (certificate A1)" in page
    assert "Claim an old-age pension or pre-retirement benefit" in page
    assert "[&#x27;applicable-legislation&#x27;" not in page
    assert "applicable-legislation" not in page.split('id="result_list"', 1)[1]
