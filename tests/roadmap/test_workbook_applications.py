"""The workbook's "Aplikasi e-Gov" sheet: layout, round trip, preview, apply, symmetric exchanges,
references to the OPD and Program sheets, and every refused input."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from masterplan.workbook import importer
from masterplan.workbook.errors import WorkbookError
from masterplan.workbook.export import export_current
from roadmap.models import Application, Opd

from ..masterplan.workbook_helpers import db_state, edit, export_bytes, module_workbook_fixtures, row_of
from .institution_helpers import make_app, make_opd
from .program_helpers import make_program

pytestmark = pytest.mark.django_db

SHEET = "Aplikasi e-Gov"
# Columns of the sheet (A is the hidden key).
NAME, OPD, FUNCTION, USERS, INTEROPERABLE, EXCHANGES, WORKS, NOT_WORKS, IMPROVE, PROGRAMS = range(2, 12)


def build_masterplan(world):
    masterplan = world.masterplans["own"]
    kominfo = make_opd(world.own, "Diskominfo", "Dinas Komunikasi dan Informatika")
    bappeda = make_opd(world.own, "Bappeda", "Badan Perencanaan Pembangunan Daerah")
    program = make_program(masterplan, name="Integrasi layanan", is_egov_integration=True)
    office = make_app(masterplan, "e-Office", function="kantor_virtual", interoperable=True,
                      owner_opd=kominfo, users="Seluruh ASN", works="Disposisi daring",
                      not_works="=Arsip lama", improve="Migrasi arsip\nke awan")
    sipd = make_app(masterplan, "SIPD", function="perencanaan", interoperable=True,
                    owner_opd=bappeda, users="@Bappeda")
    make_app(masterplan, "Simpeg", function="kepegawaian")
    office.exchanges_with.add(sipd)
    office.integration_programs.add(program)
    return masterplan


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


def state(masterplan):
    """Every application with its version and relations, plus the rest of the masterplan."""
    apps = Application.objects.filter(masterplan=masterplan).order_by("pk")
    return (list(apps.values_list()),
            sorted(Application.exchanges_with.through.objects.filter(
                from_application__masterplan=masterplan).values_list(
                "from_application_id", "to_application_id")),
            sorted(Application.integration_programs.through.objects.filter(
                application__masterplan=masterplan).values_list("application_id", "program_id")),
            list(Opd.objects.order_by("pk").values_list()), db_state(masterplan))


def app(masterplan, name):
    return Application.objects.get(masterplan=masterplan, name=name)


def partners(application):
    return sorted(application.exchanges_with.values_list("name", flat=True))


def sheet_rows(content, title=SHEET):
    ws = load_workbook(io.BytesIO(content))[title]
    return [[cell.value for cell in row] for row in ws.iter_rows(min_row=3)]


def put_row(ws, values, line=None):
    """Write {column: value} on `line` (default: a new row below the last)."""
    line = line or ws.max_row + 1
    for column, value in values.items():
        ws.cell(row=line, column=column).value = value
    return line


def apply_file(masterplan, content, user=None):
    diff = importer.preview(masterplan, content)
    importer.apply(masterplan, content, user, diff.digest)
    return diff


def refused(masterplan, content):
    """The Indonesian messages of a refused upload; checks that nothing was saved."""
    before = state(masterplan)
    with pytest.raises(WorkbookError) as refusal:
        importer.apply(masterplan, content, None, "digest")
    assert state(masterplan) == before
    return refusal.value.messages("id")


def changes_of(diff, title=SHEET):
    return next(sheet for sheet in diff.sheets if sheet.sheet.title == title).changes


# --- export ------------------------------------------------------------------------------------

def test_export_lists_every_application_with_its_references(exported, masterplan):
    content = exported
    ws = load_workbook(io.BytesIO(content))[SHEET]
    assert ws["B1"].value == "Inventaris aplikasi e-Government Kota Bandung"
    assert [cell.value for cell in ws[2]] == [
        "Kunci", "Nama aplikasi", "OPD pemilik", "Fungsi pemerintahan", "Pengguna",
        "Interoperabel", "Bertukar data dengan", "Yang berjalan baik", "Yang tidak berjalan",
        "Yang perlu diperbaiki", "Program integrasi"]
    office, sipd = app(masterplan, "e-Office"), app(masterplan, "SIPD")
    simpeg = app(masterplan, "Simpeg")
    # Tabel II.3 order of the functions: perencanaan (14), kantor virtual (16), kepegawaian (18).
    assert sheet_rows(content) == [
        [f"a{sipd.pk}", "SIPD", "Badan Perencanaan Pembangunan Daerah",
         "Perencanaan pembangunan daerah", "@Bappeda", "ya", "e-Office", None, None, None, None],
        [f"a{office.pk}", "e-Office", "Dinas Komunikasi dan Informatika",
         "Kantor virtual pemerintah daerah", "Seluruh ASN", "ya", "SIPD", "Disposisi daring",
         "=Arsip lama", "Migrasi arsip\nke awan", "P1"],
        [f"a{simpeg.pk}", "Simpeg", None, "Pengelolaan kepegawaian daerah", None, None, None,
         None, None, None, None],
    ]
    assert ws.column_dimensions["A"].hidden
    assert ws.cell(row=row_of(ws, f"a{sipd.pk}"), column=USERS).quotePrefix


def test_round_trip_reports_no_change_and_saves_nothing(exported, masterplan):
    content = exported
    diff = importer.preview(masterplan, content)
    assert diff.is_empty, [(s.sheet.title, c.key, c.fields) for s in diff.sheets for c in s.changes]
    before = state(masterplan)
    importer.apply(masterplan, content, None, diff.digest)
    assert state(masterplan) == before


def test_export_queries_do_not_grow_with_the_applications(masterplan, world,
                                                          django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as before:
        export_current(world.own)
    programs = [make_program(masterplan, name=f"Program {n}") for n in range(3)]
    opd = Opd.objects.filter(region=world.own).first()
    apps = [make_app(masterplan, f"Aplikasi {n}", interoperable=True, owner_opd=opd)
            for n in range(15)]
    for index, application in enumerate(apps):
        application.exchanges_with.add(apps[index - 1])
        application.integration_programs.add(*programs)
    with django_assert_max_num_queries(len(before)):
        content = export_current(world.own).content
    assert len(sheet_rows(content)) == 18


# --- preview and apply -------------------------------------------------------------------------

def test_preview_lists_added_changed_and_removed_rows(exported, masterplan):
    simpeg, office = app(masterplan, "Simpeg"), app(masterplan, "e-Office")

    def change(workbook):
        ws = workbook[SHEET]
        ws.cell(row=row_of(ws, f"a{office.pk}"), column=USERS).value = "ASN dan tenaga kontrak"
        ws.delete_rows(row_of(ws, f"a{simpeg.pk}"))
        put_row(ws, {NAME: "Portal Satu Data", OPD: "bappeda", FUNCTION: "monev",
                     INTEROPERABLE: "✓", PROGRAMS: "p1"})
    diff = importer.preview(masterplan, edit(exported, change))
    assert [sheet.sheet.title for sheet in diff.changed_sheets] == [SHEET]
    changes = {change.label: change for change in changes_of(diff)}
    assert {name: change.kind for name, change in changes.items()} == {
        "e-Office": importer.CHANGED, "Simpeg": importer.REMOVED, "Portal Satu Data": importer.ADDED}
    assert [(f.label, f.old_display, f.new_display) for f in changes["e-Office"].fields] == [
        ("Pengguna", "Seluruh ASN", "ASN dan tenaga kontrak")]
    assert [(f.label, f.new_display) for f in changes["Portal Satu Data"].fields] == [
        ("Nama aplikasi", "Portal Satu Data"), ("OPD pemilik", "Badan Perencanaan Pembangunan Daerah"),
        ("Fungsi pemerintahan", "Monitoring dan evaluasi pembangunan daerah"),
        ("Interoperabel", "ya"), ("Program integrasi", "Integrasi layanan")]
    assert changes["Simpeg"].fields[0].old_display == "Simpeg"


def test_apply_saves_the_changes_and_bumps_versions(exported, masterplan, world):
    anggota = world.user("anggota")
    office, sipd, simpeg = (app(masterplan, name) for name in ("e-Office", "SIPD", "Simpeg"))
    version = simpeg.version

    def change(workbook):
        ws = workbook[SHEET]
        line = row_of(ws, f"a{simpeg.pk}")
        put_row(ws, {NAME: "SIMPEG Terpadu", OPD: "Diskominfo", INTEROPERABLE: "ya",
                     EXCHANGES: "e-Office", IMPROVE: "Sinkron dengan BKN", PROGRAMS: "P1"}, line)
    apply_file(masterplan, edit(exported, change), anggota)
    simpeg.refresh_from_db()
    assert (simpeg.name, simpeg.owner_opd.short_name, simpeg.is_interoperable, simpeg.improve) == (
        "SIMPEG Terpadu", "Diskominfo", True, "Sinkron dengan BKN")
    assert (simpeg.version, simpeg.updated_by) == (version + 1, anggota)
    assert partners(simpeg) == ["e-Office"]
    assert partners(app(masterplan, "e-Office")) == ["SIMPEG Terpadu", "SIPD"]
    assert [p.name for p in simpeg.integration_programs.all()] == ["Integrasi layanan"]
    # The partner gained an exchange: its version is bumped (an open form conflicts), the
    # untouched application keeps its version.
    assert Application.objects.get(pk=office.pk).version == office.version + 1
    assert Application.objects.get(pk=sipd.pk).version == sipd.version
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_new_applications_exchange_with_each_other_and_existing_ones(exported, masterplan):
    sipd = app(masterplan, "SIPD")

    def change(workbook):
        ws = workbook[SHEET]
        put_row(ws, {NAME: "Portal Satu Data", FUNCTION: "Perencanaan pembangunan daerah",
                     INTEROPERABLE: "ya", EXCHANGES: "sipd; Dasbor Pimpinan"})
        put_row(ws, {NAME: "Dasbor Pimpinan", FUNCTION: "monev", INTEROPERABLE: "ya"})
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    changes = {change.label: change for change in changes_of(diff)}
    # Listed in one row only, the new pairs show on both rows.
    assert [(f.old_display, f.new_display) for f in changes["SIPD"].fields] == [
        ("e-Office", "e-Office\nPortal Satu Data")]
    assert [f.new_display for f in changes["Dasbor Pimpinan"].fields
            if f.name == "exchanges_with"] == ["Portal Satu Data"]
    importer.apply(masterplan, content, None, diff.digest)
    assert partners(app(masterplan, "Portal Satu Data")) == ["Dasbor Pimpinan", "SIPD"]
    assert partners(app(masterplan, "Dasbor Pimpinan")) == ["Portal Satu Data"]
    assert partners(sipd) == ["Portal Satu Data", "e-Office"]
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_an_exchange_removed_in_one_row_is_removed(exported, masterplan):
    office, sipd = app(masterplan, "e-Office"), app(masterplan, "SIPD")

    def change(workbook):
        ws = workbook[SHEET]
        ws.cell(row=row_of(ws, f"a{office.pk}"), column=EXCHANGES).value = None
    apply_file(masterplan, edit(exported, change))
    assert partners(office) == partners(sipd) == []
    assert Application.objects.get(pk=sipd.pk).version == sipd.version + 1


def test_two_applications_may_swap_names(exported, masterplan):
    office, sipd = app(masterplan, "e-Office"), app(masterplan, "SIPD")

    def change(workbook):
        ws = workbook[SHEET]
        # The partners' cells name the applications by their new names too.
        put_row(ws, {NAME: "SIPD", EXCHANGES: "e-Office"}, row_of(ws, f"a{office.pk}"))
        put_row(ws, {NAME: "e-Office", EXCHANGES: "SIPD"}, row_of(ws, f"a{sipd.pk}"))
    apply_file(masterplan, edit(exported, change))
    office.refresh_from_db()
    sipd.refresh_from_db()
    assert (office.name, sipd.name) == ("SIPD", "e-Office")
    assert partners(office) == ["e-Office"]


def test_an_application_cites_an_opd_and_a_program_added_in_the_same_upload(exported, masterplan, world):
    def change(workbook):
        opds = workbook["OPD"]
        put_row(opds, {2: "Dinas Kependudukan dan Pencatatan Sipil", 3: "Disdukcapil"})
        put_row(workbook[SHEET], {NAME: "SIAK Terpusat", OPD: "disdukcapil",
                                  FUNCTION: "pelayanan_publik"})
    apply_file(masterplan, edit(exported, change))
    siak = app(masterplan, "SIAK Terpusat")
    assert siak.owner_opd == Opd.objects.get(region=world.own, short_name="Disdukcapil")
    assert siak.function == "pelayanan_publik" and not siak.is_interoperable


def test_a_name_with_a_semicolon_is_cited_on_its_own_line(masterplan):
    sipd = app(masterplan, "SIPD")
    Application.objects.filter(pk=sipd.pk).update(name="SIPD; modul RKPD")
    content = export_bytes(masterplan)
    assert importer.preview(masterplan, content).is_empty


# --- refused input ------------------------------------------------------------------------------

def edited(masterplan, line_of, values):
    """The export with `values` ({column: value}) written on the row `line_of(ws)`."""
    return edited_from(export_bytes(masterplan), line_of, values)


def edited_from(content, line_of, values):
    """The workbook `content` with `values` written on the row `line_of(ws)`."""
    def change(workbook):
        ws = workbook[SHEET]
        put_row(ws, values, line_of(ws))
    return edit(content, change)


def new_row(ws):
    return ws.max_row + 1


def test_an_opd_of_another_region_is_refused(masterplan, world):
    make_opd(world.other, "Disdik", "Dinas Pendidikan Banyuwangi")
    simpeg = app(masterplan, "Simpeg")
    content = edited(masterplan, lambda ws: row_of(ws, f"a{simpeg.pk}"), {OPD: "Disdik"})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 5, kolom OPD pemilik: OPD “Disdik” tidak ada di daftar "
        "OPD Kota Bandung (lembar OPD); tambahkan dulu di lembar OPD atau tulis nama atau "
        "singkatan yang ada."]


def test_an_unknown_function_and_a_missing_name_are_refused(exported, masterplan):
    content = edited_from(exported, new_row, {FUNCTION: "Keamanan siber", USERS: "ASN"})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 6, kolom Fungsi pemerintahan: “Keamanan siber” tidak "
        "dikenal; pilih salah satu: Perencanaan pembangunan daerah, Pengelolaan keuangan daerah, "
        "Kantor virtual pemerintah daerah, Monitoring dan evaluasi pembangunan daerah, "
        "Pengelolaan kepegawaian daerah, Pengelolaan legislasi daerah, Pelayanan publik, "
        "Lainnya.",
        "Lembar “Aplikasi e-Gov”, baris 6, kolom Nama aplikasi: tuliskan nama aplikasi."]
    content = edited(masterplan, new_row, {USERS: "ASN"})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 6, kolom Nama aplikasi: tuliskan nama aplikasi.",
        "Lembar “Aplikasi e-Gov”, baris 6, kolom Fungsi pemerintahan: pilih fungsi pemerintahan "
        "yang dilayani."]


def test_duplicate_names_are_refused_ignoring_case_and_spaces(exported, masterplan):
    content = edited_from(exported, new_row, {NAME: "  sipd ", FUNCTION: "keuangan"})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 6, kolom Nama aplikasi: “sipd” sudah ada (baris/kolom 3)."]


def test_unknown_partners_and_itself_are_refused(exported, masterplan):
    simpeg = app(masterplan, "Simpeg")
    content = edited_from(exported, lambda ws: row_of(ws, f"a{simpeg.pk}"),
                     {INTEROPERABLE: "ya", EXCHANGES: "Simpeg\nSIMDA; e-Kinerja"})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 5, kolom Bertukar data dengan: aplikasi tidak bertukar "
        "data dengan dirinya sendiri.",
        "Lembar “Aplikasi e-Gov”, baris 5, kolom Bertukar data dengan: aplikasi “SIMDA”, "
        "“e-Kinerja” tidak ada di lembar ini; tulis nama dari kolom Nama aplikasi (aplikasi baru "
        "ditambahkan sebagai baris baru)."]


def test_the_forms_interoperability_rules_apply(exported, masterplan):
    office = app(masterplan, "e-Office")
    # Simpeg (not interoperable) is listed as e-Office's partner: both rows break the rule.
    content = edited_from(exported, lambda ws: row_of(ws, f"a{office.pk}"),
                     {EXCHANGES: "SIPD\nSimpeg"})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 4, kolom Bertukar data dengan: Simpeg belum ditandai "
        "interoperabel; tandai dulu di halaman aplikasinya.",
        "Lembar “Aplikasi e-Gov”, baris 5, kolom Interoperabel: aplikasi yang bertukar data "
        "dengan aplikasi lain adalah interoperabel: centang “Interoperabel” atau kosongkan "
        "daftar pertukaran datanya."]
    # Unmarking an application that still exchanges data.
    content = edited(masterplan, lambda ws: row_of(ws, f"a{office.pk}"), {INTEROPERABLE: None})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 4, kolom Interoperabel: aplikasi yang bertukar data "
        "dengan aplikasi lain adalah interoperabel: centang “Interoperabel” atau kosongkan "
        "daftar pertukaran datanya."]


def test_unknown_program_codes_and_bad_marks_are_refused(exported, masterplan):
    simpeg = app(masterplan, "Simpeg")
    content = edited_from(exported, lambda ws: row_of(ws, f"a{simpeg.pk}"),
                     {INTEROPERABLE: "mungkin", PROGRAMS: "P1, P9"})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 5, kolom Interoperabel: tanda “mungkin” tidak dikenal; "
        "gunakan ✓, v atau X.",
        "Lembar “Aplikasi e-Gov”, baris 5, kolom Program integrasi: kode program “P9” tidak ada "
        "di lembar Program; tulis kode dari kolom Kode lembar Program (mis. P3)."]


def test_formula_cells_are_refused(exported, masterplan):
    simpeg = app(masterplan, "Simpeg")
    content = edited_from(exported, lambda ws: row_of(ws, f"a{simpeg.pk}"), {USERS: "=A1&\"x\""})
    assert refused(masterplan, content) == [
        "Lembar “Aplikasi e-Gov”, baris 5, kolom Pengguna: berisi rumus; tuliskan nilainya saja."]


def test_a_moved_column_is_refused(exported, masterplan):
    def change(workbook):
        workbook[SHEET].insert_cols(3)
    messages = refused(masterplan, edit(exported, change))
    assert messages[0].startswith("Lembar “Aplikasi e-Gov”, baris 2, kolom C: judul kolom "
                                  "seharusnya “OPD pemilik”")
