"""The strategic analysis's pages in the region workspace's navigation."""

from django.utils.translation import gettext_lazy as _

from masterplan.navigation import Entry, register

register(
    Entry("analisis", _("SWOT dan TOWS"), "swot_overview", 240, section="swot",
          covers=("swot_worksheet_add", "swot_worksheet", "swot_item_add", "swot_item_edit",
                  "swot_item_evidence", "swot_strategy_add", "swot_strategy_edit")),
    Entry("analisis", _("Analisis kesenjangan"), "gap_analysis", 250, section="gap_analysis",
          covers=("gap_row_add", "gap_row_edit")),
    Entry("arah", _("Visi dan misi"), "vision", 300, section="vision",
          covers=("vision_checks", "mission_add", "mission_edit")),
    Entry("arah", _("Sasaran"), "sasaran_list", 310, section="sasaran",
          covers=("sasaran_add", "sasaran_detail", "indicator_add", "indicator_edit")),
)
