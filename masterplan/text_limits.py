"""The longest text each free-text field accepts: one table for the whole project.

Every text a region types ends up in a book or a report, so every one has a maximum length. The
models set it as the TextField's `max_length` (`limit(...)`); Django enforces a TextField's
max_length in forms only (a ModelForm's field gets it, and its message names the limit), never in
the database, so rows written before a limit existed stay readable and editable. The workbook's
cell readers check the same limits (`masterplan.workbook.base.CellReader.text(field=...)`).
Tests iterate `LIMITS` (and every TextField of the project's models must be in it or in
`NOT_TYPED`).
"""

SHORT = 500  # one statement: a sasaran, a mission, a contact
ITEM = 1_000  # a SWOT item, a strategy, a gap row, a note, an evaluation
LONG = 5_000  # a description, a Bimtek report's texts, a comment
NARRATIVE = 10_000  # the books' narrative sections and the long analyses

LIMITS = {
    # masterplan
    "masterplan.StageCheck.note": ITEM,
    "masterplan.StatusChange.comment": LONG,
    "masterplan.Comment.text": LONG,
    # readiness
    "readiness.ReadinessEntry.value_text": ITEM,
    "readiness.ReadinessEntry.note": ITEM,
    "readiness.PerformanceAssessment.note": ITEM,
    "readiness.OutlookAnalysis.trends": NARRATIVE,
    "readiness.OutlookAnalysis.stakeholder_expectations": NARRATIVE,
    "readiness.OutlookAnalysis.competitiveness": NARRATIVE,
    "readiness.OutlookAnalysis.institutions": NARRATIVE,
    # swot
    "swot.SwotItem.text": ITEM,
    "swot.Strategy.text": ITEM,
    "swot.GapRow.to_be": ITEM,
    "swot.GapRow.as_is": ITEM,
    "swot.GapRow.action": ITEM,
    "swot.Vision.statement": SHORT,
    "swot.Vision.explanation": NARRATIVE,
    "swot.Vision.rpjpd_vision": ITEM,
    "swot.Vision.rpjpd_mission": LONG,
    "swot.Vision.rpjmd_vision": ITEM,
    "swot.Vision.rpjmd_mission": LONG,
    "swot.Vision.national_vision": LONG,
    "swot.Vision.community_expectations": NARRATIVE,
    "swot.Vision.external_factors": NARRATIVE,
    "swot.Mission.text": SHORT,
    "swot.VisionCheck.justification": ITEM,
    "swot.Sasaran.text": SHORT,
    "swot.Indicator.note": ITEM,
    # roadmap
    "roadmap.Application.works": ITEM,
    "roadmap.Application.not_works": ITEM,
    "roadmap.Application.improve": ITEM,
    "roadmap.Institution.contact": SHORT,
    "roadmap.MonitoringRecord.works": ITEM,
    "roadmap.MonitoringRecord.not_works": ITEM,
    "roadmap.MonitoringRecord.improve": ITEM,
    "roadmap.MonitoringRecord.followup_what": ITEM,
    "roadmap.Program.description": LONG,
    "roadmap.ProgramRisk.risk": SHORT,
    "roadmap.ProgramRisk.cause": ITEM,
    "roadmap.ProgramRisk.mitigation": ITEM,
    "roadmap.QuickWin.why": ITEM,
    "roadmap.QuickWin.what": ITEM,
    "roadmap.QuickWin.how": ITEM,
    "roadmap.QuickWin.when": ITEM,
    "roadmap.QuickWin.where": ITEM,
    "roadmap.QuickWin.who": ITEM,
    "roadmap.QuickWin.impact_analysis": LONG,
    # bimtek
    "bimtek.Visit.attendees": LONG,
    "bimtek.Report.output": LONG,
    "bimtek.ReportItemNote.notes": LONG,
    # books
    "books.NarrativeSection.text": NARRATIVE,
}

# TextFields nobody types into: reference data of the guide and what the server writes itself.
NOT_TYPED = {
    "masterplan.ExportBatch.archive_error",
    "masterplan.RenderJob.message",
    "readiness.SubArea.description",
    "bimtek.AgendaItem.title",
    "bimtek.ReportItem.text",
}


def limit(field):
    """The maximum length of `field` ("app_label.Model.field")."""
    return LIMITS[field]
