"""Programs and quick wins, roadmap, monitoring & evaluation, the programs' risk registers,
institutions, regulations and the e-Gov application inventory of a masterplan."""

from .applications import Application, GovernmentFunction
from .institutions import (
    Institution,
    InstitutionKind,
    InstitutionMember,
    MemberRole,
    MemberUnsur,
    Regulation,
    RegulationStatus,
    SelectionProcess,
)
from .monitoring import KpiActual, MonitoringRecord
from .programs import (
    Category,
    Financing,
    FundingSource,
    Horizon,
    InfrastructureKind,
    KpiTarget,
    MonitoringFrequency,
    Opd,
    Partner,
    PartnerKind,
    Program,
    ProgramKpi,
    QuickWin,
    QuickWinStatus,
)
from .risks import ProgramRisk, RiskStatus

__all__ = [
    "Application", "Category", "Financing", "FundingSource", "GovernmentFunction", "Horizon",
    "InfrastructureKind", "Institution", "InstitutionKind", "InstitutionMember", "KpiActual",
    "KpiTarget", "MemberRole", "MemberUnsur", "MonitoringFrequency", "MonitoringRecord", "Opd",
    "Partner", "PartnerKind", "Program", "ProgramKpi", "ProgramRisk", "QuickWin", "QuickWinStatus",
    "Regulation", "RegulationStatus", "RiskStatus", "SelectionProcess",
]
