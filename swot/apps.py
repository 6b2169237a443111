from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SwotConfig(AppConfig):
    name = "swot"
    verbose_name = _("Analisis Strategis")

    def ready(self):
        from masterplan.services import on_masterplan_created

        from . import services

        on_masterplan_created(services.ensure_rows)
        from . import (
            dashboard_sections_targets,  # noqa: F401  (gap, vision, sasaran sections)
            dashboard_sections_worksheets,  # noqa: F401  (registers the SWOT section)
            history,  # noqa: F401  (tracked content for the changes page)
            workbook,  # noqa: F401  (registers the SWOT, gap, vision and sasaran sheets)
        )
