from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Program dan Peta Jalan")

    def ready(self):
        from . import registrations  # noqa: F401  (what the roadmap contributes to the core)
