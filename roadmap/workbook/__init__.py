"""The roadmap's sheets of the masterplan workbook (see masterplan/workbook/__init__.py).

Registered from RoadmapConfig.ready(), in workbook order:

- "OPD" (opds.py): the region's OPD list, cited by name or singkatan by the sheets below;
- "Program" and "Quick Win" (programs.py): one row per program, with a code (P1, P2, ...) the
  KPI, financing, M&E and application sheets cite; the quick wins' planning questions;
- "KPI", "Pembiayaan" (kpis.py): KPIs with baseline and yearly targets, financing per year and
  source, keyed by program code;
- "Monev", "Realisasi KPI" (monitoring.py): monitoring records and KPI actual values;
- "Register risiko" (risks.py): the programs' risks, their level written from the one rule;
- "Aplikasi e-Gov" (applications.py): the application inventory;
- "Lembaga", "Anggota Lembaga" (institutions.py): Dewan, Tim Pelaksana, forums, their members;
- "Regulasi" (regulations.py): the guide's regulations and those the region added.

References between sheets and the shared layout of a list sheet are in common.py.
"""

from masterplan.workbook.registry import register

from . import applications, institutions, kpis, monitoring, opds, programs, regulations, risks


def register_sheets():
    """Register the roadmap's sheets (called from RoadmapConfig.ready())."""
    register(opds.OpdSheet, programs.ProgramSheet, programs.QuickWinSheet, kpis.KpiSheet,
             kpis.FinancingSheet, monitoring.MonitoringSheet, monitoring.ActualSheet,
             risks.RiskSheet, applications.ApplicationSheet, institutions.InstitutionSheet, institutions.MemberSheet,
             regulations.RegulationSheet)
