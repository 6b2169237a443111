"""The core's own pages in the region workspace's navigation (masterplan/navigation.py)."""

from django.utils.translation import gettext_lazy as _

from .navigation import Entry, register

register(
    Entry("tim", _("Tim penyusun"), "region_team", 10, section="team",
          covers=("region_team_remove",), needs_masterplan=False),
    Entry("buku", _("Buku kerja (Excel)"), "workbook", 730, covers=("workbook_import",)),
    Entry("tinjauan", _("Sepuluh tahapan"), "stages", 800, section="stages"),
    Entry("tinjauan", _("Status dan pengajuan"), "masterplan_status", 820),
    Entry("tinjauan", _("Komentar tinjauan"), "region_comments", 830,
          covers=("comment_thread", "comment_anchor")),
    Entry("tinjauan", _("Riwayat perubahan"), "masterplan_changes", 840),
)
