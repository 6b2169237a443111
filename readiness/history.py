"""Readiness content tracked for the 'changes since the last Bimtek' page."""

from django.utils.translation import gettext_lazy as _

from masterplan.changes import track

from .models import (
    BenchmarkCity,
    CompetitivenessIndicator,
    CompetitivenessValue,
    OutlookAnalysis,
    PerformanceAssessment,
    ReadinessEntry,
)

track(OutlookAnalysis, _("Analisis masa depan"), "masterplan", 10)
track(BenchmarkCity, _("Analisis masa depan"), "masterplan", 11)
track(CompetitivenessIndicator, _("Analisis masa depan"), "masterplan", 12)
track(CompetitivenessValue, _("Analisis masa depan"), "indicator__masterplan", 13)
track(ReadinessEntry, _("Analisis kesiapan"), "masterplan", 20)
track(PerformanceAssessment, _("Penilaian kinerja"), "masterplan", 30)
