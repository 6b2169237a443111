"""Strategic-analysis content tracked for the 'changes since the last Bimtek' page."""

from django.utils.translation import gettext_lazy as _

from masterplan.changes import track

from .models import (
    GapRow,
    Indicator,
    IndicatorTarget,
    Mission,
    Sasaran,
    Strategy,
    SwotItem,
    Vision,
    VisionCheck,
    Worksheet,
)

track(Worksheet, _("Analisis SWOT dan strategi TOWS"), "masterplan", 40)
track(SwotItem, _("Analisis SWOT dan strategi TOWS"), "worksheet__masterplan", 41)
track(Strategy, _("Analisis SWOT dan strategi TOWS"), "worksheet__masterplan", 42)
track(GapRow, _("Analisis kesenjangan"), "masterplan", 45)
track(Vision, _("Visi dan misi"), "masterplan", 50)
track(Mission, _("Visi dan misi"), "masterplan", 51)
track(VisionCheck, _("Visi dan misi"), "masterplan", 52)
track(Sasaran, _("Sasaran"), "masterplan", 55)
track(Indicator, _("Sasaran"), "sasaran__masterplan", 56)
track(IndicatorTarget, _("Sasaran"), "indicator__sasaran__masterplan", 57)
