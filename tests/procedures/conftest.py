import pytest

from tests.portal.eidas.saml_tools import node_response, post_acs, start_login


@pytest.fixture
def citizen_client(client):
    """A citizen signed in through the demo eIDAS node (a Lithuanian worker), reading English pages."""
    post_acs(client, node_response(start_login(client), "lt-worker"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
