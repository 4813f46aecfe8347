from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = _("Committee")

    def ready(self) -> None:
        # The stages' snapshots are versions of the text the exports can name.
        from committee.stages import register_row_sources

        register_row_sources()
