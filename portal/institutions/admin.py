from django.contrib import admin

from portal.institutions.models import Institution, Office


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "country", "eessi_id")
    search_fields = ("code", "eessi_id")
    inlines = [OfficeInline]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "institution", "is_active")
    list_filter = ("institution", "is_active")
    search_fields = ("code", "address")
