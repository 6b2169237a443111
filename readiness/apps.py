from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "readiness"
    verbose_name = _("Analisis Kesiapan")

    def ready(self):
        from masterplan.services import on_masterplan_created

        from . import services

        on_masterplan_created(services.ensure_rows)
        from . import dashboard_sections, workbook  # noqa: F401  (register dashboard sections, workbook sheets)
