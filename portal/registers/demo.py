"""Demo register clients: they answer from the test records kept in admin (portal.registers.models)."""

import datetime

from django.db.models import Count, Max

from portal.registers.connectors import InsuranceStatus, PensionRecord
from portal.registers.models import InsuranceTestRecord, PensionRecordTestRecord, PopulationTestRecord


class DemoInsuranceRegister:
    def version(self) -> tuple[object, ...]:
        return _version(InsuranceTestRecord)

    def insurance_status(self, *, personal_code: str, on: datetime.date) -> InsuranceStatus | None:
        record = InsuranceTestRecord.objects.filter(personal_code=personal_code).first()
        if record is None:
            return None
        insured = record.insured and (record.insured_until is None or record.insured_until >= on)
        return InsuranceStatus(insured=insured, until=record.insured_until, category=record.category)


class DemoPopulationRegister:
    def version(self) -> tuple[object, ...]:
        return _version(PopulationTestRecord)

    def relationship(self, *, adult_code: str, child_code: str) -> str | None:
        record = PopulationTestRecord.objects.filter(adult_code=adult_code, child_code=child_code).first()
        return record.relationship if record is not None else None


class DemoPensionRecordRegister:
    def version(self) -> tuple[object, ...]:
        return _version(PensionRecordTestRecord)

    def pension_record(self, *, personal_code: str) -> PensionRecord | None:
        record = PensionRecordTestRecord.objects.filter(personal_code=personal_code).first()
        if record is None:
            return None
        return PensionRecord(years=record.years, months=record.months, last_insured_on=record.last_insured_on)


def _version(
    model: type[InsuranceTestRecord] | type[PopulationTestRecord] | type[PensionRecordTestRecord],
) -> tuple[object, ...]:
    """Changes whenever an administrator adds, changes or deletes a test record."""
    return tuple(model.objects.aggregate(changed=Max("updated_at"), count=Count("pk")).values())
