from django.contrib import admin
from django.http import HttpRequest

from portal.pages.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "rating", "page", "language")
    list_filter = ("rating", "language")
    readonly_fields = ("created_at", "rating", "message", "page", "language")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
