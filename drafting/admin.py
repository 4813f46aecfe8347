from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from drafting.models import Draft, Paragraph


@admin.register(Draft)
class DraftAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "title", "language", "version", "updated_at"]
    search_fields = ["symbol", "title"]


@admin.register(Paragraph)
class ParagraphAdmin(SimpleHistoryAdmin):
    """Read-only here: every change goes through drafting.services (versions, locks, reasons)."""

    list_display = ["pk", "draft", "kind", "position", "version", "is_deleted"]
    list_filter = ["kind", "is_deleted", "draft"]
    search_fields = ["text"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
