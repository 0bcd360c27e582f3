"""Made-up people the demo registers know: a Lithuanian parent (a demo eID identity) and her child.

The child's date of birth is counted back from today, so the demo stays a child's case whenever it runs.
"""

import datetime

from stdnum.lt import asmens

from portal.registers.connectors import Category
from portal.registers.models import InsuranceTestRecord, PensionRecordTestRecord, PopulationTestRecord

DEMO_PARENT_CODE = "48604121238"  # Rūta Vaitkienė, born 12 April 1986: the demo eIDAS node's "lt-parent"
DEMO_CHILD_AGE = 8
# Ona Petraitienė, born 12 March 1956: no eID of her own at first; a caseworker applies with her at an office.
DEMO_DESK_PERSON_BORN = datetime.date(1956, 3, 12)
# Ona Petraitienė, born 15 February 1958: the demo eIDAS node's "lt-pensioner".
DEMO_PENSIONER_CODE = "45802150110"


def lithuanian_code(born: datetime.date, *, female: bool, serial: int = 123) -> str:
    """A valid Lithuanian personal code for a made-up person born on ``born``."""
    century = {18: 1, 19: 3, 20: 5, 21: 7}[born.year // 100] + (1 if female else 0)
    base = f"{century}{born:%y%m%d}{serial:03d}"
    return base + asmens.calc_check_digit(base + "0")  # the last digit is the one it computes


def demo_desk_person_code() -> str:
    return lithuanian_code(DEMO_DESK_PERSON_BORN, female=True, serial=789)


def demo_child_born(today: datetime.date) -> datetime.date:
    return today.replace(year=today.year - DEMO_CHILD_AGE, month=3, day=27)


def demo_register_records(today: datetime.date) -> str:
    """The parent insured as an employee, her child insured as a child and linked to her, the person
    helped at an office insured as a pensioner, and the pension insurance records of the demo pensioner
    and of that person; returns the child's personal code."""
    child_code = lithuanian_code(demo_child_born(today), female=True, serial=456)
    InsuranceTestRecord.objects.update_or_create(
        personal_code=DEMO_PARENT_CODE,
        defaults={"insured": True, "category": Category.EMPLOYED, "note": "Demo parent (lt-parent)"},
    )
    InsuranceTestRecord.objects.update_or_create(
        personal_code=child_code,
        defaults={"insured": True, "category": Category.CHILD, "note": "Demo child of lt-parent"},
    )
    InsuranceTestRecord.objects.update_or_create(
        personal_code=demo_desk_person_code(),
        defaults={"insured": True, "category": Category.PENSIONER, "note": "Demo person helped at an office"},
    )
    PensionRecordTestRecord.objects.update_or_create(
        personal_code=DEMO_PENSIONER_CODE,
        defaults={"years": 27, "months": 4, "note": "Demo pensioner (lt-pensioner), also insured abroad"},
    )
    PensionRecordTestRecord.objects.update_or_create(
        personal_code=demo_desk_person_code(),
        defaults={"years": 38, "months": 7, "note": "Demo person helped at an office"},
    )
    PopulationTestRecord.objects.update_or_create(
        adult_code=DEMO_PARENT_CODE,
        child_code=child_code,
        defaults={"relationship": PopulationTestRecord.Relationship.PARENT, "note": "Demo mother and child"},
    )
    return child_code
