"""The "Register risiko" sheet of the masterplan workbook: the programs' risks
(roadmap/risks.py), after the monitoring sheets (order 647).

One row per risk (key ``r<pk>``), by program in roadmap order, then in the program's order:
Kode program (the Program sheet's code; required), Risiko (required), Penyebab,
Kemungkinan (1–3) and Dampak (1–3) (required whole numbers 1, 2 or 3), Tingkat, Mitigasi,
Pemilik risiko, Status (a label or code; empty is Terbuka).

Tingkat is written on export from the one rule (roadmap.risks.risk_level: "Tinggi (6)") and not
read: the level is computed, never typed. A row without a key is a new risk, added at the end of
its program's risks; a risk cannot move to another program (delete its row and add a new one
without a key), as on the page. A program removed in the Program sheet takes its risks with it.
Saving follows the page: changed risks with update_versioned (versions bumped, so an open edit
form sees a conflict), removed ones with delete_versioned.
"""

from collections import defaultdict

from openpyxl.worksheet.datavalidation import DataValidation

from masterplan import ordering
from masterplan.text_limits import limit
from masterplan.workbook.base import Row, clean_text, delete_versioned, update_versioned
from masterplan.workbook.cells import labels_of
from masterplan.workbook.errors import register_messages
from masterplan.workbook.importer import ADDED, REMOVED

from ..models import ProgramRisk, RiskStatus
from ..risks import risk_level
from .common import Column, ListSheet, choice_label, read_choice
from .monitoring import ProgramCodeColumn, empty
from .program_refs import (
    cite_programs,
    fresh_programs,
    program_key,
    program_objects,
    program_refs,
    program_value,
)

RISK_MESSAGES = {
    "roadmap_risk_scale": ("harus bilangan bulat 1, 2 atau 3 (1 terendah, 3 tertinggi)",
                           "must be a whole number 1, 2 or 3 (1 lowest, 3 highest)"),
    "roadmap_risk_moved": (
        "risiko tidak dapat dipindah ke program lain (dari “{old}” ke “{new}”); hapus barisnya "
        "lalu tambahkan baris baru tanpa kunci",
        "a risk cannot move to another program (from “{old}” to “{new}”); delete the row and "
        "add a new one without a key"),
}
register_messages(RISK_MESSAGES)

TEXTS = (("risk", "Risiko", limit("roadmap.ProgramRisk.risk")),
         ("cause", "Penyebab", limit("roadmap.ProgramRisk.cause")),
         ("mitigation", "Mitigasi", limit("roadmap.ProgramRisk.mitigation")),
         ("owner", "Pemilik risiko", 200))
SCALES = (("likelihood", "Kemungkinan (1–3)"), ("impact", "Dampak (1–3)"))
CONTENT = ("risk", "cause", "likelihood", "impact", "mitigation", "owner", "status")
EXTRA_ROWS = 200  # rows below the last risk whose 1–3 cells the spreadsheet checks too


def risks_by_program(masterplan, ctx):
    """{program id: [ProgramRisk in order]}, one query."""
    def load():
        found = defaultdict(list)
        for risk in (ProgramRisk.objects.filter(program__masterplan=masterplan)
                     .order_by("position", "pk")):
            found[risk.program_id].append(risk)
        return found
    return ctx.once("roadmap.risks", load)


def read_scale(reader, errors, line, column, label):
    """A whole number 1–3 ("3", 3, 3.0); required."""
    if empty(reader, line, column):
        errors.add("required", line, label)
        return None
    number = reader.decimal(line, column, label, kind="roadmap_risk_scale")
    if number is None:
        return None
    if number != number.to_integral_value() or not 1 <= number <= 3:
        errors.add("roadmap_risk_scale", line, label)
        return None
    return int(number)


class RiskSheet(ProgramCodeColumn, ListSheet):
    key = "roadmap.risks"
    title = "Register risiko"
    order = 647
    group = "Monitoring dan evaluasi"
    columns = (Column("program", "Kode program", 9), Column("risk", "Risiko", 40),
               Column("cause", "Penyebab", 32), Column("likelihood", "Kemungkinan (1–3)", 12),
               Column("impact", "Dampak (1–3)", 10), Column("level", "Tingkat", 12),
               Column("mitigation", "Mitigasi", 36), Column("owner", "Pemilik risiko", 20),
               Column("status", "Status", 16))

    def title_text(self, masterplan, ctx):
        return "Register risiko program (tingkat = kemungkinan × dampak: 1–2 Rendah, 3–4 Sedang, 6–9 Tinggi)"

    def rows_of(self, masterplan, ctx):
        by_program = risks_by_program(masterplan, ctx)
        rows = []
        for program in program_objects(masterplan, ctx):
            for risk in by_program.get(program.pk, []):
                values = {"program": program_value(masterplan, ctx, [program.pk]),
                          "likelihood": risk.likelihood, "impact": risk.impact,
                          "status": risk.status,
                          **{name: clean_text(getattr(risk, name)).strip()
                             for name, _header, _limit in TEXTS}}
                rows.append(Row(f"r{risk.pk}", self.label_of(values), values, obj=risk))
        return rows

    def label_of(self, values):
        return f"{labels_of(values.get('program'))}: {str(values.get('risk') or '')[:60]}"

    def display(self, name, value):
        if name == "status":
            return choice_label(RiskStatus, value)
        return super().display(name, value)

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        level = self.column_number("level")
        for line, row in enumerate(rows, start=3):
            found = risk_level(row.values["likelihood"], row.values["impact"])
            ws.cell(row=line, column=level).value = f"{found.label} ({found.score})"
        last = len(rows) + 2 + EXTRA_ROWS
        for name, header in SCALES:
            column = ws.cell(row=1, column=self.column_number(name)).column_letter
            check = DataValidation(type="whole", operator="between", formula1="1", formula2="3",
                                   allow_blank=True, showErrorMessage=True,
                                   errorTitle=header, error="Isi 1, 2 atau 3.")
            check.add(f"{column}3:{column}{last}")
            ws.add_data_validation(check)

    def read(self, reader, errors, line, key, masterplan, ctx):
        column = self.column_number
        values = {"program": cite_programs(masterplan, ctx, reader, errors, line,
                                           column("program"), "Kode program", required=True)}
        for name, header, max_length in TEXTS:
            values[name] = reader.text(line, column(name), header, max_length=max_length,
                                       required=name == "risk").strip()
        for name, header in SCALES:
            values[name] = read_scale(reader, errors, line, column(name), header)
        status = read_choice(reader, errors, line, column("status"), "Status", RiskStatus)
        values["status"] = status or RiskStatus.OPEN
        return values

    def check(self, rows, masterplan, ctx, errors):
        current = {row.key: row for row in self.rows_of(masterplan, ctx)}
        for row in rows:
            old, key = current.get(row.key), program_key(row.values["program"])
            if old is not None and key and program_key(old.values["program"]) != key:
                errors.add("roadmap_risk_moved", row.line, "Kode program",
                           old=labels_of(old.values["program"]),
                           new=labels_of(row.values["program"]))

    def apply(self, masterplan, changes, user, ctx):
        refs = program_refs(masterplan, ctx)
        for change in changes:
            if change.kind == REMOVED and program_key(change.current.values["program"]) in refs.labels:
                delete_versioned(change.current.obj)  # (else removed with its program)
        kept = [change for change in changes if change.kind != REMOVED]
        programs = fresh_programs(masterplan, ctx, {program_key(change.new.values["program"])
                                                    for change in kept})
        positions = {}
        for change in kept:
            values = change.new.values
            content = {name: values[name] for name in CONTENT}
            if change.kind == ADDED:
                program = programs[program_key(values["program"])]
                if program.pk not in positions:
                    positions[program.pk] = ordering.next_position(
                        ProgramRisk.objects.filter(program=program))
                ProgramRisk.objects.create(program=program, position=positions[program.pk],
                                           updated_by=user, **content)
                positions[program.pk] += 1
            else:
                update_versioned(change.current.obj, content, user)
