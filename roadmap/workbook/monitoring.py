"""The "Monev" and "Realisasi KPI" sheets of the masterplan workbook (see
masterplan/workbook/__init__.py).

"Monev" (order 640)
-------------------
One row per monitoring record (key ``r<pk>``), by program in roadmap order, then by period:
Kode program (the Program sheet's code; required), Tahun, Triwulan (1–4 or I–IV), Kemajuan (%)
(a whole number 0–100), the guide's three questions (Yang berjalan baik, Yang tidak berjalan,
Yang perlu diperbaiki) and the follow-up plan (Tindak lanjut: apa, kapan, siapa). A new or
changed record's period must lie in the program's run as the Program sheet of the same file says
(`validate_period`); a program has one record per period; a record cannot move to another
program (delete its row and add a new one without a key).

"Realisasi KPI" (order 645)
---------------------------
One row per KPI actual: Kode program, Tahun, Triwulan, Indikator (the KPI's name as written in
the KPI sheet for that program), Realisasi (a number; "12,5" as on the pages). The program's
record of that period must be in the Monev sheet (it may be new in the same file) and the name
must be that of exactly one KPI of the program. A row is identified by its record and KPI (the
hidden key column stays empty): moving a record to another period or renaming a KPI changes no
actual; to clear an actual, delete its row.

Saving follows the record page (roadmap/monitoring.py): records with update_versioned (versions
bumped); actuals through `save_actuals`, and a record whose actuals change gets its version
bumped like the page's save, so an open record form shows a conflict. Records and actuals of a
program (or a KPI, or a record) removed in the same file go with it.
"""

from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError

from masterplan import numbers
from masterplan.text_limits import limit
from masterplan.workbook import cells
from masterplan.workbook.base import Row, delete_versioned, normal_decimal, put, update_versioned
from masterplan.workbook.cells import encode, labels_of, normalized, row_id, rule_text, stash
from masterplan.workbook.errors import register_messages
from masterplan.workbook.importer import ADDED, REMOVED

from ..models import KpiActual, MonitoringRecord
from ..monitoring import save_actuals, validate_period
from .common import Column, ListSheet, refused, same_values
from .kpis import KPI_ROWS, KPI_SAVED, kpi_data
from .program_refs import (
    cite_programs,
    fresh_programs,
    program_code_text,
    program_key,
    program_objects,
    program_refs,
    program_spans,
    program_value,
)

MONITORING_MESSAGES = {
    "roadmap_quarter": ("triwulan harus 1, 2, 3 atau 4 (atau I–IV)",
                        "the quarter must be 1, 2, 3 or 4 (or I–IV)"),
    "roadmap_progress": ("kemajuan harus bilangan bulat 0–100", "the progress must be a whole number 0–100"),
    "roadmap_duplicate_record": (
        "catatan monev program “{program}” periode {period} sudah ada di baris {other}; satu "
        "program punya satu catatan per triwulan",
        "the monitoring record of program “{program}” for {period} is already on row {other}; a "
        "program has one record per quarter"),
    "roadmap_record_moved": (
        "catatan monev tidak dapat dipindah ke program lain (dari “{old}” ke “{new}”); hapus "
        "barisnya lalu tambahkan baris baru tanpa kunci",
        "a monitoring record cannot move to another program (from “{old}” to “{new}”); delete "
        "the row and add a new one without a key"),
    "roadmap_no_record": (
        "tidak ada catatan monev program “{program}” periode {period} di lembar Monev; tambahkan "
        "dulu barisnya di lembar Monev",
        "there is no monitoring record of program “{program}” for {period} in the Monev sheet; "
        "add its row there first"),
    "roadmap_unknown_kpi": (
        "indikator “{name}” tidak ada di lembar KPI untuk program “{program}”; tulis nama "
        "indikator seperti di kolom Indikator kinerja lembar KPI",
        "indicator “{name}” is not in the KPI sheet for program “{program}”; write the name as "
        "in the KPI sheet's Indikator kinerja column"),
    "roadmap_ambiguous_kpi": (
        "program “{program}” punya lebih dari satu indikator bernama “{name}” di lembar KPI; "
        "bedakan namanya di lembar KPI",
        "program “{program}” has more than one indicator named “{name}” in the KPI sheet; make "
        "the names differ there"),
    "roadmap_duplicate_actual": (
        "realisasi “{name}” untuk periode {period} program “{program}” sudah ada di baris {other}",
        "the actual of “{name}” for {period} of program “{program}” is already on row {other}"),
}
register_messages(MONITORING_MESSAGES)

MONEV_ROWS = "roadmap.monev_rows"  # stash: what the Monev sheet's parse read, for "Realisasi KPI"
MONEV_SAVED = "roadmap.monev_saved"  # stash: key of a new record -> the MonitoringRecord saved
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
TEXT_FIELDS = (("works", "Yang berjalan baik", limit("roadmap.MonitoringRecord.works")),
               ("not_works", "Yang tidak berjalan", limit("roadmap.MonitoringRecord.not_works")),
               ("improve", "Yang perlu diperbaiki", limit("roadmap.MonitoringRecord.improve")),
               ("followup_what", "Tindak lanjut: apa", limit("roadmap.MonitoringRecord.followup_what")),
               ("followup_when", "Tindak lanjut: kapan", 120),
               ("followup_who", "Tindak lanjut: siapa", 200))


def period_text(year, quarter):
    """"TW II 2026" (written here, not translated: it is part of the normalized values)."""
    return f"TW {ROMAN.get(quarter, quarter)} {year}"


def empty(reader, line, column):
    """An empty cell (a formula is not empty: it is refused as a formula)."""
    value = reader.data.value(line, column)
    return (line, column) not in reader.data.formulas and (value is None or str(value).strip() == "")


def read_year(reader, errors, line, column, label):
    if empty(reader, line, column):
        errors.add("required", line, label)
        return None
    return reader.year(line, column, label)


def read_quarter(reader, errors, line, column, label):
    """1–4, I–IV, "triwulan II" or "TW II"; required."""
    if empty(reader, line, column):
        errors.add("required", line, label)
        return None
    text = reader.text(line, column, label).strip().casefold()
    for prefix in ("triwulan", "tw"):
        text = text.removeprefix(prefix).strip()
    if (line, column) in reader.data.formulas:
        return None
    if text not in QUARTERS:
        errors.add("roadmap_quarter", line, label)
        return None
    return QUARTERS[text]


def read_progress(reader, errors, line, column, label):
    """A whole number 0–100 ("40", "40%", 40.0); required."""
    if empty(reader, line, column):
        errors.add("required", line, label)
        return None
    if isinstance(reader.data.value(line, column), str) and (line, column) not in reader.data.formulas:
        text = reader.text(line, column, label).strip().removesuffix("%").strip()
        number = numbers.parse_number(text)
        if number is None:
            number = Decimal(-1)
    else:
        number = reader.decimal(line, column, label)
    if number is None:
        return None
    if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= 100:
        errors.add("roadmap_progress", line, label)
        return None
    return int(number)


def records(masterplan, ctx):
    """{program id: [MonitoringRecord by period]}, one query."""
    def load():
        found = defaultdict(list)
        for record in (MonitoringRecord.objects.filter(program__masterplan=masterplan)
                       .order_by("year", "quarter", "pk")):
            found[record.program_id].append(record)
        return found
    return ctx.once("roadmap.records", load)


def record_label(program_name, year, quarter):
    return f"{program_name}, {period_text(year, quarter)}"


class ProgramCodeColumn:
    """Writes the program's code (P1, ...) in column B and shows the program's name in the
    preview."""

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        for line, row in enumerate(rows, start=3):
            put(ws, line, 2, program_code_text(masterplan, ctx, row.values["program"]))

    def display(self, name, value):
        if name in ("program", "record", "kpi"):
            return labels_of(value)
        if name == "quarter" and value in ROMAN:
            return ROMAN[value]
        return super().display(name, value)


# --- Monev -------------------------------------------------------------------------------------

class MonitoringSheet(ProgramCodeColumn, ListSheet):
    key = "roadmap.monitoring"
    title = "Monev"
    order = 640
    group = "Monitoring dan evaluasi"
    columns = (Column("program", "Kode program", 9), Column("year", "Tahun", 8),
               Column("quarter", "Triwulan", 9), Column("progress", "Kemajuan (%)", 10),
               *(Column(name, header, 14 if limit else 32) for name, header, limit in TEXT_FIELDS))

    def title_text(self, masterplan, ctx):
        return "Monitoring dan evaluasi program (Lampiran III)"

    def rows_of(self, masterplan, ctx):
        by_program = records(masterplan, ctx)
        rows = []
        for program in program_objects(masterplan, ctx):
            for record in by_program.get(program.pk, []):
                values = {"program": program_value(masterplan, ctx, [program.pk]),
                          "year": record.year, "quarter": record.quarter,
                          "progress": record.progress_percent,
                          **{name: getattr(record, name) for name, _header, _limit in TEXT_FIELDS}}
                rows.append(Row(f"r{record.pk}", self.label_of(values), values, obj=record))
        return rows

    def label_of(self, values):
        return record_label(labels_of(values.get("program")), values.get("year"),
                            values.get("quarter"))

    def read(self, reader, errors, line, key, masterplan, ctx):
        column = self.column_number
        values = {
            "program": cite_programs(masterplan, ctx, reader, errors, line, column("program"),
                                     "Kode program", required=True),
            "year": read_year(reader, errors, line, column("year"), "Tahun"),
            "quarter": read_quarter(reader, errors, line, column("quarter"), "Triwulan"),
            "progress": read_progress(reader, errors, line, column("progress"), "Kemajuan (%)"),
        }
        for name, header, max_length in TEXT_FIELDS:
            values[name] = reader.text(line, column(name), header, max_length=max_length).strip()
        return values

    def check(self, rows, masterplan, ctx, errors):
        current = {row.key: row for row in self.rows_of(masterplan, ctx)}
        spans = program_spans(masterplan, ctx)
        periods, labels, unread = {}, {}, set()
        for row in rows:
            values = row.values
            key, year, quarter = program_key(values["program"]), values["year"], values["quarter"]
            old = current.get(row.key)
            labels[row.key] = old.label if old is not None else row.label
            if old is not None and key and program_key(old.values["program"]) != key:
                errors.add("roadmap_record_moved", row.line, "Kode program",
                           old=labels_of(old.values["program"]), new=labels_of(values["program"]))
            if not key or year is None or quarter is None:
                unread.add(key)  # its period is reported here, not again by its actuals
                continue
            period = (key, year, quarter)
            if period in periods:
                errors.add("roadmap_duplicate_record", row.line, "Triwulan",
                           program=labels_of(values["program"]), period=period_text(year, quarter),
                           other=periods[period][1])
                continue
            periods[period] = (row.key, row.line)
            span = spans.get(key)
            if span is None or (old is not None and same_values(old.values, values)):
                continue  # unchanged records stay as they are, like on the page
            try:
                validate_period(_run(span), year, quarter)
            except ValidationError as error:
                for message in error.messages:
                    errors.add("roadmap_rule", row.line, "Tahun", detail=rule_text(message))
        stash(ctx, MONEV_ROWS).update(
            parsed=True, keys={row.key for row in rows}, labels=labels, unread=unread,
            periods={period: record_key for period, (record_key, _line) in periods.items()})

    def apply(self, masterplan, changes, user, ctx):
        refs = program_refs(masterplan, ctx)
        saved = stash(ctx, MONEV_SAVED)
        for change in changes:
            if change.kind == REMOVED and program_key(change.current.values["program"]) in refs.labels:
                delete_versioned(change.current.obj)  # (else removed with its program)
        kept = [change for change in changes if change.kind != REMOVED]
        programs = fresh_programs(masterplan, ctx, {program_key(change.new.values["program"])
                                                    for change in kept})
        moving = {change.key: change.current.obj for change in kept if change.kind != ADDED
                  and {field.name for field in change.fields} & {"year", "quarter"}}
        for number, record in enumerate(moving.values(), start=1):  # free the periods (two may swap)
            MonitoringRecord.objects.filter(pk=record.pk).update(year=0, quarter=number)
        for change in sorted(kept, key=lambda change: change.kind == ADDED):
            values = change.new.values
            program = programs[program_key(values["program"])]
            content = {"year": values["year"], "quarter": values["quarter"],
                       "progress_percent": values["progress"],
                       **{name: values[name] for name, _header, _limit in TEXT_FIELDS}}
            if change.kind == ADDED or change.key in moving:
                try:  # parse checked the same rule; the last guard
                    validate_period(program, values["year"], values["quarter"])
                except ValidationError as error:
                    raise refused(self, change, error) from None
            if change.kind == ADDED:
                saved[change.key] = MonitoringRecord.objects.create(program=program, updated_by=user,
                                                                    **content)
            else:
                update_versioned(change.current.obj, content, user)


def _run(span):
    """A program's run as validate_period reads it, from the Program sheet's years."""
    start_year, start_quarter, end_year, end_quarter = span
    return SimpleNamespace(start_year=start_year, start_quarter=start_quarter or 1,
                           end_year=end_year, end_quarter=end_quarter or 4)


# --- Realisasi KPI -----------------------------------------------------------------------------

def actuals(masterplan, ctx):
    """{record id: {kpi id: value}}, one query."""
    def load():
        found = defaultdict(dict)
        for record_id, kpi_id, value in (KpiActual.objects.filter(record__program__masterplan=masterplan)
                                         .values_list("record_id", "kpi_id", "value")):
            found[record_id][kpi_id] = normal_decimal(value)
        return found
    return ctx.once("roadmap.actuals", load)


class ActualSheet(ProgramCodeColumn, ListSheet):
    key = "roadmap.actuals"
    title = "Realisasi KPI"
    order = 645
    group = "Monitoring dan evaluasi"
    columns = (Column("program", "Kode program", 9), Column("year", "Tahun", 8),
               Column("quarter", "Triwulan", 9), Column("kpi", "Indikator", 40),
               Column("value", "Realisasi", 14))
    labels = {"record": "Catatan monev"}

    def title_text(self, masterplan, ctx):
        return "Realisasi KPI per catatan monev"

    def rows_of(self, masterplan, ctx):
        by_program, found = records(masterplan, ctx), actuals(masterplan, ctx)
        kpis = kpi_data(masterplan, ctx)[0]
        rows = []
        for program in program_objects(masterplan, ctx):
            for record in by_program.get(program.pk, []):
                values_of = found.get(record.pk, {})
                for kpi in kpis.get(program.pk, []):
                    if kpi.pk not in values_of:
                        continue
                    values = {"record": encode([(record_label(program.name, record.year,
                                                              record.quarter), f"r{record.pk}")]),
                              "kpi": encode([(kpi.name, f"k{kpi.pk}")]), "value": values_of[kpi.pk]}
                    rows.append(Row(f"r{record.pk}|k{kpi.pk}", self.label_of(values), values,
                                    labels=self.labels))
        return rows

    def label_of(self, values):
        return f"{labels_of(values.get('record'))}: {labels_of(values.get('kpi'))}"

    def write(self, ws, masterplan, rows, ctx):
        by_key = {f"r{record.pk}": record for group in records(masterplan, ctx).values()
                  for record in group}
        shown = []
        for row in rows:
            record = by_key[row.key.split("|")[0]]
            shown.append(Row("", row.label, {
                "program": program_value(masterplan, ctx, [record.program_id]),
                "year": record.year, "quarter": record.quarter,
                "kpi": row.values["kpi"], "value": row.values["value"]}))
        super().write(ws, masterplan, shown, ctx)
        for line in range(3, len(rows) + 3):  # the row is known by its record and KPI
            ws.cell(row=line, column=1).value = None

    def read(self, reader, errors, line, key, masterplan, ctx):
        column = self.column_number
        return {
            "program": cite_programs(masterplan, ctx, reader, errors, line, column("program"),
                                     "Kode program", required=True),
            "year": read_year(reader, errors, line, column("year"), "Tahun"),
            "quarter": read_quarter(reader, errors, line, column("quarter"), "Triwulan"),
            "kpi": reader.text(line, column("kpi"), "Indikator", required=True).strip(),
            "value": self._value(reader, errors, line, column("value")),
        }

    @staticmethod
    def _value(reader, errors, line, column):
        if empty(reader, line, column):
            errors.add("required", line, "Realisasi")
            return None
        return reader.decimal(line, column, "Realisasi")

    def parse(self, data, masterplan, current, ctx, errors):
        """Rows are keyed by record and KPI ("r3|k7"; new ones by their rows' keys in the Monev
        and KPI sheets)."""
        rows = super().parse(data, masterplan, current, ctx, errors)
        monev, kpi_rows = stash(ctx, MONEV_ROWS), stash(ctx, KPI_ROWS)
        if not (monev.get("parsed") and kpi_rows.get("parsed")):
            return []  # the Monev or KPI sheet was refused: its errors are reported
        seen, keyed = {}, []
        for row in rows:
            values = row.values
            program = program_key(values["program"])
            year, quarter, name = values["year"], values["quarter"], values["kpi"]
            if not program or year is None or quarter is None or not name:
                continue
            where = {"program": labels_of(values["program"]), "period": period_text(year, quarter)}
            record_key = monev["periods"].get((program, year, quarter))
            if record_key is None and program not in monev["unread"]:
                errors.add("roadmap_no_record", row.line, "Triwulan", **where)
            matches = kpi_rows["by_program"].get(program, {}).get(normalized(name), [])
            if not matches:
                errors.add("roadmap_unknown_kpi", row.line, "Indikator", name=name[:60],
                           program=where["program"])
            elif len(matches) > 1:
                errors.add("roadmap_ambiguous_kpi", row.line, "Indikator", name=name[:60],
                           program=where["program"])
            if record_key is None or len(matches) != 1:
                continue
            key = f"{record_key}|{matches[0]}"
            if key in seen:
                errors.add("roadmap_duplicate_actual", row.line, "Indikator", name=name[:60],
                           other=seen[key], **where)
                continue
            seen[key] = row.line
            new = {"record": encode([(monev["labels"][record_key], record_key)]),
                   "kpi": encode([(kpi_rows["labels"][matches[0]], matches[0])]),
                   "value": values["value"]}
            keyed.append(Row(key, self.label_of(new), new, line=row.line, labels=self.labels))
        return keyed

    def apply(self, masterplan, changes, user, ctx):
        monev, kpi_rows = stash(ctx, MONEV_ROWS), stash(ctx, KPI_ROWS)
        new_records, new_kpis = stash(ctx, MONEV_SAVED), stash(ctx, KPI_SAVED)
        existing = {f"r{record.pk}": record for group in records(masterplan, ctx).values()
                    for record in group}
        per_record, lines = defaultdict(dict), {}
        for change in changes:
            record_key, kpi_key = change.key.split("|")
            if change.kind == REMOVED and (record_key not in monev["keys"]
                                           or kpi_key not in kpi_rows["keys"]):
                continue  # removed with its record or KPI
            kpi_id = row_id(kpi_key, new_kpis.__getitem__)
            per_record[record_key][kpi_id] = change.new.values["value"] if change.new else None
            lines.setdefault(record_key, change)
        for record_key, values in per_record.items():
            is_new = cells.is_new(record_key)
            record = new_records[record_key] if is_new else existing[record_key]
            try:
                save_actuals(record, values)
            except ValidationError as error:  # parse checked the KPI's program; the last guard
                raise refused(self, lines[record_key], error) from None
            if not is_new:
                update_versioned(record, {}, user)  # saved with the record, as on its page
