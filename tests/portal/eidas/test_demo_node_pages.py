"""The demo eIDAS node's page speaks the reader's language: test people's descriptions and the level
of assurance by name, not a URI."""

import pytest

from tests.portal.eidas.saml_tools import start_login

pytestmark = pytest.mark.django_db


def node_page(client, language: str) -> str:  # type: ignore[no-untyped-def]
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    request = start_login(client)
    client.post("/demo-eidas/sso/", {"SAMLRequest": request["encoded"], "country": "LT"})
    return str(client.get("/demo-eidas/").content.decode())


def test_in_english_the_test_people_and_the_level_of_assurance_are_in_english(client):
    html = node_page(client, "en")
    assert "Ona Petraitienė (Lithuanian pensioner, born 1958)" in html
    assert "at least this level of assurance: Substantial." in html
    assert "http://eidas.europa.eu/LoA/" not in html.split("<form")[0]  # the sentence above the form
    assert "pensininkė" not in html


def test_in_lithuanian_they_are_in_lithuanian(client):
    html = node_page(client, "lt")
    assert "Ona Petraitienė (Lietuvos pensininkė, gimusi 1958 m.)" in html
    assert "Pakankamas" in html
    assert "Lithuanian pensioner" not in html
