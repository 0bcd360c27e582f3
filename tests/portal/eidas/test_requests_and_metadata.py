"""What the portal sends (AuthnRequest, SP metadata) and how it reads the node's metadata."""

import base64
import datetime
import http.server
import threading
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from lxml import etree
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

from portal.eidas import constants as c
from portal.eidas.config import service_provider
from portal.eidas.demo_node.idp import demo_node_metadata
from portal.eidas.node_metadata import NodeMetadataError, node_metadata, node_metadata_refresh
from portal.eidas.xmlsign import verify_enveloped
from tests.portal.eidas.saml_tools import NS, start_login

pytestmark = pytest.mark.django_db
EIDAS = {"eidas": c.NS_EIDAS, "md": c.NS_MD, **NS}


@pytest.fixture
def authn_request(client) -> etree._Element:
    request = start_login(client, country="DE")
    return etree.fromstring(base64.b64decode(request["encoded"]))


def test_the_authn_request_validates_against_the_saml_schema(authn_request):
    # validate_xml returns the parsed document, or a string naming the schema error.
    schema = "saml-schema-protocol-2.0.xsd"
    assert not isinstance(OneLogin_Saml2_XML.validate_xml(etree.tostring(authn_request), schema), str)
    authn_request.append(authn_request.find("samlp:Extensions", NS))  # out of schema order: must fail
    assert isinstance(OneLogin_Saml2_XML.validate_xml(etree.tostring(authn_request), schema), str)


def test_the_authn_request_is_signed_with_the_sp_signing_key(authn_request):
    sp = service_provider()
    verify_enveloped(authn_request, cert_pem=sp.signing.cert_pem)
    method = authn_request.find("ds:Signature/ds:SignedInfo/ds:SignatureMethod", NS).get("Algorithm")
    assert method == c.SIGNING_ALGORITHM_EC
    # The signature comes right after the Issuer, before the extensions (schema order).
    assert [etree.QName(child).localname for child in authn_request][:3] == [
        "Issuer",
        "Signature",
        "Extensions",
    ]


def test_a_changed_authn_request_no_longer_verifies(authn_request):
    authn_request.set("ForceAuthn", "false")
    with pytest.raises(Exception, match=r"(?i)invalid|fail"):
        verify_enveloped(authn_request, cert_pem=service_provider().signing.cert_pem)


def test_the_authn_request_carries_the_eidas_extensions(authn_request):
    assert authn_request.find("samlp:Extensions/eidas:SPType", EIDAS).text == "public"
    requested = authn_request.findall(
        "samlp:Extensions/eidas:RequestedAttributes/eidas:RequestedAttribute", EIDAS
    )
    required = {a.get("Name") for a in requested if a.get("isRequired") == "true"}
    optional = {a.get("Name") for a in requested if a.get("isRequired") == "false"}
    assert required == set(c.MANDATORY_ATTRIBUTES)
    assert c.BIRTH_NAME in optional and c.CURRENT_ADDRESS in optional
    assert all(a.get("NameFormat") == c.NAME_FORMAT_URI for a in requested)


def test_the_authn_request_asks_for_at_least_substantial(authn_request):
    context = authn_request.find("samlp:RequestedAuthnContext", NS)
    assert context.get("Comparison") == "minimum"
    assert [ref.text for ref in context.findall("saml:AuthnContextClassRef", NS)] == [c.LOA_SUBSTANTIAL]
    assert authn_request.get("ForceAuthn") == "true"
    assert authn_request.get("IsPassive") == "false"
    assert authn_request.get("ProviderName")
    policy = authn_request.find("samlp:NameIDPolicy", NS)
    assert policy.get("AllowCreate") == "true" and policy.get("Format") == c.NAMEID_UNSPECIFIED


def test_the_login_page_posts_the_request_with_a_visible_button(client):
    response = client.post("/eidas/login/", {"country": "PL"})
    html = response.content.decode()
    assert 'method="post" action="http://portal.example.org/demo-eidas/sso/" data-auto-submit' in html
    assert 'name="country" value="PL"' in html
    assert '<button type="submit"' in html


def test_the_country_page_asks_again_when_no_country_is_chosen(client):
    response = client.post("/eidas/login/", {"country": ""}, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "Select the country that issued your eID" in response.content.decode()


def test_the_country_page_names_countries_in_the_current_language(client):
    assert "Vokietija" in client.get("/eidas/login/", headers={"Accept-Language": "lt"}).content.decode()
    assert "Germany" in client.get("/eidas/login/", headers={"Accept-Language": "en"}).content.decode()


def test_only_local_next_addresses_are_followed(client):
    from tests.portal.eidas.saml_tools import node_response, post_acs

    request = start_login(client, next_url="https://evil.example/")
    assert post_acs(client, node_response(request))["Location"] == "/my/"
    request = start_login(client, next_url="/contact/")
    assert post_acs(client, node_response(request))["Location"] == "/contact/"


def test_sp_metadata_is_signed_and_valid_for_a_day(client):
    response = client.get("/eidas/metadata/")
    assert response["Content-Type"] == "application/samlmetadata+xml"
    root = etree.fromstring(response.content)
    verify_enveloped(root, cert_pem=service_provider().signing.cert_pem)
    valid_until = datetime.datetime.fromisoformat(root.get("validUntil").replace("Z", "+00:00"))
    now = datetime.datetime.now(datetime.UTC)
    assert now + datetime.timedelta(hours=23) < valid_until <= now + datetime.timedelta(hours=24, minutes=1)
    assert root.get("entityID") == "http://portal.example.org/eidas/metadata/"


def test_sp_metadata_describes_what_the_node_needs(client):
    root = etree.fromstring(client.get("/eidas/metadata/").content)
    assert root.find("md:Extensions/eidas:SPType", EIDAS).text == "public"
    assert root.findall("md:Extensions/{urn:oasis:names:tc:SAML:metadata:algsupport}SigningMethod", EIDAS)
    descriptor = root.find("md:SPSSODescriptor", EIDAS)
    assert (
        descriptor.get("AuthnRequestsSigned") == "true" and descriptor.get("WantAssertionsSigned") == "true"
    )
    uses = [key.get("use") for key in descriptor.findall("md:KeyDescriptor", EIDAS)]
    assert uses == ["signing", "encryption"]
    acs = descriptor.find("md:AssertionConsumerService", EIDAS)
    assert (
        acs.get("Binding") == c.BINDING_POST and acs.get("Location") == "http://portal.example.org/eidas/acs/"
    )


def test_sp_metadata_publishes_the_next_certificate_before_a_rollover(client, settings, tmp_path):
    from portal.eidas.keys import generate_pair

    next_cert = tmp_path / "next.crt"
    next_cert.write_text(generate_pair(common_name="next", kind="ec").cert_pem)
    settings.EIDAS_SP_NEXT_SIGNING_CERT = str(next_cert)
    root = etree.fromstring(client.get("/eidas/metadata/").content)
    uses = [key.get("use") for key in root.findall("md:SPSSODescriptor/md:KeyDescriptor", EIDAS)]
    assert uses == ["signing", "signing", "encryption"]


# --- the node's metadata --------------------------------------------------------------------------------


@pytest.fixture
def metadata_server(tmp_path):
    """The demo node's signed metadata served by a real HTTP server on loopback."""
    body, cert = demo_node_metadata()
    (tmp_path / "metadata.xml").write_bytes(body)
    (tmp_path / "node.crt").write_text(cert)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):  # type: ignore[no-untyped-def]
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/metadata.xml", tmp_path
    server.shutdown()
    server.server_close()


def test_node_metadata_is_loaded_from_a_url_and_its_signature_checked(settings, metadata_server):
    url, folder = metadata_server
    settings.EIDAS_NODE_METADATA_URL = url
    settings.EIDAS_NODE_METADATA_SIGNING_CERT = str(folder / "node.crt")
    metadata = node_metadata_refresh()
    assert metadata.sso_url == "http://portal.example.org/demo-eidas/sso/"
    assert metadata.signing_certs
    assert node_metadata() == metadata  # served from the cache now


def test_node_metadata_from_a_file_is_used_too(settings, metadata_server):
    _url, folder = metadata_server
    settings.EIDAS_NODE_METADATA_FILE = str(folder / "metadata.xml")
    settings.EIDAS_NODE_METADATA_SIGNING_CERT = str(folder / "node.crt")
    assert node_metadata_refresh().entity_id == "http://portal.example.org/demo-eidas/metadata/"


def test_node_metadata_with_a_broken_signature_is_refused(settings, metadata_server):
    url, folder = metadata_server
    path = folder / "metadata.xml"
    path.write_bytes(path.read_bytes().replace(b"/demo-eidas/sso/", b"/evil-eidas/sso/"))
    settings.EIDAS_NODE_METADATA_URL = url
    settings.EIDAS_NODE_METADATA_SIGNING_CERT = str(folder / "node.crt")
    with pytest.raises(NodeMetadataError, match="does not verify"):
        node_metadata_refresh()


def test_expired_node_metadata_is_refused_with_an_operator_error(settings, metadata_server, client):
    url, folder = metadata_server
    settings.EIDAS_NODE_METADATA_URL = url
    settings.EIDAS_NODE_METADATA_SIGNING_CERT = str(folder / "node.crt")
    cache.clear()
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)):
        with pytest.raises(NodeMetadataError, match="expired at"):
            node_metadata_refresh()
        response = client.post("/eidas/login/", {"country": "LT"})
    assert response.status_code == 503
    assert "govuk-inset-text" in response.content.decode()  # the person gets a reference, not a stack trace


def _node_publishes(folder: Path, *, sso_url: str) -> None:
    """The node moves its single sign-on service and publishes new metadata, signed with its key."""
    from tests.portal.eidas.saml_tools import resign

    root = etree.fromstring((folder / "metadata.xml").read_bytes())
    for service in root.iterfind("md:IDPSSODescriptor/md:SingleSignOnService", EIDAS):
        service.set("Location", sso_url)
    resign(root)
    (folder / "metadata.xml").write_bytes(etree.tostring(root))


def test_the_beat_task_refreshes_the_node_metadata(settings, metadata_server, client):
    from portal.celery import BEAT_SCHEDULE
    from portal.eidas.tasks import node_metadata_refresh_task

    url, folder = metadata_server
    settings.EIDAS_NODE_METADATA_URL = url
    settings.EIDAS_NODE_METADATA_SIGNING_CERT = str(folder / "node.crt")
    cache.clear()
    assert node_metadata().sso_url == "http://portal.example.org/demo-eidas/sso/"
    _node_publishes(folder, sso_url="https://eidas.example.lt/sso/")
    # Until the beat runs, logins use the copy in the cache; after it, the node's new endpoint.
    assert node_metadata().sso_url == "http://portal.example.org/demo-eidas/sso/"
    node_metadata_refresh_task()
    html = client.post("/eidas/login/", {"country": "LT"}).content.decode()
    assert 'action="https://eidas.example.lt/sso/"' in html
    schedule = [
        entry["schedule"]
        for entry in BEAT_SCHEDULE.values()
        if entry["task"] == node_metadata_refresh_task.name
    ]
    assert len(schedule) == 1 and schedule[0].minute == {0, 30}  # every 30 minutes


def test_a_failed_refresh_keeps_the_valid_copy_and_tells_the_operator(
    settings, metadata_server, client, caplog
):
    from portal.eidas.tasks import node_metadata_refresh_task

    url, folder = metadata_server
    settings.EIDAS_NODE_METADATA_URL = url
    settings.EIDAS_NODE_METADATA_SIGNING_CERT = str(folder / "node.crt")
    cache.clear()
    node_metadata_refresh_task()
    path = folder / "metadata.xml"
    path.write_bytes(path.read_bytes().replace(b"/demo-eidas/sso/", b"/evil-eidas/sso/"))  # not re-signed
    node_metadata_refresh_task()
    assert "eIDAS node metadata refresh failed" in caplog.text and "does not verify" in caplog.text
    html = client.post("/eidas/login/", {"country": "LT"}).content.decode()
    assert 'action="http://portal.example.org/demo-eidas/sso/"' in html


# --- the demo node is a development tool only -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/demo-eidas/", "/demo-eidas/metadata/", "/demo-eidas/sso/"])
def test_the_demo_node_is_unreachable_when_switched_off(client, settings, path):
    settings.EIDAS_DEMO_NODE = False
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


def test_without_a_node_configured_logins_fail_cleanly(client, settings):
    settings.EIDAS_DEMO_NODE = False
    response = client.post("/eidas/login/", {"country": "LT"})
    assert response.status_code == 503
