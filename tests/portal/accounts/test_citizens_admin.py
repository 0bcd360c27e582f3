"""Administrators see citizens by name and find them by their exact personal code, audited."""

import pytest

from portal.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PERSONAL_CODE = "38703181745"  # the citizen fixture's eID: LT/LT/38703181745


def _page(admin_client, path: str) -> str:  # type: ignore[no-untyped-def]
    response = admin_client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    return response.content.decode()


def test_administrators_see_citizens_by_their_name_not_their_internal_username(admin_client, citizen):
    users = _page(admin_client, "/admin/accounts/user/")
    assert "Ona Petraitienė" in users
    identities = _page(admin_client, "/admin/accounts/citizenidentity/")
    assert "Ona Petraitienė" in identities
    assert "citizen identity #" not in identities


def test_an_exact_personal_code_finds_the_citizen_and_the_search_is_audited(admin_client, citizen):
    for path in ["/admin/accounts/user/", "/admin/accounts/citizenidentity/"]:
        assert "Ona Petraitienė" in _page(admin_client, f"{path}?q={PERSONAL_CODE}")
        assert "Ona Petraitienė" in _page(admin_client, f"{path}?q=LT/LT/{PERSONAL_CODE}")
        # Exact only: a part of the code, or another code, finds nobody (no LIKE on encrypted data).
        assert "Ona Petraitienė" not in _page(admin_client, f"{path}?q={PERSONAL_CODE[:7]}")
        assert "Ona Petraitienė" not in _page(admin_client, f"{path}?q=39006210214")

    searches = AuditEvent.objects.filter(action="accounts.citizen_searched")
    assert searches.count() == 8
    assert sorted(event.details["found"] for event in searches) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert all(PERSONAL_CODE[:7] not in str(event.details) for event in searches)


def test_a_search_by_name_does_not_find_citizens(admin_client, citizen):
    # Names are encrypted: no search on them, and no audit event for a search that is not a code.
    assert "Ona Petraitienė" not in _page(admin_client, "/admin/accounts/user/?q=Petraitien")
    assert not AuditEvent.objects.filter(action="accounts.citizen_searched").exists()


def test_opening_a_citizens_identity_shows_the_name_and_is_audited(admin_client, citizen):
    identity = citizen.citizen_identity
    page = _page(admin_client, f"/admin/accounts/citizenidentity/{identity.pk}/change/")
    assert "Ona Petraitienė" in page
    assert "1956" in page  # the date of birth from the eID
    event = AuditEvent.objects.get(action="accounts.citizen_identity_opened")
    assert event.object_id == str(identity.pk)
    assert event.actor_label.startswith("staff:")
