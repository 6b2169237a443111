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
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from masterplan.guide import guide
from masterplan.models import Dimension
from masterplan.text_limits import LIMITS, limit
from masterplan.workbook.base import (
    KEY_HEADER,
    LABEL,
    MARK,
    CellReader,
    Row,
    Sheet,
    clean_text,
    delete_versioned,
    normal_decimal,
    put,
    put_header,
    put_key,
    put_title,
    set_widths,
    update_versioned,
)
from masterplan.workbook.errors import MESSAGES, CellError, WorkbookError
from masterplan.workbook.importer import ADDED, REMOVED
from masterplan.workbook.registry import register
from readiness.models import ReadinessElement

from . import gap, services, targets, worksheets
from .models import (
    Direction,
    Factor,
    GapRow,
    Indicator,
    IndicatorTarget,
    Mission,
    Quadrant,
    Sasaran,
    Strategy,
    SwotItem,
    Vision,
    VisionCheck,
    VisionCheckKind,
    Worksheet,
    WorksheetKind,
)

# The messages of this app's rules, worded like masterplan/workbook/errors.py (which has no
# registration hook: the kinds are added to its table once, at import).
SWOT_MESSAGES = {
    "swot_wrong_worksheet": (
        "lembar ini milik kertas kerja lain (kunci “{key}”, seharusnya “{expected}”); jangan salin "
        "lembar antar kertas kerja atau wilayah, unduh ulang buku kerjanya",
        "this sheet belongs to another worksheet (key “{key}”, expected “{expected}”); do not copy "
        "sheets between worksheets or regions, download the workbook again"),
    "swot_missing_section": (
        "baris judul “{section}” (kunci “{key}” di kolom A) tidak ditemukan; jangan hapus baris judul",
        "the heading row “{section}” (key “{key}” in column A) is missing; do not delete heading rows"),
    "swot_grid_edited": (
        "tabel Lampiran II di bagian atas hanya ringkasan dan tidak dibaca; ubah butir dan strategi "
        "pada daftar di bawahnya",
        "the Lampiran II grid at the top is a summary and is not read; change items and strategies "
        "in the list below it"),
    "swot_bad_code": (
        "kode “{code}” tidak dikenal; tulis huruf dan nomor, mis. S1, W2, O3, T1 untuk butir atau "
        "SO1, WO1, ST1, WT1 untuk strategi",
        "unknown code “{code}”; write letters and a number, e.g. S1, W2, O3, T1 for items or "
        "SO1, WO1, ST1, WT1 for strategies"),
    "swot_duplicate_code": ("kode {code} dipakai dua kali (juga baris {other})",
                            "code {code} is used twice (also row {other})"),
    "swot_kind_mismatch": ("jenis “{found}” tidak sesuai dengan kode {code} ({expected})",
                           "kind “{found}” does not match code {code} ({expected})"),
    "swot_kind_changed": (
        "{what} {old} tidak dapat dipindah ke {box} lain ({new}); hapus barisnya lalu tambahkan "
        "baris baru tanpa kunci",
        "{what} {old} cannot move to another box ({new}); delete the row and add a new one "
        "without a key"),
    "swot_duplicate_text": ("{what} ini sudah ada di {box} sebagai {code} (baris {other})",
                            "this {what} already exists in {box} as {code} (row {other})"),
    "swot_only_strategies": ("kolom ini hanya diisi untuk strategi (SO, WO, ST, WT)",
                             "only strategies (SO, WO, ST, WT) fill in this column"),
    "swot_only_items": ("kolom ini hanya diisi untuk butir (S, W, O, T)",
                        "only items (S, W, O, T) fill in this column"),
    "swot_unknown_item": (
        "butir {codes} tidak ada di kertas kerja ini; strategi hanya memadukan butir dari kolom "
        "Kode lembar yang sama (bukan dari kertas kerja atau wilayah lain)",
        "items {codes} are not in this worksheet; a strategy combines only items from the Kode "
        "column of the same sheet (not of another worksheet or region)"),
    "swot_quadrant": ("{detail}", "the strategy breaks the quadrant rule: {detail}"),
    "swot_rule": ("{detail}", "refused by the page's rule: {detail}"),
    "swot_unknown_evidence": (
        "bukti {citations} tidak dikenal; tulis tabel dan nomor komponen analisis kesiapan "
        "masterplan ini, mis. II.3 no 18 (komponen tambahan: II.2 + uraiannya)",
        "unknown evidence {citations}; write the table and component number of this masterplan's "
        "readiness analysis, e.g. II.3 no 18 (an added component: II.2 + its text)"),
    "swot_unknown_subject": ("“{found}” bukan {what} panduan masterplan ini; pilih salah satu: {choices}",
                             "“{found}” is not a {what} of this masterplan's guide; choose one of: "
                             "{choices}"),
    "swot_unknown_strategy": (
        "strategi {citations} tidak ditemukan; tulis nama kertas kerja dan kode strategi dari "
        "lembar SWOT masterplan ini, mis. Governance SO1",
        "strategies {citations} not found; write the worksheet's name and a strategy code from "
        "this masterplan's SWOT sheets, e.g. Governance SO1"),
    "swot_met_needs_reason": ("beri alasan singkat mengapa butir “{title}” terpenuhi",
                              "give a short reason why “{title}” is met"),
    "swot_row_kind": (
        "baris sasaran dan baris indikator ditulis terpisah: isi kolom sasaran atau kolom indikator, "
        "bukan keduanya",
        "sasaran and indicator rows are separate: fill in the sasaran columns or the indicator "
        "columns, not both"),
    "swot_no_sasaran": ("indikator harus berada di bawah baris sasarannya",
                        "an indicator must be below its sasaran's row"),
    "swot_indicator_moved": (
        "indikator tidak dapat dipindah ke sasaran lain; hapus barisnya lalu tambahkan indikator "
        "baru tanpa kunci di bawah sasaran tujuan",
        "an indicator cannot move to another sasaran; delete the row and add a new indicator "
        "without a key below the other sasaran"),
    "swot_direction": ("arah harus “naik” (makin tinggi makin baik) atau “turun” (makin rendah "
                       "makin baik)",
                       "the direction must be “naik” (higher is better) or “turun” (lower is better)"),
    "swot_baseline_pair": ("isi tahun dan nilai baseline bersama-sama",
                           "fill in the baseline year and value together"),
    "swot_baseline_year": ("tahun baseline paling lambat {year}, tahun pertama masterplan",
                           "the baseline year is {year} at the latest, the masterplan's first year"),
    "swot_target_year": ("tahun {year} di luar periode masterplan {start}–{end}; target tidak disimpan",
                         "year {year} is outside the masterplan period {start}–{end}; targets not saved"),
    "swot_missing_year": ("kolom target tahun {year} tidak ada; jangan hapus kolom tahun periode "
                          "masterplan",
                          "the target column of year {year} is missing; do not delete the period's "
                          "year columns"),
    "swot_duplicate_year": ("tahun {year} sudah ada di kolom {other}", "year {year} is already in column {other}"),
    "swot_orphan_column": ("kolom berisi target tanpa tahun di baris judul",
                           "the column holds targets without a year in its heading"),
}
for _kind, _texts in SWOT_MESSAGES.items():
    MESSAGES.setdefault(_kind, _texts)

TOPIC_SLOTS = 50
NOTE = "note"  # key of explanatory rows, never read


def _stash(ctx, name):
    """A dict shared by the sheets of one export or import (parse results for later sheets)."""
    return ctx.once(name, dict)


def _hash(text):
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def _plain(text):
    return " ".join(str(text).split())


def _rule_text(message):
    """A page's message ('Strategi SO ... .') as a CellError detail ('strategi SO ...')."""
    text = str(message).strip().rstrip(".")
    return text[:1].lower() + text[1:]


def _encode(pairs):
    """[(label, key)] as one normalized value: the preview shows the labels, the diff and the
    digest also see which object each label stands for."""
    return "\n".join(f"{label}\t{key}" for label, key in pairs)


def _decode(value):
    return [tuple(line.split("\t", 1)) for line in (value or "").split("\n") if "\t" in line]


def _split_cell(text, separators=r"[;\n]"):
    return [part.strip() for part in re.split(separators, text or "") if part.strip()]


def _mark(value):
    return "ya" if value else ""


def _display_position(value):
    return "" if value is None else str(value + 1)


def _renumber(model, objects_positions):
    """Set positions [(obj, position)] that differ, without touching versions (like the pages'
    move buttons: the order is not part of a row's content)."""
    for obj, position in objects_positions:
        if obj.position != position:
            model.objects.filter(pk=obj.pk).update(position=position)
            obj.position = position


# --- shared data, loaded once per run ----------------------------------------------------------

def _worksheets(masterplan, ctx):
    return ctx.once("swot.worksheets", lambda: list(
        worksheets.worksheets_of(masterplan).order_by("order", "pk")))


def worksheet_labels(worksheet_list):
    """{worksheet pk: short name} as gap rows cite them ("Governance", "Struktur", a topic's
    title); a name two worksheets would share falls back to the full name."""
    short = {}
    for ws in worksheet_list:
        if ws.dimension_id:
            short[ws.pk] = ws.dimension.title.removeprefix("Smart ").strip()
        elif ws.readiness_element_id:
            short[ws.pk] = ws.readiness_element.title
        else:
            short[ws.pk] = _plain(ws.title)
    counts = defaultdict(int)
    for label in short.values():
        counts[worksheets.normalized(label)] += 1
    return {ws.pk: short[ws.pk] if counts[worksheets.normalized(short[ws.pk])] == 1 else _plain(ws.name)
            for ws in worksheet_list}


@dataclass
class SwotData:
    items: dict  # worksheet pk -> {factor: [SwotItem]} (code set, sheet order)
    strategies: dict  # worksheet pk -> {quadrant: [Strategy]}
    evidence: dict  # item pk -> [entry pk]
    combined: dict  # strategy pk -> [item pk]
    item_by_pk: dict
    strategy_by_pk: dict


def _swot(masterplan, ctx):
    """Items, strategies and their links of every worksheet, in four queries. Codes are numbered
    by rank in the box (equal to the pages' codes, whose positions are dense)."""
    def load():
        items = defaultdict(lambda: {factor: [] for factor in worksheets.FACTORS})
        for item in (SwotItem.objects.filter(worksheet__masterplan=masterplan)
                     .order_by("worksheet", "factor", "position", "pk")):
            items[item.worksheet_id][item.factor].append(item)
        strategies = defaultdict(lambda: {quadrant: [] for quadrant in worksheets.QUADRANTS})
        for strategy in (Strategy.objects.filter(worksheet__masterplan=masterplan)
                         .order_by("worksheet", "quadrant", "position", "pk")):
            strategies[strategy.worksheet_id][strategy.quadrant].append(strategy)
        for groups in list(items.values()) + list(strategies.values()):
            for letter, objects in groups.items():
                for rank, obj in enumerate(objects):
                    obj.rank, obj.sheet_code = rank, f"{letter}{rank + 1}"
        evidence, combined = defaultdict(list), defaultdict(list)
        for item_id, entry_id in (SwotItem.evidence.through.objects
                                  .filter(swotitem__worksheet__masterplan=masterplan)
                                  .values_list("swotitem_id", "readinessentry_id")):
            evidence[item_id].append(entry_id)
        for strategy_id, item_id in (Strategy.items.through.objects
                                     .filter(strategy__worksheet__masterplan=masterplan)
                                     .values_list("strategy_id", "swotitem_id")):
            combined[strategy_id].append(item_id)
        item_by_pk = {item.pk: item for groups in items.values() for box in groups.values()
                      for item in box}
        strategy_by_pk = {s.pk: s for groups in strategies.values() for box in groups.values()
                          for s in box}
        return SwotData(items, strategies, evidence, combined, item_by_pk, strategy_by_pk)
    return ctx.once("swot.data", load)


# --- readiness evidence: "II.3 no 18", "II.2 + Jumlah komunitas TIK" ---------------------------

_TABLE = r"(?:tabel\s*)?(ii\s*\.\s*\d+)"
_CATALOGUE_CITATION = re.compile(_TABLE + r"\s*(?:no\.?|nomor|#|/)?\s*(\d+)", re.IGNORECASE)
_EXTRA_CITATION = re.compile(_TABLE + r"\s*\+\s*(.+)", re.IGNORECASE | re.DOTALL)


def _table(table_id):
    return re.sub(r"\s+", "", table_id.removeprefix("Tabel")).upper()


@dataclass
class Evidence:
    entries: list  # ReadinessEntry in the pages' order
    order: dict  # entry pk -> index
    labels: dict  # entry pk -> citation
    by_citation: dict  # ("II.2", number or normalized text) -> entry
    by_label: dict  # citation -> entry

    def value(self, entry_ids):
        """The normalized value of a set of cited entries: their citations in the pages' order."""
        ids = sorted(set(entry_ids), key=lambda pk: self.order.get(pk, len(self.order)))
        return "\n".join(self.labels[pk] for pk in ids if pk in self.labels)

    def parse(self, text):
        """(entry pks, [citations not found]) of a cell."""
        found, unknown = [], []
        for line in _split_cell(text, r"\n"):
            extra = _EXTRA_CITATION.fullmatch(line)
            if extra:
                entry = self.by_citation.get((_table(extra.group(1)),
                                              worksheets.normalized(extra.group(2))))
                (found.append(entry.pk) if entry else unknown.append(line))
                continue
            for part in _split_cell(line, r"[;,]"):
                match = _CATALOGUE_CITATION.fullmatch(part)
                entry = match and self.by_citation.get((_table(match.group(1)), int(match.group(2))))
                (found.append(entry.pk) if entry else unknown.append(part))
        return found, unknown


def _evidence(masterplan, ctx):
    def load():
        entries = list(gap.evidence_queryset(masterplan))
        labels, by_citation = {}, {}
        for entry in entries:
            table = _table(entry.sub_area.table_id)
            if entry.component_id:
                labels[entry.pk] = f"{table} no {entry.component.number}"
                by_citation[(table, entry.component.number)] = entry
            else:
                labels[entry.pk] = f"{table} + {_plain(entry.extra_text)}"
                by_citation.setdefault((table, worksheets.normalized(entry.extra_text)), entry)
        return Evidence(entries, {entry.pk: n for n, entry in enumerate(entries)}, labels,
                        by_citation, {label: pk for pk, label in labels.items()})
    return ctx.once("swot.evidence", load)


def _report_evidence(errors, line, column, unknown):
    if unknown:
        errors.add("swot_unknown_evidence", line, column,
                   citations=", ".join(f"“{c[:40]}”" for c in unknown[:5]))


# --- SWOT worksheets ---------------------------------------------------------------------------

# List columns (the grid uses B-D).
JENIS, KODE, URAIAN, DIPADUKAN, BUKTI = 2, 3, 4, 5, 6
LIST_HEADERS = {JENIS: "Jenis", KODE: "Kode", URAIAN: "Uraian", DIPADUKAN: "Butir yang dipadukan",
                BUKTI: "Bukti (komponen kesiapan)"}
LIST_MARK = "#daftar"
WORKSHEET_ROW, GRID_FIRST_ROW = 2, 4
GRID_COLUMNS = (2, 3, 4)
CODE = re.compile(r"(SO|WO|ST|WT|S|W|O|T)\s*0*(\d{1,4})")
DEFAULT_BOXES = {"corner": "Faktor Internal / Faktor Eksternal", "S": "Kekuatan", "W": "Kelemahan",
                 "O": "Peluang", "T": "Ancaman", "SO": "Strategi Peluang dan Kekuatan",
                 "WO": "Strategi Kelemahan dan Peluang", "ST": "Strategi Ancaman dan Kekuatan",
                 "WT": "Strategi Kelemahan dan Ancaman"}


def _kind_label(letters):
    return str(Factor(letters).label) if letters in Factor.values else f"Strategi {letters}"


def _kind_names(letters):
    names = {letters, _kind_label(letters), f"{_kind_label(letters)} ({letters})"}
    if letters in Quadrant.values:
        names.add(Quadrant(letters).label)
    return {worksheets.normalized(str(name)) for name in names}


def _box_name(letters):
    if letters in Factor.values:
        return f"kotak {worksheets.factor_label(letters)}"
    return f"kuadran {letters}"


def _grid_layout(masterplan, ctx):
    """{box: label} of the guide's Lampiran II (edition-specific, defaults if absent)."""
    def load():
        labels = dict(DEFAULT_BOXES)
        sheet = guide(masterplan.edition.code).get("swot", {}).get("worksheet", {})
        for row in sheet.get("layout", []):
            for box in row:
                labels[box["box"]] = box["label"]
        return labels, f"{sheet.get('appendix', 'Lampiran II')} {sheet.get('title', 'Kertas Kerja Analisis SWOT')}"
    return ctx.once("swot.layout", load)


@dataclass
class ListRow:
    """One row of a worksheet's list as read from the file."""

    line: int
    key: str
    letters: str
    number: int
    text: str
    tokens: list = field(default_factory=list)  # strategies: the cited codes
    evidence: list = field(default_factory=list)  # items: entry pks
    final_code: str = ""

    @property
    def row_key(self):
        return self.key or f"new@{self.line}"


@dataclass(frozen=True)
class _Cited:
    """An item as worksheets.quadrant_errors sees it (factor, code, order)."""

    factor: str
    code: str
    position: int
    pk: int | None = None


class WorksheetSheet(Sheet):
    """The Lampiran II sheet of one worksheet (subclassed per worksheet by `worksheet_sheet`)."""

    subject = ""  # "dimension" or "readiness" with `code`, or "topic" with `slot`
    code = ""
    slot = 0
    fields = {"title": "Topik", "code": "Kode", "text": "Uraian", "items": "Butir yang dipadukan",
              "evidence": "Bukti (komponen kesiapan)"}

    def worksheet(self, masterplan, ctx):
        found = _worksheets(masterplan, ctx)
        if self.subject == WorksheetKind.TOPIC:
            topics = [ws for ws in found if ws.kind == WorksheetKind.TOPIC]
            return topics[self.slot - 1] if len(topics) >= self.slot else None
        for ws in found:
            if self.subject == WorksheetKind.DIMENSION and ws.dimension_id and ws.dimension.code == self.code:
                return ws
            if (self.subject == WorksheetKind.READINESS and ws.readiness_element_id
                    and ws.readiness_element.code == self.code):
                return ws
        return None

    def applies_to(self, masterplan, ctx):
        return self.worksheet(masterplan, ctx) is not None

    def display(self, name, value):
        if name == "items":
            return ", ".join(label for label, _key in _decode(value))
        return super().display(name, value)

    def current_rows(self, masterplan, ctx):
        ws = self.worksheet(masterplan, ctx)
        _stash(ctx, "swot.sheet_titles")[ws.pk] = self.title  # the gap sheet accepts it as a name
        data, evidence = _swot(masterplan, ctx), _evidence(masterplan, ctx)
        rows = []
        if ws.kind == WorksheetKind.TOPIC:
            rows.append(Row(f"ws{ws.pk}", "Topik kertas kerja", {"title": ws.title}, obj=ws))
        for factor in worksheets.FACTORS:
            for item in data.items[ws.pk][factor]:
                rows.append(Row(f"i{item.pk}", f"{item.sheet_code} {item.text}", {
                    "code": item.sheet_code, "text": item.text,
                    "evidence": evidence.value(data.evidence[item.pk])}, obj=item))
        for quadrant in worksheets.QUADRANTS:
            for strategy in data.strategies[ws.pk][quadrant]:
                cited = sorted((data.item_by_pk[pk] for pk in data.combined[strategy.pk]
                                if pk in data.item_by_pk), key=worksheets.item_sort_key)
                rows.append(Row(f"s{strategy.pk}", f"{strategy.sheet_code} {strategy.text}", {
                    "code": strategy.sheet_code, "text": strategy.text,
                    "items": _encode((item.sheet_code, f"i{item.pk}") for item in cited)},
                    obj=strategy))
        return rows

    # --- export ---

    def write(self, ws, masterplan, rows, ctx):
        worksheet = self.worksheet(masterplan, ctx)
        boxes, title = _grid_layout(masterplan, ctx)
        items = {letter: [] for letter in worksheets.FACTORS}
        strategies = {letter: [] for letter in worksheets.QUADRANTS}
        for row in rows:
            if row.key.startswith("i"):
                items[row.obj.factor].append(row)
            elif row.key.startswith("s"):
                strategies[row.obj.quadrant].append(row)
        put_title(ws, 1, f"{title} — {worksheet.name}", JENIS)
        put_key(ws, WORKSHEET_ROW, f"ws{worksheet.pk}")
        put(ws, WORKSHEET_ROW, JENIS, "Kertas kerja" if worksheet.kind != WorksheetKind.TOPIC
            else "Topik kertas kerja", LABEL)
        put(ws, WORKSHEET_ROW, KODE, worksheet.title if worksheet.kind == WorksheetKind.TOPIC
            else worksheet.name)
        put_key(ws, 3, NOTE)
        put(ws, 3, JENIS, "Tabel Lampiran II di bawah ini hanya ringkasan. Ubah, tambah atau hapus "
                          "butir dan strategi pada daftar di bawah tabel.", None)
        line = GRID_FIRST_ROW
        for header, cells in self._grid(boxes, items, strategies):
            put_key(ws, line, "g:" + ".".join(_hash(clean_text(text)) for text in cells))
            for column, text in zip(GRID_COLUMNS, cells, strict=True):
                if header:
                    put_header(ws, line, column, text)
                else:
                    put(ws, line, column, text)
            line += 1
        line += 1
        put_key(ws, line, NOTE)
        put(ws, line, JENIS, "Daftar butir dan strategi (dibaca saat impor). Strategi memadukan kode "
                             "butir lembar ini, mis. “S1, O2”; bukti ditulis “II.3 no 18”, satu per "
                             "baris. Baris baru: kolom kunci (A) dibiarkan kosong.", None)
        line += 1
        put_key(ws, line, LIST_MARK)
        for column, header in LIST_HEADERS.items():
            put_header(ws, line, column, header)
        for row in rows:
            if row.key.startswith("ws"):
                continue
            line += 1
            letters = row.values["code"].rstrip("0123456789")
            put_key(ws, line, row.key)
            put(ws, line, JENIS, _kind_label(letters))
            put(ws, line, KODE, row.values["code"])
            put(ws, line, URAIAN, row.values["text"])
            put(ws, line, DIPADUKAN, self.display("items", row.values.get("items", "")))
            put(ws, line, BUKTI, row.values.get("evidence", ""))
        set_widths(ws, {1: 8, JENIS: 40, KODE: 45, URAIAN: 50, DIPADUKAN: 18, BUKTI: 24})

    @staticmethod
    def _grid(boxes, items, strategies):
        """[(is header, [B, C, D])]: Lampiran II, one numbered entry per cell."""
        def label(box):
            return f"{boxes[box]} ({box})"

        def item(rows, index):
            return f"{rows[index].values['code']} {rows[index].values['text']}" if index < len(rows) else ""

        def strategy(rows, index):
            if index >= len(rows):
                return ""
            values = rows[index].values
            codes = ", ".join(code for code, _key in _decode(values["items"]))
            return f"{values['code']} [{codes}] {values['text']}"

        grid = [(True, [boxes["corner"], label("S"), label("W")])]
        for index in range(max(len(items["S"]), len(items["W"]), 1)):
            grid.append((False, ["", item(items["S"], index), item(items["W"], index)]))
        for external, left, right in (("O", "SO", "WO"), ("T", "ST", "WT")):
            grid.append((True, [label(external), label(left), label(right)]))
            for index in range(max(len(items[external]), len(strategies[left]),
                                   len(strategies[right]), 1)):
                grid.append((False, [item(items[external], index), strategy(strategies[left], index),
                                     strategy(strategies[right], index)]))
        return grid

    # --- import ---

    def parse(self, data, masterplan, current, ctx, errors):
        worksheet = self.worksheet(masterplan, ctx)
        parsed_sheets = _stash(ctx, "swot.parsed")
        parsed_sheets[worksheet.pk] = None  # not usable by the gap sheet unless read cleanly
        reader = CellReader(data, errors)
        expected = f"ws{worksheet.pk}"
        found = reader.key_at(WORKSHEET_ROW, 1)
        if found != expected:
            errors.add("swot_wrong_worksheet", WORKSHEET_ROW, None, key=found[:20], expected=expected)
            return []
        marker = next((line for line in range(1, data.max_row + 1) if reader.key(line) == LIST_MARK),
                      None)
        if marker is None:
            errors.add("swot_missing_section", None, None, section="Daftar butir dan strategi",
                       key=LIST_MARK)
            return []
        reader.expect_headers(marker, LIST_HEADERS)
        if errors:
            return []
        rows = []
        if worksheet.kind == WorksheetKind.TOPIC:
            rows.append(self._topic_title(data, reader, errors, masterplan, worksheet, ctx))
        current_by_key = {row.key: row for row in current if not row.key.startswith("ws")}
        entries = self._read_list(data, reader, errors, marker, current_by_key,
                                  _evidence(masterplan, ctx))
        by_code = self._number(entries)
        self._check_grid(data, reader, errors, marker, entries)
        self._check_texts(entries, errors)
        self._check_strategies(entries, by_code, errors)
        for entry in entries:
            if entry.letters in Factor.values:
                values = {"code": entry.final_code, "text": entry.text,
                          "evidence": _evidence(masterplan, ctx).value(entry.evidence)}
            else:
                cited = {by_code[code].row_key: by_code[code] for code in entry.tokens if code in by_code}
                cited = sorted(cited.values(), key=lambda e: (worksheets.FACTORS.index(e.letters),
                                                              int(e.final_code[1:])))
                values = {"code": entry.final_code, "text": entry.text,
                          "items": _encode((e.final_code, e.row_key) for e in cited)}
            rows.append(Row(entry.row_key, f"{entry.final_code} {entry.text}", values, line=entry.line))
        if not errors:
            parsed_sheets[worksheet.pk] = {
                e.letters + str(e.number): (e.final_code, e.row_key)
                for e in entries if e.letters in Quadrant.values}
            _stash(ctx, "swot.rows")[worksheet.pk] = entries
        return rows

    def _check_grid(self, data, reader, errors, marker, entries):
        """Refuse typing in the grid, unless the cell shows what the list now says (someone who
        changed the list may tidy the grid the same way)."""
        agreed = set()
        for entry in entries:
            for code in (f"{entry.letters}{entry.number}", entry.final_code):
                cited = f" [{', '.join(entry.tokens)}]" if entry.letters in Quadrant.values else ""
                agreed.add(worksheets.normalized(f"{code}{cited} {entry.text}"))
        for line in range(GRID_FIRST_ROW, marker):
            key = reader.key(line)
            if key == NOTE:
                continue
            if key.startswith("g:"):
                hashes = key[2:].split(".")
                for column, expected in zip(GRID_COLUMNS, hashes, strict=False):
                    text = reader.text(line, column, get_column_letter(column))
                    if _hash(text) != expected and worksheets.normalized(text) not in agreed:
                        errors.add("swot_grid_edited", line, get_column_letter(column))
                        return
            elif not data.is_blank(line, GRID_COLUMNS[0], BUKTI):
                errors.add("swot_grid_edited", line, None)
                return

    def _topic_title(self, data, reader, errors, masterplan, worksheet, ctx):
        max_length = Worksheet._meta.get_field("title").max_length
        title = reader.text(WORKSHEET_ROW, KODE, "Topik", max_length=max_length, required=True).strip()
        if title and worksheets.normalized(title) != worksheets.normalized(worksheet.title):
            try:
                worksheets.check_topic_title(masterplan, title)
            except ValidationError as error:
                for message in error.messages:
                    errors.add("swot_rule", WORKSHEET_ROW, "Topik", detail=_rule_text(message))
            renamed = _stash(ctx, "swot.topic_titles")
            other = renamed.setdefault(worksheets.normalized(title), self.title)
            if other != self.title:
                errors.add("swot_rule", WORKSHEET_ROW, "Topik",
                           detail=_rule_text(f"Kertas kerja “{title}” sudah ada (lembar {other})."))
        return Row(f"ws{worksheet.pk}", "Topik kertas kerja", {"title": title}, line=WORKSHEET_ROW)

    def _read_list(self, data, reader, errors, marker, current_by_key, evidence):
        entries, seen_keys, seen_codes = [], {}, {}
        for line in range(marker + 1, data.max_row + 1):
            if data.is_blank(line, JENIS, BUKTI):
                continue
            key = reader.key(line)
            if key:
                if key not in current_by_key:
                    errors.add("unknown_row", line, "Kode", key=key[:20])
                    continue
                if key in seen_keys:
                    errors.add("duplicate_row", line, "Kode", key=key, other=seen_keys[key])
                    continue
                seen_keys[key] = line
            raw = reader.text(line, KODE, "Kode").strip()
            match = CODE.fullmatch(raw.upper())
            if not match or int(match.group(2)) < 1:
                errors.add("swot_bad_code", line, "Kode", code=raw[:20])
                continue
            letters, number = match.group(1), int(match.group(2))
            code = f"{letters}{number}"
            if code in seen_codes:
                errors.add("swot_duplicate_code", line, "Kode", code=code, other=seen_codes[code])
                continue
            seen_codes[code] = line
            kind = reader.text(line, JENIS, "Jenis").strip()
            if kind and worksheets.normalized(kind) not in _kind_names(letters):
                errors.add("swot_kind_mismatch", line, "Jenis", found=kind[:40], code=code,
                           expected=_kind_label(letters))
            if key:
                obj = current_by_key[key].obj
                old = obj.factor if key.startswith("i") else obj.quadrant
                if old != letters:
                    errors.add("swot_kind_changed", line, "Kode", old=current_by_key[key].values["code"],
                               new=code, what="butir" if key.startswith("i") else "strategi",
                               box="kotak" if key.startswith("i") else "kuadran")
                    continue
            entry = ListRow(line, key, letters, number,
                            reader.text(line, URAIAN, "Uraian", required=True,
                                        max_length=limit("swot.SwotItem.text" if key.startswith("i")
                                                         else "swot.Strategy.text")).strip())
            combined = reader.text(line, DIPADUKAN, LIST_HEADERS[DIPADUKAN])
            cited = reader.text(line, BUKTI, LIST_HEADERS[BUKTI])
            if letters in Factor.values:
                if combined.strip():
                    errors.add("swot_only_strategies", line, LIST_HEADERS[DIPADUKAN])
                entry.evidence, unknown = evidence.parse(cited)
                _report_evidence(errors, line, LIST_HEADERS[BUKTI], unknown)
            else:
                if cited.strip():
                    errors.add("swot_only_items", line, LIST_HEADERS[BUKTI])
                entry.tokens = [token.upper() for token in re.split(r"[\s,;\[\]]+", combined) if token]
            entries.append(entry)
        return entries

    @staticmethod
    def _number(entries):
        """Number each box 1, 2, ... in the order of the codes written; {code written: entry}."""
        boxes = defaultdict(list)
        for entry in entries:
            boxes[entry.letters].append(entry)
        for letters, box in boxes.items():
            for rank, entry in enumerate(sorted(box, key=lambda e: (e.number, e.line))):
                entry.final_code = f"{letters}{rank + 1}"
        return {f"{e.letters}{e.number}": e for e in entries if e.letters in Factor.values}

    @staticmethod
    def _check_texts(entries, errors):
        """No two items of a box (strategies of a quadrant) with the same text, as on the pages."""
        seen = {}
        for entry in sorted(entries, key=lambda e: e.line):
            if not entry.text:
                continue
            first = seen.setdefault((entry.letters, worksheets.normalized(entry.text)), entry)
            if first is not entry:
                errors.add("swot_duplicate_text", entry.line, "Uraian",
                           what="butir" if entry.letters in Factor.values else "strategi",
                           box=_box_name(entry.letters), code=f"{first.letters}{first.number}",
                           other=first.line)

    @staticmethod
    def _check_strategies(entries, by_code, errors):
        label = LIST_HEADERS[DIPADUKAN]
        for entry in entries:
            if entry.letters not in Quadrant.values:
                continue
            unknown = [token for token in entry.tokens if token not in by_code]
            if unknown:
                errors.add("swot_unknown_item", entry.line, label, codes=", ".join(unknown[:8])[:80])
                continue
            cited = [_Cited(by_code[token].letters, token, by_code[token].number)
                     for token in dict.fromkeys(entry.tokens)]
            for message in worksheets.quadrant_errors(entry.letters, cited):
                errors.add("swot_quadrant", entry.line, label, detail=_rule_text(message))

    # --- apply ---

    def apply(self, masterplan, changes, user, ctx):
        worksheet = self.worksheet(masterplan, ctx)
        Worksheet.objects.select_for_update().filter(pk=worksheet.pk).first()  # as the pages do
        evidence = _evidence(masterplan, ctx)
        applied = _stash(ctx, "swot.applied")  # (worksheet pk, row key) -> saved object
        removed = [c for c in changes if c.kind == REMOVED]
        for change in sorted(removed, key=lambda c: c.key[:1] != "s"):  # strategies, then items
            delete_versioned(change.current.obj)
        saved = [c for c in changes if c.kind != REMOVED]
        for change in saved:
            if change.key.startswith("ws"):
                update_versioned(worksheet, {"title": change.new.values["title"]}, user)
        lists = [c for c in saved if not c.key.startswith("ws")]
        # Items before strategies: a new strategy may combine a new item.
        for change in sorted(lists, key=lambda c: "items" in c.new.values):
            values = change.new.values
            letters = values["code"].rstrip("0123456789")
            is_item = letters in Factor.values
            if change.kind == ADDED:
                obj = (SwotItem if is_item else Strategy).objects.create(
                    worksheet=worksheet, text=values["text"], updated_by=user,
                    position=int(values["code"][len(letters):]) - 1,
                    **({"factor": letters} if is_item else {"quadrant": letters}))
                links_changed = True
            else:
                obj = change.current.obj
                names = {f.name for f in change.fields}
                links_changed = self._link_keys(change.current.values) != self._link_keys(values)
                if "text" in names or links_changed:
                    update_versioned(obj, {"text": values["text"]}, user)
            applied[(worksheet.pk, change.key)] = obj
            if not links_changed:
                continue  # only renumbered: the positions are set below
            if is_item:
                obj.evidence.set(evidence.by_label[label]
                                 for label in _split_cell(values["evidence"], r"\n"))
            else:
                obj.items.set(self._item_pk(worksheet, key, applied)
                              for _code, key in _decode(values["items"]))
        # Positions follow the codes of the file (numbered densely by parse).
        for entry in _stash(ctx, "swot.rows").get(worksheet.pk, []):
            obj = applied.get((worksheet.pk, entry.row_key))
            if obj is None:
                obj = self._current_object(masterplan, ctx, entry.row_key)
            _renumber(type(obj), [(obj, int(entry.final_code[len(entry.letters):]) - 1)])

    @staticmethod
    def _link_keys(values):
        if "items" in values:
            return {key for _code, key in _decode(values["items"])}
        return set(_split_cell(values.get("evidence", ""), r"\n"))

    @staticmethod
    def _item_pk(worksheet, key, applied):
        if key.startswith("new@"):
            return applied[(worksheet.pk, key)].pk
        return int(key[1:])

    @staticmethod
    def _current_object(masterplan, ctx, key):
        data = _swot(masterplan, ctx)
        return (data.item_by_pk if key.startswith("i") else data.strategy_by_pk)[int(key[1:])]


# Sheet titles (at most 31 characters) of the 2017 guide's worksheets: (kind, code, title).
WORKSHEET_SHEETS = [
    (WorksheetKind.DIMENSION, "governance", "SWOT Governance"),
    (WorksheetKind.DIMENSION, "branding", "SWOT Branding"),
    (WorksheetKind.DIMENSION, "economy", "SWOT Economy"),
    (WorksheetKind.DIMENSION, "living", "SWOT Living"),
    (WorksheetKind.DIMENSION, "society", "SWOT Society"),
    (WorksheetKind.DIMENSION, "environment", "SWOT Environment"),
    (WorksheetKind.READINESS, "structure", "SWOT Struktur"),
    (WorksheetKind.READINESS, "infrastructure", "SWOT Infrastruktur"),
    (WorksheetKind.READINESS, "superstructure", "SWOT Suprastruktur"),
]
WORKSHEET_ORDER, TOPIC_ORDER = 400, 410


def worksheet_sheet(subject, code, title, order, slot=0):
    return type(f"WorksheetSheet_{subject}_{code or slot}", (WorksheetSheet,), {
        "key": f"swot.worksheet.{subject}.{code or slot}", "title": title, "order": order,
        "subject": subject, "code": code, "slot": slot,
    })


# --- Kesenjangan (Tabel II.11) -----------------------------------------------------------------

G_NO, G_SUBJECT, G_TO_BE, G_AS_IS, G_ACTION, G_STRATEGIES, G_EVIDENCE = range(2, 9)
GAP_HEADERS = {G_NO: "No", G_SUBJECT: "Dimensi/Elemen kesiapan",
               G_TO_BE: "Kondisi masa yang akan datang (to be)", G_AS_IS: "Kondisi saat ini (as is)",
               G_ACTION: "Strategi, program kerja dan langkah aksi", G_STRATEGIES: "Strategi TOWS",
               G_EVIDENCE: "Komponen kesiapan"}
GAP_FIRST_ROW = 3
_STRATEGY_CITATION = re.compile(r"(.*?)\s*\b(SO|WO|ST|WT)\s*0*(\d{1,4})", re.IGNORECASE | re.DOTALL)


@dataclass
class Subjects:
    """The dimensions and readiness elements a gap row or sasaran is tagged with."""

    subjects: list  # gap.Subject, in catalogue order
    dimensions: dict  # pk -> Dimension
    elements: dict  # pk -> ReadinessElement

    def aliases(self, dimensions_only=False):
        """{normalized name: Subject}: title, short name ("Governance", "Struktur") and code."""
        result = {}
        for subject in self.subjects:
            pk = int(subject.key[1:])
            if subject.key[0] == gap.DIMENSION:
                obj = self.dimensions[pk]
                names = (subject.title, obj.title, obj.title.removeprefix("Smart "), obj.code)
            elif dimensions_only:
                continue
            else:
                obj = self.elements[pk]
                names = (subject.title, obj.title, obj.code)
            for name in names:
                result.setdefault(worksheets.normalized(name), subject)
        return result

    def by_title(self):
        return {subject.title: subject for subject in self.subjects}


def _subjects(masterplan, ctx):
    def load():
        dimensions = {d.pk: d for d in Dimension.objects.filter(edition=masterplan.edition_id)}
        elements = {e.pk: e for e in ReadinessElement.objects.filter(edition=masterplan.edition_id)}
        return Subjects(gap.subjects(masterplan.edition_id), dimensions, elements)
    return ctx.once("swot.subjects", load)


def _gap_data(masterplan, ctx):
    def load():
        rows = list(GapRow.objects.filter(masterplan=masterplan).order_by("position", "pk"))
        evidence, strategies = defaultdict(list), defaultdict(list)
        for row_id, entry_id in (GapRow.evidence.through.objects.filter(gaprow__masterplan=masterplan)
                                 .values_list("gaprow_id", "readinessentry_id")):
            evidence[row_id].append(entry_id)
        for row_id, strategy_id in (GapRow.strategies.through.objects
                                    .filter(gaprow__masterplan=masterplan)
                                    .values_list("gaprow_id", "strategy_id")):
            strategies[row_id].append(strategy_id)
        return rows, evidence, strategies
    return ctx.once("swot.gap", load)


class GapSheet(Sheet):
    key = "swot.gap"
    title = "Kesenjangan"
    order = 470
    fields = {"position": "No", "subject": "Dimensi/Elemen kesiapan",
              "to_be": "Kondisi masa yang akan datang (to be)", "as_is": "Kondisi saat ini (as is)",
              "action": "Strategi, program kerja dan langkah aksi", "strategies": "Strategi TOWS",
              "evidence": "Komponen kesiapan"}

    def display(self, name, value):
        if name == "position":
            return _display_position(value)
        if name == "strategies":
            return "\n".join(label for label, _key in _decode(value))
        return super().display(name, value)

    @staticmethod
    def _strategy_sort(worksheet_list):
        order = {ws.pk: n for n, ws in enumerate(worksheet_list)}
        return lambda item: (order.get(item[0], 0), worksheets.QUADRANTS.index(item[1]), item[2])

    def current_rows(self, masterplan, ctx):
        rows, evidence, cited = _gap_data(masterplan, ctx)
        subjects = _subjects(masterplan, ctx)
        titles = {subject.key: subject.title for subject in subjects.subjects}
        data, index = _swot(masterplan, ctx), _evidence(masterplan, ctx)
        worksheet_list = _worksheets(masterplan, ctx)
        labels = worksheet_labels(worksheet_list)
        sort = self._strategy_sort(worksheet_list)
        result = []
        for rank, row in enumerate(rows):
            strategies = sorted(((s.worksheet_id, s.quadrant, s.rank, s) for pk in cited[row.pk]
                                 if (s := data.strategy_by_pk.get(pk))), key=sort)
            result.append(Row(f"g{row.pk}", f"{rank + 1}. {_plain(row.to_be)[:80]}", {
                "position": rank, "subject": titles.get(gap.subject_key(row), ""),
                "to_be": row.to_be, "as_is": row.as_is, "action": row.action,
                "strategies": _encode((f"{labels[ws_pk]} {s.sheet_code}", f"{ws_pk}:s{s.pk}")
                                      for ws_pk, _q, _r, s in strategies),
                "evidence": index.value(evidence[row.pk])}, obj=row))
        return result

    def write(self, ws, masterplan, rows, ctx):
        table = guide(masterplan.edition.code).get("gap_analysis", {}).get("table", {})
        put_title(ws, 1, f"{table.get('table_id', 'Tabel II.11')} "
                         f"{table.get('title', 'Analisis Kesenjangan')}", G_NO)
        put(ws, 2, 1, KEY_HEADER, LABEL)
        for column, header in GAP_HEADERS.items():
            put_header(ws, 2, column, header)
        for line, row in enumerate(rows, start=GAP_FIRST_ROW):
            values = row.values
            put_key(ws, line, row.key)
            put(ws, line, G_NO, values["position"] + 1)
            put(ws, line, G_SUBJECT, values["subject"])
            put(ws, line, G_TO_BE, values["to_be"])
            put(ws, line, G_AS_IS, values["as_is"])
            put(ws, line, G_ACTION, values["action"])
            put(ws, line, G_STRATEGIES, self.display("strategies", values["strategies"]))
            put(ws, line, G_EVIDENCE, values["evidence"])
        set_widths(ws, {1: 6, G_NO: 5, G_SUBJECT: 22, G_TO_BE: 40, G_AS_IS: 40, G_ACTION: 45,
                        G_STRATEGIES: 22, G_EVIDENCE: 16})
        ws.freeze_panes = ws.cell(row=GAP_FIRST_ROW, column=G_TO_BE)

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        reader.expect_headers(2, GAP_HEADERS)
        if errors:
            return []
        subjects = _subjects(masterplan, ctx)
        aliases = subjects.aliases()
        index = _evidence(masterplan, ctx)
        known = {row.key for row in current}
        resolve = self._strategy_resolver(masterplan, ctx)
        seen, rows = {}, []
        for line in range(GAP_FIRST_ROW, data.max_row + 1):
            if data.is_blank(line, G_SUBJECT, G_EVIDENCE):
                continue  # a blank row, or only a No
            key = reader.key(line)
            if key and key not in known:
                errors.add("unknown_row", line, "No", key=key[:20])
                continue
            if key in seen:
                errors.add("duplicate_row", line, "No", key=key, other=seen[key])
                continue
            key = key or f"new@{line}"
            seen[key] = line
            subject_text = reader.text(line, G_SUBJECT, GAP_HEADERS[G_SUBJECT], required=True).strip()
            subject = aliases.get(worksheets.normalized(subject_text))
            if subject_text and subject is None:
                errors.add("swot_unknown_subject", line, GAP_HEADERS[G_SUBJECT], found=subject_text[:40],
                           what="dimensi atau elemen kesiapan",
                           choices=", ".join(s.title for s in subjects.subjects))
            texts = {name: reader.text(line, column, GAP_HEADERS[column], required=True,
                                       max_length=limit(f"swot.GapRow.{name}")).strip()
                     for name, column in (("to_be", G_TO_BE), ("as_is", G_AS_IS), ("action", G_ACTION))}
            strategies = resolve(reader.text(line, G_STRATEGIES, GAP_HEADERS[G_STRATEGIES]), line, errors)
            entry_ids, unknown = index.parse(reader.text(line, G_EVIDENCE, GAP_HEADERS[G_EVIDENCE]))
            _report_evidence(errors, line, GAP_HEADERS[G_EVIDENCE], unknown)
            rows.append(Row(key, f"{len(rows) + 1}. {_plain(texts['to_be'])[:80]}", {
                "position": len(rows), "subject": subject.title if subject else "", **texts,
                "strategies": strategies, "evidence": index.value(entry_ids)}, line=line))
        _stash(ctx, "swot.gap_rows")["order"] = [(row.key, row.values["position"]) for row in rows]
        return rows

    def _strategy_resolver(self, masterplan, ctx):
        """A function reading a Strategi TOWS cell into its normalized value, reporting citations
        that name no worksheet of this masterplan or no strategy of that worksheet's sheet."""
        worksheet_list = _worksheets(masterplan, ctx)
        labels = worksheet_labels(worksheet_list)
        sheet_titles = _stash(ctx, "swot.sheet_titles")
        names = defaultdict(set)
        for ws in worksheet_list:
            for name in (labels[ws.pk], ws.name, sheet_titles.get(ws.pk, "")):
                if name:
                    names[worksheets.normalized(name)].add(ws.pk)
        parsed = _stash(ctx, "swot.parsed")
        sort = self._strategy_sort(worksheet_list)

        def resolve(text, line, errors):
            found, unknown = {}, []
            for part in _split_cell(text):
                match = _STRATEGY_CITATION.fullmatch(part)
                owners = names.get(worksheets.normalized(match.group(1))) if match else None
                if not owners or len(owners) > 1:
                    unknown.append(part)
                    continue
                ws_pk = next(iter(owners))
                code = f"{match.group(2).upper()}{int(match.group(3))}"
                if ws_pk not in parsed:  # a worksheet without a sheet: cite it as it is
                    parsed[ws_pk] = {s.sheet_code: (s.sheet_code, f"s{s.pk}")
                                     for s in _swot(masterplan, ctx).strategy_by_pk.values()
                                     if s.worksheet_id == ws_pk}
                if parsed[ws_pk] is None:
                    continue  # that worksheet's sheet has errors of its own
                target = parsed[ws_pk].get(code)
                if target is None:
                    unknown.append(part)
                    continue
                final_code, key = target
                found[f"{ws_pk}:{key}"] = (ws_pk, final_code[:2], int(final_code[2:]),
                                           f"{labels[ws_pk]} {final_code}")
            if unknown:
                errors.add("swot_unknown_strategy", line, GAP_HEADERS[G_STRATEGIES],
                           citations=", ".join(f"“{c[:40]}”" for c in unknown[:5]))
            return _encode((label, key) for key, (*_sort, label) in
                           sorted(found.items(), key=lambda kv: sort(kv[1])))
        return resolve

    def apply(self, masterplan, changes, user, ctx):
        list(GapRow.objects.select_for_update().filter(masterplan=masterplan).values_list("pk"))
        subjects = _subjects(masterplan, ctx).by_title()
        index = _evidence(masterplan, ctx)
        applied = _stash(ctx, "swot.applied")
        objects = {}
        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
        for change in changes:
            if change.kind == REMOVED:
                continue
            values = change.new.values
            names = {f.name for f in change.fields}
            subject = subjects[values["subject"]]
            pk = int(subject.key[1:])
            content = {"to_be": values["to_be"], "as_is": values["as_is"], "action": values["action"],
                       "dimension_id": pk if subject.key[0] == gap.DIMENSION else None,
                       "readiness_element_id": pk if subject.key[0] == gap.ELEMENT else None}
            if change.kind == ADDED:
                row = GapRow.objects.create(masterplan=masterplan, position=values["position"],
                                            updated_by=user, **content)
                names = set(values)
            else:
                row = change.current.obj
                old = change.current.values
                links = ({"strategies", "evidence"} & names) and (
                    {k for _l, k in _decode(old["strategies"])} != {k for _l, k in _decode(values["strategies"])}
                    or old["evidence"] != values["evidence"])
                if names - {"position", "strategies", "evidence"} or links:
                    update_versioned(row, content, user)
                if not links:
                    names -= {"strategies", "evidence"}
            objects[change.key] = row
            if "evidence" in names:
                row.evidence.set(index.by_label[label] for label in _split_cell(values["evidence"], r"\n"))
            if "strategies" in names:
                row.strategies.set(self._strategy_pk(key, applied) for _label, key in
                                   _decode(values["strategies"]))
        _stash(ctx, "swot.gap_objects").update(objects)  # for sheets citing new gap rows
        current = {row.key: row.obj for row in self.current_rows(masterplan, ctx)}
        final = _stash(ctx, "swot.gap_rows")
        _renumber(GapRow, [(objects.get(key) or current[key], position)
                           for key, position in final.get("order", [])])

    @staticmethod
    def _strategy_pk(key, applied):
        ws_pk, row_key = key.split(":", 1)
        if row_key.startswith("new@"):
            return applied[(int(ws_pk), row_key)].pk
        return int(row_key[1:])


# --- Visi Misi ---------------------------------------------------------------------------------

VISION_MARK, MISSION_MARK, CRITERIA_MARK, QUALITY_MARK = "#visi", "#misi", "#kriteria", "#syarat"
V_NO, V_TEXT, V_MET, V_REASON = 2, 3, 4, 5
MET = "ya"
VISION_SECTIONS = {
    VISION_MARK: ("Visi dan rujukannya", {V_NO: "Bagian", V_TEXT: "Uraian"}),
    MISSION_MARK: ("Misi", {V_NO: "No", V_TEXT: "Misi"}),
    CRITERIA_MARK: ("Kriteria rumusan visi", {V_NO: "No", V_TEXT: "Kriteria rumusan visi",
                                              V_MET: "Terpenuhi", V_REASON: "Alasan singkat"}),
    QUALITY_MARK: ("Syarat visi yang baik", {V_NO: "No", V_TEXT: "Syarat visi yang baik",
                                             V_MET: "Terpenuhi", V_REASON: "Alasan singkat"}),
}
CHECK_SECTIONS = {VisionCheckKind.CRITERION: CRITERIA_MARK, VisionCheckKind.QUALITY: QUALITY_MARK}


class VisionSheet(Sheet):
    key = "swot.vision"
    title = "Visi Misi"
    order = 480
    fields = {"text": "Uraian", "position": "No", "met": "Terpenuhi", "justification": "Alasan singkat"}

    def display(self, name, value):
        if name == "position":
            return _display_position(value)
        if name == "met":
            return "Ya" if value == MET else ""
        return super().display(name, value)

    def load(self, masterplan, ctx):
        def load():
            vision = Vision.objects.filter(masterplan=masterplan).first()
            missions = list(Mission.objects.filter(masterplan=masterplan).order_by("position", "pk"))
            checks = {(check.kind, check.number): check
                      for check in VisionCheck.objects.filter(masterplan=masterplan)}
            return vision, missions, checks, services.vision_catalogue(masterplan.edition.code)
        return ctx.once("swot.vision", load)

    def current_rows(self, masterplan, ctx):
        vision, missions, checks, catalogue = self.load(masterplan, ctx)
        rows = [Row(f"v:{name}", str(Vision._meta.get_field(name).verbose_name),
                    {"text": getattr(vision, name) if vision else ""}, obj=vision)
                for name in Vision.TEXT_FIELDS]
        rows += [Row(f"m{mission.pk}", f"Misi {rank + 1}", {"position": rank, "text": mission.text},
                     obj=mission, labels={"text": "Misi"}) for rank, mission in enumerate(missions)]
        for kind, section in CHECK_SECTIONS.items():
            for number, title, description in catalogue.get(kind, []):
                check = checks.get((kind, number))
                row = Row(f"c:{kind}:{number}", f"{VISION_SECTIONS[section][0]} {number}. {title}",
                          {"met": _mark(check and check.met),
                           "justification": check.justification if check else ""}, obj=check)
                row.check = (kind, number, title, description)
                rows.append(row)
        return rows

    def write(self, ws, masterplan, rows, ctx):
        put_title(ws, 1, "Visi dan Misi Smart City Daerah", V_NO)
        sections = {VISION_MARK: [], MISSION_MARK: [], CRITERIA_MARK: [], QUALITY_MARK: []}
        for row in rows:
            if row.key.startswith("v:"):
                sections[VISION_MARK].append(row)
            elif row.key.startswith("m"):
                sections[MISSION_MARK].append(row)
            else:
                sections[CHECK_SECTIONS[row.check[0]]].append(row)
        line = 3
        for mark_key, (_title, headers) in VISION_SECTIONS.items():
            put_key(ws, line, mark_key)
            for column, header in headers.items():
                put_header(ws, line, column, header)
            for row in sections[mark_key]:
                line += 1
                put_key(ws, line, row.key)
                if mark_key == VISION_MARK:
                    put(ws, line, V_NO, row.label, LABEL)
                    put(ws, line, V_TEXT, row.values["text"])
                elif mark_key == MISSION_MARK:
                    put(ws, line, V_NO, row.values["position"] + 1)
                    put(ws, line, V_TEXT, row.values["text"])
                else:
                    _kind, number, title, description = row.check
                    put(ws, line, V_NO, number)
                    put(ws, line, V_TEXT, f"{title}: {description}" if description else title)
                    put(ws, line, V_MET, MARK if row.values["met"] == MET else "")
                    put(ws, line, V_REASON, row.values["justification"])
            line += 3 if mark_key == MISSION_MARK else 2  # room for new missions
        set_widths(ws, {1: 8, V_NO: 28, V_TEXT: 80, V_MET: 11, V_REASON: 50})

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        markers = {}
        for line in range(1, data.max_row + 1):
            key = reader.key(line)
            if key in VISION_SECTIONS:
                if key in markers:
                    errors.add("duplicate_row", line, None, key=key, other=markers[key])
                markers[key] = line
        for mark_key, (title, headers) in VISION_SECTIONS.items():
            if mark_key not in markers:
                errors.add("swot_missing_section", None, None, section=title, key=mark_key)
            else:
                reader.expect_headers(markers[mark_key], headers)
        if errors:
            return []
        by_key = {row.key: row for row in current}
        ends = sorted(markers.values()) + [data.max_row + 1]
        rows, seen = [], {}
        for mark_key, start in sorted(markers.items(), key=lambda kv: kv[1]):
            end = ends[ends.index(start) + 1]
            prefix = {VISION_MARK: "v:", MISSION_MARK: "m", CRITERIA_MARK: "c:", QUALITY_MARK: "c:"}[mark_key]
            for line in range(start + 1, end):
                if data.is_blank(line, V_NO, V_REASON):
                    continue
                key = reader.key(line)
                if key and (key not in by_key or not key.startswith(prefix)):
                    errors.add("unknown_row", line, None, key=key[:20])
                    continue
                if key in seen:
                    errors.add("duplicate_row", line, None, key=key, other=seen[key])
                    continue
                if not key and mark_key != MISSION_MARK:
                    if mark_key == VISION_MARK or not data.is_blank(line, V_MET, V_REASON):
                        errors.add("no_new_rows", line)
                    continue  # a note someone wrote beside a checklist is not read
                key = key or f"new@{line}"
                seen[key] = line
                rows.append(self._read(reader, errors, line, key, by_key.get(key), mark_key, rows))
        for row in current:
            if not row.key.startswith("m") and row.key not in seen:
                errors.add("missing_row", label=row.label)
        missions = [row for row in rows if row.key not in by_key or row.key.startswith("m")]
        _stash(ctx, "swot.vision_rows")["missions"] = [(row.key, row.values["position"]) for row in missions]
        return rows

    @staticmethod
    def _read(reader, errors, line, key, current, mark_key, rows):
        if mark_key == VISION_MARK:
            max_length = LIMITS.get(f"swot.Vision.{key.removeprefix('v:')}")
            text = reader.text(line, V_TEXT, "Uraian", max_length=max_length).strip()
            return Row(key, current.label, {"text": text},
                       line=line)
        if mark_key == MISSION_MARK:
            position = sum(1 for row in rows if row.key.startswith(("m", "new@")))
            text = reader.text(line, V_TEXT, "Misi", required=True,
                               max_length=limit("swot.Mission.text")).strip()
            return Row(key, f"Misi {position + 1}", {"position": position, "text": text}, line=line,
                       labels={"text": "Misi"})
        _kind, _number, title, _description = current.check
        met = reader.judgement(line, [(V_MET, "Terpenuhi", MET)], "Terpenuhi")
        justification = reader.text(line, V_REASON, "Alasan singkat",
                                    max_length=limit("swot.VisionCheck.justification")).strip()
        if met == MET and not justification:
            errors.add("swot_met_needs_reason", line, "Alasan singkat", title=title)
        row = Row(key, current.label, {"met": met, "justification": justification}, line=line)
        row.check = current.check
        return row

    def apply(self, masterplan, changes, user, ctx):
        vision, missions, checks, _catalogue = self.load(masterplan, ctx)
        texts, objects = {}, {}
        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
        for change in changes:
            if change.kind == REMOVED:
                continue
            values, names = change.new.values, {f.name for f in change.fields}
            if change.key.startswith("v:"):
                texts[change.key[2:]] = values["text"]
            elif change.key.startswith("c:"):
                content = {"met": values["met"] == MET, "justification": values["justification"]}
                if change.current.obj is not None:
                    update_versioned(change.current.obj, content, user)
                else:
                    _c, kind, number = change.key.split(":")
                    VisionCheck.objects.create(masterplan=masterplan, kind=kind, number=int(number),
                                               updated_by=user, **content)
            elif change.kind == ADDED:
                objects[change.key] = Mission.objects.create(
                    masterplan=masterplan, position=values["position"], text=values["text"],
                    updated_by=user)
            elif "text" in names:
                update_versioned(change.current.obj, {"text": values["text"]}, user)
        if texts and vision is not None:
            update_versioned(vision, texts, user)  # one UPDATE: the rows are one object
        elif texts:
            Vision.objects.create(masterplan=masterplan, updated_by=user, **texts)
        by_key = {f"m{mission.pk}": mission for mission in missions}
        _renumber(Mission, [(objects.get(key) or by_key[key], position) for key, position in
                            _stash(ctx, "swot.vision_rows").get("missions", [])])


# --- Sasaran -----------------------------------------------------------------------------------

S_DIMENSION, S_TEXT = 2, 3
S_CRITERIA = {name: 4 + index for index, name in enumerate(Sasaran.CRITERIA)}
N_NAME, N_UNIT, N_DIRECTION, N_BASE_YEAR, N_BASE_VALUE, N_SOURCE, N_NOTE = range(10, 17)
FIRST_YEAR = 17
SASARAN_HEADERS = {S_DIMENSION: "Dimensi", S_TEXT: "Sasaran", 4: "Kriteria sasaran",
                   N_NAME: "Indikator", N_UNIT: "Satuan", N_DIRECTION: "Arah (naik/turun)",
                   N_BASE_YEAR: "Baseline", N_SOURCE: "Sumber data", N_NOTE: "Catatan",
                   FIRST_YEAR: "Target"}
SASARAN_FIRST_ROW = 4
DIRECTIONS = {"naik": Direction.UP, "turun": Direction.DOWN}
DIRECTIONS.update({worksheets.normalized(str(d.label)): d.value for d in Direction})
INDICATOR_FIELDS = ("name", "unit", "direction", "baseline_year", "baseline_value", "data_source", "note")


def _criteria_labels():
    return {name: str(Sasaran._meta.get_field(name).verbose_name) for name in Sasaran.CRITERIA}


class SasaranSheet(Sheet):
    key = "swot.sasaran"
    title = "Sasaran"
    order = 490
    fields = {"dimension": "Dimensi", "position": "Urutan", "text": "Sasaran", **_criteria_labels(),
              "name": "Indikator", "unit": "Satuan", "direction": "Arah", "baseline_year": "Tahun baseline",
              "baseline_value": "Nilai baseline", "data_source": "Sumber data", "note": "Catatan"}

    def display(self, name, value):
        if name == "position":
            return _display_position(value)
        if name in Sasaran.CRITERIA:
            return MARK if value else ""
        if name == "direction" and value in Direction.values:
            return f"{value} ({Direction(value).label})"
        return super().display(name, value)

    def load(self, masterplan, ctx):
        def load():
            sasaran = list(Sasaran.objects.filter(masterplan=masterplan).select_related("dimension")
                           .order_by("dimension__number", "position", "pk"))
            indicators = defaultdict(list)
            for indicator in (Indicator.objects.filter(sasaran__masterplan=masterplan)
                              .order_by("position", "pk")):
                indicators[indicator.sasaran_id].append(indicator)
            found = {}
            for indicator_id, year, value in (IndicatorTarget.objects.filter(indicator__sasaran__masterplan=masterplan,
                                                                  year__in=list(masterplan.years))
                                              .values_list("indicator_id", "year", "value")):
                found[(indicator_id, year)] = normal_decimal(value)
            return sasaran, indicators, found
        return ctx.once("swot.sasaran", load)

    @staticmethod
    def _target_labels(masterplan):
        return {f"target:{year}": f"Target {year}" for year in masterplan.years}

    def current_rows(self, masterplan, ctx):
        sasaran, indicators, found = self.load(masterplan, ctx)
        labels = self._target_labels(masterplan)
        rows, ranks = [], defaultdict(int)
        for item in sasaran:
            rank = ranks[item.dimension_id]
            ranks[item.dimension_id] += 1
            rows.append(Row(f"s{item.pk}", f"{item.dimension.title} — {_plain(item.text)[:80]}", {
                "dimension": item.dimension.title, "position": rank, "text": item.text,
                **{name: _mark(getattr(item, name)) for name in Sasaran.CRITERIA}}, obj=item))
            for position, indicator in enumerate(indicators[item.pk]):
                values = {"position": position, **{name: getattr(indicator, name) for name in INDICATOR_FIELDS}}
                values["baseline_value"] = normal_decimal(indicator.baseline_value)
                values.update({f"target:{year}": found.get((indicator.pk, year)) for year in masterplan.years})
                row = Row(f"n{indicator.pk}", f"Indikator {indicator.name}", values, obj=indicator,
                          labels=labels)
                row.parent = f"s{item.pk}"
                rows.append(row)
        return rows

    def write(self, ws, masterplan, rows, ctx):
        years = list(masterplan.years)
        put_title(ws, 1, f"Sasaran, Indikator dan Target {masterplan.start_year}–{masterplan.end_year}",
                  S_DIMENSION)
        put(ws, 2, 1, KEY_HEADER, LABEL)
        for column, header in SASARAN_HEADERS.items():
            span = {4: len(S_CRITERIA), N_BASE_YEAR: 2, FIRST_YEAR: len(years)}.get(column)
            if span:
                put_header(ws, 2, column, header, columns=span)
            else:
                put_header(ws, 2, column, header, rows=2)
        for name, label in _criteria_labels().items():
            put_header(ws, 3, S_CRITERIA[name], label)
        put_header(ws, 3, N_BASE_YEAR, "Tahun")
        put_header(ws, 3, N_BASE_VALUE, "Nilai")
        for offset, year in enumerate(years):
            put_header(ws, 3, FIRST_YEAR + offset, year)
        for line, row in enumerate(rows, start=SASARAN_FIRST_ROW):
            values = row.values
            put_key(ws, line, row.key)
            if row.key.startswith("s"):
                put(ws, line, S_DIMENSION, values["dimension"])
                put(ws, line, S_TEXT, values["text"])
                for name, column in S_CRITERIA.items():
                    put(ws, line, column, MARK if values[name] else "")
                continue
            for column, name in zip(range(N_NAME, N_NOTE + 1), INDICATOR_FIELDS, strict=True):
                put(ws, line, column, values[name])
            for offset, year in enumerate(years):
                put(ws, line, FIRST_YEAR + offset, values[f"target:{year}"])
        set_widths(ws, {1: 8, S_DIMENSION: 18, S_TEXT: 40, **{c: 6 for c in S_CRITERIA.values()},
                        N_NAME: 34, N_UNIT: 10, N_DIRECTION: 10, N_BASE_YEAR: 8, N_BASE_VALUE: 10,
                        N_SOURCE: 16, N_NOTE: 24,
                        **{FIRST_YEAR + n: 9 for n in range(len(years))}})
        ws.freeze_panes = ws.cell(row=SASARAN_FIRST_ROW, column=S_DIMENSION)

    def _year_columns(self, data, reader, errors, masterplan):
        """{year: column} of the target columns, refusing years outside the period."""
        columns, period = {}, set(masterplan.years)
        for column in range(FIRST_YEAR, data.max_column() + 1):
            letter = get_column_letter(column)
            header = data.value(3, column)
            if header is None or (isinstance(header, str) and not header.strip()):
                if any(data.value(line, column) not in (None, "")
                       for line in range(SASARAN_FIRST_ROW, data.max_row + 1)):
                    errors.add("swot_orphan_column", 3, letter)
                continue
            year = reader.year(3, column, letter)
            if year is None:
                continue
            if year not in period:
                errors.add("swot_target_year", 3, letter, year=year, start=masterplan.start_year,
                           end=masterplan.end_year)
            elif year in columns:
                errors.add("swot_duplicate_year", 3, letter, year=year,
                           other=get_column_letter(columns[year]))
            else:
                columns[year] = column
        for year in sorted(period - set(columns)):
            errors.add("swot_missing_year", 3, None, year=year)
        return columns

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        reader.expect_headers(2, SASARAN_HEADERS)
        reader.expect_headers(3, {**{S_CRITERIA[name]: label for name, label in _criteria_labels().items()},
                                  N_BASE_YEAR: "Tahun", N_BASE_VALUE: "Nilai"})
        if errors:
            return []
        year_columns = self._year_columns(data, reader, errors, masterplan)
        if errors:
            return []
        subjects = _subjects(masterplan, ctx)
        dimensions = subjects.aliases(dimensions_only=True)
        by_key = {row.key: row for row in current}
        last = max(data.max_column(), FIRST_YEAR + len(year_columns) - 1)
        rows, seen, ranks = [], {}, defaultdict(int)
        parent = None
        for line in range(SASARAN_FIRST_ROW, data.max_row + 1):
            if data.is_blank(line, S_DIMENSION, last):
                continue
            key = reader.key(line)
            has_sasaran = not data.is_blank(line, S_DIMENSION, max(S_CRITERIA.values()))
            has_indicator = not data.is_blank(line, N_NAME, last)
            if key and key not in by_key:
                errors.add("unknown_row", line, None, key=key[:20])
                continue
            if key in seen:
                errors.add("duplicate_row", line, None, key=key, other=seen[key])
                continue
            is_sasaran = key.startswith("s") if key else has_sasaran
            key = key or f"new@{line}"
            seen[key] = line
            if is_sasaran:
                parent = key
            if (has_sasaran and has_indicator) or (is_sasaran and has_indicator) or (not is_sasaran and has_sasaran):
                errors.add("swot_row_kind", line, None)
                continue
            if is_sasaran:
                row = self._read_sasaran(reader, errors, line, key, dimensions, subjects)
                row.values["position"] = ranks[row.values["dimension"]]
                ranks[row.values["dimension"]] += 1
            else:
                if parent is None:
                    errors.add("swot_no_sasaran", line, "Indikator")
                    continue
                if key in by_key and by_key[key].parent != parent:
                    errors.add("swot_indicator_moved", line, "Indikator")
                    continue
                row = self._read_indicator(data, reader, errors, line, key, masterplan, year_columns)
                row.parent = parent
                row.values["position"] = ranks[parent]
                ranks[parent] += 1
            rows.append(row)
        _stash(ctx, "swot.sasaran_rows")["order"] = [
            (row.key, row.values["position"], getattr(row, "parent", None)) for row in rows]
        _stash(ctx, "swot.sasaran_rows")["dimension"] = {
            row.key: row.values["dimension"] for row in rows if getattr(row, "parent", None) is None}
        return rows

    @staticmethod
    def _read_sasaran(reader, errors, line, key, dimensions, subjects):
        found = reader.text(line, S_DIMENSION, "Dimensi", required=True).strip()
        subject = dimensions.get(worksheets.normalized(found))
        if found and subject is None:
            errors.add("swot_unknown_subject", line, "Dimensi", found=found[:40], what="dimensi",
                       choices=", ".join(s.title for s in subjects.subjects if s.key[0] == gap.DIMENSION))
        text = reader.text(line, S_TEXT, "Sasaran", required=True,
                           max_length=limit("swot.Sasaran.text")).strip()
        values = {"dimension": subject.title if subject else "", "position": 0, "text": text}
        for name, label in _criteria_labels().items():
            values[name] = reader.judgement(line, [(S_CRITERIA[name], label, "ya")], label)
        return Row(key, f"{values['dimension']} — {_plain(text)[:80]}", values, line=line)

    def _read_indicator(self, data, reader, errors, line, key, masterplan, year_columns):
        name = reader.text(line, N_NAME, "Indikator", required=True,
                           max_length=Indicator._meta.get_field("name").max_length).strip()
        direction_text = reader.text(line, N_DIRECTION, "Arah (naik/turun)", required=True).strip()
        direction = DIRECTIONS.get(worksheets.normalized(direction_text), "")
        if direction_text and not direction:
            errors.add("swot_direction", line, "Arah (naik/turun)")
        year = reader.year(line, N_BASE_YEAR, "Tahun baseline")
        value = reader.decimal(line, N_BASE_VALUE, "Nilai baseline")
        if value is not None and year is None and data.is_blank(line, N_BASE_YEAR, N_BASE_YEAR):
            errors.add("swot_baseline_pair", line, "Tahun baseline")
        if year is not None and value is None and data.is_blank(line, N_BASE_VALUE, N_BASE_VALUE):
            errors.add("swot_baseline_pair", line, "Nilai baseline")
        if year is not None and year > masterplan.start_year:
            errors.add("swot_baseline_year", line, "Tahun baseline", year=masterplan.start_year)
        values = {
            "position": 0, "name": name,
            "unit": reader.text(line, N_UNIT, "Satuan",
                                max_length=Indicator._meta.get_field("unit").max_length).strip(),
            "direction": direction, "baseline_year": year, "baseline_value": value,
            "data_source": reader.text(line, N_SOURCE, "Sumber data",
                                       max_length=Indicator._meta.get_field("data_source").max_length).strip(),
            "note": reader.text(line, N_NOTE, "Catatan", max_length=limit("swot.Indicator.note")).strip(),
        }
        for year_, column in sorted(year_columns.items()):
            values[f"target:{year_}"] = reader.decimal(line, column, f"Target {year_}")
        return Row(key, f"Indikator {name}", values, line=line, labels=self._target_labels(masterplan))

    def apply(self, masterplan, changes, user, ctx):
        sasaran_list, indicators, _found = self.load(masterplan, ctx)
        list(Sasaran.objects.select_for_update().filter(masterplan=masterplan).values_list("pk"))
        dimensions = _subjects(masterplan, ctx).by_title()
        objects = {f"s{item.pk}": item for item in sasaran_list}
        objects.update({f"n{indicator.pk}": indicator for group in indicators.values() for indicator in group})
        removed = [change for change in changes if change.kind == REMOVED]
        for change in sorted(removed, key=lambda c: c.key[:1] != "n"):  # indicators first
            delete_versioned(change.current.obj)
        saved = [change for change in changes if change.kind != REMOVED]
        is_sasaran = {key: parent is None for key, _position, parent in
                      _stash(ctx, "swot.sasaran_rows").get("order", [])}
        for change in sorted(saved, key=lambda c: not is_sasaran[c.key]):  # sasaran first
            values, names = change.new.values, {f.name for f in change.fields}
            if is_sasaran[change.key]:
                content = {"dimension_id": int(dimensions[values["dimension"]].key[1:]),
                           "text": values["text"],
                           **{name: values[name] == "ya" for name in Sasaran.CRITERIA}}
                if change.kind == ADDED:
                    objects[change.key] = Sasaran.objects.create(
                        masterplan=masterplan, position=values["position"], updated_by=user, **content)
                elif names - {"position"}:
                    update_versioned(change.current.obj, content, user)
                continue
            content = {name: values[name] for name in INDICATOR_FIELDS}
            sasaran = objects[change.new.parent]
            sasaran.masterplan = masterplan
            if change.kind == ADDED:
                indicator = objects[change.key] = Indicator.objects.create(
                    sasaran=sasaran, position=values["position"], updated_by=user, **content)
                years = {name for name, value in values.items() if name.startswith("target:") and value is not None}
            else:
                indicator = change.current.obj
                if names - {"position"}:  # targets too: the indicator's form saves them (version)
                    update_versioned(indicator, content, user)
                years = {name for name in names if name.startswith("target:")}
            indicator.sasaran = sasaran
            self._save_targets(indicator, {int(name[7:]): values[name] for name in years}, change)
        _stash(ctx, "swot.sasaran_objects").update(objects)  # for sheets citing new sasaran
        order = _stash(ctx, "swot.sasaran_rows").get("order", [])
        _renumber(Sasaran, [(objects[key], position) for key, position, parent in order if parent is None])
        _renumber(Indicator, [(objects[key], position) for key, position, parent in order if parent])

    def _save_targets(self, indicator, values, change):
        if not values:
            return
        try:
            targets.save_targets(indicator, values)
        except ValidationError as error:  # parse checked the same rules; this is the last guard
            raise WorkbookError([CellError("swot_rule", self.title, change.line, None,
                                           {"detail": _rule_text(message)})
                                 for message in error.messages]) from None


# --- registration ------------------------------------------------------------------------------

register(*[worksheet_sheet(subject, code, title, WORKSHEET_ORDER + index)
           for index, (subject, code, title) in enumerate(WORKSHEET_SHEETS)])
register(*[worksheet_sheet(WorksheetKind.TOPIC, "", f"SWOT Topik {slot}", TOPIC_ORDER + slot - 1, slot)
           for slot in range(1, TOPIC_SLOTS + 1)])
register(GapSheet, VisionSheet, SasaranSheet)


# --- citations from other apps' sheets (the roadmap's Program sheet) ---------------------------
# A sheet ordered after these cites strategies ("Governance SO1"), sasaran ("Governance 2": the
# second sasaran of the dimension in the Sasaran sheet) and gap rows (their No in Kesenjangan).
# Values are encoded (label, key) pairs; during an import the keys follow the uploaded sheets,
# so new rows of the same upload can be cited, and *_pk turns a key into the saved id.

def strategy_citations(masterplan, ctx, strategy_pks):
    """The encoded value citing the strategies with ids `strategy_pks` (database state)."""
    data = _swot(masterplan, ctx)
    worksheet_list = _worksheets(masterplan, ctx)
    labels = worksheet_labels(worksheet_list)
    sort = GapSheet._strategy_sort(worksheet_list)
    found = sorted(((s.worksheet_id, s.quadrant, s.rank, s) for pk in strategy_pks
                    if (s := data.strategy_by_pk.get(pk))), key=sort)
    return _encode((f"{labels[ws_pk]} {s.sheet_code}", f"{ws_pk}:s{s.pk}")
                   for ws_pk, _q, _r, s in found)


def strategy_resolver(masterplan, ctx):
    """resolve(text, line, errors) -> encoded value of a "Strategi TOWS" cell (see GapSheet)."""
    return GapSheet()._strategy_resolver(masterplan, ctx)


def strategy_pk(ctx, key):
    return GapSheet._strategy_pk(key, _stash(ctx, "swot.applied"))


def _sasaran_short(title):
    return title.removeprefix("Smart ").strip()


def sasaran_citations(masterplan, ctx, sasaran_pks):
    """The encoded value citing sasaran by id: "Governance 2" (rank within the dimension)."""
    sasaran, _indicators, _found = SasaranSheet().load(masterplan, ctx)
    ranks, labels = defaultdict(int), {}
    for item in sasaran:
        ranks[item.dimension_id] += 1
        labels[item.pk] = f"{_sasaran_short(item.dimension.title)} {ranks[item.dimension_id]}"
    return _encode((labels[pk], f"s{pk}") for pk in sorted(sasaran_pks, key=list(labels).index)
                   if pk in labels)


def _sasaran_by_label(masterplan, ctx):
    """{normalized "Governance 2": key} of the uploaded Sasaran sheet (or the database)."""
    stashed = _stash(ctx, "swot.sasaran_rows")
    if "dimension" in stashed:
        dimensions = stashed["dimension"]
        order = [(key, position) for key, position, parent in stashed.get("order", [])
                 if parent is None]
    else:
        sasaran, _indicators, _found = SasaranSheet().load(masterplan, ctx)
        dimensions = {f"s{item.pk}": item.dimension.title for item in sasaran}
        ranks = defaultdict(int)
        order = []
        for item in sasaran:
            order.append((f"s{item.pk}", ranks[item.dimension_id]))
            ranks[item.dimension_id] += 1
    result = {}
    for key, position in order:
        title = dimensions[key]
        for name in (_sasaran_short(title), title):
            result[worksheets.normalized(f"{name} {position + 1}")] = (
                f"{_sasaran_short(title)} {position + 1}", key)
    return result


def resolve_sasaran(masterplan, ctx, text):
    """(encoded value, [unknown citations]) of a cell citing sasaran ("Governance 2; Living 1")."""
    by_label = _sasaran_by_label(masterplan, ctx)
    found, unknown = [], []
    for part in _split_cell(text, r"[;,\n]"):
        hit = by_label.get(worksheets.normalized(part))
        if hit is None:
            unknown.append(part)
        elif hit not in found:
            found.append(hit)
    return _encode(found), unknown


def sasaran_pk(ctx, key):
    if key.startswith("new@"):
        return _stash(ctx, "swot.sasaran_objects")[key].pk
    return int(key[1:])


def gap_citations(masterplan, ctx, gap_pks):
    """The encoded value citing gap rows by id: their No in the Kesenjangan sheet."""
    rows, _evidence_ids, _strategies = _gap_data(masterplan, ctx)
    numbers = {row.pk: rank + 1 for rank, row in enumerate(rows)}
    return _encode((str(numbers[pk]), f"g{pk}") for pk in sorted(gap_pks, key=lambda pk: numbers.get(pk, 0))
                   if pk in numbers)


def resolve_gap_rows(masterplan, ctx, text):
    """(encoded value, [unknown citations]) of a cell citing gap rows by No ("3; 5")."""
    stashed = _stash(ctx, "swot.gap_rows")
    if "order" in stashed:
        by_number = {position + 1: key for key, position in stashed["order"]}
    else:
        rows, _evidence_ids, _strategies = _gap_data(masterplan, ctx)
        by_number = {rank + 1: f"g{row.pk}" for rank, row in enumerate(rows)}
    found, unknown = [], []
    for part in _split_cell(text, r"[;,\n]"):
        number = part.removeprefix("No").removeprefix("no").strip(" .")
        key = by_number.get(int(number)) if number.isdigit() else None
        if key is None:
            unknown.append(part)
        elif (number, key) not in found:
            found.append((str(int(number)), key))
    return _encode(sorted(found, key=lambda pair: int(pair[0]))), unknown


def gap_row_pk(ctx, key):
    if key.startswith("new@"):
        return _stash(ctx, "swot.gap_objects")[key].pk
    return int(key[1:])
