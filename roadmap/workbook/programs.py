"""The "Program" and "Quick Win" sheets of the masterplan workbook.

"Program" (order 610): one row per program in roadmap order (dimension, element, position; new
programs go to the end of their element). Kode (P1, P2, ...) is how the KPI, Pembiayaan, Monev
and Aplikasi sheets cite a program; it lives only in the file (a new program's code is typed by
the person; a program without a code cannot be cited). Columns:

- Dimensi/Elemen: "Governance a" or the full "Governance a. Pelayanan Publik (Public Service)";
- Elemen kesiapan: Struktur, Infrastruktur or Suprastruktur (optional);
- Kategori, Jenis infrastruktur (only for Infrastruktur pendukung), Jangka, Frekuensi monev
  (empty: Triwulanan): the pages' labels (or their codes);
- Tahun/Triwulan mulai and selesai: years inside the masterplan period, quarters 1–4 or I–IV;
- Quick win, Integrasi e-Gov: ✓ or "ya";
- OPD pelaksana utama (one) and OPD pendukung (several, ";"): names or singkatan of the OPD sheet;
- Mitra: "Jenis: Nama" per line or ";", e.g. "Perguruan tinggi: ITB";
- Sasaran ("Governance 2": the Sasaran sheet's second sasaran of Governance), Strategi TOWS
  ("Governance SO1", as in Kesenjangan), Baris kesenjangan (No of the Kesenjangan sheet).

The rules are the program page's (roadmap/programs.py: year_errors, infrastructure_error,
lead_also_supporting_error). Saving bumps the program's version (an open program form then shows
a conflict); a removed program takes its KPIs, financing, quick win and M&E records with it.

"Quick Win" (order 615): one row per quick-win program (Kode program, the program's name — shown,
not read — the six planning questions, the impact analysis and the status). A row must cite a
program flagged Quick win in the Program sheet. Removing the row of a program still flagged
empties its answers; unflagging a program keeps them hidden, as the page does.
"""

import re

from django.db.models import Max

from masterplan.text_limits import limit
from masterplan.workbook.base import Row, delete_versioned, put, update_versioned
from masterplan.workbook.cells import (
    YES,
    decode,
    flag,
    keys_of,
    labels_of,
    normalized,
    rule_text,
    split_cell,
)
from masterplan.workbook.errors import register_messages
from masterplan.workbook.importer import ADDED, REMOVED
from swot.workbook import citations as swot_citations

from ..models import (
    Category,
    Horizon,
    InfrastructureKind,
    MonitoringFrequency,
    Partner,
    PartnerKind,
    Program,
    QuickWin,
    QuickWinStatus,
)
from ..program_rules import QUICK_WIN_FIELDS, infrastructure_error, lead_also_supporting_error, year_errors
from ..programs import elements_of, readiness_elements_of
from .common import (
    Column,
    ListSheet,
    choice_label,
    choice_reader,
    read_choice,
    read_flag,
    references,
)
from .monitoring import read_quarter
from .opds import cite_opds, opd_refs, opd_value
from .program_refs import PROGRAM_REFS, program_codes, program_objects, program_refs

PROGRAM_MESSAGES = {
    "roadmap_partner": (
        "mitra “{found}” tidak dapat dibaca; tulis jenis dan nama, mis. “Perguruan tinggi: ITB” "
        "(jenis: Perguruan tinggi, Swasta, Komunitas, Pemerintah pusat, Lainnya)",
        "partner “{found}” cannot be read; write kind and name, e.g. “Perguruan tinggi: ITB”"),
    "roadmap_unknown_sasaran": (
        "sasaran {citations} tidak ada di lembar Sasaran; tulis dimensi dan nomor urut sasaran "
        "di dimensi itu, mis. Governance 2",
        "sasaran {citations} are not in the Sasaran sheet; write the dimension and the "
        "sasaran's number within it, e.g. Governance 2"),
    "roadmap_unknown_gap_row": (
        "baris kesenjangan {citations} tidak ada; tulis nomor (No) dari lembar Kesenjangan",
        "gap rows {citations} do not exist; write numbers (No) of the Kesenjangan sheet"),
    "roadmap_not_quick_win": (
        "program {code} tidak ditandai Quick win di lembar Program; tandai dulu atau hapus "
        "baris ini",
        "program {code} is not flagged Quick win in the Program sheet; flag it or remove this row"),
}
register_messages(PROGRAM_MESSAGES)

CODE_PATTERN = re.compile(r"P\s*0*(\d{1,4})", re.IGNORECASE)
read_partner_kind = choice_reader(PartnerKind)
CHOICE_FIELDS = {"category": Category, "infrastructure_kind": InfrastructureKind,
                 "horizon": Horizon, "monitoring_frequency": MonitoringFrequency}
LINK_FIELDS = ("supporting_opds", "sasaran", "strategies", "gap_rows", "partners")


def _element_label(element):
    return f"{element.dimension.title.removeprefix('Smart ').strip()} {element.letter}. {element.title}"


def _elements(masterplan, ctx):
    """{normalized alias: element}: "Governance a", "Smart Governance a", the full label, the code."""
    def load():
        result = {}
        for element in elements_of(masterplan):
            short = element.dimension.title.removeprefix("Smart ").strip()
            for name in (_element_label(element), f"{short} {element.letter}",
                         f"{element.dimension.title} {element.letter}", element.code):
                result.setdefault(normalized(name), element)
        return result
    return ctx.once("roadmap.elements", load)


def _readiness_elements(masterplan, ctx):
    def load():
        result = {}
        for element in readiness_elements_of(masterplan):
            for name in (element.title, element.code):
                result.setdefault(normalized(name), element)
        return result
    return ctx.once("roadmap.readiness_elements", load)


def _links(masterplan, ctx):
    """{program pk: {link name: [pk]}} and partners {program pk: [Partner]}, one query each."""
    def load():
        programs = [program.pk for program in program_objects(masterplan, ctx)]
        links = {pk: {name: [] for name in ("supporting_opds", "sasaran", "strategies", "gap_rows")}
                 for pk in programs}
        for name, target in (("supporting_opds", "opd_id"), ("sasaran", "sasaran_id"),
                             ("strategies", "strategy_id"), ("gap_rows", "gaprow_id")):
            through = getattr(Program, name).through
            for program_pk, pk in (through.objects.filter(program__masterplan=masterplan)
                                   .order_by("pk").values_list("program_id", target)):
                links[program_pk][name].append(pk)
        partners = {pk: [] for pk in programs}
        for partner in Partner.objects.filter(program__masterplan=masterplan).order_by(
                "kind", "name", "pk"):
            partners[partner.program_id].append(partner)
        return links, partners
    return ctx.once("roadmap.program_links", load)


def _partner_text(pairs):
    """[(kind, name)] as the normalized Mitra value: "Perguruan tinggi: ITB" per line, sorted."""
    return "\n".join(f"{choice_label(PartnerKind, kind)}: {name}" for kind, name in sorted(pairs))


def _read_quarter(reader, errors, line, column, label, default):
    """A quarter as the Monev sheet reads it (1–4, I–IV); empty: `default`."""
    if not reader.text(line, column, label).strip():
        return default
    return read_quarter(reader, errors, line, column, label)


class ProgramSheet(ListSheet):
    key = "roadmap.programs"
    title = "Program"
    order = 610
    group = "Program dan peta jalan"
    columns = (
        Column("code", "Kode", 7), Column("name", "Nama program", 36),
        Column("description", "Uraian", 40), Column("element", "Dimensi/Elemen", 30),
        Column("readiness_element", "Elemen kesiapan", 14), Column("category", "Kategori", 20),
        Column("infrastructure_kind", "Jenis infrastruktur", 16), Column("horizon", "Jangka", 18),
        Column("start_year", "Tahun mulai", 8), Column("start_quarter", "Triwulan mulai", 8),
        Column("end_year", "Tahun selesai", 8), Column("end_quarter", "Triwulan selesai", 8),
        Column("is_quick_win", "Quick win", 7), Column("is_egov_integration", "Integrasi e-Gov", 8),
        Column("lead_opd", "OPD pelaksana utama", 24), Column("supporting_opds", "OPD pendukung", 28),
        Column("partners", "Mitra", 28), Column("sasaran", "Sasaran", 16),
        Column("strategies", "Strategi TOWS", 18), Column("gap_rows", "Baris kesenjangan", 10),
        Column("monitoring_frequency", "Frekuensi monev", 12),
        Column("monitoring_responsible", "Penanggung jawab monev", 24),
    )

    def title_text(self, masterplan, ctx):
        return f"Program Smart City {masterplan.start_year}–{masterplan.end_year}"

    def display(self, name, value):
        if name in CHOICE_FIELDS:
            return choice_label(CHOICE_FIELDS[name], value)
        if name in ("lead_opd", "supporting_opds", "sasaran", "strategies", "gap_rows"):
            return labels_of(value)
        return super().display(name, value)

    def cell_value(self, name, value):
        if name in ("supporting_opds", "sasaran", "strategies", "gap_rows"):
            return "; ".join(label for label, _key in decode(value))
        return super().cell_value(name, value)

    def rows_of(self, masterplan, ctx):
        links, partners = _links(masterplan, ctx)
        rows = []
        for program in program_objects(masterplan, ctx):
            linked = links[program.pk]
            values = {
                "name": program.name, "description": program.description,
                "element": _element_label(program.element),
                "readiness_element": program.readiness_element.title if program.readiness_element else "",
                "category": program.category, "infrastructure_kind": program.infrastructure_kind,
                "horizon": program.horizon, "start_year": program.start_year,
                "start_quarter": program.start_quarter, "end_year": program.end_year,
                "end_quarter": program.end_quarter, "is_quick_win": flag(program.is_quick_win),
                "is_egov_integration": flag(program.is_egov_integration),
                "lead_opd": opd_value(masterplan, ctx, [program.lead_opd_id]),
                "supporting_opds": opd_value(masterplan, ctx, linked["supporting_opds"]),
                "partners": _partner_text((p.kind, p.name) for p in partners[program.pk]),
                "sasaran": swot_citations.sasaran_citations(masterplan, ctx, linked["sasaran"]),
                "strategies": swot_citations.strategy_citations(masterplan, ctx, linked["strategies"]),
                "gap_rows": swot_citations.gap_citations(masterplan, ctx, linked["gap_rows"]),
                "monitoring_frequency": program.monitoring_frequency,
                "monitoring_responsible": program.monitoring_responsible,
            }
            rows.append(Row(f"p{program.pk}", program.name, values, obj=program))
        return rows

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        codes = program_codes(masterplan, ctx)
        for line, row in enumerate(rows, start=3):
            put(ws, line, 2, codes[row.key])

    def read(self, reader, errors, line, key, masterplan, ctx):
        column = self.column_number
        text = {name: reader.text(line, column(name), self.fields[name], max_length=max_length,
                                  required=name == "name").strip()
                for name, max_length in (("name", 250), ("description", limit("roadmap.Program.description")),
                                         ("monitoring_responsible", 200))}
        element_text = reader.text(line, column("element"), "Dimensi/Elemen", required=True).strip()
        element = _elements(masterplan, ctx).get(normalized(element_text))
        if element_text and element is None:
            errors.add("roadmap_choice", line, "Dimensi/Elemen", found=element_text[:40],
                       choices="Governance a … Environment c (dimensi dan huruf elemen)")
        readiness_text = reader.text(line, column("readiness_element"), "Elemen kesiapan").strip()
        readiness = _readiness_elements(masterplan, ctx).get(normalized(readiness_text))
        if readiness_text and readiness is None:
            errors.add("roadmap_choice", line, "Elemen kesiapan", found=readiness_text[:40],
                       choices="Struktur, Infrastruktur, Suprastruktur")
        choices = {name: read_choice(reader, errors, line, column(name), self.fields[name], choices,
                                     required=name in ("category", "horizon"))
                   for name, choices in CHOICE_FIELDS.items()}
        choices["monitoring_frequency"] = (choices["monitoring_frequency"]
                                           or MonitoringFrequency.QUARTERLY)
        years = {name: reader.year(line, column(name), self.fields[name])
                 for name in ("start_year", "end_year")}
        for name in ("start_year", "end_year"):
            if years[name] is None and not reader.text(line, column(name), self.fields[name]).strip():
                errors.add("required", line, self.fields[name])
        quarters = {name: _read_quarter(reader, errors, line, column(name), self.fields[name],
                                        default)
                    for name, default in (("start_quarter", 1), ("end_quarter", 4))}
        values = {
            "code": reader.text(line, column("code"), "Kode").strip(),
            **text, **choices, **years, **quarters,
            "element": _element_label(element) if element else "",
            "readiness_element": readiness.title if readiness else "",
            "is_quick_win": read_flag(reader, errors, line, column("is_quick_win"), "Quick win"),
            "is_egov_integration": read_flag(reader, errors, line, column("is_egov_integration"),
                                             "Integrasi e-Gov"),
            "lead_opd": cite_opds(masterplan, ctx, reader, errors, line, column("lead_opd"),
                                  "OPD pelaksana utama"),
            "supporting_opds": cite_opds(masterplan, ctx, reader, errors, line,
                                         column("supporting_opds"), "OPD pendukung", many=True),
            "partners": self._read_partners(reader, errors, line),
        }
        values.update(self._read_citations(reader, errors, line, masterplan, ctx))
        self._check_rules(values, errors, line, masterplan)
        return values

    def _read_partners(self, reader, errors, line):
        pairs = []
        for part in split_cell(reader.text(line, self.column_number("partners"), "Mitra")):
            kind_text, colon, name = part.partition(":")
            kind, problem = read_partner_kind(kind_text)
            if not colon or not name.strip() or problem:
                errors.add("roadmap_partner", line, "Mitra", found=part[:40])
                continue
            if len(name.strip()) > 200:
                errors.add("too_long", line, "Mitra", limit=200)
                continue
            if (kind, name.strip()) not in pairs:
                pairs.append((kind, " ".join(name.split())))
        return _partner_text(pairs)

    def _read_citations(self, reader, errors, line, masterplan, ctx):
        column = self.column_number
        sasaran, unknown = swot_citations.resolve_sasaran(
            masterplan, ctx, reader.text(line, column("sasaran"), "Sasaran"))
        if unknown:
            errors.add("roadmap_unknown_sasaran", line, "Sasaran",
                       citations=", ".join(f"“{part[:30]}”" for part in unknown[:5]))
        gap_rows, unknown = swot_citations.resolve_gap_rows(
            masterplan, ctx, reader.text(line, column("gap_rows"), "Baris kesenjangan"))
        if unknown:
            errors.add("roadmap_unknown_gap_row", line, "Baris kesenjangan",
                       citations=", ".join(f"“{part[:20]}”" for part in unknown[:5]))
        resolve = ctx.once("roadmap.strategy_resolver",
                           lambda: swot_citations.strategy_resolver(masterplan, ctx))
        strategies = resolve(reader.text(line, column("strategies"), "Strategi TOWS"), line, errors)
        return {"sasaran": sasaran, "gap_rows": gap_rows, "strategies": strategies}

    def _check_rules(self, values, errors, line, masterplan):
        for name, message in year_errors(masterplan, values["start_year"], values["end_year"],
                                         values["start_quarter"], values["end_quarter"]).items():
            errors.add("roadmap_rule", line, self.fields[name], detail=rule_text(message))
        if values["category"]:
            message = infrastructure_error(values["category"], values["infrastructure_kind"])
            if message:
                errors.add("roadmap_rule", line, "Jenis infrastruktur", detail=rule_text(message))
        lead = keys_of(values["lead_opd"])
        if lead and lead[0] in keys_of(values["supporting_opds"]):
            message = lead_also_supporting_error(labels_of(values["lead_opd"]), [labels_of(values["lead_opd"])])
            errors.add("roadmap_rule", line, "OPD pendukung", detail=rule_text(message))

    def check(self, rows, masterplan, ctx, errors):
        """Codes are unique; the rows become what the other sheets cite."""
        refs = references(ctx, PROGRAM_REFS)
        refs.names.clear()
        refs.labels.clear()
        refs.from_upload = True
        spans = ctx.once("roadmap.program_spans", dict)
        flags = ctx.once("roadmap.quick_win_flags", dict)
        seen = {}
        for row in rows:
            code = row.values.pop("code")
            if code:
                match = CODE_PATTERN.fullmatch(code)
                if match is None:
                    errors.add("roadmap_bad_code", row.line, "Kode", code=code[:20])
                    code = ""
                else:
                    code = f"P{int(match.group(1))}"
                    if code in seen:
                        errors.add("roadmap_duplicate_code", row.line, "Kode", code=code,
                                   other=seen[code])
                    seen.setdefault(code, row.line)
            refs.add(row.key, row.values["name"], (code,), line=row.line)
            values = row.values
            if values["start_year"] and values["end_year"]:
                spans[row.key] = (values["start_year"], values["start_quarter"],
                                  values["end_year"], values["end_quarter"])
            flags[row.key] = values["is_quick_win"] == YES

    def apply(self, masterplan, changes, user, ctx):
        list(Program.objects.select_for_update().filter(masterplan=masterplan).values_list("pk"))
        refs = program_refs(masterplan, ctx)
        elements = _elements(masterplan, ctx)
        readiness = _readiness_elements(masterplan, ctx)
        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
        next_positions = {}
        for change in changes:
            if change.kind == REMOVED:
                continue
            values = change.new.values
            element = elements[normalized(values["element"])]
            lead = keys_of(values["lead_opd"])
            content = {
                "name": values["name"], "description": values["description"],
                "element_id": element.pk,
                "readiness_element_id": (readiness[normalized(values["readiness_element"])].pk
                                         if values["readiness_element"] else None),
                **{name: values[name] for name in (*CHOICE_FIELDS, "start_year", "start_quarter",
                                                   "end_year", "end_quarter",
                                                   "monitoring_responsible")},
                "is_quick_win": values["is_quick_win"] == YES,
                "is_egov_integration": values["is_egov_integration"] == YES,
                "lead_opd_id": opd_refs(masterplan, ctx).pk(lead[0]) if lead else None,
            }
            names = {f.name for f in change.fields}
            if change.kind == ADDED:
                if element.pk not in next_positions:
                    last = Program.objects.filter(masterplan=masterplan, element=element).aggregate(
                        last=Max("position"))["last"]
                    next_positions[element.pk] = 0 if last is None else last + 1
                program = Program.objects.create(masterplan=masterplan, updated_by=user,
                                                 position=next_positions[element.pk], **content)
                next_positions[element.pk] += 1
                refs.saved[change.key] = program.pk
                names = set(values)
            else:
                program = change.current.obj
                update_versioned(program, content, user)  # links count as the program's content
            self._save_links(program, values, names, masterplan, ctx)
            if content["is_quick_win"]:
                QuickWin.objects.get_or_create(program=program)

    @staticmethod
    def _save_links(program, values, names, masterplan, ctx):
        opds = opd_refs(masterplan, ctx)
        if "supporting_opds" in names:
            program.supporting_opds.set(opds.pk(key) for key in keys_of(values["supporting_opds"]))
        if "sasaran" in names:
            program.sasaran.set(swot_citations.sasaran_pk(ctx, key) for key in keys_of(values["sasaran"]))
        if "strategies" in names:
            program.strategies.set(swot_citations.strategy_pk(ctx, key)
                                   for key in keys_of(values["strategies"]))
        if "gap_rows" in names:
            program.gap_rows.set(swot_citations.gap_row_pk(ctx, key) for key in keys_of(values["gap_rows"]))
        if "partners" in names:
            program.partners.all().delete()
            for line in filter(None, values["partners"].split("\n")):
                kind_label, _colon, name = line.partition(": ")
                kind, _problem = read_partner_kind(kind_label)
                Partner.objects.create(program=program, kind=kind, name=name)


# --- Quick Win ------------------------------------------------------------------------------------

class QuickWinSheet(ListSheet):
    key = "roadmap.quick_wins"
    title = "Quick Win"
    order = 615
    group = "Program dan peta jalan"
    columns = (
        Column("program", "Kode program", 9), Column("program_name", "Program", 30),
        Column("why", "Mengapa (why)", 30), Column("what", "Apa (what)", 30),
        Column("how", "Bagaimana (how)", 30), Column("when", "Kapan (when)", 20),
        Column("where", "Di mana (where)", 20), Column("who", "Siapa (who)", 24),
        Column("impact_analysis", "Analisis dampak", 36), Column("status", "Status", 12),
    )

    def title_text(self, masterplan, ctx):
        return "Quick Win: pertanyaan perencanaan dan analisis dampak"

    def display(self, name, value):
        if name == "status":
            return choice_label(QuickWinStatus, value)
        return super().display(name, value)

    def rows_of(self, masterplan, ctx):
        answers = ctx.once("roadmap.quick_wins", lambda: {
            quick_win.program_id: quick_win
            for quick_win in QuickWin.objects.filter(program__masterplan=masterplan)})
        rows = []
        for program in program_objects(masterplan, ctx):
            if not program.is_quick_win:
                continue
            quick_win = answers.get(program.pk)
            values = {name: getattr(quick_win, name) if quick_win else "" for name in QUICK_WIN_FIELDS}
            values["status"] = quick_win.status if quick_win else QuickWinStatus.PLANNED
            rows.append(Row(f"p{program.pk}", program.name, values, obj=quick_win))
        return rows

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        codes, refs = program_codes(masterplan, ctx), program_refs(masterplan, ctx)
        for line, row in enumerate(rows, start=3):
            put(ws, line, 2, codes[row.key])
            put(ws, line, 3, refs.labels.get(row.key, ""))

    def parse(self, data, masterplan, current, ctx, errors):
        """Rows are keyed by the program they answer for (the Kode program column), not by the
        hidden key column."""
        rows = super().parse(data, masterplan, current, ctx, errors)
        flags = ctx.once("roadmap.quick_win_flags", dict)
        refs = program_refs(masterplan, ctx)
        by_program, keyed = {}, []
        for row in rows:
            code = row.values.pop("program")
            key = refs.key_for(code) if code else None
            if key is None:
                errors.add("roadmap_unknown_program", row.line, "Kode program", code=code[:20])
                continue
            if key in by_program:
                errors.add("duplicate_row", row.line, "Kode program", key=code,
                           other=by_program[key])
                continue
            by_program[key] = row.line
            if refs.from_upload and not flags.get(key):
                errors.add("roadmap_not_quick_win", row.line, "Kode program", code=code)
            keyed.append(Row(key, refs.labels.get(key, code), row.values, line=row.line))
        return keyed

    def read(self, reader, errors, line, key, masterplan, ctx):
        column = self.column_number
        values = {"program": reader.text(line, column("program"), "Kode program",
                                         required=True).strip()}
        for name in QUICK_WIN_FIELDS:
            values[name] = reader.text(line, column(name), self.fields[name],
                                       max_length=limit(f"roadmap.QuickWin.{name}")).strip()
        values["status"] = read_choice(reader, errors, line, column("status"), "Status",
                                       QuickWinStatus) or QuickWinStatus.PLANNED
        return values

    def label_of(self, values):
        return values.get("program", "")

    def apply(self, masterplan, changes, user, ctx):
        refs = program_refs(masterplan, ctx)
        flags = ctx.once("roadmap.quick_win_flags", dict)
        for change in changes:
            if change.kind == REMOVED:
                if flags.get(change.key) and change.current.obj is not None:
                    update_versioned(change.current.obj, {name: "" for name in QUICK_WIN_FIELDS},
                                     user)
                continue
            values = {name: change.new.values[name] for name in (*QUICK_WIN_FIELDS, "status")}
            quick_win = change.current.obj if change.current else None
            if quick_win is None:
                quick_win, created = QuickWin.objects.get_or_create(
                    program_id=refs.pk(change.key), defaults={**values, "updated_by": user})
                if created:
                    continue
            update_versioned(quick_win, values, user)
