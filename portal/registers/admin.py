"""The demo registers' test records in admin. Administrators only, whatever permissions a user has been
given (as portal.applications.admin): the records hold personal codes, and what they say decides who gets
a card in a demonstration."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from portal.accounts.admin import may_read_citizens
from portal.registers.models import InsuranceTestRecord, PensionRecordTestRecord, PopulationTestRecord


class AdministratorsOnly(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_read_citizens(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_read_citizens(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_read_citizens(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_read_citizens(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_read_citizens(request)


@admin.register(InsuranceTestRecord)
class InsuranceTestRecordAdmin(AdministratorsOnly):
    list_display = ["personal_code", "insured", "insured_until", "category", "note"]
    list_filter = ["insured", "category"]
    search_fields = ["personal_code"]


@admin.register(PensionRecordTestRecord)
class PensionRecordTestRecordAdmin(AdministratorsOnly):
    list_display = ["personal_code", "years", "months", "last_insured_on", "note"]
    search_fields = ["personal_code"]


@admin.register(PopulationTestRecord)
class PopulationTestRecordAdmin(AdministratorsOnly):
    list_display = ["adult_code", "child_code", "relationship", "note"]
    list_filter = ["relationship"]
    search_fields = ["adult_code", "child_code"]
