"""The roadmap's sheets of the masterplan workbook (see masterplan/workbook/__init__.py).

Registered from RoadmapConfig.ready(), in workbook order:

- "OPD" (opds.py): the region's OPD list, cited by name or singkatan by the sheets below;
- "Program" and "Quick Win" (programs.py): one row per program, with a code (P1, P2, ...) the
  KPI, financing, M&E and application sheets cite; the quick wins' planning questions;
- "KPI", "Pembiayaan" (kpis.py): KPIs with baseline and yearly targets, financing per year and
  source, keyed by program code;
- "Monev", "Realisasi KPI" (monitoring.py): monitoring records and KPI actual values;
- "Aplikasi e-Gov" (applications.py): the application inventory;
- "Lembaga", "Anggota Lembaga", "Regulasi" (institutions.py): Dewan, Tim Pelaksana, forums,
  their members, and the regulations.

References between sheets and the shared layout of a list sheet are in common.py.
"""


def register_sheets():
    from masterplan.workbook.registry import register

    from . import opds, programs

    register(opds.OpdSheet, programs.ProgramSheet, programs.QuickWinSheet)
    from . import kpis, monitoring
    register(kpis.KpiSheet, kpis.FinancingSheet, monitoring.MonitoringSheet, monitoring.ActualSheet)
    from . import applications, institutions, regulations  # noqa: F401  (register on import)
