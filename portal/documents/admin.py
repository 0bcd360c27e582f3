from django.contrib import admin
from django.http import HttpRequest

from portal.documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "application", "language", "created_at"]
    list_filter = ["kind", "language"]
    search_fields = ["number", "application__reference"]
    readonly_fields = [field.name for field in Document._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
