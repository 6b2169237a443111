"""What the strategic analysis' sheets share: the messages of its rules, the data every sheet
reads (worksheets, items and strategies, readiness evidence, dimensions and elements), loaded once
per export or import."""

import re
from collections import defaultdict
from dataclasses import dataclass

from masterplan.models import Dimension
from masterplan.workbook.cells import normalized, plain, split_cell
from masterplan.workbook.errors import register_messages
from readiness.models import ReadinessElement

from .. import gap, worksheets
from ..models import GapRow, Strategy, SwotItem

# The messages of this app's rules, worded like masterplan/workbook/errors.py.
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
register_messages(SWOT_MESSAGES)


def display_position(value):
    return "" if value is None else str(value + 1)


# --- shared data, loaded once per run ----------------------------------------------------------

def load_worksheets(masterplan, ctx):
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
            short[ws.pk] = plain(ws.title)
    counts = defaultdict(int)
    for label in short.values():
        counts[normalized(label)] += 1
    return {ws.pk: short[ws.pk] if counts[normalized(short[ws.pk])] == 1 else plain(ws.name)
            for ws in worksheet_list}


@dataclass
class SwotData:
    items: dict  # worksheet pk -> {factor: [SwotItem]} (code set, sheet order)
    strategies: dict  # worksheet pk -> {quadrant: [Strategy]}
    evidence: dict  # item pk -> [entry pk]
    combined: dict  # strategy pk -> [item pk]
    item_by_pk: dict
    strategy_by_pk: dict


def swot_data(masterplan, ctx):
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
        for line in split_cell(text, r"\n"):
            extra = _EXTRA_CITATION.fullmatch(line)
            if extra:
                entry = self.by_citation.get((_table(extra.group(1)),
                                              normalized(extra.group(2))))
                (found.append(entry.pk) if entry else unknown.append(line))
                continue
            for part in split_cell(line, r"[;,]"):
                match = _CATALOGUE_CITATION.fullmatch(part)
                entry = match and self.by_citation.get((_table(match.group(1)), int(match.group(2))))
                (found.append(entry.pk) if entry else unknown.append(part))
        return found, unknown


def evidence_index(masterplan, ctx):
    def load():
        entries = list(gap.evidence_queryset(masterplan))
        labels, by_citation = {}, {}
        for entry in entries:
            table = _table(entry.sub_area.table_id)
            if entry.component_id:
                labels[entry.pk] = f"{table} no {entry.component.number}"
                by_citation[(table, entry.component.number)] = entry
            else:
                labels[entry.pk] = f"{table} + {plain(entry.extra_text)}"
                by_citation.setdefault((table, normalized(entry.extra_text)), entry)
        return Evidence(entries, {entry.pk: n for n, entry in enumerate(entries)}, labels,
                        by_citation, {label: pk for pk, label in labels.items()})
    return ctx.once("swot.evidence", load)


def report_evidence(errors, line, column, unknown):
    if unknown:
        errors.add("swot_unknown_evidence", line, column,
                   citations=", ".join(f"“{c[:40]}”" for c in unknown[:5]))


# --- dimensions and readiness elements (gap rows, sasaran) -------------------------------------

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
                result.setdefault(normalized(name), subject)
        return result

    def by_title(self):
        return {subject.title: subject for subject in self.subjects}


def subjects_of(masterplan, ctx):
    def load():
        dimensions = {d.pk: d for d in Dimension.objects.filter(edition=masterplan.edition_id)}
        elements = {e.pk: e for e in ReadinessElement.objects.filter(edition=masterplan.edition_id)}
        return Subjects(gap.subjects(masterplan.edition_id), dimensions, elements)
    return ctx.once("swot.subjects", load)


# --- gap rows (Kesenjangan, cited by the roadmap) ------------------------------------------------

def gap_data(masterplan, ctx):
    def load():
        rows = list(GapRow.objects.filter(masterplan=masterplan).order_by("position", "pk"))
        evidence, strategies = defaultdict(list), defaultdict(list)
        for gap_id, entry_id in (GapRow.evidence.through.objects.filter(gaprow__masterplan=masterplan)
                                 .values_list("gaprow_id", "readinessentry_id")):
            evidence[gap_id].append(entry_id)
        for gap_id, strategy_id in (GapRow.strategies.through.objects
                                    .filter(gaprow__masterplan=masterplan)
                                    .values_list("gaprow_id", "strategy_id")):
            strategies[gap_id].append(strategy_id)
        return rows, evidence, strategies
    return ctx.once("swot.gap", load)
