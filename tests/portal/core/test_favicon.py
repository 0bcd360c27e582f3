from django.contrib.staticfiles import finders

from portal.urls import FAVICON


def test_browsers_asking_for_the_root_favicon_get_the_services_icon(client, db):
    # Browsers request /favicon.ico for responses without an icon link (the admin, JSON, PDFs).
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == f"/static/{FAVICON}"
    assert finders.find(FAVICON) is not None
