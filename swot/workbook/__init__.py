"""The strategic analysis' sheets of the masterplan workbook (see masterplan/workbook/__init__.py).

Registered from SwotConfig.ready(); column A of every sheet is the hidden key column.

SWOT worksheets ("SWOT Governance" ... "SWOT Suprastruktur", "SWOT Topik 1" ...)
------------------------------------------------------------------------------
One sheet per worksheet: the six dimensions and three readiness elements by their code, then the
topic worksheets in their order (slot k is the k-th topic; at most TOPIC_SLOTS). Rows:

1. the title (Lampiran II, worksheet name);
2. the worksheet: key ``ws<pk>`` in A (a sheet copied from another worksheet or region is refused),
   its name in C (a topic's title, editable; a dimension's or element's name, not read);
3. the Lampiran II grid, **shown, not read**: the corner "Faktor Internal / Faktor Eksternal",
   Kekuatan (S1...) and Kelemahan (W1...) across, Peluang (O1...) and Ancaman (T1...) down, and
   the four strategy cells SO/WO/ST/WT ("SO1 [S1, O2] Kolaborasi ..."). Each grid row's key
   ("g:" + a short hash of its three cells) lets an import name a grid cell someone typed in
   (refused: the list below is what is read);
4. the list (header row keyed ``#daftar``), one row per item and strategy, read on import:
   Jenis (optional; must match the code), Kode, Uraian, Butir yang dipadukan (strategies: the
   item codes of this sheet, "S1, O2"), Bukti (items: readiness components as "II.3 no 18", or
   "II.2 + <text>" for a component the region added; one per line or separated by ";").
   Keys: ``i<pk>`` items, ``s<pk>`` strategies; a new row has no key.

Codes are the references inside the file: a strategy cites the codes written in the Kode column.
On import the items of a box (strategies of a quadrant) are numbered again 1, 2, ... in the order
of their code numbers, so a deleted S2 leaves S3 to become S2; the preview shows the new codes.
An item cannot move to another box, nor a strategy to another quadrant (as on the pages).

"Kesenjangan" (Tabel II.11)
---------------------------
One row per gap row (key ``g<pk>``), in order: No (not read: the order of the rows counts),
Dimensi/Elemen kesiapan, to be, as is, strategi/program/langkah aksi, Strategi TOWS ("Governance
SO1", one per line or ";"; the worksheet by its short name, full name or sheet name and the code
written in that worksheet's sheet), Komponen kesiapan (as Bukti above).

"Visi Misi"
-----------
Four sections, each starting with a header row keyed ``#visi``, ``#misi``, ``#kriteria`` and
``#syarat``: the vision statement, explanation and references (fixed rows ``v:<field>``); the
missions in order (``m<pk>``; new missions have no key); the two checklists of the guide (fixed
rows ``c:<kind>:<number>``: Terpenuhi marked ✓ and a short reason, required when met).

"Sasaran"
---------
Per sasaran a row (key ``s<pk>``: Dimensi, Sasaran, six criteria marked ✓) followed by its
indicator rows (key ``n<pk>``: Indikator, Satuan, Arah naik/turun, baseline year and value, data
source, note, then one target column per year of the masterplan period, headed by the year). A
row without a key is a new sasaran when its Dimensi or Sasaran is filled, else a new indicator of
the sasaran above. Numbers typed as text are read as on the pages ("12,5", "1.250").

Rules are those of the pages, checked with their functions: worksheets.quadrant_errors for
strategies, worksheets.normalized for duplicate items/strategies in a box, check_topic_title for
renamed topics, masterplan.numbers for typed numbers, targets.save_targets (period years, number
size) when saving targets. Content changes bump versions through update_versioned (a concurrent
edit aborts the import); pure reordering only renumbers positions, like the pages' move buttons.

Modules: common (the app's messages, data loaded once per run), worksheet_sheet, gap_sheet,
vision_sheet, sasaran_sheet (one per sheet group), citations (strategies, sasaran and gap rows as
Kesenjangan and the roadmap's Program sheet cite them).
"""

from masterplan.workbook.registry import register

from ..models import WorksheetKind
from .gap_sheet import GapSheet
from .sasaran_sheet import SasaranSheet
from .vision_sheet import VisionSheet
from .worksheet_sheet import TOPIC_ORDER, TOPIC_SLOTS, WORKSHEET_ORDER, WORKSHEET_SHEETS, worksheet_sheet

register(*[worksheet_sheet(subject, code, title, WORKSHEET_ORDER + index)
           for index, (subject, code, title) in enumerate(WORKSHEET_SHEETS)])
register(*[worksheet_sheet(WorksheetKind.TOPIC, "", f"SWOT Topik {slot}", TOPIC_ORDER + slot - 1, slot)
           for slot in range(1, TOPIC_SLOTS + 1)])
register(GapSheet, VisionSheet, SasaranSheet)
