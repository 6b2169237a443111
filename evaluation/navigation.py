"""The evaluation's page in the region workspace's navigation."""

from django.utils.translation import gettext_lazy as _

from masterplan.navigation import Entry, register

register(
    Entry("monev", _("Evaluasi tahunan"), "evaluation_region", 650,
          covers=("evaluation_detail", "evaluation_self", "evaluation_assess",
                  "evaluation_evidence", "evaluation_preview",
                  "evaluation_survey"),
          needs_masterplan=False),
)
