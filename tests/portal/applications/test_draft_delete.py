"""Deleting a draft asks first, on a page of its own; only its owner can; it is audited and confirmed."""

import pytest
from django.core.files.base import ContentFile

from portal.applications.models import Draft
from portal.applications.services import draft_start
from portal.audit.models import AuditEvent
from procedures.engine.storage import upload_storage
from tests.portal.eidas.saml_tools import node_response, post_acs, start_login

pytestmark = pytest.mark.django_db


def signed_in(client, identity: str = "lt-worker"):  # type: ignore[no-untyped-def]
    post_acs(client, node_response(start_login(client), identity))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def jonas(client):
    return signed_in(client)


@pytest.fixture
def draft(jonas) -> Draft:
    from portal.accounts.models import CitizenIdentity

    return draft_start(owner=CitizenIdentity.objects.get().user, procedure="applicable-legislation")


def test_the_list_links_to_a_page_that_asks_before_deleting(jonas, draft):
    listing = jonas.get("/applications/").content.decode()
    assert f'href="/applications/drafts/{draft.pk}/delete/"' in listing

    page = jonas.get(f"/applications/drafts/{draft.pk}/delete/").content.decode()

    title = "Find out which country&#x27;s social security covers you (certificate A1)"
    assert f"Are you sure you want to delete the draft “{title}”?" in page  # the draft is named
    assert "You cannot undo this." in page
    assert ">Delete draft</button>" in page and 'href="/applications/">Cancel</a>' in page
    assert Draft.objects.filter(pk=draft.pk).exists()  # looking is not deleting


def test_confirming_deletes_the_draft_says_so_and_is_audited(
    jonas, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = jonas.post(f"/applications/drafts/{draft.pk}/delete/")

    assert response.status_code == 302 and response["Location"] == "/applications/"
    assert not Draft.objects.filter(pk=draft.pk).exists()
    page = jonas.get("/applications/").content.decode()
    assert "govuk-notification-banner--success" in page and "has been deleted" in page
    event = AuditEvent.objects.get(action="applications.draft_deleted")
    assert event.object_id == str(draft.pk) and event.actor == draft.owner


def test_files_uploaded_into_a_deleted_draft_are_removed(jonas, draft, django_capture_on_commit_callbacks):
    storage = upload_storage()
    name = storage.save("contract.pdf", ContentFile(b"%PDF-1.4\n% contract\n%%EOF\n"))
    draft.answers = {
        "wizard": {"step_files": {"documents": {"documents-employment_contract": {"tmp_name": name}}}}
    }
    draft.save()

    with django_capture_on_commit_callbacks(execute=True):
        jonas.post(f"/applications/drafts/{draft.pk}/delete/")

    assert not storage.exists(name)


def test_nobody_else_can_see_or_delete_a_draft(client, draft):
    other = signed_in(client, "lv-parent")
    assert other.get(f"/applications/drafts/{draft.pk}/delete/").status_code == 404
    assert other.post(f"/applications/drafts/{draft.pk}/delete/").status_code == 404
    assert Draft.objects.filter(pk=draft.pk).exists()
    assert not AuditEvent.objects.filter(action="applications.draft_deleted").exists()


def test_a_get_never_deletes_and_the_old_immediate_delete_is_gone(jonas, draft):
    jonas.get(f"/applications/drafts/{draft.pk}/delete/")
    assert jonas.post(f"/drafts/{draft.pk}/delete/").status_code == 404
    assert Draft.objects.filter(pk=draft.pk).exists()
