"""The roadmap's pages in the region workspace's navigation."""

from django.utils.translation import gettext_lazy as _

from masterplan.navigation import Entry, register

register(
    Entry("tim", _("Kelembagaan"), "institution_overview", 20, section="institutions",
          covers=("institution_council_edit", "institution_team_edit", "institution_forum_add",
                  "institution_forum_edit")),
    Entry("tim", _("Regulasi"), "regulation_list", 30,
          covers=("regulation_add", "regulation_edit", "regulation_document_upload")),
    Entry("tim", _("Perangkat daerah (OPD)"), "opd_list", 40, covers=("opd_edit",),
          needs_masterplan=False),
    Entry("program", _("Program dan quick win"), "program_list", 400, section="programs",
          covers=("program_add", "program_detail", "program_edit", "program_quick_win")),
    Entry("program", _("Aplikasi e-Gov"), "application_list", 410, section="applications",
          covers=("application_add", "application_edit")),
    Entry("peta_jalan", _("Peta jalan dan pembiayaan"), "roadmap", 500, section="roadmap",
          covers=("roadmap_programs",)),
    Entry("monev", _("Monitoring dan evaluasi"), "monitoring_worksheet", 600,
          section="monitoring",
          covers=("monitoring_program", "monitoring_record_add", "monitoring_record_edit")),
    Entry("monev", _("Register risiko"), "risk_register", 610,
          covers=("risk_add", "risk_edit")),
)
