from dataclasses import replace

import pytest

from portal.pages.models import Feedback
from procedures.engine.registry import registry


def test_the_start_page_lists_the_three_procedures(client, db):
    html = client.get("/", headers={"Accept-Language": "en"}).content.decode()
    for slug, title in [
        ("applicable-legislation", "certificate A1"),
        ("ehic", "European Health Insurance Card"),
        ("pension", "old-age pension"),
    ]:
        assert f'href="/{slug}/"' in html
        assert title in html
    assert html.count("Who can use it") == 3
    assert html.count("What you need before you start") == 3


@pytest.mark.parametrize("procedure", registry.all(), ids=lambda p: p.slug)
def test_each_procedure_online_has_a_start_page_that_begins_it(client, db, procedure):
    html = client.get(f"/{procedure.slug}/", headers={"Accept-Language": "en"}).content.decode()
    assert f'action="/{procedure.slug}/begin/"' in html
    assert "coming soon" not in html


def test_a_procedure_not_yet_online_has_a_page_saying_it_is_coming_soon(client, db, monkeypatch):
    """A procedure registered before its form exists (a fourth procedure in the making)."""
    upcoming = replace(registry.get("pension"), slug="upcoming", flow=None)  # type: ignore[type-var]
    monkeypatch.setitem(registry._procedures, "upcoming", upcoming)
    response = client.get("/upcoming/", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "coming soon" in response.content.decode()
    assert 'action="/upcoming/begin/"' not in response.content.decode()


def test_an_unknown_procedure_is_not_found(client, db):
    assert client.get("/unknown/").status_code == 404


def test_every_page_links_to_the_statements_contact_and_feedback(client, db):
    html = client.get("/cookies/").content.decode()
    for path in ("/accessibility/", "/privacy/", "/cookies/", "/contact/", "/feedback/?page=/cookies/"):
        assert f'href="{path}' in html


def test_feedback_without_an_answer_shows_a_translated_error(client, db):
    response = client.post("/feedback/", {"message": "nice"}, headers={"Accept-Language": "lt"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Klaida:" in html
    assert "govuk-error-summary" in html and 'href="#id_rating_0"' in html
    assert "nice</textarea>" in html  # what was typed is kept
    assert not Feedback.objects.exists()


def test_feedback_is_stored_with_the_page_it_came_from(client, db):
    response = client.post(
        "/feedback/", {"rating": "satisfied", "message": "Clear pages", "page": "/cookies/"}
    )
    assert response["Location"] == "/feedback/thanks/"
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.message, feedback.page) == ("satisfied", "Clear pages", "/cookies/")


def test_feedback_does_not_record_links_to_other_sites(client, db):
    client.post("/feedback/", {"rating": "satisfied", "page": "https://evil.example/"})
    assert Feedback.objects.get().page == ""


def test_overlong_feedback_is_refused_with_a_message_not_an_error(client, db):
    response = client.post("/feedback/", {"rating": "satisfied", "message": "x" * 1201})
    assert response.status_code == 200
    assert "govuk-error-message" in response.content.decode()


def test_a_procedure_that_is_online_has_a_start_button(client, db):
    html = client.get("/applicable-legislation/", headers={"Accept-Language": "en"}).content.decode()
    assert 'action="/applicable-legislation/begin/"' in html and "Start now" in html
