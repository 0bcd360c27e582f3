"""People without an eID are told what they can do: a caseworker at an office fills in the application
with them, or they apply on paper."""

import pytest

from tests.factories import InstitutionFactory, OfficeFactory

pytestmark = pytest.mark.django_db

PAPER = "You can apply on paper instead."
AT_AN_OFFICE = "A caseworker fills in the same application with you. Bring an identity document."


@pytest.mark.parametrize("url", ["/", "/eidas/login/", "/contact/"])
def test_each_page_that_mentions_offices_says_a_caseworker_can_apply_with_you_or_you_apply_on_paper(
    client, url
):
    OfficeFactory(institution=InstitutionFactory(code="sodra", website="https://www.sodra.lt"))
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert AT_AN_OFFICE in html
    assert PAPER in html
    assert "coming soon" not in html


@pytest.mark.parametrize("slug", ["applicable-legislation", "ehic"])
def test_a_procedure_that_can_be_filled_in_online_can_be_filled_in_at_an_office_too(client, db, slug):
    html = client.get(f"/{slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No eID? A caseworker at a customer service office can fill in the application with you." in html


def test_the_contact_page_links_each_institution_s_website_from_its_data(client):
    OfficeFactory(institution=InstitutionFactory(code="sodra", website="https://www.sodra.lt"))
    OfficeFactory(institution=InstitutionFactory(code="no-site", website=""))
    html = client.get("/contact/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a class="govuk-link" href="https://www.sodra.lt">Website of Institution sodra</a>' in html
    assert "Website of Institution no-site" not in html
