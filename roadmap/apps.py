from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Program dan Peta Jalan")

    def ready(self):
        from masterplan.services import on_masterplan_created

        from . import services

        on_masterplan_created(services.ensure_rows)
        from . import (
            dashboard_sections_institutions,  # noqa: F401  (institutions, e-Gov apps)
            dashboard_sections_programs,  # noqa: F401  (programs and quick wins)
            history,  # noqa: F401  (tracked content for the changes page)
        )
        from .dashboard_sections_roadmap import register_sections
        from .monitoring import feed_performance_index
        from .workbook import register_sheets

        register_sections()  # "Peta jalan" and "Monitoring dan evaluasi" on the dashboards
        feed_performance_index()  # KPI achievement counts in readiness' performance index
        register_sheets()  # the roadmap sheets of the masterplan workbook
