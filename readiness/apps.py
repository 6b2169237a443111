from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "readiness"
    verbose_name = _("Analisis Kesiapan")

    def ready(self):
        from masterplan.services import on_masterplan_created

        from . import services

        on_masterplan_created(services.ensure_rows)
        from . import dashboard_sections, history, workbook  # noqa: F401  (registrations)
