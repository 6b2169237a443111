"""Roadmap content tracked for the changes page, under the dashboard section that edits it."""

from masterplan.changes import track

from .models import (
    Application,
    Financing,
    Institution,
    InstitutionMember,
    KpiActual,
    KpiTarget,
    MonitoringRecord,
    Partner,
    Program,
    ProgramKpi,
    ProgramRisk,
    QuickWin,
    Regulation,
)

track(Program, "programs", "masterplan", 60)
track(Partner, "programs", "program__masterplan", 61)
track(ProgramKpi, "programs", "program__masterplan", 62)
track(KpiTarget, "programs", "kpi__program__masterplan", 63,
      label=lambda target: f"{target.kpi} · {target.year}")
track(Financing, "programs", "program__masterplan", 64, rupiah=["amount"],
      label=lambda row: f"{row.program} · {row.year} · {row.get_source_display()}")
track(QuickWin, "programs", "program__masterplan", 65)
track(MonitoringRecord, "monitoring", "program__masterplan", 70)
track(KpiActual, "monitoring", "record__program__masterplan", 71,
      label=lambda actual: f"{actual.record} · {actual.kpi}")
track(ProgramRisk, "monitoring", "program__masterplan", 72,
      label=lambda risk: f"{risk.program} · {risk.risk[:80]}")
track(Institution, "institutions", "masterplan", 75)
track(InstitutionMember, "institutions", "institution__masterplan", 76)
track(Regulation, "institutions", "masterplan", 80, ignore=["code"])  # the guide's item
track(Application, "applications", "masterplan", 85)
