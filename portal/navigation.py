"""The portal's page in the region workspace's navigation."""

from django.utils.translation import gettext_lazy as _

from masterplan.navigation import Entry, register

register(
    Entry("buku", _("Publikasi di portal"), "publication", 730),
)
