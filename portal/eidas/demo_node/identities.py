"""Test identities of the demo eIDAS node: made-up people, one per situation the procedures cover."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DemoIdentity:
    key: str
    person_identifier: str
    family_name: str
    given_name: str
    date_of_birth: str
    gender: str
    description: object
    family_name_native: str = ""
    given_name_native: str = ""


IDENTITIES = [
    DemoIdentity(
        "lt-pensioner",
        "LT/LT/45802150110",
        "Petraitienė",
        "Ona",
        "1958-02-15",
        "Female",
        _("Lithuanian pensioner, born 1958"),
    ),
    DemoIdentity(
        "lt-worker",
        "LT/LT/39006210214",
        "Kazlauskas",
        "Jonas",
        "1990-06-21",
        "Male",
        _("Lithuanian worker, born 1990"),
    ),
    DemoIdentity(
        "lt-parent",
        "LT/LT/48604121238",
        "Vaitkienė",
        "Rūta",
        "1986-04-12",
        "Female",
        _("Lithuanian parent with health insurance and a child"),
    ),
    DemoIdentity(
        "lt-no-eid-person",
        "LT/LT/45603127896",
        "Petraitienė",
        "Ona",
        "1956-03-12",
        "Female",
        _("Pensioner who applied at an office, born 1956"),
    ),
    DemoIdentity(
        "pl-worker", "PL/LT/87110312345", "Nowak", "Katarzyna", "1987-11-03", "Female", _("Polish worker")
    ),
    DemoIdentity(
        "de-self-employed",
        "DE/LT/a9f3c2e1b8d74f60b2e7",
        "Schmidt",
        "Lukas",
        "1979-04-09",
        "Male",
        _("German self-employed person"),
    ),
    DemoIdentity(
        "lv-parent", "LV/LT/300985-11234", "Bērziņa", "Anna", "1985-09-30", "Female", _("Latvian parent")
    ),
    DemoIdentity(
        "el-citizen",
        "EL/LT/AB1234567",
        "Papadopoulou",
        "Eleni",
        "1972-01-12",
        "Female",
        _("Greek citizen with a name in Greek script"),
        "Παπαδοπούλου",
        "Ελένη",
    ),
]
BY_KEY = {identity.key: identity for identity in IDENTITIES}
