"""The workbook's "Lembaga", "Anggota Lembaga" and "Regulasi" sheets: layout, round trip, preview,
apply, dates, the pages' rules and every refused input."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from masterplan.workbook import importer
from masterplan.workbook.errors import WorkbookError
from masterplan.workbook.export import export_current
from roadmap.models import Institution, InstitutionMember, Opd, Regulation
from roadmap.regulations import replace_document

from ..masterplan.workbook_helpers import db_state, edit, export_bytes, row_of
from .institution_helpers import council, guide_regulation, make_opd, media_files, pdf_upload, team

pytestmark = pytest.mark.django_db
D = datetime.date

BODIES, MEMBERS, REGULATIONS = "Lembaga", "Anggota Lembaga", "Regulasi"
# Columns (A is the hidden key).
CODE, KIND, NAME, NUMBER, DATE, SELECTION, MANAGING_OPD, CONTACT = range(2, 10)
BODY, MEMBER, ROLE, UNSUR, OPD, POSITION, ESELON = range(2, 9)
TITLE, STATUS, REG_NUMBER, REG_DATE, DOCUMENT = range(2, 7)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def masterplan(world):
    masterplan = world.masterplans["own"]
    kominfo = make_opd(world.own, "Diskominfo", "Dinas Komunikasi dan Informatika")
    bappeda = make_opd(world.own, "Bappeda", "Badan Perencanaan Pembangunan Daerah")
    dewan, tim = council(masterplan), team(masterplan)
    Institution.objects.filter(pk=dewan.pk).update(
        decree_number="100/Kep.1-Diskominfo/2025", decree_date=D(2025, 3, 1),
        selection_process="terbuka")
    Institution.objects.filter(pk=tim.pk).update(decree_number="=045/2025",
                                                 decree_date=D(2025, 6, 30))
    for position, (name, role, unsur) in enumerate([
            ("Wali Kota", "ketua", "pemerintah_daerah"),
            ("Kepala Diskominfo", "sekretaris", "pemerintah_daerah"),
            ("Guru Besar ITB", "anggota", "akademisi")]):
        InstitutionMember.objects.create(institution=dewan, name=name, role=role, unsur=unsur,
                                         position=position)
    InstitutionMember.objects.create(institution=tim, name="Sekda", role="ketua", opd=bappeda,
                                     position_title="Sekretaris Daerah", eselon="II.a")
    InstitutionMember.objects.create(institution=tim, name="Kabid Aptika", opd=kominfo,
                                     position_title="Kepala Bidang", eselon="III.a", position=1)
    forum = Institution.objects.create(masterplan=masterplan, kind="forum",
                                       name="Komunitas Bandung Smart", managing_opd=kominfo,
                                       contact="@bandungsmart")
    InstitutionMember.objects.create(institution=forum, name="Rina", position_title="Relawan")
    perda = guide_regulation(masterplan)
    Regulation.objects.filter(pk=perda.pk).update(status="ditetapkan", number="Perda 5/2024",
                                                  date=D(2024, 12, 31))
    replace_document(guide_regulation(masterplan), pdf_upload("perda.pdf"), None)
    Regulation.objects.create(masterplan=masterplan, title="Perwal tentang SPBE", status="draf",
                              position=10)
    return masterplan


def state(masterplan):
    """The bodies, members and regulations with their versions, plus the rest of the masterplan."""
    return (list(Institution.objects.filter(masterplan=masterplan).order_by("pk").values_list()),
            list(InstitutionMember.objects.filter(institution__masterplan=masterplan)
                 .order_by("pk").values_list()),
            list(Regulation.objects.filter(masterplan=masterplan).order_by("pk").values_list()),
            list(Opd.objects.order_by("pk").values_list()), db_state(masterplan))


def forum(masterplan, name="Komunitas Bandung Smart"):
    return Institution.objects.get(masterplan=masterplan, kind="forum", name=name)


def member(name):
    return InstitutionMember.objects.get(name=name)


def own_regulation(masterplan):
    return Regulation.objects.get(masterplan=masterplan, title="Perwal tentang SPBE")


def sheet_rows(content, title):
    ws = load_workbook(io.BytesIO(content))[title]
    return [[cell.value for cell in row] for row in ws.iter_rows(min_row=3)]


def put_row(ws, values, line=None):
    line = line or ws.max_row + 1
    for column, value in values.items():
        ws.cell(row=line, column=column).value = value
    return line


def edited(masterplan, *edits):
    """The export with `edits` [(sheet, line or key or None for a new row, {column: value})]."""
    def change(workbook):
        for title, where, values in edits:
            ws = workbook[title]
            line = row_of(ws, where) if isinstance(where, str) else where
            put_row(ws, values, line)
    return edit(export_bytes(masterplan), change)


def apply_file(masterplan, content, user=None):
    diff = importer.preview(masterplan, content)
    importer.apply(masterplan, content, user, diff.digest)
    return diff


def refused(masterplan, content):
    before = state(masterplan)
    with pytest.raises(WorkbookError) as refusal:
        importer.apply(masterplan, content, None, "digest")
    assert state(masterplan) == before
    return refusal.value.messages("id")


def changes_of(diff, title):
    return {change.label: change for sheet in diff.sheets if sheet.sheet.title == title
            for change in sheet.changes}


# --- export ------------------------------------------------------------------------------------

def test_export_layout(masterplan):
    content = export_bytes(masterplan)
    workbook = load_workbook(io.BytesIO(content))
    titles = workbook.sheetnames
    assert titles.index("Aplikasi e-Gov") < titles.index(BODIES) < titles.index(MEMBERS) \
        < titles.index(REGULATIONS) == len(titles) - 1
    dewan, tim, komunitas = council(masterplan), team(masterplan), forum(masterplan)
    assert [cell.value for cell in workbook[BODIES][2]] == [
        "Kunci", "Kode", "Jenis", "Nama", "Nomor keputusan", "Tanggal keputusan",
        "Proses pemilihan", "OPD pengelola", "Kontak"]
    assert sheet_rows(content, BODIES) == [
        [f"i{dewan.pk}", "DEWAN", "Dewan Smart City Daerah", None, "100/Kep.1-Diskominfo/2025",
         datetime.datetime(2025, 3, 1), "Seleksi terbuka", None, None],
        [f"i{tim.pk}", "TIM", "Tim Pelaksana Smart City Daerah", None, "=045/2025",
         datetime.datetime(2025, 6, 30), None, None, None],
        [f"i{komunitas.pk}", "F1", "Forum pendukung smart city", "Komunitas Bandung Smart", None,
         None, None, "Dinas Komunikasi dan Informatika", "@bandungsmart"],
    ]
    assert workbook[BODIES]["F3"].number_format == "DD-MM-YYYY"
    assert [cell.value for cell in workbook[MEMBERS][2]] == [
        "Kunci", "Lembaga", "Nama", "Peran", "Unsur", "OPD", "Jabatan", "Eselon"]
    assert [row[1:] for row in sheet_rows(content, MEMBERS)] == [
        ["DEWAN", "Wali Kota", "Ketua", "Pemerintah daerah", None, None, None],
        ["DEWAN", "Kepala Diskominfo", "Sekretaris", "Pemerintah daerah", None, None, None],
        ["DEWAN", "Guru Besar ITB", "Anggota", "Akademisi/pakar", None, None, None],
        ["TIM", "Sekda", "Ketua", None, "Badan Perencanaan Pembangunan Daerah",
         "Sekretaris Daerah", "II.a"],
        ["TIM", "Kabid Aptika", "Anggota", None, "Dinas Komunikasi dan Informatika",
         "Kepala Bidang", "III.a"],
        ["F1", "Rina", "Anggota", None, None, "Relawan", None],
    ]
    regulations = sheet_rows(content, REGULATIONS)
    assert [cell.value for cell in workbook[REGULATIONS][2]] == [
        "Kunci", "Regulasi", "Status", "Nomor", "Tanggal", "Dokumen (PDF)"]
    perda = guide_regulation(masterplan)
    assert regulations[0] == [f"g{perda.pk}", perda.title, "Ditetapkan", "Perda 5/2024",
                              datetime.datetime(2024, 12, 31), "Ada: perda.pdf"]
    assert regulations[-1][1:] == ["Perwal tentang SPBE", "Draf", None, None, "Belum ada"]
    assert len(regulations) == 5


def test_round_trip_reports_no_change_and_saves_nothing(masterplan):
    content = export_bytes(masterplan)
    diff = importer.preview(masterplan, content)
    assert diff.is_empty, [(s.sheet.title, c.key, c.fields) for s in diff.sheets for c in s.changes]
    before = state(masterplan)
    importer.apply(masterplan, content, None, diff.digest)
    assert state(masterplan) == before


def test_export_queries_do_not_grow_with_bodies_members_and_regulations(
        masterplan, world, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as before:
        export_current(world.own)
    opd = Opd.objects.filter(region=world.own).first()
    for n in range(5):
        body = Institution.objects.create(masterplan=masterplan, kind="forum", name=f"Forum {n}",
                                          managing_opd=opd)
        InstitutionMember.objects.bulk_create([
            InstitutionMember(institution=body, name=f"Anggota {n}.{m}", opd=opd, position=m)
            for m in range(4)])
    Regulation.objects.bulk_create([
        Regulation(masterplan=masterplan, title=f"Regulasi {n}", date=D(2024, 1, 1), position=20 + n)
        for n in range(6)])
    with django_assert_max_num_queries(len(before)):
        content = export_current(world.own).content
    assert len(sheet_rows(content, MEMBERS)) == 6 + 20


# --- preview and apply -------------------------------------------------------------------------

def test_preview_lists_added_changed_and_removed_rows(masterplan):
    def change(workbook):
        bodies = workbook[BODIES]
        bodies.cell(row=3, column=NUMBER).value = "101/Kep/2025"
        put_row(bodies, {CODE: "F2", NAME: "Forum Kampung Digital", MANAGING_OPD: "Bappeda"})
        members = workbook[MEMBERS]
        members.delete_rows(row_of(members, f"m{member('Kabid Aptika').pk}"))
        put_row(members, {BODY: "f2", MEMBER: "Asep", POSITION: "Ketua RW"})
        put_row(workbook[REGULATIONS], {TITLE: "Perwal tentang satu data", STATUS: "dibahas DPRD"})
    diff = importer.preview(masterplan, edit(export_bytes(masterplan), change))
    assert [sheet.sheet.title for sheet in diff.changed_sheets] == [BODIES, MEMBERS, REGULATIONS]
    bodies = changes_of(diff, BODIES)
    assert [(f.label, f.old_display, f.new_display) for f in
            bodies["Dewan Smart City Daerah"].fields] == [
        ("Nomor keputusan", "100/Kep.1-Diskominfo/2025", "101/Kep/2025")]
    assert bodies["Forum Kampung Digital"].kind == importer.ADDED
    assert [(f.label, f.new_display) for f in bodies["Forum Kampung Digital"].fields] == [
        ("Jenis", "Forum pendukung smart city"), ("Nama", "Forum Kampung Digital"),
        ("OPD pengelola", "Badan Perencanaan Pembangunan Daerah")]
    members = changes_of(diff, MEMBERS)
    assert {name: change.kind for name, change in members.items()} == {
        "Kabid Aptika": importer.REMOVED, "Asep": importer.ADDED}
    assert [(f.label, f.new_display) for f in members["Asep"].fields] == [
        ("Lembaga", "Forum Kampung Digital"), ("Nama", "Asep"), ("Peran", "Anggota"),
        ("Jabatan", "Ketua RW")]
    regulation = changes_of(diff, REGULATIONS)["Perwal tentang satu data"]
    assert [(f.label, f.new_display) for f in regulation.fields] == [
        ("Regulasi", "Perwal tentang satu data"), ("Status", "Dibahas DPRD")]


def test_preview_shows_changed_dates_as_the_clock_writes_them(masterplan):
    dewan = council(masterplan)
    content = edited(masterplan, (BODIES, f"i{dewan.pk}", {DATE: "31-12-2024"}),
                     (REGULATIONS, None, {TITLE: "Perwal satu data", REG_DATE: D(2025, 2, 3)}))
    diff = importer.preview(masterplan, content)
    [field] = changes_of(diff, BODIES)["Dewan Smart City Daerah"].fields
    assert (field.label, field.old_display, field.new_display) == (
        "Tanggal keputusan", "1 Maret 2025", "31 Desember 2024")
    added = changes_of(diff, REGULATIONS)["Perwal satu data"].fields
    assert ("Tanggal", "3 Februari 2025") in [(f.label, f.new_display) for f in added]


def test_apply_saves_the_changes_and_bumps_versions(masterplan, world):
    anggota = world.user("anggota")
    dewan, tim, komunitas = council(masterplan), team(masterplan), forum(masterplan)
    perda, perwal = guide_regulation(masterplan), own_regulation(masterplan)
    dewan_version, perwal_version = dewan.version, perwal.version
    content = edited(
        masterplan,
        (BODIES, f"i{dewan.pk}", {NUMBER: "101/Kep/2025", DATE: "31-12-2024",
                                  SELECTION: "langsung"}),
        (BODIES, None, {CODE: "f 2", NAME: "Forum Kampung Digital", CONTACT: "0812"}),
        (MEMBERS, f"m{member('Kabid Aptika').pk}", {ROLE: None, ESELON: "III.b"}),
        (MEMBERS, None, {BODY: "F2", MEMBER: "Asep", POSITION: "Ketua RW"}),
        (MEMBERS, None, {BODY: "TIM", MEMBER: "Dewi", OPD: "bappeda", ROLE: "anggota"}),
        (REGULATIONS, f"g{perwal.pk}", {STATUS: "Ditetapkan", REG_NUMBER: "Perwal 7/2025",
                                        REG_DATE: D(2025, 2, 3)}),
        (REGULATIONS, None, {TITLE: "Perwal tentang satu data"}),
    )
    apply_file(masterplan, content, anggota)
    dewan.refresh_from_db()
    assert (dewan.decree_number, dewan.decree_date, dewan.selection_process) == (
        "101/Kep/2025", D(2024, 12, 31), "langsung")
    assert (dewan.version, dewan.updated_by) == (dewan_version + 1, anggota)
    new_forum = forum(masterplan, "Forum Kampung Digital")
    assert (new_forum.contact, new_forum.updated_by) == ("0812", anggota)
    assert [(m.name, m.position_title) for m in new_forum.members.all()] == [("Asep", "Ketua RW")]
    # The Tim's members changed: its version is bumped once; the new member goes to the end.
    tim_now = team(masterplan)
    assert (tim_now.version, tim_now.updated_by) == (tim.version + 1, anggota)
    assert [(m.name, m.role, m.eselon, m.position, m.opd.short_name)
            for m in tim_now.members.order_by("position")] == [
        ("Sekda", "ketua", "II.a", 0, "Bappeda"), ("Kabid Aptika", "anggota", "III.b", 1,
                                                   "Diskominfo"),
        ("Dewi", "anggota", "", 2, "Bappeda")]
    assert forum(masterplan).version == komunitas.version
    perwal.refresh_from_db()
    assert (perwal.status, perwal.number, perwal.date, perwal.version) == (
        "ditetapkan", "Perwal 7/2025", D(2025, 2, 3), perwal_version + 1)
    assert Regulation.objects.get(pk=perda.pk).version == perda.version
    added = Regulation.objects.get(masterplan=masterplan, title="Perwal tentang satu data")
    assert (added.code, added.status, added.position) == ("", "belum_ada", 11)
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_removing_a_forum_removes_its_members(masterplan):
    komunitas = forum(masterplan)

    def change(workbook):
        workbook[BODIES].delete_rows(row_of(workbook[BODIES], f"i{komunitas.pk}"))
        workbook[MEMBERS].delete_rows(row_of(workbook[MEMBERS], f"m{member('Rina').pk}"))
    apply_file(masterplan, edit(export_bytes(masterplan), change))
    assert not Institution.objects.filter(pk=komunitas.pk).exists()
    assert not InstitutionMember.objects.filter(name="Rina").exists()


def test_a_member_moves_to_another_body_and_both_versions_are_bumped(masterplan):
    komunitas = forum(masterplan)
    content = edited(masterplan, (BODIES, None, {CODE: "F2", NAME: "Forum Kampung Digital"}),
                     (MEMBERS, f"m{member('Rina').pk}", {BODY: "F2"}),
                     (BODIES, f"i{komunitas.pk}", {CONTACT: "@bandungsmart (baru)"}))
    apply_file(masterplan, content)
    rina = member("Rina")
    assert (rina.institution.name, rina.position) == ("Forum Kampung Digital", 0)
    # The old forum's row and its members changed: one version step.
    assert forum(masterplan).version == komunitas.version + 1
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_removing_a_regulation_deletes_its_document_once_committed(
        masterplan, private_media, django_capture_on_commit_callbacks):
    perwal = own_regulation(masterplan)
    replace_document(perwal, pdf_upload("perwal.pdf"), None)
    assert len(media_files(private_media)) == 2

    def change(workbook):
        workbook[REGULATIONS].delete_rows(row_of(workbook[REGULATIONS], f"g{perwal.pk}"))
    with django_capture_on_commit_callbacks(execute=True):
        apply_file(masterplan, edit(export_bytes(masterplan), change))
    assert not Regulation.objects.filter(pk=perwal.pk).exists()
    assert [name.rsplit("/", 1)[-1] for name in media_files(private_media)] == ["perda.pdf"]


def test_dates_are_read_from_excel_dates_and_text(masterplan):
    tim, perwal = team(masterplan), own_regulation(masterplan)
    for typed, expected in ((datetime.datetime(2024, 5, 6), D(2024, 5, 6)),
                            ("2024-05-07", D(2024, 5, 7)), ("8/5/2024", D(2024, 5, 8)),
                            (45421, D(2024, 5, 9))):
        apply_file(masterplan, edited(masterplan, (BODIES, f"i{tim.pk}", {DATE: typed}),
                                      (REGULATIONS, f"g{perwal.pk}", {REG_DATE: typed})))
        assert team(masterplan).decree_date == expected
        assert own_regulation(masterplan).date == expected


# --- refused input ------------------------------------------------------------------------------

def test_bad_dates_are_refused(masterplan):
    tim, perwal = team(masterplan), own_regulation(masterplan)
    content = edited(masterplan, (BODIES, f"i{tim.pk}", {DATE: "31-02-2024"}),
                     (REGULATIONS, f"g{perwal.pk}", {REG_DATE: "kemarin"}))
    assert refused(masterplan, content) == [
        "Lembar “Lembaga”, baris 4, kolom Tanggal keputusan: bukan tanggal; tulis tanggal Excel "
        "atau teks seperti 31-12-2025 atau 2025-12-31.",
        "Lembar “Regulasi”, baris 7, kolom Tanggal: bukan tanggal; tulis tanggal Excel atau teks "
        "seperti 31-12-2025 atau 2025-12-31."]
    content = edited(masterplan, (BODIES, f"i{tim.pk}", {DATE: "01-01-1900"}))
    assert refused(masterplan, content) == [
        "Lembar “Lembaga”, baris 4, kolom Tanggal keputusan: tahun harus antara 1945 dan 2100."]


def test_the_institution_forms_rules_apply(masterplan):
    dewan, tim = council(masterplan), team(masterplan)
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    content = edited(masterplan, (BODIES, f"i{dewan.pk}", {NUMBER: None}),
                     (BODIES, f"i{tim.pk}", {DATE: tomorrow}),
                     (BODIES, None, {CODE: "F2", CONTACT: "0812"}))
    assert refused(masterplan, content) == [
        "Lembar “Lembaga”, baris 3, kolom Nomor keputusan: isi nomor keputusan bersama "
        "tanggalnya.",
        "Lembar “Lembaga”, baris 4, kolom Tanggal keputusan: tanggal keputusan tidak boleh di "
        "masa depan.",
        "Lembar “Lembaga”, baris 6, kolom Nama: tuliskan nama forum."]


def test_the_dewan_and_the_tim_cannot_be_removed_added_or_changed_in_kind(masterplan):
    dewan, tim = council(masterplan), team(masterplan)

    def change(workbook):
        bodies, members = workbook[BODIES], workbook[MEMBERS]
        put_row(bodies, {KIND: "Forum"}, row_of(bodies, f"i{dewan.pk}"))
        bodies.delete_rows(row_of(bodies, f"i{tim.pk}"))  # with its members' rows
        for name in ("Sekda", "Kabid Aptika"):
            members.delete_rows(row_of(members, f"m{member(name).pk}"))
        put_row(bodies, {CODE: "F2", KIND: "tim", NAME: "Tim kedua", CONTACT: "x"})
    assert refused(masterplan, edit(export_bytes(masterplan), change)) == [
        "Lembar “Lembaga”, baris 3, kolom Jenis: jenis lembaga tidak dapat diubah (tetap Dewan "
        "Smart City Daerah).",
        "Lembar “Lembaga”, baris 5, kolom Jenis: Tim Pelaksana Smart City Daerah sudah ada dan "
        "hanya satu; baris baru hanya untuk forum.",
        "Lembar “Lembaga”: baris Tim Pelaksana Smart City Daerah tidak ada; Dewan Smart City dan "
        "Tim Pelaksana tidak dapat dihapus, kosongkan isiannya saja."]


def test_a_forum_code_is_f_and_a_number(masterplan):
    komunitas = forum(masterplan)
    content = edited(masterplan, (BODIES, f"i{komunitas.pk}", {CODE: "DEWAN"}),
                     (MEMBERS, f"m{member('Rina').pk}", {BODY: "DEWAN", UNSUR: "masyarakat"}))
    assert refused(masterplan, content) == [
        "Lembar “Lembaga”, baris 5, kolom Kode: kode “DEWAN” tidak sah; tulis huruf F dan nomor, "
        "mis. F3."]


def test_codes_must_be_unique_and_fit_the_row(masterplan):
    tim = team(masterplan)
    content = edited(masterplan, (BODIES, f"i{tim.pk}", {CODE: "TPSC"}),
                     (BODIES, None, {CODE: "F1", NAME: "Forum kedua", CONTACT: "x"}))
    assert refused(masterplan, content) == [
        "Lembar “Lembaga”, baris 4, kolom Kode: kode baris Tim Pelaksana Smart City Daerah "
        "harus TIM.",
        "Lembar “Lembaga”, baris 6, kolom Kode: kode F1 dipakai dua kali (juga baris 5)."]


def test_columns_the_page_does_not_edit_for_a_kind_are_refused(masterplan):
    dewan, komunitas = council(masterplan), forum(masterplan)
    content = edited(masterplan, (BODIES, f"i{dewan.pk}", {NAME: "Dewan Kota", CONTACT: "x"}),
                     (BODIES, f"i{komunitas.pk}", {NUMBER: "9/2025"}),
                     (MEMBERS, f"m{member('Rina').pk}", {ROLE: "Ketua", UNSUR: "industri"}))
    assert refused(masterplan, content) == [
        "Lembar “Lembaga”, baris 3, kolom Nama: kolom ini tidak diisi untuk Dewan Smart City "
        "Daerah; kosongkan.",
        "Lembar “Lembaga”, baris 3, kolom Kontak: kolom ini tidak diisi untuk Dewan Smart City "
        "Daerah; kosongkan.",
        "Lembar “Lembaga”, baris 5, kolom Nomor keputusan: kolom ini tidak diisi untuk Forum "
        "pendukung smart city; kosongkan.",
        "Lembar “Anggota Lembaga”, baris 8, kolom Peran: kolom ini tidak diisi untuk Forum "
        "pendukung smart city; kosongkan.",
        "Lembar “Anggota Lembaga”, baris 8, kolom Unsur: kolom ini tidak diisi untuk Forum "
        "pendukung smart city; kosongkan."]


def test_a_member_citing_an_unknown_body_is_refused(masterplan):
    komunitas = forum(masterplan)

    def change(workbook):
        put_row(workbook[MEMBERS], {BODY: "F9", MEMBER: "Budi"})
        put_row(workbook[MEMBERS], {MEMBER: "Tanpa lembaga"})
        # The forum's row is removed but its member still cites F1.
        workbook[BODIES].delete_rows(row_of(workbook[BODIES], f"i{komunitas.pk}"))
    assert refused(masterplan, edit(export_bytes(masterplan), change)) == [
        "Lembar “Anggota Lembaga”, baris 8, kolom Lembaga: kode lembaga “F1” tidak ada di lembar "
        "Lembaga; tulis kode dari kolom Kode lembar itu (mis. DEWAN, TIM, F1).",
        "Lembar “Anggota Lembaga”, baris 9, kolom Lembaga: kode lembaga “F9” tidak ada di lembar "
        "Lembaga; tulis kode dari kolom Kode lembar itu (mis. DEWAN, TIM, F1).",
        "Lembar “Anggota Lembaga”, baris 10, kolom Lembaga: wajib diisi."]


def test_the_member_grids_rules_apply(masterplan):
    def change(workbook):
        members = workbook[MEMBERS]
        put_row(members, {ROLE: "ketua"}, row_of(members, f"m{member('Guru Besar ITB').pk}"))
        put_row(members, {BODY: "DEWAN", MEMBER: "Ketua KADIN"})  # no unsur
        put_row(members, {BODY: "TIM", MEMBER: "Camat", ROLE: "Ketua", ESELON: "III.a"})
    assert refused(masterplan, edit(export_bytes(masterplan), change)) == [
        "Lembar “Anggota Lembaga”, baris 9, kolom Unsur: pilih unsur anggota Dewan.",
        "Lembar “Anggota Lembaga”, baris 10, kolom OPD: pilih OPD anggota Tim Pelaksana.",
        "Lembar “Anggota Lembaga”, baris 3, kolom Peran: Dewan Smart City harus memiliki tepat "
        "satu ketua; sekarang 2.",
        "Lembar “Anggota Lembaga”, baris 6, kolom Peran: Tim Pelaksana paling banyak memiliki "
        "satu ketua; sekarang 2."]


def test_a_forum_needs_members_or_a_contact(masterplan):
    komunitas = forum(masterplan)

    def change(workbook):
        put_row(workbook[BODIES], {CONTACT: None}, row_of(workbook[BODIES], f"i{komunitas.pk}"))
        workbook[MEMBERS].delete_rows(row_of(workbook[MEMBERS], f"m{member('Rina').pk}"))
        put_row(workbook[BODIES], {CODE: "F2", NAME: "Forum baru"})
    assert refused(masterplan, edit(export_bytes(masterplan), change)) == [
        "Lembar “Lembaga”, baris 5, kolom Kontak: catat anggota forum atau kontaknya.",
        "Lembar “Lembaga”, baris 6, kolom Kontak: catat anggota forum atau kontaknya."]


def test_guide_regulations_keep_their_rows_and_titles(masterplan):
    perda = guide_regulation(masterplan)
    quick_wins = guide_regulation(masterplan, "perkada_quick_wins")

    def change(workbook):
        ws = workbook[REGULATIONS]
        ws.cell(row=row_of(ws, f"g{perda.pk}"), column=TITLE).value = "Perda Smart City"
        ws.delete_rows(row_of(ws, f"g{quick_wins.pk}"))
    messages = refused(masterplan, edit(export_bytes(masterplan), change))
    assert messages == [
        f"Lembar “Regulasi”, baris 3, kolom Regulasi: judul regulasi panduan tidak dapat diubah "
        f"(tetap “{perda.title[:80]}”).",
        f"Lembar “Regulasi”: “{quick_wins.title[:80]}” termasuk daftar regulasi panduan dan tidak "
        f"dapat dihapus; ubah statusnya bila belum disusun."]


def test_the_regulation_forms_rules_apply(masterplan):
    perwal = own_regulation(masterplan)
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    content = edited(masterplan, (REGULATIONS, f"g{perwal.pk}", {STATUS: "ditetapkan"}),
                     (REGULATIONS, None, {STATUS: "draf", REG_DATE: tomorrow}),
                     (REGULATIONS, None, {TITLE: "Perwal X", STATUS: "sah"}))
    assert refused(masterplan, content) == [
        "Lembar “Regulasi”, baris 9, kolom Status: “sah” tidak dikenal; pilih salah satu: Belum "
        "ada, Draf, Dibahas DPRD, Ditetapkan.",
        "Lembar “Regulasi”, baris 7, kolom Nomor: regulasi yang ditetapkan harus memiliki nomor.",
        "Lembar “Regulasi”, baris 7, kolom Tanggal: regulasi yang ditetapkan harus memiliki "
        "tanggal penetapan.",
        "Lembar “Regulasi”, baris 8, kolom Regulasi: tuliskan nama regulasinya.",
        "Lembar “Regulasi”, baris 8, kolom Tanggal: tanggal tidak boleh di masa depan."]


def test_formula_cells_are_refused(masterplan):
    dewan = council(masterplan)
    content = edited(masterplan, (BODIES, f"i{dewan.pk}", {NUMBER: "=1+1"}),
                     (MEMBERS, f"m{member('Rina').pk}", {POSITION: "=A1"}))
    assert refused(masterplan, content) == [
        "Lembar “Lembaga”, baris 3, kolom Nomor keputusan: berisi rumus; tuliskan nilainya saja.",
        "Lembar “Anggota Lembaga”, baris 8, kolom Jabatan: berisi rumus; tuliskan nilainya saja."]
