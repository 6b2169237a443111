from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterplanConfig(AppConfig):
    name = "masterplan"
    verbose_name = _("Masterplan")

    def ready(self):
        from . import registrations  # noqa: F401  (what the core contributes to its registries)
