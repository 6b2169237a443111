"""Program pages: the list (grouping, filters, completeness, query count), the add/edit page
(422 with messages and nothing saved, conflicts), detail for editors and readers, delete, the
quick-win page, frozen masterplans and the dashboard section."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan.models import Masterplan
from roadmap import program_editor, program_rules, programs
from roadmap.dashboard_sections_programs import program_completion, program_parts
from roadmap.models import Program, QuickWin

from ..factories import MasterplanFactory
from .program_helpers import (
    add_financing,
    add_kpi,
    counts,
    editor_data,
    make_opd,
    make_program,
    new_program_data,
)

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(name, kwargs={"region_code": world.own.code, **kwargs})


def complete_program(masterplan, opd, name="Program lengkap", **fields):
    program = make_program(masterplan, name, lead_opd=opd, **fields)
    add_kpi(program, targets={program.end_year: "10"})
    add_financing(program, program.start_year, "apbd", "1000000")
    return program


def text(response):
    return response.content.decode()


# --- list ---------------------------------------------------------------------------------------

def test_list_groups_by_dimension_and_shows_completeness(client, world):
    masterplan = world.masterplans["own"]
    opd = make_opd(world.own)
    complete_program(masterplan, opd, "Portal perizinan")
    make_program(masterplan, "Bank sampah daring", "environment", "waste", is_quick_win=True)
    client.force_login(world.user("dewan"))
    response = client.get(url("program_list", world))
    assert response.status_code == 200
    page = text(response)
    governance = page.index('id="dimensi-governance"')
    environment = page.index('id="dimensi-environment"')
    assert governance < page.index("Portal perizinan") < environment < page.index("Bank sampah daring")
    assert "Smart Branding <span class=\"text-muted\">(belum ada program)</span>" in page
    assert 'id="dimensi-branding"' not in page  # no empty group, only the overview says so
    assert page.count(">lengkap</span>") == 1
    assert page.count(">belum lengkap</span>") == 1
    assert "Tambah program" not in page  # dewan reads only
    assert "Belum ada program integrasi Smart e-Gov." in page


FILTERS = [
    ({"dimensi": "environment"}, {"Bank sampah daring"}),
    ({"kategori": "infrastruktur"}, {"Pusat data"}),
    ({"jangka": "panjang"}, {"Pusat data"}),
    ({"quick_win": "ya"}, {"Bank sampah daring"}),
    ({"quick_win": "tidak"}, {"Portal perizinan", "Pusat data"}),
    ({"egov": "ya"}, {"Portal perizinan"}),
    ({"kelengkapan": "lengkap"}, {"Portal perizinan"}),
    ({"kelengkapan": "belum"}, {"Bank sampah daring", "Pusat data"}),
    ({"dimensi": "tidak-ada"}, {"Portal perizinan", "Bank sampah daring", "Pusat data"}),
]


@pytest.mark.parametrize("query,expected", FILTERS)
def test_list_filters(client, world, query, expected):
    masterplan = world.masterplans["own"]
    opd = make_opd(world.own)
    complete_program(masterplan, opd, "Portal perizinan", is_egov_integration=True)
    make_program(masterplan, "Bank sampah daring", "environment", "waste", is_quick_win=True)
    make_program(masterplan, "Pusat data", "governance", "bureaucracy", category="infrastruktur",
                 infrastructure_kind="noc", horizon="panjang", end_year=2035)
    client.force_login(world.user("anggota"))
    page = text(client.get(url("program_list", world), query))
    shown = {name for name in ("Portal perizinan", "Bank sampah daring", "Pusat data")
             if f">{name}</a>" in page}
    assert shown == expected


def test_opd_filter_finds_lead_and_supporting_programs_once(client, world):
    masterplan = world.masterplans["own"]
    lead, helper = make_opd(world.own), make_opd(world.own, "Dinas Perhubungan", "Dishub")
    make_program(masterplan, "Dipimpin", lead_opd=lead)
    make_program(masterplan, "Didukung", lead_opd=helper).supporting_opds.add(lead)
    make_program(masterplan, "Lainnya", lead_opd=helper)
    client.force_login(world.user("anggota"))
    page = text(client.get(url("program_list", world), {"opd": lead.pk}))
    assert page.count(">Dipimpin</a>") == 1 and page.count(">Didukung</a>") == 1
    assert ">Lainnya</a>" not in page
    foreign = make_opd(world.other, "Dinas Luar", "DL")
    page = text(client.get(url("program_list", world), {"opd": foreign.pk}))
    assert ">Lainnya</a>" in page  # another region's OPD is no filter at all


def test_list_costs_the_same_queries_for_1_and_20_programs(client, world):
    masterplan = world.masterplans["own"]
    opds = [make_opd(world.own), make_opd(world.own, "Dinas Perhubungan", "Dishub")]
    client.force_login(world.user("anggota"))
    list_url = url("program_list", world)

    def program(n):
        made = complete_program(masterplan, opds[n % 2], f"Program {n}", is_quick_win=n % 3 == 0)
        made.supporting_opds.set(opds)
        if made.is_quick_win:
            QuickWin.objects.create(program=made, why="alasan")

    program(0)
    client.get(list_url)  # warm caches (sessions, guide)
    with CaptureQueriesContext(connection) as one:
        assert client.get(list_url).status_code == 200
    for n in range(1, 20):
        program(n)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(list_url)
    assert text(response).count(">lengkap</span>") == 20
    assert len(twenty) == len(one), [q["sql"] for q in twenty.captured_queries]


# --- add and edit -------------------------------------------------------------------------------

def test_team_adds_a_program_and_is_sent_to_its_page(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    page = client.get(url("program_add", world))
    assert page.status_code == 200
    assert 'aria-label="KPI 1 target 2026"' in text(page)
    assert 'aria-label="Pembiayaan APBD 2026"' in text(page)
    assert text(page).count('<option value="2026" selected>') == 2  # start and end year
    data = new_program_data(masterplan, horizon="pendek", end_year="2027",
                            **{"kpi-0-name": "Layanan daring", "kpi-0-target_2027": "12,5",
                               "dana-2026_apbd": "1.500.000.000"})
    response = client.post(url("program_add", world), data)
    program = Program.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("program_detail", world, program_pk=program.pk)
    page = text(client.get(response["Location"]))
    assert "Program “Portal layanan terpadu” disimpan." in page
    assert "semestinya selesai paling lambat 2026" in page  # the horizon warning, not an error
    assert "1.500.000.000" in page and "12,5" in page


def test_refused_post_answers_422_with_the_messages_and_saves_nothing(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    before = counts()
    response = client.post(url("program_add", world), new_program_data(
        masterplan, start_year="2028", end_year="2027",
        **{"dana-2028_apbd": "-5", "kpi-0-name": "KPI", "kpi-0-target_2026": "7"}))
    assert response.status_code == 422
    page = text(response)
    assert "Periksa isian yang ditandai; belum ada yang disimpan." in page
    assert "Tahun selesai (2027) tidak boleh sebelum tahun mulai (2028)." in page
    assert "Pembiayaan 2028 (APBD) tidak boleh negatif." in page
    assert 'value="-5"' in page  # the input is kept
    assert counts() == before


def test_concurrent_edit_answers_422_with_the_conflict(client, world):
    masterplan = world.masterplans["own"]
    program = make_program(masterplan)
    data = editor_data(program_editor.ProgramEditor(masterplan, instance=Program.objects.get(pk=program.pk)),
                       name="Nama saya")
    Program.objects.filter(pk=program.pk).update(version=2, name="Nama mereka",
                                                 updated_by=world.user("ketua"))
    client.force_login(world.user("anggota"))
    response = client.post(url("program_edit", world, program_pk=program.pk), data)
    assert response.status_code == 422
    page = text(response)
    assert "sudah diubah oleh" in page and "Nama mereka" in page
    assert Program.objects.get(pk=program.pk).name == "Nama mereka"


def test_another_regions_program_is_not_found(client, world):
    program = make_program(world.masterplans["other"])
    client.force_login(world.user("anggota"))
    for name in ("program_detail", "program_edit", "program_delete"):
        assert client.get(url(name, world, program_pk=program.pk)).status_code == 404


# --- detail, delete, quick win ------------------------------------------------------------------

def test_detail_is_read_only_for_readers(client, world):
    masterplan = world.masterplans["own"]
    program = complete_program(masterplan, make_opd(world.own), is_quick_win=True)
    QuickWin.objects.create(program=program, why="Antrean panjang", status="berjalan")
    detail = url("program_detail", world, program_pk=program.pk)
    client.force_login(world.user("dewan"))
    page = text(client.get(detail))
    assert "Antrean panjang" in page and "Berjalan" in page
    assert "Ubah program" not in page and "Isi quick win" not in page
    client.force_login(world.user("ketua"))
    page = text(client.get(detail))
    assert "Ubah program" in page and "Isi quick win" in page


def test_delete_confirms_then_deletes_the_version_seen(client, world):
    program = make_program(world.masterplans["own"])
    add_kpi(program)
    delete = url("program_delete", world, program_pk=program.pk)
    client.force_login(world.user("anggota"))
    assert "1 KPI dan targetnya" in text(client.get(delete))
    Program.objects.filter(pk=program.pk).update(version=2)
    response = client.post(delete, {"version": "1"})
    assert response.status_code == 422
    assert "sejak Anda membuka halaman ini, jadi belum dihapus" in text(response)
    response = client.post(delete, {"version": "2"})
    assert response.status_code == 302
    assert not Program.objects.exists()


def test_quick_win_page_saves_answers_and_is_read_only_for_readers(client, world):
    program = make_program(world.masterplans["own"], is_quick_win=True)
    page_url = url("program_quick_win", world, program_pk=program.pk)
    client.force_login(world.user("anggota"))
    assert "Mengapa (why)" in text(client.get(page_url))
    answers = {"why": "Antrean", "what": "Portal", "how": "Bertahap", "when": "2026",
               "where": "MPP", "who": "DPMPTSP", "impact_analysis": "Waktu tunggu turun",
               "status": "berjalan"}
    response = client.post(page_url, answers)
    assert response.status_code == 302
    quick_win = QuickWin.objects.get(program=program)
    assert (quick_win.why, quick_win.status, quick_win.version) == ("Antrean", "berjalan", 2)
    response = client.post(page_url, {**answers, "status": "tamat", "version": "2"})
    assert response.status_code == 422
    client.force_login(world.user("dewan"))
    page = text(client.get(page_url))
    assert "Waktu tunggu turun" in page and "<form method=\"post\" novalidate" not in page
    assert programs.summary([world.masterplans["own"]])[world.masterplans["own"].pk][2:] == (1, 1)


def test_quick_win_page_of_an_unflagged_program_is_not_found(client, world):
    program = make_program(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    page_url = url("program_quick_win", world, program_pk=program.pk)
    assert client.get(page_url).status_code == 404
    assert client.post(page_url, {"why": "x", "status": "rencana"}).status_code == 404
    assert not QuickWin.objects.exists()


# --- frozen masterplan --------------------------------------------------------------------------

def test_frozen_masterplan_refuses_program_writes(client, world):
    masterplan = world.masterplans["own"]
    program = make_program(masterplan, is_quick_win=True)
    Masterplan.objects.filter(pk=masterplan.pk).update(status="diajukan")
    client.force_login(world.user("anggota"))
    assert client.get(url("program_add", world)).status_code == 403
    assert client.get(url("program_edit", world, program_pk=program.pk)).status_code == 403
    before = counts()
    response = client.post(url("program_add", world), new_program_data(masterplan))
    assert response.status_code == 403
    assert client.post(url("program_delete", world, program_pk=program.pk),
                       {"version": "1"}).status_code == 403
    assert client.post(url("program_quick_win", world, program_pk=program.pk),
                       {"why": "x", "status": "rencana"}).status_code == 403
    assert counts() == before
    page = text(client.get(url("program_list", world)))
    assert "Tambah program" not in page


# --- dashboard ----------------------------------------------------------------------------------

def test_dashboard_section_counts_complete_programs_and_answered_quick_wins(client, world):
    masterplan = world.masterplans["own"]
    opd = make_opd(world.own)
    complete_program(masterplan, opd)
    quick = make_program(masterplan, "Quick win", is_quick_win=True)
    QuickWin.objects.create(program=quick, **dict.fromkeys(program_rules.QUICK_WIN_FIELDS, "ya"))
    progress = program_completion([masterplan])[masterplan.pk]
    assert (progress.done, progress.total) == (1, 2)
    parts = program_parts([masterplan])[masterplan.pk]
    assert [(part.progress.done, part.progress.total) for part in parts] == [(1, 2), (1, 1)]
    assert parts[1].url.endswith("/program/?quick_win=ya")
    client.force_login(world.user("anggota"))
    page = text(client.get(reverse("region_detail", kwargs={"region_code": world.own.code})))
    assert "Program dan quick win" in page


def test_dashboard_section_costs_the_same_queries_for_many_masterplans(world):
    own = world.masterplans["own"]
    complete_program(own, make_opd(world.own))
    with CaptureQueriesContext(connection) as one:
        program_completion([own])
    many = [own, world.masterplans["other"]] + [
        MasterplanFactory(region=world.own, is_current=False) for _ in range(3)]
    for masterplan in many[1:]:
        complete_program(masterplan, make_opd(masterplan.region, f"Dinas {masterplan.pk}",
                                              f"D{masterplan.pk}"))
    with CaptureQueriesContext(connection) as five:
        result = program_completion(many)
    assert len(five) == len(one) == 2
    assert all(result[mp.pk].done == 1 for mp in many)
