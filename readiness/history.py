"""Readiness content tracked for the changes page, under the dashboard section that edits it."""

from masterplan.changes import track

from .models import (
    BenchmarkCity,
    CompetitivenessIndicator,
    CompetitivenessValue,
    OutlookAnalysis,
    PerformanceAssessment,
    ReadinessEntry,
)


def _competitiveness_label(value):
    return f"{value.indicator} · {value.city}" if value.city_id else str(value.indicator)


track(OutlookAnalysis, "outlook", "masterplan", 10)
track(BenchmarkCity, "outlook", "masterplan", 11)
track(CompetitivenessIndicator, "outlook", "masterplan", 12)
track(CompetitivenessValue, "outlook", "indicator__masterplan", 13, label=_competitiveness_label)
track(ReadinessEntry, "readiness", "masterplan", 20)
track(PerformanceAssessment, "performance", "masterplan", 30)
