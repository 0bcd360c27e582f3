from django.contrib import admin

from portal.institutions.forms import InstitutionForm, OfficeForm
from portal.institutions.models import Institution, Office


class OfficeInline(admin.StackedInline):
    model = Office
    form = OfficeForm
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    form = InstitutionForm
    list_display = ("code", "name", "country", "eessi_id")
    search_fields = ("code", "eessi_id")
    inlines = [OfficeInline]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    form = OfficeForm
    list_display = ("code", "name", "institution", "address", "is_active")
    list_filter = ("institution", "is_active")
    search_fields = ("code", "address")
