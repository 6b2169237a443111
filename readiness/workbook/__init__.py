"""The readiness app's sheets of the masterplan workbook (see masterplan/workbook/__init__.py).

- one sheet per readiness table, Tabel II.2–II.10, laid out like the guide's table;
- "Kinerja": the self-assessed performance of the 18 dimension elements;
- "Analisis Masa Depan": the four narratives of the outlook analysis;
- "Daya Saing": the competitiveness table, indicators by the region and its benchmark cities.

Registered from ReadinessConfig.ready() (on import). Every sheet's column A is the hidden key
column. Modules: common (what the sheets share), tables, performance, outlook (narratives and
competitiveness).
"""

from masterplan.workbook.registry import register

from .outlook import CompetitivenessSheet, OutlookSheet
from .performance import PerformanceSheet
from .tables import TABLE_SHEETS, table_sheet

register(*[table_sheet(element, sub_area, title, 100 + index)
           for index, (element, sub_area, title) in enumerate(TABLE_SHEETS)])
register(PerformanceSheet, OutlookSheet, CompetitivenessSheet)
