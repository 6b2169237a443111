from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterplanConfig(AppConfig):
    name = "masterplan"
    verbose_name = _("Masterplan")

    def ready(self):
        from . import (  # noqa: F401  (registrations)
            comment_anchors,  # what reviewers can comment on
            dashboard_sections,  # the core sections
            notifications,  # the status_changed receiver
        )
        from .books import services as book_services
        from .services import on_masterplan_created

        on_masterplan_created(book_services.ensure_rows)
