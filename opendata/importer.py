"""Rebuild published masterplans from an open-data JSON bundle (services.bundle_document): the
round trip of the open data. Into a database with the reference data loaded
(`load_reference_data`) and no masterplan yet for the bundle's regions, `import_bundle` creates
each masterplan with its publication and the content of every dataset, in one transaction:
a bundle with any error imports nothing. Exported again, the result is the same bundle (its
generation time aside).

Every row is read through the dataset definitions (the columns, their types and code lists);
names (OPDs, applications) and codes (programs P1.., KPIs P1.K1, guide items) link the rows."""

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _

from masterplan import content_version
from masterplan.models import DimensionElement, GuideEdition, Masterplan, Region
from masterplan.services import initialize_masterplan
from portal.models import Publication
from readiness.models import Component, ReadinessElement, ReadinessEntry, SubArea
from roadmap.models import (
    Application,
    Financing,
    Institution,
    KpiActual,
    KpiTarget,
    MonitoringRecord,
    Opd,
    Program,
    ProgramKpi,
    Regulation,
)

from .datasets import CODE_LISTS, DATASETS, LIST_SEPARATOR, decode
from .services import FORMAT_NAME, FORMAT_VERSION


class ImportRefused(Exception):
    def __init__(self, messages):
        super().__init__("\n".join(messages))
        self.messages = messages


def read_rows(bundle):
    """{dataset name: [row dicts with decoded values]}; ImportRefused lists every problem."""
    problems = []
    if bundle.get("format") != FORMAT_NAME or bundle.get("versi_format") != FORMAT_VERSION:
        raise ImportRefused([_("Berkas bukan bundel data terbuka masterplan versi %(version)s.")
                             % {"version": FORMAT_VERSION}])
    tables = bundle.get("dataset") or {}
    result = {}
    for name, dataset in DATASETS.items():
        table = tables.get(name)
        if table is None:
            problems.append(_("Dataset %(name)s tidak ada dalam bundel.") % {"name": name})
            continue
        if table.get("kolom") != dataset.column_names:
            problems.append(_("Kolom dataset %(name)s tidak sesuai kamus data.") % {"name": name})
            continue
        rows = []
        for number, raw in enumerate(table.get("data") or [], start=1):
            row = {}
            for column in dataset.columns:
                try:
                    value = decode(column, raw.get(column.name))
                except (TypeError, ValueError):
                    problems.append(_("%(name)s baris %(row)s: %(column)s tidak sesuai tipe %(type)s.")
                                    % {"name": name, "row": number, "column": column.name,
                                       "type": column.type})
                    continue
                code_list = CODE_LISTS.get(column.codes)
                if value not in (None, "") and code_list is not None and not code_list.external \
                        and str(value) not in code_list.code_set():
                    problems.append(_("%(name)s baris %(row)s: “%(value)s” bukan kode daftar "
                                      "%(codes)s.") % {"name": name, "row": number, "value": value,
                                                       "codes": code_list.name})
                row[column.name] = value
            rows.append(row)
        result[name] = rows
    if problems:
        raise ImportRefused(problems)
    return result


def import_bundle(bundle):
    """Create the bundle's masterplans and their content; answers the masterplans created."""
    tables = read_rows(bundle)
    by_region = defaultdict(lambda: defaultdict(list))
    for name, rows in tables.items():
        for row in rows:
            by_region[row["kode_wilayah"]][name].append(row)
    created = []
    with transaction.atomic(), content_version.collecting():
        for code in sorted(by_region):
            created.append(_Region(code, by_region[code]).load())
    return created


class _Region:
    """The rows of one region's masterplan, loaded in dependency order."""

    def __init__(self, code, tables):
        self.code, self.tables = code, tables
        self.region = Region.objects.filter(code=code).first()
        if self.region is None:
            raise ImportRefused([_("Wilayah %(code)s tidak dikenal; muat data rujukan dulu "
                                   "(load_reference_data).") % {"code": code}])
        if Masterplan.objects.filter(region=self.region).exists():
            raise ImportRefused([_("Wilayah %(code)s sudah memiliki masterplan; impor hanya ke "
                                   "basis data tanpa masterplan wilayah itu.") % {"code": code}])
        self.opds = {}
        self.programs = {}

    def fail(self, message):
        raise ImportRefused([f"{self.code}: {message}"])

    def load(self):
        if len(self.tables["masterplan"]) != 1:
            self.fail(_("satu wilayah harus tepat satu baris dataset masterplan."))
        masterplan = self.masterplan(self.tables["masterplan"][0])
        self.edition = masterplan.edition
        for step in (self.programs_, self.kpis_and_monitoring, self.financing, self.readiness,
                     self.institutions, self.regulations, self.applications):
            step(masterplan)
        return masterplan

    def opd(self, name):
        if not name:
            return None
        if name not in self.opds:
            self.opds[name], _created = Opd.objects.get_or_create(
                region=self.region, name=name, defaults={"position": len(self.opds)})
        return self.opds[name]

    def masterplan(self, row):
        edition = GuideEdition.objects.filter(code=row["edisi_panduan"]).first()
        if edition is None:
            self.fail(_("edisi panduan %(code)s tidak dikenal.") % {"code": row["edisi_panduan"]})
        masterplan = Masterplan.objects.create(
            region=self.region, edition=edition, title=row["judul"], start_year=row["tahun_mulai"],
            period_years=row["masa_berlaku"], status=row["status"], is_current=True,
            legal_kind=row["jenis_penetapan"] or "", legal_number=row["nomor_penetapan"] or "",
            legal_date=row["tanggal_penetapan"])
        initialize_masterplan(masterplan)
        if row["diterbitkan_pada"] is not None:
            Publication.objects.create(masterplan=masterplan, as_draft=bool(row["draf"]),
                                       licence=row["lisensi"] or "CC-BY-4.0",
                                       published_at=row["diterbitkan_pada"])
        return masterplan

    def programs_(self, masterplan):
        elements = {element.code: element for element in DimensionElement.objects.filter(
            dimension__edition=self.edition).select_related("dimension")}
        readiness = {element.code: element for element in ReadinessElement.objects.filter(
            edition=self.edition)}
        positions = defaultdict(int)
        for row in self.tables["program"]:
            element = elements.get(row["elemen"])
            if element is None or element.dimension.code != row["dimensi"]:
                self.fail(_("program %(code)s: elemen %(element)s bukan elemen dimensi %(dimension)s.")
                          % {"code": row["kode_program"], "element": row["elemen"],
                             "dimension": row["dimensi"]})
            program = Program.objects.create(
                masterplan=masterplan, name=row["nama_program"], description=row["uraian"] or "",
                element=element, readiness_element=readiness.get(row["elemen_kesiapan"]),
                category=row["kategori"], infrastructure_kind=row["jenis_infrastruktur"] or "",
                horizon=row["jangka"], start_year=row["tahun_mulai"],
                start_quarter=row["triwulan_mulai"], end_year=row["tahun_selesai"],
                end_quarter=row["triwulan_selesai"], is_quick_win=bool(row["quick_win"]),
                is_egov_integration=bool(row["integrasi_egov"]),
                lead_opd=self.opd(row["opd_pelaksana"]),
                monitoring_frequency=row["frekuensi_monev"],
                monitoring_responsible=row["penanggung_jawab_monev"] or "",
                position=positions[element.pk])
            positions[element.pk] += 1
            supporting = [self.opd(name) for name in split(row["opd_pendukung"])]
            if supporting:
                program.supporting_opds.set(supporting)
            self.programs[row["kode_program"]] = program

    def program(self, code):
        if code not in self.programs:
            self.fail(_("kode program %(code)s tidak ada dalam dataset program.") % {"code": code})
        return self.programs[code]

    def kpis_and_monitoring(self, masterplan):
        records = {}
        for row in self.tables["monev"]:
            program = self.program(row["kode_program"])
            records[(program.pk, row["tahun"], row["triwulan"])] = MonitoringRecord.objects.create(
                program=program, year=row["tahun"], quarter=row["triwulan"],
                progress_percent=row["kemajuan"], works=row["berjalan_baik"] or "",
                not_works=row["belum_berjalan"] or "", improve=row["perlu_perbaikan"] or "",
                followup_what=row["tindak_lanjut_apa"] or "",
                followup_when=row["tindak_lanjut_kapan"] or "",
                followup_who=row["tindak_lanjut_siapa"] or "")
        kpis, ranks = {}, defaultdict(int)
        for row in self.tables["kpi"]:
            program = self.program(row["kode_program"])
            kpi = kpis.get(row["kode_kpi"])
            if kpi is None:
                kpi = kpis[row["kode_kpi"]] = ProgramKpi.objects.create(
                    program=program, position=ranks[program.pk],
                    name=row["nama_kpi"], unit=row["satuan"] or "", direction=row["arah"],
                    baseline_value=row["baseline"])
                ranks[program.pk] += 1
            if row["tahun"] is not None and row["target"] is not None:
                KpiTarget.objects.create(kpi=kpi, year=row["tahun"], value=row["target"])
            if row["realisasi"] is not None:
                record = records.get((program.pk, row["tahun"], row["triwulan_realisasi"]))
                if record is None:
                    self.fail(_("realisasi %(code)s %(year)s triwulan %(quarter)s tanpa catatan "
                                "monev periode itu.") % {"code": row["kode_kpi"],
                                                         "year": row["tahun"],
                                                         "quarter": row["triwulan_realisasi"]})
                KpiActual.objects.create(record=record, kpi=kpi, value=row["realisasi"])

    def financing(self, masterplan):
        for row in self.tables["pembiayaan"]:
            Financing.objects.create(program=self.program(row["kode_program"]), year=row["tahun"],
                                     source=row["sumber_dana"], amount=row["jumlah"])

    def readiness(self, masterplan):
        sub_areas = {sub_area.code: sub_area for sub_area in SubArea.objects.filter(
            element__edition=self.edition)}
        entries = {(entry.component.sub_area.code, entry.component.number): entry
                   for entry in ReadinessEntry.objects.filter(
                       masterplan=masterplan, component__isnull=False)
                   .select_related("component__sub_area")}
        for row in self.tables["kesiapan"]:
            values = {"value_text": row["nilai_teks"] or "", "value_number": row["nilai_angka"],
                      "value_unit": row["satuan"] or "", "interpretation": row["penilaian"] or "",
                      "source": row["sumber_data"] or "", "source_year": row["tahun_data"],
                      "note": row["catatan"] or ""}
            if row["nomor_komponen"] is None:
                if row["tabel"] not in sub_areas:
                    self.fail(_("tabel kesiapan %(code)s tidak dikenal.") % {"code": row["tabel"]})
                ReadinessEntry.objects.create(masterplan=masterplan, sub_area=sub_areas[row["tabel"]],
                                              extra_text=row["komponen"], **values)
                continue
            entry = entries.get((row["tabel"], row["nomor_komponen"]))
            if entry is None:
                component = Component.objects.filter(sub_area__element__edition=self.edition,
                                                     sub_area__code=row["tabel"],
                                                     number=row["nomor_komponen"]).first()
                if component is None:
                    self.fail(_("komponen %(table)s no. %(number)s tidak dikenal.")
                              % {"table": row["tabel"], "number": row["nomor_komponen"]})
                entry = ReadinessEntry(masterplan=masterplan, sub_area=component.sub_area,
                                       component=component)
            for name, value in values.items():
                setattr(entry, name, value)
            entry.save()

    def institutions(self, masterplan):
        existing = {institution.kind: institution for institution in
                    Institution.objects.filter(masterplan=masterplan).exclude(kind="forum")}
        for row in self.tables["kelembagaan"]:
            institution = existing.pop(row["jenis"], None) or Institution(masterplan=masterplan,
                                                                         kind=row["jenis"])
            institution.name = row["nama"] or ""
            institution.decree_number = row["nomor_keputusan"] or ""
            institution.decree_date = row["tanggal_keputusan"]
            institution.selection_process = row["proses_pemilihan"] or ""
            institution.managing_opd = self.opd(row["opd_pengelola"])
            institution.save()

    def regulations(self, masterplan):
        existing = {regulation.code: regulation for regulation in
                    Regulation.objects.filter(masterplan=masterplan).exclude(code="")}
        for position, row in enumerate(self.tables["regulasi"], start=1):
            regulation = existing.pop(row["kode_regulasi"], None) if row["kode_regulasi"] else None
            regulation = regulation or Regulation(masterplan=masterplan,
                                                  code=row["kode_regulasi"] or "")
            regulation.title, regulation.status = row["judul"], row["status"]
            regulation.number, regulation.date = row["nomor"] or "", row["tanggal"]
            regulation.position = position
            regulation.save()
        for position, regulation in enumerate(existing.values(), start=1000):
            regulation.position = position  # guide items the bundle lacks go last
            regulation.save(update_fields=["position"])

    def applications(self, masterplan):
        made = {}
        for row in self.tables["aplikasi"]:
            made[row["nama_aplikasi"]] = (Application.objects.create(
                masterplan=masterplan, name=row["nama_aplikasi"],
                owner_opd=self.opd(row["opd_pemilik"]), function=row["fungsi"],
                users=row["pengguna"] or "", is_interoperable=bool(row["interoperabel"]),
                works=row["berjalan_baik"] or "", not_works=row["belum_berjalan"] or "",
                improve=row["perlu_perbaikan"] or ""), row)
        for application, row in made.values():
            partners = [made[name][0] for name in split(row["bertukar_data_dengan"]) if name in made]
            if partners:
                application.exchanges_with.set(partners)
            programs = [self.program(code) for code in split(row["program_integrasi"])]
            if programs:
                application.integration_programs.set(programs)


def split(text):
    return [part.strip() for part in (text or "").split(LIST_SEPARATOR.strip()) if part.strip()]
