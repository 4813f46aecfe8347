from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo committee, built through every layer's services: the top of the layers."""

    name = "demo"
    verbose_name = _("Demo data")
