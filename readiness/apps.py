from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "readiness"
    verbose_name = _("Analisis Kesiapan")

    def ready(self):
        from . import registrations  # noqa: F401  (what readiness contributes to the core)
