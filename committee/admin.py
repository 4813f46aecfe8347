"""The committee's models in the Django admin, for superusers.

Sessions, committees, Groups, countries, regional groups, members and compositions are plain
set-up data and may be edited here. Everything a service writes with its own checks, locks and
history (amendments, their changes and translations, decisions, stages, the floor, snapshots,
invitations) is read-only: the admin shows it, the pages change it.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from committee import models as m


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["number", "year", "name", "place", "start_date", "end_date"]


@admin.register(m.Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "slug", "session", "time_zone", "amendment_deadline"]
    list_filter = ["session"]
    search_fields = ["name", "acronym"]
    # The draft is attached and its numbers given by the services only.
    readonly_fields = ["draft", "last_amendment_number"]


@admin.register(m.Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "committee"]
    list_filter = ["committee"]


@admin.register(m.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(m.RegionalGroup)
class RegionalGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "committee"]
    list_filter = ["committee"]
    filter_horizontal = ["countries"]


@admin.register(m.Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "committee", "role", "group", "country", "officer", "seat", "is_active"]
    list_filter = ["committee", "role", "group__kind", "is_active", "seat"]
    search_fields = ["user__username", "user__email", "user__last_name"]


@admin.register(m.Composition)
class CompositionAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "effective_from", "government", "employers", "workers"]
    list_filter = ["committee"]


for model in (
    m.Amendment,
    m.AmendmentChange,
    m.Subamendment,
    m.AmendmentChangeTranslation,
    m.AmendmentNoteTranslation,
    m.Floor,
    m.StageTransition,
    m.Decision,
):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(m.TextSnapshot, m.Invitation)
class PlainReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
