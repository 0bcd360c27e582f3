import pytest
from django.contrib.auth.models import Group

from portal.accounts.models import CitizenIdentity, User
from portal.accounts.roles import Role
from portal.accounts.selectors import citizen_identity_find
from portal.accounts.services import citizen_identity_upsert, staff_user_create
from portal.audit.models import AuditEvent
from tests.factories import OfficeFactory, citizen_identity_kwargs


def test_each_role_exists_as_a_group_with_its_permissions(db):
    caseworker = Group.objects.get(name="caseworker")
    administrator = Group.objects.get(name="administrator")
    assert Group.objects.filter(name="citizen").exists()
    assert set(caseworker.permissions.values_list("codename", flat=True)) == {"act_on_behalf"}
    admin_permissions = set(administrator.permissions.values_list("codename", flat=True))
    assert {"view_auditevent", "change_office", "view_caseworker_report"} <= admin_permissions
    assert "change_auditevent" not in admin_permissions and "delete_auditevent" not in admin_permissions


def test_a_caseworker_belongs_to_an_office(db):
    with pytest.raises(ValueError, match="office"):
        staff_user_create(email="cw@example.test", password="A-long-password-1", role=Role.CASEWORKER)
    office = OfficeFactory()
    user = staff_user_create(
        email="CW@Example.test", password="A-long-password-1", role=Role.CASEWORKER, office=office
    )
    assert user.email == "cw@example.test"
    assert user.is_caseworker and user.is_staff_member and not user.is_staff
    assert AuditEvent.objects.filter(action="accounts.staff_created", object_id=str(user.pk)).exists()


def test_staff_e_mail_addresses_are_unique_whatever_their_case(db):
    from django.db import IntegrityError

    staff_user_create(email="admin@example.test", password="A-long-password-1", role=Role.ADMINISTRATOR)
    with pytest.raises((IntegrityError, Exception)):
        User.objects.create(username="other", email="ADMIN@example.test")


def test_a_citizen_is_found_again_by_their_eidas_identifier(db):
    first = citizen_identity_upsert(**citizen_identity_kwargs())
    again = citizen_identity_upsert(**citizen_identity_kwargs(family_name="Petraitė"))
    assert first.pk == again.pk
    identity = CitizenIdentity.objects.get(user=first)
    assert identity.family_name == "Petraitė"
    assert identity.country == "LT"
    assert not first.has_usable_password()
    assert Role.CITIZEN in first.roles and not first.is_staff_member


def test_different_identifiers_are_different_citizens(db):
    one = citizen_identity_upsert(**citizen_identity_kwargs())
    other = citizen_identity_upsert(**citizen_identity_kwargs(person_identifier="PL/LT/90010112345"))
    assert one.pk != other.pk
    assert citizen_identity_find(person_identifier="PL/LT/90010112345").user == other
    assert citizen_identity_find(person_identifier="DE/LT/unknown") is None


def test_non_latin_names_are_kept_beside_the_latin_ones(db):
    user = citizen_identity_upsert(
        **citizen_identity_kwargs(
            person_identifier="EL/LT/123", family_name="Papadopoulou", family_name_native="Παπαδοπούλου"
        )
    )
    assert user.citizen_identity.family_name_native == "Παπαδοπούλου"
