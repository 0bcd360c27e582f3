"""A card application is the business of the person filling it in and no one else's: another citizen who
knows or guesses its URLs (a draft's pages, its stop pages, the child's sent application and its
documents) gets "not found", never a page, a redirect to it, or a change."""

import re

import pytest
from django.test import Client

from portal.applications.models import Application, Draft
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login
from tests.procedures.applicable_legislation.journey import post_step, step_url
from tests.procedures.ehic.journey import (
    CONTACT,
    a_child,
    address,
    begin,
    child_data,
    for_my_child,
    send,
    step,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_citizen() -> Client:
    """Another citizen (Jonas Kazlauskas, the demo eID "lt-worker"), signed in, reading English pages."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    post_acs(client, node_response(start_login(client), "lt-worker"))
    return client


def _child_stopped(parent_client) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A parent's draft for a child who is 18 already; returns its child page URL and its stop page."""
    url = step(parent_client, begin(parent_client), "for_whom", {"for_whom-for_whom": "my_child"})
    stop = post_step(parent_client, url, "child", child_data(*a_child(18)))["Location"]
    assert stop.endswith("/stop/child-over-age-cap/")
    return url, stop


def test_another_citizen_cannot_open_or_answer_a_parents_draft_nor_its_stop_page(
    parent_client, other_citizen
):
    url, stop = _child_stopped(parent_client)
    pages = [step_url(url, name) for name in ("for_whom", "child", "insurance", "request", "check", "done")]
    pages += [stop, step_url(url, "your-details"), re.sub(r"/child-over-age-cap/$", "/not-insured/", stop)]
    for page in pages:
        assert other_citizen.get(page).status_code == 404, page
    draft = Draft.objects.get()
    key = re.search(r'name="([a-z_]+-current_step)"', parent_client.get(url).content.decode())
    assert key
    for name, data in (("for_whom", {"for_whom-for_whom": "me"}), ("child", child_data(*a_child(8)))):
        response = other_citizen.post(step_url(url, name), {key.group(1): name, **data})
        assert response.status_code == 404, name
    delete = other_citizen.post(f"/applications/drafts/{draft.pk}/delete/")
    assert delete.status_code == 404
    # The parent's draft is as she left it, and she still sees all of it.
    assert Draft.objects.get().answers == draft.answers
    for page in (step_url(url, "for_whom"), step_url(url, "child"), stop):
        assert parent_client.get(page).status_code == 200, page


def test_another_citizen_cannot_open_a_childs_application_nor_its_documents(
    parent_client, other_citizen, django_capture_on_commit_callbacks
):
    born, code = a_child(8)
    url = step(
        parent_client, for_my_child(parent_client, born, code), "request", {"request-kind": "first_card"}
    )
    url = step(parent_client, url, "delivery", {"delivery-method": "post"})
    url = step(parent_client, url, "delivery_address", address("delivery_address-address"))
    url = step(parent_client, url, "contact", CONTACT)
    with django_capture_on_commit_callbacks(execute=True):  # the pipeline makes the receipt
        application_page = send(parent_client, url)
    application = Application.objects.get()
    assert application_page.endswith(f"/applications/{application.pk}/")

    page = parent_client.get(application_page)
    assert page.status_code == 200
    documents = re.findall(r'href="(/documents/[0-9a-f-]{36}/)"', page.content.decode())
    assert documents, "the receipt is offered on the application page"
    for document in documents:
        assert parent_client.get(document).status_code == 200, document

    assert other_citizen.get(application_page).status_code == 404
    for document in documents:
        assert other_citizen.get(document).status_code == 404, document
    reply = other_citizen.post(f"{application_page}reply/", {"message": "Please cancel it"})
    assert reply.status_code == 404
    # The sent draft's own URLs lead the parent to her application, and nobody else anywhere.
    assert other_citizen.get(url).status_code == 404
    assert parent_client.get(url)["Location"].endswith(application_page)
