from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BooksConfig(AppConfig):
    name = "books"
    verbose_name = _("Buku masterplan")

    def ready(self):
        from . import registrations  # noqa: F401  (what the books contribute to the core)
