"""The OPD, Program and Quick Win sheets of the masterplan workbook."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from masterplan.models import Region
from masterplan.workbook import importer
from masterplan.workbook.errors import WorkbookError
from roadmap.models import Opd, Partner, Program, QuickWin
from roadmap.workbook.programs import ProgramSheet
from swot.models import Strategy, SwotItem, Worksheet

from ..masterplan.workbook_helpers import edit, export_bytes, module_workbook_fixtures, row_of
from ..swot.strategic_helpers import make_sasaran
from ..swot.test_gap import make_row
from .program_helpers import make_opd, make_program

pytestmark = pytest.mark.django_db

COLUMNS = {column.name: number for number, column in enumerate(ProgramSheet.columns, start=2)}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def build_masterplan(world):
    masterplan = world.masterplans["own"]
    region = masterplan.region
    kominfo = make_opd(region)
    bappeda = make_opd(region, "Badan Perencanaan Pembangunan Daerah", "Bappeda")
    make_opd(region, "Dinas Perhubungan", "Dishub")
    sasaran = make_sasaran(masterplan)
    gap_row = make_row(masterplan)
    worksheet = Worksheet.objects.get(masterplan=masterplan, dimension__code="governance")
    strategy = Strategy.objects.create(worksheet=worksheet, quadrant="SO", text="Bangun portal")
    strategy.items.add(SwotItem.objects.create(worksheet=worksheet, factor="S", text="Pusat data"),
                       SwotItem.objects.create(worksheet=worksheet, factor="O", text="Dana pusat"))
    portal = make_program(masterplan, lead_opd=kominfo, is_quick_win=True,
                          description="=Portal satu pintu", monitoring_responsible="Bappeda")
    portal.supporting_opds.set([bappeda])
    portal.sasaran.set([sasaran])
    portal.gap_rows.set([gap_row])
    portal.strategies.set([strategy])
    Partner.objects.create(program=portal, kind="perguruan_tinggi", name="Institut Teknologi")
    Partner.objects.create(program=portal, kind="swasta", name="PT Telkom")
    QuickWin.objects.create(program=portal, why="Antrean panjang", status="berjalan")
    make_program(masterplan, "Pusat data kota", dimension="living", code="mobility",
                 category="infrastruktur", infrastructure_kind="noc", horizon="menengah",
                 start_year=masterplan.start_year, end_year=masterplan.start_year + 4,
                 start_quarter=2, end_quarter=3)
    return masterplan


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


def state(masterplan):
    programs = Program.objects.filter(masterplan=masterplan).order_by("pk")
    return (list(programs.values_list()),
            list(Program.supporting_opds.through.objects.filter(program__masterplan=masterplan)
                 .order_by("pk").values_list("program_id", "opd_id")),
            list(Partner.objects.filter(program__masterplan=masterplan).order_by("pk").values_list()),
            list(QuickWin.objects.filter(program__masterplan=masterplan).order_by("pk").values_list()),
            list(Opd.objects.filter(region=masterplan.region).order_by("pk").values_list()))


def sheet(content, title):
    return load_workbook(io.BytesIO(content))[title]


def messages(masterplan, content):
    with pytest.raises(WorkbookError) as refused:
        importer.preview(masterplan, content)
    return refused.value.messages()


def test_program_sheet_is_laid_out_with_codes_and_citations(exported, masterplan):
    ws = sheet(exported, "Program")
    assert ws["B1"].value == f"Program Smart City {masterplan.start_year}–{masterplan.end_year}"
    line = row_of(ws, f"p{masterplan.programs.get(name='Portal layanan terpadu').pk}")
    values = {name: ws.cell(row=line, column=column).value for name, column in COLUMNS.items()}
    assert values["code"] == "P1"
    assert values["element"] == "Governance a. Pelayanan Publik (Public Service)"
    assert values["lead_opd"] == "Dinas Komunikasi dan Informatika"
    assert values["supporting_opds"] == "Badan Perencanaan Pembangunan Daerah"
    assert values["partners"] == "Perguruan tinggi: Institut Teknologi\nSwasta: PT Telkom"
    assert (values["sasaran"], values["strategies"], values["gap_rows"]) == (
        "Governance 1", "Governance SO1", "1")
    assert values["is_quick_win"] == "ya" and values["category"] == "Aplikasi dan perangkat lunak"
    assert ws.cell(row=line, column=COLUMNS["description"]).data_type == "s"  # "=..." stays text
    other = row_of(ws, f"p{masterplan.programs.get(name='Pusat data kota').pk}")
    assert ws.cell(row=other, column=COLUMNS["code"]).value == "P2"
    assert ws.cell(row=other, column=COLUMNS["infrastructure_kind"]).value == "NOC / pusat data"
    quick_wins = sheet(export_bytes(masterplan), "Quick Win")
    assert [cell.value for cell in quick_wins[3]][1:4] == ["P1", "Portal layanan terpadu",
                                                           "Antrean panjang"]
    assert quick_wins.max_row == 3  # only the flagged program
    opds = sheet(export_bytes(masterplan), "OPD")
    assert [opds.cell(row=line, column=3).value for line in range(3, 6)] == [
        "Bappeda", "Diskominfo", "Dishub"]


def test_round_trip_reports_no_change_and_applying_it_changes_nothing(exported, masterplan, world):
    content = exported
    diff = importer.preview(masterplan, content)
    assert diff.is_empty, [(s.sheet.title, c.key, c.fields) for s in diff.sheets for c in s.changes]
    before = state(masterplan)
    importer.apply(masterplan, content, world.user("ketua"), diff.digest)
    assert state(masterplan) == before


def test_new_program_with_new_opd_partner_citations_and_quick_win(exported, masterplan, world):
    def change(workbook):
        opds = workbook["OPD"]
        opds.cell(row=6, column=2, value="Dinas Kesehatan")
        opds.cell(row=6, column=3, value="Dinkes")
        ws = workbook["Program"]
        values = {"code": "P9", "name": "Telemedisin puskesmas", "element": "Living b",
                  "category": "Aplikasi", "horizon": "pendek", "start_year": masterplan.start_year,
                  "end_year": masterplan.start_year + 1, "start_quarter": "II",
                  "is_quick_win": "✓", "lead_opd": "dinkes", "supporting_opds": "Diskominfo; Bappeda",
                  "partners": "Komunitas: Relawan TIK", "sasaran": "Governance 1",
                  "strategies": "Governance SO1", "gap_rows": "1"}
        for name, value in values.items():
            ws.cell(row=5, column=COLUMNS[name], value=value)
        quick_wins = workbook["Quick Win"]
        for column, value in ((2, "P9"), (4, "Puskesmas jauh"), (11, "Rencana")):
            quick_wins.cell(row=4, column=column, value=value)

    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    assert [(s.sheet.title, s.added, s.changed, s.removed) for s in diff.changed_sheets] == [
        ("OPD", 1, 0, 0), ("Program", 1, 0, 0), ("Quick Win", 1, 0, 0)]
    importer.apply(masterplan, content, world.user("anggota"), diff.digest)
    program = masterplan.programs.get(name="Telemedisin puskesmas")
    assert (program.element.code, program.start_quarter, program.end_quarter) == ("health", 2, 4)
    assert program.lead_opd.short_name == "Dinkes"
    assert program.lead_opd.region == masterplan.region
    assert sorted(opd.short_name for opd in program.supporting_opds.all()) == ["Bappeda", "Diskominfo"]
    assert [(p.kind, p.name) for p in program.partners.all()] == [("komunitas", "Relawan TIK")]
    assert program.sasaran.count() == program.strategies.count() == program.gap_rows.count() == 1
    assert (program.quick_win.why, program.quick_win.status) == ("Puskesmas jauh", "rencana")
    assert program.updated_by == world.user("anggota")
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_changes_bump_versions_and_a_removed_program_goes(exported, masterplan, world):
    portal = masterplan.programs.get(name="Portal layanan terpadu")
    data_center = masterplan.programs.get(name="Pusat data kota")

    def change(workbook):
        ws = workbook["Program"]
        line = row_of(ws, f"p{portal.pk}")
        ws.cell(row=line, column=COLUMNS["end_year"], value=masterplan.start_year + 2)
        ws.cell(row=line, column=COLUMNS["supporting_opds"], value="Dishub")
        ws.cell(row=line, column=COLUMNS["partners"]).value = None
        ws.delete_rows(row_of(ws, f"p{data_center.pk}"))

    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    program_diff = next(s for s in diff.sheets if s.sheet.title == "Program")
    assert (program_diff.changed, program_diff.removed) == (1, 1)
    changed = next(c for c in program_diff.changes if c.kind == "changed")
    assert {f.label for f in changed.fields} == {"Tahun selesai", "OPD pendukung", "Mitra"}
    importer.apply(masterplan, content, world.user("ketua"), diff.digest)
    portal.refresh_from_db()
    assert portal.version == 2 and portal.end_year == masterplan.start_year + 2
    assert [opd.short_name for opd in portal.supporting_opds.all()] == ["Dishub"]
    assert not portal.partners.exists()
    assert not Program.objects.filter(pk=data_center.pk).exists()
    record = portal.history.first()  # the changes page sees what the import changed
    assert (record.history_type, record.end_year, record.history_user) == (
        "~", masterplan.start_year + 2, world.user("ketua"))


def test_removing_a_quick_win_row_empties_its_answers(exported, masterplan, world):
    content = edit(exported, lambda workbook: workbook["Quick Win"].delete_rows(3))
    diff = importer.preview(masterplan, content)
    importer.apply(masterplan, content, world.user("ketua"), diff.digest)
    quick_win = QuickWin.objects.get(program__name="Portal layanan terpadu")
    assert (quick_win.why, quick_win.version) == ("", 2)


BAD_PROGRAM_CELLS = [
    ({"end_year": 2026 - 1}, "Tahun selesai"),
    ({"start_year": 2040}, "di luar periode masterplan"),
    ({"element": "Governance z"}, "Lembar “Program”, baris 3, kolom Dimensi/Elemen: “Governance z” "
                                  "tidak dikenal"),
    ({"lead_opd": "Dinas Pariwisata Kabupaten Banyuwangi"}, "tidak ada di daftar OPD"),
    ({"category": "Infrastruktur pendukung"}, "Pilih jenis infrastruktur"),
    ({"partners": "Institut Teknologi"}, "mitra “Institut Teknologi” tidak dapat dibaca"),
    ({"sasaran": "Economy 4"}, "sasaran “Economy 4” tidak ada di lembar Sasaran"),
    ({"strategies": "Governance WT9"}, "strategi “Governance WT9” tidak ditemukan"),
    ({"gap_rows": "7"}, "baris kesenjangan “7” tidak ada"),
    ({"start_quarter": "5"}, "Triwulan mulai: triwulan harus 1, 2, 3 atau 4"),
    ({"is_quick_win": None}, "program P1 tidak ditandai Quick win"),
    ({"supporting_opds": "Diskominfo"}, "sudah menjadi OPD pelaksana utama"),
    ({"name": None}, "kolom Nama program: wajib diisi"),
    ({"start_year": "=2026"}, "berisi rumus"),
    ({"code": "P2"}, "kode P2 dipakai dua kali"),
]


@pytest.mark.parametrize("cells, expected", BAD_PROGRAM_CELLS)
def test_bad_program_cells_are_refused_with_a_message_and_nothing_saved(exported, masterplan, world,
                                                                         cells, expected):
    make_opd(world.masterplans["other"].region, "Dinas Pariwisata Kabupaten Banyuwangi", "Dispar")
    portal = masterplan.programs.get(name="Portal layanan terpadu")
    before = state(masterplan)

    def change(workbook):
        ws = workbook["Program"]
        line = row_of(ws, f"p{portal.pk}")
        for name, value in cells.items():
            ws.cell(row=line, column=COLUMNS[name]).value = value

    found = messages(masterplan, edit(exported, change))
    assert any(expected.casefold() in message.casefold() for message in found), found
    assert state(masterplan) == before


def test_quick_win_rows_must_cite_a_flagged_program_once(exported, masterplan):
    def change(workbook):
        ws = workbook["Quick Win"]
        ws.cell(row=4, column=2, value="P2")
        ws.cell(row=5, column=2, value="P7")
        ws.cell(row=6, column=2, value="P1")
        ws.cell(row=6, column=4, value="Lagi")

    found = messages(masterplan, edit(exported, change))
    assert any("baris 4, kolom Kode program: program P2 tidak ditandai Quick win" in m for m in found)
    assert any("baris 5, kolom Kode program: kode program “P7” tidak ada" in m for m in found)
    assert any("baris 6, kolom Kode program: baris ganda" in m for m in found)


def test_opd_sheet_refuses_duplicates_and_removing_a_cited_opd(exported, masterplan):
    def duplicate(workbook):
        workbook["OPD"].cell(row=6, column=2, value=" dinas  perhubungan ")

    found = messages(masterplan, edit(exported, duplicate))
    assert any("“dinas perhubungan” sudah ada" in m for m in found), found

    def remove_cited(workbook):
        workbook["OPD"].delete_rows(4)  # Diskominfo, lead OPD of the portal

    found = messages(masterplan, edit(export_bytes(masterplan), remove_cited))
    assert any("Lembar “Program”" in m and "“Dinas Komunikasi dan Informatika” tidak ada di daftar OPD"
               in m for m in found), found


def test_opd_used_by_another_masterplan_of_the_region_cannot_be_removed(masterplan, world):
    older = masterplan.region.masterplans.create(
        title="Masterplan lama", start_year=2018, period_years=5, edition=masterplan.edition,
        is_current=False)
    dishub = Opd.objects.get(region=masterplan.region, short_name="Dishub")
    make_program(older, "Program lama", lead_opd=dishub, start_year=2018, end_year=2018)
    content = edit(export_bytes(masterplan), lambda workbook: workbook["OPD"].delete_rows(5))
    assert any("masih dipakai oleh Masterplan lama" in m for m in messages(masterplan, content))


def test_export_queries_do_not_grow_with_programs(masterplan, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        export_bytes(masterplan)
    for index in range(12):
        program = make_program(masterplan, f"Program {index}", is_quick_win=index % 2 == 0,
                               lead_opd=Opd.objects.filter(region=masterplan.region).first())
        program.supporting_opds.set(Opd.objects.filter(region=masterplan.region))
    with django_assert_max_num_queries(len(few)):
        export_bytes(masterplan)


def test_the_demo_workbook_round_trips(world):
    call_command("seed_demo")
    bandung = Region.objects.get(code="32.73").masterplans.get(is_current=True)
    content = export_bytes(bandung)
    diff = importer.preview(bandung, content)
    assert diff.is_empty, [(s.sheet.title, c.key, c.fields) for s in diff.sheets for c in s.changes][:5]
    assert len(sheet(content, "Program")["A"]) - 2 == bandung.programs.count()
