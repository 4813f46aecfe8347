"""The general discussion's models in the Django admin, for superusers: read-only, because
the clock, the speakers' list and the room screen are written by discussion.services (with
their locks and state tokens)."""

from django.contrib import admin

from discussion import models as m


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (m.Point, m.Allocation, m.Speaker, m.Speech, m.RoomState):
    admin.site.register(model, ReadOnlyAdmin)
