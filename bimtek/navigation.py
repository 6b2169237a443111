"""Bimtek's pages in the region workspace's navigation."""

from django.utils.translation import gettext_lazy as _

from masterplan.navigation import Entry, register

register(
    Entry("tinjauan", _("Bimtek dan laporan"), "bimtek_overview", 810, section="bimtek",
          covers=("bimtek_visit", "bimtek_visit_edit", "bimtek_report_edit", "bimtek_notes",
                  "bimtek_attachment_add")),
)
