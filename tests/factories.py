"""factory_boy factories, one per model, with a trait per role."""

import datetime

import factory
from django.contrib.auth.models import Group

from portal.accounts.models import User
from portal.institutions.models import Institution, Office

STAFF_PASSWORD = "Correct-horse-battery-9"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"institution-{n}")
    country = "LT"
    names = factory.LazyAttribute(lambda o: {"lt": f"Įstaiga {o.code}", "en": f"Institution {o.code}"})


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    institution = factory.SubFactory(InstitutionFactory)
    code = factory.Sequence(lambda n: f"office-{n}")
    names = factory.LazyAttribute(lambda o: {"lt": f"Skyrius {o.code}", "en": f"Office {o.code}"})


class UserFactory(factory.django.DjangoModelFactory):
    """A citizen by default; ``caseworker=True`` or ``administrator=True`` for staff."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.test")
    password = factory.django.Password(STAFF_PASSWORD)

    class Params:
        caseworker = factory.Trait(office=factory.SubFactory(OfficeFactory), role="caseworker")
        administrator = factory.Trait(is_staff=True, role="administrator")

    role = "citizen"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        role = kwargs.pop("role")
        user = super()._create(model_class, *args, **kwargs)
        user.groups.add(Group.objects.get(name=role))
        if role != "citizen":
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        return user


def citizen_identity_kwargs(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "person_identifier": "LT/LT/38703181745",
        "family_name": "Petraitienė",
        "given_name": "Ona",
        "date_of_birth": datetime.date(1956, 3, 12),
        "level_of_assurance": "http://eidas.europa.eu/LoA/substantial",
    }
    values.update(overrides)
    return values
