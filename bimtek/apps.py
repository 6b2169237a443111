from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BimtekConfig(AppConfig):
    name = "bimtek"
    verbose_name = _("Bimtek dan Tinjauan")

    def ready(self):
        from masterplan.services import on_masterplan_created

        from . import services

        on_masterplan_created(services.ensure_rows)
        from . import dashboard_sections  # noqa: F401  (registers the Bimtek section)
