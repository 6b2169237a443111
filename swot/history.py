"""Strategic-analysis content tracked for the changes page, under the dashboard section that
edits it."""

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

track(Worksheet, "swot", "masterplan", 40)
track(SwotItem, "swot", "worksheet__masterplan", 41)
track(Strategy, "swot", "worksheet__masterplan", 42)
track(GapRow, "gap_analysis", "masterplan", 45)
track(Vision, "vision", "masterplan", 50)
track(Mission, "vision", "masterplan", 51)
track(VisionCheck, "vision", "masterplan", 52)
track(Sasaran, "sasaran", "masterplan", 55)
track(Indicator, "sasaran", "sasaran__masterplan", 56)
track(IndicatorTarget, "sasaran", "indicator__sasaran__masterplan", 57,
      label=lambda target: f"{target.indicator} · {target.year}")
