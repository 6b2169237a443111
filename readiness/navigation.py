"""The readiness analysis's pages in the region workspace's navigation."""

from django.utils.translation import gettext_lazy as _

from masterplan.navigation import Entry, register

register(
    Entry("analisis", _("Analisis kesiapan"), "readiness_overview", 200, section="readiness",
          covers=("readiness_table", "readiness_entry", "readiness_extra_add",
                  "readiness_extra_delete")),
    Entry("analisis", _("Ringkasan indeks kesiapan"), "readiness_summary", 205),
    Entry("analisis", _("Penilaian kinerja"), "performance", 210, section="performance"),
    Entry("analisis", _("Tingkat kematangan"), "maturity", 215),
    Entry("analisis", _("Analisis masa depan"), "outlook", 220, section="outlook"),
    Entry("analisis", _("Daya saing"), "competitiveness", 225),
)
