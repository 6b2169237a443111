from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SwotConfig(AppConfig):
    name = "swot"
    verbose_name = _("Analisis Strategis")

    def ready(self):
        from . import registrations  # noqa: F401  (what swot contributes to the core)
