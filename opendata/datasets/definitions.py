"""The open datasets of a published masterplan, each defined once: its columns and where its
rows come from. Rows of any number of masterplans are built in a fixed number of queries (one or
two per dataset, the programs shared), however many programs they have.

Every row starts with `kode_wilayah`, the region's Kemendagri code: the key that joins the
datasets of one region (with `kode_program` between the program tables). Program codes are
P1, P2, ... in roadmap order (dimension, element, position), as in the masterplan workbook;
KPI codes add the KPI's rank: P3.K1."""

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from readiness.models import ReadinessEntry
from roadmap.models import (
    Application,
    Financing,
    Institution,
    KpiActual,
    MonitoringRecord,
    Program,
    ProgramKpi,
    Regulation,
)

from .base import BOOLEAN, DATE, DATETIME, INTEGER, NUMBER, STRING, Column, Dataset

LIST_SEPARATOR = "; "


def item(masterplan, obj=None, pk=None, **values):
    return SimpleNamespace(masterplan=masterplan, obj=obj, pk=pk, **values)


def attr(path, empty=None):
    """A column's value read along `path` from the item's object ("lead_opd.name"); the path is
    kept on the reader (`read.path`) for what maps columns back to model fields."""
    def read(item, ctx):
        value = item.obj
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                return empty
        return value
    read.path = path
    return read


def field(name):
    """A column's value read from the item itself (values the dataset computed)."""
    return lambda item, ctx: getattr(item, name)


PROGRAM_ID = ("program", _("Id program di API (untuk menulis catatan monev)."))
VERSION = ("versi", _("Versi catatan: kirim kembali saat mengubahnya (pemeriksaan konflik)."))

REGION_CODE = Column("kode_wilayah", STRING, _("Kode wilayah Kemendagri: kunci data wilayah."),
                     lambda item, ctx: item.masterplan.region.code, codes="wilayah", filter=True)


def program_column():
    return Column("kode_program", STRING,
                  _("Kode program dalam masterplan (P1, P2, … urut peta jalan)."),
                  lambda item, ctx: program_codes(ctx).get(item.program_id), filter=True)


def opd_names(opds):
    return LIST_SEPARATOR.join(sorted(opd.name for opd in opds))


# --- the programs, shared by every program table ---------------------------------------------

def programs(masterplans, ctx):
    """Every program of the masterplans, in roadmap order (two queries, once per build); their
    codes are kept for program_codes."""
    def load():
        found = (Program.objects.filter(masterplan__in=masterplans)
                 .select_related("element__dimension", "readiness_element", "lead_opd")
                 .prefetch_related("supporting_opds")
                 .order_by("masterplan_id", "element__dimension__number", "element__letter",
                           "position", "pk"))
        by_masterplan = defaultdict(list)
        for program in found:
            by_masterplan[program.masterplan_id].append(program)
        codes = program_codes(ctx)
        result = []
        for masterplan in masterplans:
            for rank, program in enumerate(by_masterplan[masterplan.pk], start=1):
                codes[program.pk] = f"P{rank}"
                result.append(program)
        return result
    return ctx.once(("programs", tuple(mp.pk for mp in masterplans)), load)


def program_codes(ctx):
    """{program id: "P<n>"} of the programs `programs` loaded."""
    return ctx.once("program_codes", dict)


def _masterplans_by_id(masterplans):
    return {masterplan.pk: masterplan for masterplan in masterplans}


# --- masterplan ------------------------------------------------------------------------------

def masterplan_items(masterplans, ctx):
    return [item(masterplan, masterplan, masterplan.pk) for masterplan in masterplans]


def _publication(name):
    def read(item, ctx):
        publication = getattr(item.masterplan, "publication", None)
        return getattr(publication, name) if publication is not None else None
    return read


def _province(name):
    def read(item, ctx):
        region = item.masterplan.region
        province = region if region.province_id is None else region.province
        return getattr(province, name)
    return read


MASTERPLAN = Dataset(
    "masterplan", _("Masterplan"),
    _("Satu baris per masterplan yang diterbitkan: wilayah, periode, status dan penetapannya, "
      "serta lisensi datanya."),
    (
        REGION_CODE,
        Column("nama_wilayah", STRING, _("Nama wilayah."),
               lambda item, ctx: item.masterplan.region.display_name),
        Column("jenis_wilayah", STRING, _("Provinsi, kabupaten atau kota."),
               lambda item, ctx: item.masterplan.region.kind, codes="jenis_wilayah", filter=True),
        Column("kode_provinsi", STRING, _("Kode Kemendagri provinsinya."), _province("code"),
               codes="wilayah", filter=True),
        Column("judul", STRING, _("Judul masterplan."), attr("title")),
        Column("edisi_panduan", STRING, _("Edisi Buku Panduan yang diikuti."), attr("edition.code")),
        Column("tahun_mulai", INTEGER, _("Tahun pertama masa berlaku."), attr("start_year"),
               unit=_("tahun")),
        Column("masa_berlaku", INTEGER, _("Masa berlaku masterplan."), attr("period_years"),
               unit=_("tahun")),
        Column("tahun_selesai", INTEGER, _("Tahun terakhir masa berlaku."), attr("end_year"),
               unit=_("tahun")),
        Column("status", STRING, _("Status penyusunan masterplan."), attr("status"),
               codes="status_masterplan", filter=True),
        Column("jenis_penetapan", STRING, _("Perda atau perkada yang menetapkannya (kosong: belum)."),
               attr("legal_kind", ""), codes="jenis_penetapan"),
        Column("nomor_penetapan", STRING, _("Nomor peraturan penetapan."), attr("legal_number", "")),
        Column("tanggal_penetapan", DATE, _("Tanggal peraturan penetapan."), attr("legal_date")),
        Column("diterbitkan_pada", DATETIME, _("Waktu masterplan diterbitkan untuk publik "
                                               "(kosong: belum diterbitkan)."),
               _publication("published_at")),
        Column("draf", BOOLEAN, _("Diterbitkan sebagai draf (belum final)."),
               _publication("as_draft")),
        Column("lisensi", STRING, _("Lisensi data masterplan ini."), _publication("licence"),
               codes="lisensi"),
    ),
    masterplan_items, order=1,
)


# --- program ---------------------------------------------------------------------------------

def program_items(masterplans, ctx):
    by_id = _masterplans_by_id(masterplans)
    return [item(by_id[program.masterplan_id], program, program.pk, program_id=program.pk,
                 extra={"program": program.pk}) for program in programs(masterplans, ctx)]


PROGRAM = Dataset(
    "program", _("Program smart city"),
    _("Program peta jalan (rencana aksi) per dimensi: kategori, jangka, masa pelaksanaan dan OPD."),
    (
        REGION_CODE,
        program_column(),
        Column("nama_program", STRING, _("Nama program."), attr("name")),
        Column("uraian", STRING, _("Uraian program."), attr("description", "")),
        Column("dimensi", STRING, _("Dimensi smart city."), attr("element.dimension.code"),
               codes="dimensi", filter=True),
        Column("elemen", STRING, _("Elemen dimensi."), attr("element.code"), codes="elemen",
               filter=True),
        Column("elemen_kesiapan", STRING, _("Elemen kesiapan yang diperkuat (kosong: tidak ada)."),
               attr("readiness_element.code", ""), codes="elemen_kesiapan"),
        Column("kategori", STRING, _("Kategori rencana aksi."), attr("category"), codes="kategori",
               filter=True),
        Column("jenis_infrastruktur", STRING, _("Jenis infrastruktur (program infrastruktur)."),
               attr("infrastructure_kind", ""), codes="jenis_infrastruktur"),
        Column("jangka", STRING, _("Jangka program."), attr("horizon"), codes="jangka", filter=True),
        Column("tahun_mulai", INTEGER, _("Tahun mulai."), attr("start_year"), unit=_("tahun")),
        Column("triwulan_mulai", INTEGER, _("Triwulan mulai."), attr("start_quarter"),
               codes="triwulan"),
        Column("tahun_selesai", INTEGER, _("Tahun selesai."), attr("end_year"), unit=_("tahun")),
        Column("triwulan_selesai", INTEGER, _("Triwulan selesai."), attr("end_quarter"),
               codes="triwulan"),
        Column("quick_win", BOOLEAN, _("Program quick win."), attr("is_quick_win"), filter=True),
        Column("integrasi_egov", BOOLEAN, _("Program integrasi Smart e-Gov."),
               attr("is_egov_integration")),
        Column("opd_pelaksana", STRING, _("OPD pelaksana utama."), attr("lead_opd.name", "")),
        Column("opd_pendukung", STRING, _("OPD pendukung, dipisah “; ”."),
               lambda item, ctx: opd_names(item.obj.supporting_opds.all())),
        Column("frekuensi_monev", STRING, _("Frekuensi monitoring dan evaluasi."),
               attr("monitoring_frequency"), codes="frekuensi_monev"),
        Column("penanggung_jawab_monev", STRING, _("Penanggung jawab monitoring dan evaluasi."),
               attr("monitoring_responsible", "")),
    ),
    program_items, key=("kode_program",), order=2, api_fields=(PROGRAM_ID,),
)


# --- kpi -------------------------------------------------------------------------------------

def kpi_items(masterplans, ctx):
    """One item per KPI and year with a target or an actual (the latest actual of that year);
    a KPI with neither has one item without a year."""
    by_id = _masterplans_by_id(masterplans)
    program_list = programs(masterplans, ctx)
    kpis = (ProgramKpi.objects.filter(program__in=[program.pk for program in program_list])
            .prefetch_related("targets").order_by("program_id", "position", "pk"))
    latest = {}  # (kpi id, year) -> (quarter, value)
    actual_years = defaultdict(set)
    for kpi_id, year, quarter, value in (
            KpiActual.objects.filter(kpi__program__masterplan__in=masterplans)
            .values_list("kpi_id", "record__year", "record__quarter", "value")):
        actual_years[kpi_id].add(year)
        if (kpi_id, year) not in latest or latest[(kpi_id, year)][0] < quarter:
            latest[(kpi_id, year)] = (quarter, value)
    masterplan_of = {program.pk: by_id[program.masterplan_id] for program in program_list}
    by_program = defaultdict(list)
    for kpi in kpis:
        by_program[kpi.program_id].append(kpi)
    result = []
    for program in program_list:
        for rank, kpi in enumerate(by_program[program.pk], start=1):
            targets = {target.year: target.value for target in kpi.targets.all()}
            years = sorted(set(targets) | actual_years[kpi.pk])
            for year in years or [None]:
                quarter, actual = latest.get((kpi.pk, year), (None, None))
                result.append(item(masterplan_of[program.pk], kpi, kpi.pk, program_id=program.pk,
                                   extra={"program": program.pk},
                                   code=f"{program_codes(ctx)[program.pk]}.K{rank}", year=year,
                                   target=targets.get(year), actual=actual, quarter=quarter))
    return result


KPI = Dataset(
    "kpi", _("KPI program: target dan realisasi per tahun"),
    _("Indikator kinerja (KPI) tiap program dengan baseline, target tahunan dan realisasi "
      "terakhir tiap tahun dari catatan monev."),
    (
        REGION_CODE,
        program_column(),
        Column("kode_kpi", STRING, _("Kode KPI: kode program dan urutan KPI (P3.K1)."), field("code")),
        Column("nama_kpi", STRING, _("Indikator kinerja."), attr("name")),
        Column("satuan", STRING, _("Satuan nilai KPI (baseline, target, realisasi)."),
               attr("unit", "")),
        Column("arah", STRING, _("Naik: makin tinggi makin baik; turun: makin rendah makin baik."),
               attr("direction"), codes="arah_kpi"),
        Column("baseline", NUMBER, _("Nilai baseline."), attr("baseline_value"),
               unit=_("satuan KPI")),
        Column("tahun", INTEGER, _("Tahun target/realisasi (kosong: KPI belum punya target)."),
               field("year"), unit=_("tahun"), filter=True),
        Column("target", NUMBER, _("Target tahun itu."), field("target"), unit=_("satuan KPI")),
        Column("realisasi", NUMBER, _("Realisasi terakhir tahun itu (kosong: belum dilaporkan)."),
               field("actual"), unit=_("satuan KPI")),
        Column("triwulan_realisasi", INTEGER, _("Triwulan catatan monev realisasi itu."),
               field("quarter"), codes="triwulan"),
    ),
    kpi_items, key=("kode_kpi", "tahun"), order=3, api_fields=(PROGRAM_ID,),
)


# --- monev -----------------------------------------------------------------------------------

def monitoring_items(masterplans, ctx):
    by_id = _masterplans_by_id(masterplans)
    program_list = programs(masterplans, ctx)
    order = {program.pk: index for index, program in enumerate(program_list)}
    masterplan_of = {program.pk: program.masterplan_id for program in program_list}
    records = sorted(MonitoringRecord.objects.filter(program__masterplan__in=masterplans),
                     key=lambda record: (order[record.program_id], record.year, record.quarter))
    return [item(by_id[masterplan_of[record.program_id]], record, record.pk,
                 program_id=record.program_id,
                 extra={"program": record.program_id, "versi": record.version})
            for record in records]


MONITORING = Dataset(
    "monev", _("Catatan monitoring dan evaluasi"),
    _("Catatan monev program per triwulan (Lampiran III Buku Panduan): kemajuan, evaluasi dan "
      "rencana tindak lanjut."),
    (
        REGION_CODE,
        program_column(),
        Column("tahun", INTEGER, _("Tahun periode monev."), attr("year"), unit=_("tahun"),
               filter=True),
        Column("triwulan", INTEGER, _("Triwulan periode monev."), attr("quarter"),
               codes="triwulan", filter=True),
        Column("kemajuan", INTEGER, _("Kemajuan program."), attr("progress_percent"),
               unit=_("persen")),
        Column("berjalan_baik", STRING, _("Hal yang sudah berjalan dengan baik."), attr("works", "")),
        Column("belum_berjalan", STRING, _("Hal yang belum berjalan dengan baik."),
               attr("not_works", "")),
        Column("perlu_perbaikan", STRING, _("Inisiatif perbaikan yang perlu dilakukan."),
               attr("improve", "")),
        Column("tindak_lanjut_apa", STRING, _("Rencana tindak lanjut: apa."),
               attr("followup_what", "")),
        Column("tindak_lanjut_kapan", STRING, _("Rencana tindak lanjut: kapan."),
               attr("followup_when", "")),
        Column("tindak_lanjut_siapa", STRING, _("Rencana tindak lanjut: siapa."),
               attr("followup_who", "")),
    ),
    monitoring_items, key=("kode_program", "tahun", "triwulan"), order=4, api_fields=(PROGRAM_ID, VERSION),
)


# --- pembiayaan ------------------------------------------------------------------------------

def financing_items(masterplans, ctx):
    by_id = _masterplans_by_id(masterplans)
    program_list = programs(masterplans, ctx)
    order = {program.pk: index for index, program in enumerate(program_list)}
    masterplan_of = {program.pk: program.masterplan_id for program in program_list}
    rows = sorted(Financing.objects.filter(program__masterplan__in=masterplans),
                  key=lambda row: (order[row.program_id], row.year, row.source))
    return [item(by_id[masterplan_of[row.program_id]], row, row.pk, program_id=row.program_id,
                 extra={"program": row.program_id}) for row in rows]


FINANCING = Dataset(
    "pembiayaan", _("Pembiayaan program"),
    _("Rencana pembiayaan tiap program per tahun dan sumber dana, dalam rupiah."),
    (
        REGION_CODE,
        program_column(),
        Column("tahun", INTEGER, _("Tahun anggaran."), attr("year"), unit=_("tahun"), filter=True),
        Column("sumber_dana", STRING, _("Sumber pembiayaan."), attr("source"), codes="sumber_dana",
               filter=True),
        Column("jumlah", NUMBER, _("Jumlah rencana pembiayaan."), attr("amount"), unit=_("rupiah")),
    ),
    financing_items, key=("kode_program", "tahun", "sumber_dana"), order=5, api_fields=(PROGRAM_ID,),
)


# --- kesiapan --------------------------------------------------------------------------------

def readiness_items(masterplans, ctx):
    """The entries in table order: the guide's components by number, then the region's extra
    components in the order they were added (sorted here, so every database orders alike)."""
    by_id = _masterplans_by_id(masterplans)
    rank = {masterplan.pk: index for index, masterplan in enumerate(masterplans)}
    entries = sorted(
        ReadinessEntry.objects.filter(masterplan__in=masterplans)
        .select_related("sub_area__element", "component"),
        key=lambda entry: (rank[entry.masterplan_id], entry.sub_area.element.number,
                           entry.sub_area.letter, entry.component_id is None,
                           entry.component.number if entry.component_id else 0,
                           entry.created_at, entry.pk))
    extras = defaultdict(int)
    result = []
    for entry in entries:
        extra_number = None
        if entry.component_id is None:
            extras[(entry.masterplan_id, entry.sub_area_id)] += 1
            extra_number = extras[(entry.masterplan_id, entry.sub_area_id)]
        result.append(item(by_id[entry.masterplan_id], entry, entry.pk, extra_number=extra_number))
    return result


READINESS = Dataset(
    "kesiapan", _("Analisis kesiapan: penilaian per komponen"),
    _("Isian tabel analisis kesiapan (Tabel II.2–II.10): nilai atau kondisi tiap komponen dan "
      "penilaiannya (baik, sedang, buruk)."),
    (
        REGION_CODE,
        Column("elemen_kesiapan", STRING, _("Elemen kesiapan."), attr("sub_area.element.code"),
               codes="elemen_kesiapan", filter=True),
        Column("tabel", STRING, _("Tabel kesiapan."), attr("sub_area.code"), codes="tabel_kesiapan",
               filter=True),
        Column("nomor_komponen", INTEGER, _("Nomor komponen dalam tabel Buku Panduan (kosong: "
                                            "komponen tambahan wilayah)."),
               attr("component.number")),
        Column("nomor_tambahan", INTEGER, _("Urutan komponen tambahan wilayah dalam tabel."),
               field("extra_number")),
        Column("komponen", STRING, _("Komponen."), lambda item, ctx: item.obj.label),
        Column("nilai_teks", STRING, _("Nilai atau kondisi (uraian)."), attr("value_text", "")),
        Column("nilai_angka", NUMBER, _("Nilai angka."), attr("value_number"),
               unit=_("lihat kolom satuan")),
        Column("satuan", STRING, _("Satuan nilai angka."), attr("value_unit", "")),
        Column("penilaian", STRING, _("Penilaian komponen (kosong: belum dinilai)."),
               attr("interpretation", ""), codes="penilaian", filter=True),
        Column("sumber_data", STRING, _("Sumber data."), attr("source", "")),
        Column("tahun_data", INTEGER, _("Tahun data."), attr("source_year"), unit=_("tahun")),
        Column("catatan", STRING, _("Catatan."), attr("note", "")),
    ),
    readiness_items, key=("tabel", "nomor_komponen", "nomor_tambahan"), order=6,
)


# --- kelembagaan -----------------------------------------------------------------------------

KIND_ORDER = {"dewan": 0, "tim": 1, "forum": 2}


def institution_items(masterplans, ctx):
    by_id = _masterplans_by_id(masterplans)
    found = (Institution.objects.filter(masterplan__in=masterplans).select_related("managing_opd")
             .order_by("masterplan_id", "pk"))
    rows = sorted(found, key=lambda row: (by_id[row.masterplan_id].region.code, row.masterplan_id,
                                          KIND_ORDER.get(row.kind, 9), row.pk))
    return [item(by_id[row.masterplan_id], row, row.pk) for row in rows]


INSTITUTIONS = Dataset(
    "kelembagaan", _("Kelembagaan smart city"),
    _("Dewan Smart City, Tim Pelaksana dan forum pendukung: dasar hukum, proses pemilihan dan "
      "OPD pengelolanya."),
    (
        REGION_CODE,
        Column("jenis", STRING, _("Jenis lembaga."), attr("kind"), codes="jenis_lembaga", filter=True),
        Column("nama", STRING, _("Nama lembaga."), attr("name", "")),
        Column("nomor_keputusan", STRING, _("Nomor keputusan pembentukan."), attr("decree_number", "")),
        Column("tanggal_keputusan", DATE, _("Tanggal keputusan pembentukan."), attr("decree_date")),
        Column("proses_pemilihan", STRING, _("Proses pemilihan anggota."),
               attr("selection_process", ""), codes="proses_pemilihan"),
        Column("opd_pengelola", STRING, _("OPD pengelola."), attr("managing_opd.name", "")),
    ),
    institution_items, key=("jenis", "nama"), order=7,
)


# --- regulasi --------------------------------------------------------------------------------

def regulation_items(masterplans, ctx):
    by_id = _masterplans_by_id(masterplans)
    found = Regulation.objects.filter(masterplan__in=masterplans).order_by("masterplan_id",
                                                                          "position", "pk")
    rows = sorted(found, key=lambda row: (by_id[row.masterplan_id].region.code, row.masterplan_id,
                                          row.position, row.pk))
    return [item(by_id[row.masterplan_id], row, row.pk) for row in rows]


REGULATIONS = Dataset(
    "regulasi", _("Regulasi pendukung smart city"),
    _("Regulasi yang disarankan Buku Panduan dan regulasi lain wilayah, dengan statusnya."),
    (
        REGION_CODE,
        Column("kode_regulasi", STRING, _("Kode butir regulasi Buku Panduan (kosong: regulasi "
                                          "tambahan wilayah)."), attr("code", "")),
        Column("judul", STRING, _("Regulasi."), attr("title")),
        Column("status", STRING, _("Status regulasi."), attr("status"), codes="status_regulasi",
               filter=True),
        Column("nomor", STRING, _("Nomor regulasi."), attr("number", "")),
        Column("tanggal", DATE, _("Tanggal regulasi."), attr("date")),
    ),
    regulation_items, key=("kode_regulasi", "judul"), order=8,
)


# --- aplikasi --------------------------------------------------------------------------------

def application_items(masterplans, ctx):
    by_id = _masterplans_by_id(masterplans)
    programs(masterplans, ctx)  # for the codes of integration programs
    found = (Application.objects.filter(masterplan__in=masterplans).select_related("owner_opd")
             .prefetch_related(Prefetch("exchanges_with", Application.objects.only("pk", "name")),
                               Prefetch("integration_programs", Program.objects.only("pk")))
             .order_by("masterplan_id", "function", "name"))
    rows = sorted(found, key=lambda row: (by_id[row.masterplan_id].region.code, row.masterplan_id,
                                          row.function, row.name))
    return [item(by_id[row.masterplan_id], row, row.pk) for row in rows]


def _integration_codes(item, ctx):
    codes = program_codes(ctx)
    found = [codes[program.pk] for program in item.obj.integration_programs.all()
             if program.pk in codes]
    return LIST_SEPARATOR.join(sorted(found, key=lambda code: int(code[1:])))


APPLICATIONS = Dataset(
    "aplikasi", _("Inventaris aplikasi e-Government"),
    _("Aplikasi pemerintahan yang dijalankan wilayah: fungsi, pemilik, interoperabilitas dan "
      "evaluasinya (analisis Smart e-Gov)."),
    (
        REGION_CODE,
        Column("nama_aplikasi", STRING, _("Nama aplikasi."), attr("name")),
        Column("opd_pemilik", STRING, _("OPD pemilik aplikasi."), attr("owner_opd.name", "")),
        Column("fungsi", STRING, _("Fungsi pemerintahan yang didukung."), attr("function"),
               codes="fungsi_pemerintahan", filter=True),
        Column("pengguna", STRING, _("Pengguna aplikasi."), attr("users", "")),
        Column("interoperabel", BOOLEAN, _("Aplikasi bertukar data dengan aplikasi lain."),
               attr("is_interoperable"), filter=True),
        Column("bertukar_data_dengan", STRING, _("Aplikasi mitra pertukaran data, dipisah “; ”."),
               lambda item, ctx: LIST_SEPARATOR.join(
                   sorted(other.name for other in item.obj.exchanges_with.all()))),
        Column("program_integrasi", STRING, _("Kode program integrasinya, dipisah “; ”."),
               _integration_codes),
        Column("berjalan_baik", STRING, _("Hal yang sudah berjalan dengan baik."), attr("works", "")),
        Column("belum_berjalan", STRING, _("Hal yang belum berjalan dengan baik."),
               attr("not_works", "")),
        Column("perlu_perbaikan", STRING, _("Hal yang perlu diperbaiki."), attr("improve", "")),
    ),
    application_items, key=("nama_aplikasi",), order=9,
)

DATASETS = {dataset.name: dataset for dataset in sorted(
    [MASTERPLAN, PROGRAM, KPI, MONITORING, FINANCING, READINESS, INSTITUTIONS, REGULATIONS,
     APPLICATIONS], key=lambda dataset: dataset.order)}
