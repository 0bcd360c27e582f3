"""People without an eID are told how to apply on paper, not promised that staff fill in an application
(there is no assisted mode yet)."""

import pytest

from tests.factories import InstitutionFactory, OfficeFactory

pytestmark = pytest.mark.django_db

PAPER = "You can apply on paper instead."
PROMISE = "Staff will fill in"


@pytest.mark.parametrize("url", ["/", "/eidas/login/", "/contact/"])
def test_each_page_that_mentions_offices_says_how_to_apply_on_paper(client, url):
    OfficeFactory(institution=InstitutionFactory(code="sodra", website="https://www.sodra.lt"))
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert PAPER in html
    assert PROMISE not in html


def test_the_contact_page_links_each_institution_s_website_from_its_data(client):
    OfficeFactory(institution=InstitutionFactory(code="sodra", website="https://www.sodra.lt"))
    OfficeFactory(institution=InstitutionFactory(code="no-site", website=""))
    html = client.get("/contact/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a class="govuk-link" href="https://www.sodra.lt">Website of Institution sodra</a>' in html
    assert "Website of Institution no-site" not in html
