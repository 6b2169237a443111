"""The books' pages in the region workspace's navigation."""

from django.utils.translation import gettext_lazy as _

from masterplan.navigation import Entry, register

register(
    Entry("buku", _("Narasi buku"), "narratives", 700, covers=("narrative_edit",)),
    Entry("buku", _("Sampul dan tanda tangan"), "book_cover", 710),
    Entry("buku", _("Buat buku PDF"), "books", 720),
)
