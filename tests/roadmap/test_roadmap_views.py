"""The roadmap: filters, grouping, incomplete programs, budget table, the page, the .xlsx export,
the dashboard section and the query guard."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from masterplan.sections import all_sections
from roadmap import roadmap as rm
from roadmap.dashboard_sections_roadmap import roadmap_completion

from .roadmap_helpers import complete_program, financing, kpi, opd, program

pytestmark = pytest.mark.django_db


@pytest.fixture
def masterplan(world):
    return world.masterplans["own"]


def names(programs):
    return [item.name for item in programs]


def build(masterplan, **data):
    return rm.build_roadmap(masterplan, data)


@pytest.fixture
def plan(masterplan):
    """Four programs across dimensions, categories, horizons and OPDs."""
    region = masterplan.region
    kominfo = opd(region)
    dishub = opd(region, "Dinas Perhubungan", "Dishub")
    dlh = opd(region, "Dinas Lingkungan Hidup", "DLH")
    portal = complete_program(masterplan, "Portal layanan", lead=kominfo, is_quick_win=True,
                              start=(2026, 1), end=(2026, 4))
    transport = complete_program(masterplan, "Transportasi terpadu", dimension="living",
                                 lead=dishub, category="infrastruktur",
                                 infrastructure_kind="jaringan", horizon="menengah",
                                 start=(2026, 2), end=(2030, 4))
    transport.supporting_opds.add(kominfo)
    waste = program(masterplan, "Bank sampah digital", dimension="environment", lead_opd=dlh,
                    horizon="panjang", category="literasi", start=(2028, 1), end=(2035, 4))
    literacy = program(masterplan, "Literasi digital warga", dimension="society",
                       category="literasi", horizon="menengah", start=(2027, 1), end=(2029, 4),
                       is_egov_integration=True)
    return {"portal": portal, "transport": transport, "waste": waste, "literacy": literacy,
            "kominfo": kominfo, "dishub": dishub, "dlh": dlh}


# --- filters and grouping ---------------------------------------------------------------------

def test_filters_by_dimension_category_horizon_and_quick_win(masterplan, plan):
    assert names(build(masterplan).programs) == [
        "Portal layanan", "Transportasi terpadu", "Literasi digital warga", "Bank sampah digital"]
    assert names(build(masterplan, dimensi="living").programs) == ["Transportasi terpadu"]
    assert names(build(masterplan, kategori="literasi").programs) == [
        "Literasi digital warga", "Bank sampah digital"]
    assert names(build(masterplan, jangka="menengah").programs) == [
        "Transportasi terpadu", "Literasi digital warga"]
    assert names(build(masterplan, quick_win="ya").programs) == ["Portal layanan"]
    assert len(build(masterplan, quick_win="tidak").programs) == 3
    assert names(build(masterplan, kategori="literasi", jangka="panjang").programs) == [
        "Bank sampah digital"]


def test_opd_filter_matches_lead_or_supporting_opd(masterplan, plan):
    assert names(build(masterplan, opd=str(plan["kominfo"].pk)).programs) == [
        "Portal layanan", "Transportasi terpadu"]  # leads one, supports the other
    assert names(build(masterplan, opd=str(plan["dishub"].pk)).programs) == ["Transportasi terpadu"]


def test_invalid_filters_are_reported_and_ignored(world, masterplan, plan):
    foreign = opd(world.other, "Dinas Kominfo Banyuwangi", "Kominfo BWI")
    roadmap = build(masterplan, opd=str(foreign.pk), dimensi="atlantis", jangka="menengah")
    assert names(roadmap.programs) == ["Transportasi terpadu", "Literasi digital warga"]
    assert set(roadmap.form.errors) == {"opd", "dimensi"}
    assert roadmap.form.values() == {"jangka": "menengah"}


def test_grouping_by_horizon_and_by_dimension(masterplan, plan):
    roadmap = build(masterplan)
    assert [(value, names(items)) for value, _label, items in roadmap.horizons] == [
        ("pendek", ["Portal layanan"]),
        ("menengah", ["Transportasi terpadu", "Literasi digital warga"]),
        ("panjang", ["Bank sampah digital"])]
    assert [(dimension.code, names(items)) for dimension, items in roadmap.per_dimension] == [
        ("governance", ["Portal layanan"]), ("branding", []), ("economy", []),
        ("living", ["Transportasi terpadu"]), ("society", ["Literasi digital warga"]),
        ("environment", ["Bank sampah digital"])]


# --- incomplete programs ----------------------------------------------------------------------

def test_incomplete_programs_list_each_missing_part(masterplan, plan):
    no_final_target = complete_program(masterplan, "Dasbor monev", start=(2026, 1), end=(2027, 4))
    no_final_target.kpis.get().targets.update(year=2026)  # no target for the end year 2027
    zero_money = complete_program(masterplan, "Ruang kendali")
    zero_money.financing.update(amount=Decimal(0))
    incomplete = {item.program.name: item.labels for item in build(masterplan).incomplete}
    assert incomplete == {
        "Literasi digital warga": ["tanpa KPI", "tanpa pelaksana", "tanpa pembiayaan"],
        "Bank sampah digital": ["tanpa KPI", "tanpa pembiayaan"],
        "Dasbor monev": ["KPI tanpa target tahun akhir"],
        "Ruang kendali": ["tanpa pembiayaan"],
    }


def test_dashboard_section_counts_complete_programs(world, masterplan, plan):
    sections = {section.key: section for section in all_sections()}
    assert sections["roadmap"].order == 65 and sections["roadmap"].url_name == "roadmap"
    other = world.masterplans["other"]
    progress = roadmap_completion([masterplan, other])
    assert (progress[masterplan.pk].done, progress[masterplan.pk].total) == (2, 4)
    assert (progress[other.pk].done, progress[other.pk].total) == (0, 0)


# --- budget -----------------------------------------------------------------------------------

def test_budget_table_per_year_and_source_with_totals(masterplan, plan):
    financing(plan["portal"], 2026, "apbn", 500_000)
    financing(plan["transport"], 2027, "apbd", 2_000_000)
    financing(plan["transport"], 2027, "kpbu", Decimal("1500000.50"))
    roadmap = build(masterplan)
    budget = roadmap.budget
    assert roadmap.sources == [("apbd", "APBD"), ("apbn", "APBN"), ("kpbu", "KPBU")]
    rows = {year: (amounts, total) for year, amounts, total in roadmap.budget_rows()}
    assert list(rows) == list(range(2026, 2036))
    assert rows[2026] == ([Decimal(2_000_000), Decimal(500_000), Decimal(0)], Decimal(2_500_000))
    assert rows[2027] == ([Decimal(2_000_000), Decimal(0), Decimal("1500000.50")],
                          Decimal("3500000.50"))
    assert rows[2030][1] == 0
    assert roadmap.source_totals() == [Decimal(4_000_000), Decimal(500_000),
                                       Decimal("1500000.50")]
    assert budget.total == Decimal("6000000.50")
    table_rows, totals = roadmap.budget_table()
    assert table_rows[1] == (2027, ["Rp 2.000.000", "–", "Rp 1.500.000,50"], "Rp 3.500.000,50")
    assert totals == ["Rp 4.000.000", "Rp 500.000", "Rp 1.500.000,50"]


def test_budget_follows_the_filters(masterplan, plan):
    financing(plan["transport"], 2027, "apbd", 2_000_000)
    living = build(masterplan, dimensi="living")
    assert living.budget.total == Decimal(3_000_000)  # 1 000 000 in 2026 + 2 000 000 in 2027
    assert build(masterplan, dimensi="branding").budget.total == 0


# --- the page ---------------------------------------------------------------------------------

def test_roadmap_page_shows_sections_chart_and_filters(client, world, masterplan, plan):
    client.force_login(world.user("dewan"))
    response = client.get(reverse("roadmap", kwargs={"region_code": world.own.code}))
    assert response.status_code == 200
    html = response.content.decode()
    for anchor in ("per-jangka", "per-dimensi", "anggaran", "belum-lengkap"):
        assert f'id="{anchor}"' in html
    assert 'id="grafik-anggaran"' in html
    assert "grafik-gantt" not in html  # each dimension's timeline is loaded when opened
    assert f'id="belum-lengkap-{plan["literacy"].pk}"' in html
    assert "Rp 2.000.000" in html  # full rupiah in the table
    groups = response.context["dimensions"]
    assert [(dimension.code, count) for dimension, count, _url in groups] == [
        ("governance", 1), ("branding", 0), ("economy", 0), ("living", 1), ("society", 1),
        ("environment", 1)]
    assert 'id="dimensi-branding"' in html and "Belum ada program untuk dimensi ini." in html
    living_url = groups[3][2]
    assert f'hx-get="{living_url.replace("&", "&amp;")}"' in html

    fragment = client.get(living_url, headers={"HX-Request": "true"})
    part = fragment.content.decode()
    assert "<html" not in part
    assert 'id="grafik-gantt-living-1"' in part and "Transportasi terpadu" in part
    assert "Portal layanan" not in part
    [transport] = fragment.context["programs"]
    assert transport.roadmap_budget.startswith("Rp ") and transport.roadmap_budget in part
    page = client.get(living_url).content.decode()  # without htmx: a page of its own
    assert "<html" in page and 'id="grafik-gantt-living-1"' in page
    horizon = client.get(response.context["horizons"][0][3], headers={"HX-Request": "true"})
    assert "Portal layanan" in horizon.content.decode()
    assert "grafik-gantt" not in horizon.content.decode()  # the timeline is per dimension

    filtered = client.get(reverse("roadmap", kwargs={"region_code": world.own.code}),
                          {"dimensi": "environment"})
    assert [p.name for p in filtered.context["programs"]] == ["Bank sampah digital"]
    assert "Portal layanan" not in filtered.content.decode()
    assert "dimensi=environment" in filtered.context["query"]


def test_export_has_programs_years_opds_and_budget_as_literal_text(client, world, masterplan,
                                                                   plan):
    plan["portal"].name = '=HYPERLINK("http://example.org","x")'
    plan["portal"].save()
    financing(plan["transport"], 2027, "apbd", 2_000_000)
    client.force_login(world.user("anggota"))
    response = client.get(reverse("roadmap_export", kwargs={"region_code": world.own.code}),
                          {"jangka": "pendek"})
    assert response.status_code == 200
    assert response["Content-Type"] == rm.XLSX_TYPE
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["Peta jalan"]
    header = [cell.value for cell in sheet[3]]
    assert header[:8] == ["No.", "Dimensi", "Elemen", "Program", "Kategori", "Jangka", "Mulai",
                          "Selesai"]
    assert header[14:16] == ["2026", "2027"] and header[-1] == "Total anggaran"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 1  # only the short-term program
    row = rows[0]
    assert row[3] == '=HYPERLINK("http://example.org","x")'
    assert sheet.cell(row=4, column=4).data_type == "s"
    assert sheet.cell(row=4, column=4).quotePrefix
    assert row[6:8] == ["TW I 2026", "TW IV 2026"]
    assert row[10] == "Dinas Komunikasi dan Informatika"
    assert row[14] == 1_000_000 and row[-1] == 1_000_000
    budget = workbook["Anggaran"]
    assert [cell.value for cell in budget[3]] == ["Tahun", "APBD", "Total"]
    assert [cell.value for cell in budget[4]] == [2026, 1_000_000, 1_000_000]


def test_page_group_and_export_cost_the_same_queries_for_1_and_30_programs(
        client, world, masterplan, django_assert_max_num_queries):
    kominfo = opd(masterplan.region)
    first = complete_program(masterplan, "Program 0", lead=kominfo, is_quick_win=True)
    first.supporting_opds.add(opd(masterplan.region, "Dinas Perhubungan", "Dishub"))
    client.force_login(world.user("ketua"))
    urls = [reverse(name, kwargs={"region_code": world.own.code})
            for name in ("roadmap", "roadmap_export", "roadmap_programs")]
    query = {"kategori": "aplikasi", "linimasa": "1"}
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, query).status_code == 200
        counts[url] = len(queries)
    dimensions = ["governance", "branding", "economy", "living", "society", "environment"]
    for number in range(1, 30):
        item = complete_program(masterplan, f"Program {number}", lead=kominfo,
                                dimension=dimensions[number % 6], end=(2027, 2))
        item.supporting_opds.add(kominfo if number % 2 else opd(masterplan.region, "Bappeda"))
        kpi(item, "KPI kedua", targets={2026: 1, 2027: 2})
        financing(item, 2027, "apbn", 10)
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            assert client.get(url, query).status_code == 200
    assert len(client.get(urls[0], query).context["programs"]) == 30
    assert len(client.get(urls[2], query).context["programs"]) == 25  # a page of them
