from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = _("General discussion")

    def ready(self) -> None:
        from committee import nav
        from committee.signals import room_changed
        from discussion import services

        nav.register("discussion", _("General discussion"), "discussion:index")
        nav.register("room", _("Room screen"), "discussion:room")
        nav.register("chair", _("Chair's view"), "discussion:chair", when="can_follow_as_chair")
        room_changed.connect(services.on_room_changed, dispatch_uid="discussion.bump_room")
