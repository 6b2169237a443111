from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BimtekConfig(AppConfig):
    name = "bimtek"
    verbose_name = _("Bimtek dan Tinjauan")

    def ready(self):
        from . import registrations  # noqa: F401  (what Bimtek contributes to the core)
