"""The "KPI" and "Pembiayaan" sheets of the masterplan workbook (see masterplan/workbook/__init__.py).

"KPI" (order 620)
-----------------
One row per KPI (key ``k<pk>``), by program in roadmap order, a program's KPIs in the order of their rows:
Kode program (the Program sheet's code, P1, P2, ...; required), Indikator kinerja (required, at most 300
characters), Satuan, Arah (naik or turun), Baseline, then "Target <year>" for every year of the masterplan
period (blank: no target). Numbers typed as text are read as on the pages ("12,5", "1.250" = 1250). A target
in a year outside the program's years (as the Program sheet of the same file says) is refused, naming the
KPI, the year and the program's years; a KPI cannot move to another program (delete its row, add a new one).
Targets of years outside the masterplan period are not shown and are left alone.

"Pembiayaan" (order 630)
------------------------
One row per program and funding source: Kode program, Sumber dana (APBD, APBN, DAK, KPBU, CSR, Hibah,
Lainnya), then the amount in rupiah of every year of the period ("Tahun 2026", ...), a number or typed the
Indonesian way ("Rp 1.500.000", "1.500.000,50"); blank means none. A row is known by its program and source
(the hidden key column stays empty), so each pair appears once; a row without an amount means no
financing. Negative amounts, non-numbers, more than two decimals, unknown sources and amounts outside the
program's years are refused.

The rules are the program page's (roadmap/programs.py): `outside_program` while reading, `set_kpi_targets`
and `set_financing` (which check again) while saving. As on the page, KPIs and financing are saved under the
program's version (bumped once per import, so an open program form shows a conflict); a changed KPI is
saved with update_versioned. Rows of a program removed in the same file go with it. A target or amount
left outside the program's years by an earlier change is refused only once its row or its program's years
change, so an untouched export always reads back.
"""

import copy
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from masterplan.numbers import format_rupiah, plain_decimal
from masterplan.workbook.base import (
    Row,
    delete_versioned,
    normal_decimal,
    put,
    renumber,
    update_versioned,
)
from masterplan.workbook.cells import labels_of, normalized, stash
from masterplan.workbook.errors import register_messages
from masterplan.workbook.importer import ADDED, REMOVED
from swot.models import Direction

from ..models import Financing, FundingSource, KpiTarget, Program, ProgramKpi
from ..program_editor import clean_decimal, set_financing, set_kpi_targets
from ..program_rules import outside_program, program_years_text
from .common import (
    Column,
    ListSheet,
    choice_label,
    choice_reader,
    read_choice,
    refused,
    same_values,
)
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

KPI_MESSAGES = {
    "roadmap_target_outside": (
        "target KPI “{kpi}” tahun {year} di luar masa program “{program}” ({program_years}); kosongkan targetnya "
        "atau ubah tahun program di lembar Program",
        "the {year} target of KPI “{kpi}” is outside the years of program “{program}” ({program_years}); empty "
        "it or change the program's years in the Program sheet"),
    "roadmap_kpi_moved": (
        "KPI tidak dapat dipindah ke program lain (dari “{old}” ke “{new}”); hapus barisnya lalu tambahkan baris "
        "baru tanpa kunci",
        "a KPI cannot move to another program (from “{old}” to “{new}”); delete the row and add a new one "
        "without a key"),
    "roadmap_financing_outside": (
        "pembiayaan {year} ({source}) di luar masa program “{program}” ({program_years}); kosongkan jumlahnya "
        "atau ubah tahun program di lembar Program",
        "the {year} financing ({source}) is outside the years of program “{program}” ({program_years}); empty "
        "it or change the program's years in the Program sheet"),
    "roadmap_duplicate_financing": (
        "program “{program}” dengan sumber dana {source} sudah ada di baris {other}; tulis satu baris per "
        "program dan sumber dana",
        "program “{program}” with funding source {source} is already on row {other}; write one row per program "
        "and source"),
    "roadmap_rupiah": ("bukan jumlah rupiah; tulis angka, mis. 1.500.000.000 atau Rp 2.500.000,50",
                       "not an amount in rupiah; write a number, e.g. 1.500.000.000 or Rp 2.500.000,50"),
    "roadmap_negative": ("jumlah tidak boleh negatif", "the amount must not be negative"),
    "roadmap_rupiah_size": ("jumlah terlalu besar atau lebih dari 2 angka di belakang koma",
                            "the amount is too large or has more than 2 decimals"),
}
register_messages(KPI_MESSAGES)

KPI_ROWS = "roadmap.kpi_rows"  # stash: what the KPI sheet's parse read, for "Realisasi KPI"
KPI_SAVED = "roadmap.kpi_saved"  # stash: key of a new KPI -> its id, once the KPI sheet applied
TARGET, AMOUNT = "target:", "amount:"


# --- shared by the KPI and financing sheets ---------------------------------------------------

def span_changed(masterplan, ctx, key):
    """Whether the uploaded Program sheet changes the program's run (or adds the program)."""
    saved = ctx.once("roadmap.kpis.db_spans", lambda: {
        f"p{program.pk}": (program.start_year, program.start_quarter, program.end_year, program.end_quarter)
        for program in program_objects(masterplan, ctx)})
    return program_spans(masterplan, ctx).get(key) != saved.get(key)


def bump_programs(masterplan, ctx, pks, user):
    """Record a change of the programs' KPIs or financing as the program page does (the program's
    version, once per import), so open program forms show a conflict."""
    bumped = stash(ctx, "roadmap.bumped_programs")
    pks = {pk for pk in pks if pk not in bumped}
    if not pks:
        return
    bumped.update(dict.fromkeys(pks, True))
    changes = {"version": F("version") + 1, "updated_at": timezone.now()}
    if user is not None:
        changes["updated_by"] = user
    Program.objects.filter(pk__in=pks).update(**changes)
    for program in program_objects(masterplan, ctx):
        if program.pk in pks:
            program.version += 1


class YearColumns(ListSheet):
    """A ListSheet followed by one column per year of the masterplan period (`year_field` +
    year, headed `year_header`). The columns depend on the masterplan, so writing and reading
    work on a copy of the registered sheet laid out for it."""

    year_field = ""
    year_header = "{year}"
    year_width = 12

    def laid_out(self, masterplan):
        sheet = copy.copy(self)
        sheet.columns = self.columns + tuple(
            Column(f"{self.year_field}{year}", self.year_header.format(year=year), self.year_width)
            for year in masterplan.years)
        return sheet

    def year_labels(self, masterplan):
        return {f"{self.year_field}{year}": self.year_header.format(year=year)
                for year in masterplan.years}

    def write(self, ws, masterplan, rows, ctx):
        ListSheet.write(self.laid_out(masterplan), ws, masterplan, rows, ctx)
        for line, row in enumerate(rows, start=3):
            put(ws, line, 2, program_code_text(masterplan, ctx, row.values["program"]))

    def parse(self, data, masterplan, current, ctx, errors):
        return ListSheet.parse(self.laid_out(masterplan), data, masterplan, current, ctx, errors)

    def display(self, name, value):
        if name == "program":
            return labels_of(value)
        return super().display(name, value)


# --- KPI ---------------------------------------------------------------------------------------

def kpi_data(masterplan, ctx):
    """({program id: [ProgramKpi in order]}, {(kpi id, year): target}) of the period, two queries."""
    def load():
        by_program = defaultdict(list)
        for kpi in ProgramKpi.objects.filter(program__masterplan=masterplan).order_by("position", "pk"):
            by_program[kpi.program_id].append(kpi)
        targets = {(kpi_id, year): normal_decimal(value) for kpi_id, year, value in
                   KpiTarget.objects.filter(kpi__program__masterplan=masterplan,
                                            year__in=list(masterplan.years))
                   .values_list("kpi_id", "year", "value")}
        return by_program, targets
    return ctx.once("roadmap.kpis", load)


class KpiSheet(YearColumns):
    key = "roadmap.kpis"
    title = "KPI"
    order = 620
    group = "Program dan peta jalan"
    columns = (Column("program", "Kode program", 9), Column("name", "Indikator kinerja", 40),
               Column("unit", "Satuan", 12), Column("direction", "Arah", 9),
               Column("baseline", "Baseline", 12))
    year_field = TARGET
    year_header = "Target {year}"

    def title_text(self, masterplan, ctx):
        return f"KPI program dan target tahunan {masterplan.start_year}–{masterplan.end_year}"

    def display(self, name, value):
        if name == "position":
            return "" if value is None else str(value + 1)
        return super().display(name, value)

    def labels(self, masterplan):
        return {"position": "Urutan", **self.year_labels(masterplan)}

    def rows_of(self, masterplan, ctx):
        by_program, targets = kpi_data(masterplan, ctx)
        labels = self.labels(masterplan)
        rows = []
        for program in program_objects(masterplan, ctx):
            for position, kpi in enumerate(by_program.get(program.pk, [])):
                values = {"program": program_value(masterplan, ctx, [program.pk]), "name": kpi.name,
                          "unit": kpi.unit, "direction": kpi.direction,
                          "baseline": normal_decimal(kpi.baseline_value),
                          **{f"{TARGET}{year}": targets.get((kpi.pk, year))
                             for year in masterplan.years},
                          "position": position}
                rows.append(Row(f"k{kpi.pk}", self.label_of(values), values, obj=kpi,
                                labels=labels))
        return rows

    def label_of(self, values):
        return f"{values.get('name', '')[:80]} ({labels_of(values.get('program'))})"

    def read(self, reader, errors, line, key, masterplan, ctx):
        column = self.column_number
        values = {
            "program": cite_programs(masterplan, ctx, reader, errors, line, column("program"),
                                     "Kode program", required=True),
            "name": reader.text(line, column("name"), "Indikator kinerja", required=True,
                                max_length=ProgramKpi._meta.get_field("name").max_length).strip(),
            "unit": reader.text(line, column("unit"), "Satuan",
                                max_length=ProgramKpi._meta.get_field("unit").max_length).strip(),
            "direction": self._direction(reader, errors, line, column("direction")),
            "baseline": reader.decimal(line, column("baseline"), "Baseline"),
        }
        for year in masterplan.years:
            values[f"{TARGET}{year}"] = reader.decimal(line, column(f"{TARGET}{year}"), f"Target {year}")
        return values

    @staticmethod
    def _direction(reader, errors, line, column):
        text = reader.text(line, column, "Arah", required=True)
        direction, problem = choice_reader(Direction)(text)
        if problem:
            errors.add("roadmap_choice", line, "Arah", found=problem["found"],
                       choices="naik (makin tinggi makin baik), turun (makin rendah makin baik)")
        return direction

    def parse(self, data, masterplan, current, ctx, errors):
        rows = super().parse(data, masterplan, current, ctx, errors)
        for row in rows:
            row.labels = self.labels(masterplan)
        return rows

    def check(self, rows, masterplan, ctx, errors):
        current = {row.key: row for row in self.rows_of(masterplan, ctx)}
        spans = program_spans(masterplan, ctx)
        ranks = defaultdict(int)
        by_program = defaultdict(lambda: defaultdict(list))
        labels = {}
        for row in rows:
            values, key = row.values, program_key(row.values["program"])
            old = current.get(row.key)
            if old is not None and key and program_key(old.values["program"]) != key:
                errors.add("roadmap_kpi_moved", row.line, "Kode program",
                           old=labels_of(old.values["program"]), new=labels_of(values["program"]))
            values["position"] = ranks[key]
            ranks[key] += 1
            by_program[key][normalized(values["name"])].append(row.key)
            labels[row.key] = old.obj.name if old is not None else values["name"]  # as in the database
            span = spans.get(key)
            if span is None or (old is not None and same_values(old.values, values, ("position",))
                                and not span_changed(masterplan, ctx, key)):
                continue
            for year in masterplan.years:
                if values[f"{TARGET}{year}"] is not None and outside_program(year, span[0], span[2]):
                    errors.add("roadmap_target_outside", row.line, f"Target {year}",
                               kpi=values["name"][:60], year=year, program=labels_of(values["program"]),
                               program_years=program_years_text(span[0], span[2]))
        found = stash(ctx, KPI_ROWS)
        found.update(parsed=True, keys={row.key for row in rows}, labels=labels,
                     order=[(row.key, row.values["position"]) for row in rows],
                     by_program={key: dict(names_) for key, names_ in by_program.items()})

    def apply(self, masterplan, changes, user, ctx):
        refs = program_refs(masterplan, ctx)
        saved = stash(ctx, KPI_SAVED)
        touched = set()
        for change in changes:
            if change.kind != REMOVED:
                continue
            key = program_key(change.current.values["program"])
            if key not in refs.labels:
                continue  # removed with its program
            delete_versioned(change.current.obj)
            touched.add(change.current.obj.program_id)
        kept = [change for change in changes if change.kind != REMOVED]
        programs = fresh_programs(masterplan, ctx, {program_key(change.new.values["program"])
                                                    for change in kept})
        for change in kept:
            values = change.new.values
            program = programs[program_key(values["program"])]
            content = {"name": values["name"], "unit": values["unit"],
                       "direction": values["direction"], "baseline_value": values["baseline"]}
            names = {field.name for field in change.fields}
            if change.kind == ADDED:
                kpi = ProgramKpi.objects.create(program=program, position=values["position"],
                                                updated_by=user, **content)
                saved[change.key] = kpi.pk
                targets = {int(name[len(TARGET):]): value for name, value in values.items()
                           if name.startswith(TARGET) and value is not None}
            else:
                kpi = change.current.obj
                if names - {"position"}:
                    update_versioned(kpi, content, user)
                targets = {int(name[len(TARGET):]): values[name] for name in names
                           if name.startswith(TARGET)}
            if names - {"position"}:
                touched.add(program.pk)
            kpi.program = program
            if targets:
                try:
                    set_kpi_targets(kpi, targets)
                except ValidationError as error:  # parse checked the same rule; the last guard
                    raise refused(self, change, error) from None
        self._renumber(masterplan, ctx)
        bump_programs(masterplan, ctx, touched, user)

    @staticmethod
    def _renumber(masterplan, ctx):
        """Positions follow the order of the rows (the order is no content: no version bump)."""
        kpis = {f"k{kpi.pk}": kpi for group in kpi_data(masterplan, ctx)[0].values() for kpi in group}
        renumber(ProgramKpi, [(kpis[key], position) for key, position in stash(ctx, KPI_ROWS)["order"]
                              if key in kpis])


# --- Pembiayaan --------------------------------------------------------------------------------

def financing_data(masterplan, ctx):
    """{(program id, source): {year: amount}} of the period's years, one query."""
    def load():
        found = defaultdict(dict)
        for program_id, source, year, amount in (
                Financing.objects.filter(program__masterplan=masterplan, year__in=list(masterplan.years))
                .values_list("program_id", "source", "year", "amount")):
            found[(program_id, source)][year] = normal_decimal(amount)
        return found
    return ctx.once("roadmap.financing", load)


class FinancingSheet(YearColumns):
    key = "roadmap.financing"
    title = "Pembiayaan"
    order = 630
    group = "Program dan peta jalan"
    columns = (Column("program", "Kode program", 9), Column("source", "Sumber dana", 12))
    year_field = AMOUNT
    year_header = "Tahun {year}"
    year_width = 16

    def title_text(self, masterplan, ctx):
        return (f"Pembiayaan program per tahun dan sumber dana (rupiah), "
                f"{masterplan.start_year}–{masterplan.end_year}")

    def display(self, name, value):
        if name == "source":
            return choice_label(FundingSource, value)
        if name.startswith(AMOUNT):
            return format_rupiah(value)
        return super().display(name, value)

    def rows_of(self, masterplan, ctx):
        found = financing_data(masterplan, ctx)
        labels = self.year_labels(masterplan)
        rows = []
        for program in program_objects(masterplan, ctx):
            for source in FundingSource.values:
                amounts = found.get((program.pk, source))
                if not amounts:
                    continue
                values = {"program": program_value(masterplan, ctx, [program.pk]), "source": source,
                          **{f"{AMOUNT}{year}": amounts.get(year) for year in masterplan.years}}
                rows.append(Row(f"p{program.pk}|{source}", self.label_of(values), values,
                                labels=labels))
        return rows

    def label_of(self, values):
        return f"{labels_of(values.get('program'))} — {choice_label(FundingSource, values.get('source'))}"

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        for line in range(3, len(rows) + 3):  # the row is known by its program and source
            ws.cell(row=line, column=1).value = None

    def read(self, reader, errors, line, key, masterplan, ctx):
        column = self.column_number
        values = {
            "program": cite_programs(masterplan, ctx, reader, errors, line, column("program"),
                                     "Kode program", required=True),
            "source": read_choice(reader, errors, line, column("source"), "Sumber dana",
                                  FundingSource, required=True),
        }
        for year in masterplan.years:
            label = f"Tahun {year}"
            amount = reader.decimal(line, column(f"{AMOUNT}{year}"), label, rupiah=True,
                                    kind="roadmap_rupiah")
            if amount is not None and amount < 0:
                errors.add("roadmap_negative", line, label)
                amount = None
            elif amount is not None:
                try:
                    clean_decimal(Financing, "amount", plain_decimal(amount))
                except ValueError:
                    errors.add("roadmap_rupiah_size", line, label)
                    amount = None
            values[f"{AMOUNT}{year}"] = amount
        return values

    def parse(self, data, masterplan, current, ctx, errors):
        """Rows are keyed by program and source ("p3|apbd"); rows without an amount are left
        out (no financing)."""
        rows = super().parse(data, masterplan, current, ctx, errors)
        current_by_key = {row.key: row for row in current}
        spans = program_spans(masterplan, ctx)
        labels = self.year_labels(masterplan)
        seen, keyed = {}, []
        for row in rows:
            values = row.values
            program, source = program_key(values["program"]), values["source"]
            if not program or not source:
                continue
            key = f"{program}|{source}"
            if key in seen:
                errors.add("roadmap_duplicate_financing", row.line, "Sumber dana",
                           program=labels_of(values["program"]),
                           source=choice_label(FundingSource, source), other=seen[key])
                continue
            seen[key] = row.line
            if all(values[name] is None for name in labels):
                continue
            old, span = current_by_key.get(key), spans.get(program)
            if span is not None and (old is None or not same_values(old.values, values)
                                     or span_changed(masterplan, ctx, program)):
                for year in masterplan.years:
                    if values[f"{AMOUNT}{year}"] is not None and outside_program(year, span[0], span[2]):
                        errors.add("roadmap_financing_outside", row.line, f"Tahun {year}", year=year,
                                   source=choice_label(FundingSource, source),
                                   program=labels_of(values["program"]),
                                   program_years=program_years_text(span[0], span[2]))
            keyed.append(Row(key, self.label_of(values), values, line=row.line, labels=labels))
        return keyed

    def apply(self, masterplan, changes, user, ctx):
        refs = program_refs(masterplan, ctx)
        amounts = defaultdict(dict)  # program key -> {(year, source): Decimal or None}
        lines = {}
        for change in changes:
            key, source = change.key.split("|")
            if change.kind == REMOVED:
                if key not in refs.labels:
                    continue  # removed with its program
                names = [f"{AMOUNT}{year}" for year in masterplan.years]
            elif change.kind == ADDED:
                names = [name for name, value in change.new.values.items()
                         if name.startswith(AMOUNT) and value is not None]
            else:
                names = [field.name for field in change.fields if field.name.startswith(AMOUNT)]
            for name in names:
                value = change.new.values[name] if change.new else None
                amounts[key][(int(name[len(AMOUNT):]), source)] = (
                    None if value is None else plain_decimal(value))
            lines.setdefault(key, change)
        programs = fresh_programs(masterplan, ctx, amounts)
        for key, cells in amounts.items():
            try:
                set_financing(programs[key], cells)
            except ValidationError as error:  # parse checked the same rules; the last guard
                raise refused(self, lines[key], error) from None
        bump_programs(masterplan, ctx, {programs[key].pk for key in amounts}, user)
