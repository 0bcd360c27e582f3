from django import forms
from django.contrib import admin
from django.db import models

from portal.institutions.models import Institution, Office


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "country", "eessi_id")
    search_fields = ("code", "eessi_id")
    inlines = [OfficeInline]
    # An address typed without a scheme means https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "institution", "is_active")
    list_filter = ("institution", "is_active")
    search_fields = ("code", "address")
