from django.contrib import admin

from portal.registers.models import InsuranceTestRecord, PopulationTestRecord


@admin.register(InsuranceTestRecord)
class InsuranceTestRecordAdmin(admin.ModelAdmin):
    list_display = ["personal_code", "insured", "insured_until", "category", "note"]
    list_filter = ["insured", "category"]
    search_fields = ["personal_code"]


@admin.register(PopulationTestRecord)
class PopulationTestRecordAdmin(admin.ModelAdmin):
    list_display = ["adult_code", "child_code", "relationship", "note"]
    list_filter = ["relationship"]
    search_fields = ["adult_code", "child_code"]
