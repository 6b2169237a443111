"""The readiness summary, maturity and cross-region index pages, and the .xlsx export."""

import re
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from masterplan import content_version
from masterplan.guide import guide
from masterplan.models import Batch, Masterplan, Membership, Region, Role
from readiness import services
from readiness.models import PerformanceAssessment, ReadinessEntry

from ..factories import MasterplanFactory

pytestmark = pytest.mark.django_db

OWN, OTHER = "32.73", "35.10"


def indonesian(value):
    """One decimal with a comma, as the pages print an index."""
    return f"{value:.1f}".replace(".", ",")


def judge(masterplan, sub_area_code, judgement, count=None, **values):
    entries = ReadinessEntry.objects.filter(masterplan=masterplan, sub_area__code=sub_area_code,
                                            interpretation="").order_by("component__number")
    ids = list(entries.values_list("pk", flat=True))[:count]
    ReadinessEntry.objects.filter(pk__in=ids).update(interpretation=judgement, **values)
    content_version.masterplan_changed(masterplan.pk)  # an UPDATE is no edit: say it changed
    return ids


def rate(masterplan, judgement, **lookup):
    PerformanceAssessment.objects.filter(masterplan=masterplan, **lookup).update(rating=judgement)
    content_version.masterplan_changed(masterplan.pk)  # an UPDATE is no edit: say it changed


def summary_url(code=OWN):
    return reverse("readiness_summary", kwargs={"region_code": code})


def maturity_url(code=OWN):
    return reverse("maturity", kwargs={"region_code": code})


# --- readiness summary -----------------------------------------------------------------------

def test_summary_shows_the_computed_indices_and_unjudged_counts(client, world):
    masterplan = world.masterplans["own"]
    judge(masterplan, "human_resources", "baik", 4)
    judge(masterplan, "human_resources", "sedang", 2)
    judge(masterplan, "digital", "buruk", 1)
    client.force_login(world.user("dewan"))

    response = client.get(summary_url())

    assert response.status_code == 200
    overall, elements = services.readiness_indices([masterplan])[masterplan.pk]
    assert response.context["overall"] == pytest.approx(overall)
    text = response.content.decode()
    structure, infrastructure = elements[0], elements[1]
    expected_human = 100 * (4 * 3 + 2 * 2) / (6 * 3)
    assert structure.index == pytest.approx(expected_human)
    assert infrastructure.index == pytest.approx(100 / 3)
    assert overall == pytest.approx((expected_human + 100 / 3) / 2)
    assert indonesian(overall) in text
    assert indonesian(expected_human) in text
    assert indonesian(100 / 3) in text
    # Judged and unjudged counts, overall and per row.
    assert "7 komponen dinilai" in text and "68 komponen belum dinilai" in text
    assert "3 komponen belum dinilai" in text  # Tabel II.2: 9 components, 6 judged
    assert "20 komponen belum dinilai" in text  # Tabel II.3 untouched
    assert structure.unjudged == 3 + 20 + 9 and f"{structure.unjudged} komponen belum dinilai" in text
    # The chart is inline SVG and the table says the same in text.
    assert text.count("<svg") == 1 and 'aria-describedby="tabel-indeks-kesiapan"' in text
    assert 'id="tabel-indeks-kesiapan"' in text
    assert reverse("readiness_table", kwargs={"region_code": OWN, "table": "ii-6"}) in text


def test_summary_lists_the_components_judged_buruk_with_links(client, world):
    masterplan = world.masterplans["own"]
    (first,) = judge(masterplan, "fiscal_capacity", "buruk", 1, value_text="Rp 2 miliar",
                     note="Anggaran TIK < 1% APBD")
    judge(masterplan, "fiscal_capacity", "baik", 1)
    (second,) = judge(masterplan, "civil_society", "buruk", 1, value_text="Tidak ada")
    client.force_login(world.user("pembimbing"))

    response = client.get(summary_url())

    text = response.content.decode()
    rows = response.context["buruk"]
    assert [row["entry"].pk for row in rows] == [first, second]
    first_entry = ReadinessEntry.objects.select_related("component", "sub_area").get(pk=first)
    table_url = reverse("readiness_table", kwargs={"region_code": OWN, "table": "ii-4"})
    assert rows[0]["url"] == f"{table_url}#isian-{first}"
    assert f'href="{table_url}#isian-{first}"' in text
    assert first_entry.component.text in text
    assert "Rp 2 miliar" in text and "Anggaran TIK &lt; 1% APBD" in text
    assert "Tidak ada" in text and "Tabel II.10" in text
    assert "Komponen dengan interpretasi buruk (2)" in text


def test_summary_of_an_unjudged_masterplan_says_so(client, world):
    client.force_login(world.user("ketua"))
    response = client.get(summary_url())
    text = response.content.decode()
    assert response.context["overall"] is None
    assert "75 komponen belum dinilai" in text
    assert "Tidak ada komponen yang dinilai buruk." in text
    # Method text follows the configured weights.
    assert "baik = 3, sedang = 2, buruk = 1" in text


def test_summary_method_text_follows_the_weights_setting(client, world, settings):
    settings.READINESS_WEIGHTS = {"baik": 5, "sedang": 3, "buruk": 0}
    judge(world.masterplans["own"], "policy", "sedang", 2)
    client.force_login(world.user("ketua"))
    text = client.get(summary_url()).content.decode()
    assert "baik = 5, sedang = 3, buruk = 0" in text
    assert indonesian(100 * 3 / 5) in text


def test_summary_of_a_region_without_masterplan_explains(client, world):
    Masterplan.objects.filter(pk=world.masterplans["own"].pk).update(is_current=False)
    client.force_login(world.user("dewan"))
    response = client.get(summary_url())
    assert response.status_code == 404
    assert "belum memiliki masterplan aktif" in response.content.decode()


# --- maturity --------------------------------------------------------------------------------

def test_maturity_page_shows_both_indices_the_level_and_the_guide_text(client, world):
    masterplan = world.masterplans["own"]
    for code in ("human_resources", "physical", "policy"):
        judge(masterplan, code, "baik")
    rate(masterplan, "sedang")
    rate(masterplan, "baik", element__code="public_service")
    client.force_login(world.user("anggota"))

    response = client.get(maturity_url())

    text = response.content.decode()
    readiness, performance, level = services.maturity([masterplan])[masterplan.pk]
    assert readiness == pytest.approx(100)
    governance = (100 + 2 * 200 / 3) / 3
    assert performance == pytest.approx((governance + 5 * 200 / 3) / 6)
    assert level == "developing"
    assert response.context["level"] == "developing"
    assert "Developing" in text
    description = next(item["description"] for item in guide("2017")["maturity"]["levels"]
                       if item["code"] == "developing")
    assert description in text
    assert indonesian(readiness) in text and indonesian(performance) in text
    # Per dimension: governance 77.8, the rest 66.7.
    dimensions = response.context["dimensions"]
    assert [d.index for d in dimensions] == [pytest.approx(governance)] + [pytest.approx(200 / 3)] * 5
    assert indonesian(governance) in text
    assert "Smart Governance" in text and "Smart Environment" in text
    # The chart with the region's point, and the thresholds explained.
    assert text.count("<svg") == 1 and 'class="point"' in text
    assert "kedua indeks minimal 70, salah satunya di bawah 85" in text


def test_maturity_page_names_the_missing_assessment(client, world):
    masterplan = world.masterplans["own"]
    judge(masterplan, "human_resources", "baik", 2)
    client.force_login(world.user("dewan"))

    text = client.get(maturity_url()).content.decode()
    assert "Belum dapat ditentukan" in text
    assert "Indeks kinerja belum ada" in text
    assert "Indeks kesiapan belum ada" not in text
    assert 'class="point"' not in text

    ReadinessEntry.objects.filter(masterplan=masterplan).update(interpretation="")  # rate bumps
    rate(masterplan, "baik", element__code="health")
    text = client.get(maturity_url()).content.decode()
    assert "Indeks kesiapan belum ada" in text
    assert "Indeks kinerja belum ada" not in text


# --- cross-region overview -------------------------------------------------------------------

def overview(client, **params):
    return client.get(reverse("index_overview"), params)


def codes(response):
    return [row.region.code for row in response.context["page"]]


@pytest.fixture
def regions_with_indices(world):
    """Four regions with a current masterplan and different indices; one is 32.01 (Kab. Bogor),
    which the pembimbing is not assigned to."""
    own, other = world.masterplans["own"], world.masterplans["other"]
    bogor = MasterplanFactory(region=Region.objects.get(code="32.01"))
    judge(own, "human_resources", "sedang")
    rate(own, "sedang")  # 66.7 / 66.7: developing
    judge(other, "human_resources", "baik")
    rate(other, "baik")  # 100 / 100: optimized
    judge(bogor, "human_resources", "buruk")  # 33.3, no performance
    batch = Batch.objects.get(year=2018)
    Region.objects.filter(code__in=[OWN, "32.01"]).update(batch=batch)
    return {"own": own, "other": other, "bogor": bogor, "batch": batch}


def test_overview_lists_regions_with_indices_and_levels(client, world, regions_with_indices):
    client.force_login(world.user("admin"))
    response = overview(client)
    assert codes(response) == ["32.01", OWN, OTHER]
    rows = {row.region.code: row for row in response.context["page"]}
    assert rows[OWN].readiness == pytest.approx(200 / 3)
    assert rows[OWN].level == "developing"
    assert rows[OTHER].level == "optimized"
    assert rows["32.01"].performance is None and rows["32.01"].level is None
    text = response.content.decode()
    assert "Kabupaten Bogor" in text and "Optimized" in text and indonesian(200 / 3) in text
    assert reverse("maturity", kwargs={"region_code": OTHER}) in text


def test_pembimbing_sees_only_assigned_regions(client, world, regions_with_indices):
    client.force_login(world.user("pembimbing"))
    assert codes(overview(client)) == [OWN]
    # Another pembimbing assignment brings that region in.
    Membership.objects.create(user=world.user("pembimbing"), region=Region.objects.get(code=OTHER),
                              role=Role.PEMBIMBING)
    assert codes(overview(client)) == [OWN, OTHER]


def test_overview_filters_by_province_and_batch(client, world, regions_with_indices):
    client.force_login(world.user("admin"))
    assert codes(overview(client, province="32")) == ["32.01", OWN]
    assert codes(overview(client, province="35")) == [OTHER]
    batch = regions_with_indices["batch"]
    assert codes(overview(client, batch=batch.pk)) == ["32.01", OWN]
    assert codes(overview(client, batch=batch.pk, q="bandung")) == [OWN]
    assert codes(overview(client, batch=Batch.objects.get(year=2019).pk)) == []


def test_overview_sorts_by_the_indices_with_missing_ones_last(client, world, regions_with_indices):
    client.force_login(world.user("admin"))
    assert codes(overview(client, urut="kesiapan")) == ["32.01", OWN, OTHER]
    assert codes(overview(client, urut="-kesiapan")) == [OTHER, OWN, "32.01"]
    assert codes(overview(client, urut="kinerja")) == [OWN, OTHER, "32.01"]
    assert codes(overview(client, urut="-kinerja")) == [OTHER, OWN, "32.01"]
    assert codes(overview(client, urut="-kematangan")) == [OTHER, OWN, "32.01"]
    # By the official name: KOTA BANDUNG, KABUPATEN BOGOR, KABUPATEN BANYUWANGI.
    assert codes(overview(client, urut="-nama")) == [OWN, "32.01", OTHER]
    assert codes(overview(client, urut="bukan-kunci")) == ["32.01", OWN, OTHER]


def test_overview_paginates(client, world, settings):
    settings.REGION_PAGE_SIZE = 5
    for region in Region.objects.filter(province__code="11")[:5]:
        MasterplanFactory(region=region)
    client.force_login(world.user("admin"))
    first = overview(client)
    assert first.context["page"].paginator.count == 7
    assert len(first.context["page"]) == 5
    second = overview(client, halaman=2)
    assert len(second.context["page"]) == 2
    assert set(codes(first)).isdisjoint(codes(second))


def test_other_roles_are_refused(client, world):
    for role in ("ketua", "anggota", "dewan"):
        client.force_login(world.user(role))
        assert overview(client).status_code == 403
        assert client.get(reverse("index_overview_export")).status_code == 403


def test_navbar_links_the_overview_for_admins_and_pembimbing_only(client, world):
    url = reverse("index_overview")
    for role, shown in (("admin", True), ("pembimbing", True), ("ketua", False), ("dewan", False)):
        client.force_login(world.user(role))
        text = client.get(reverse("password_change")).content.decode()
        assert (f'href="{url}"' in text) is shown, role


# --- export ----------------------------------------------------------------------------------

def workbook_rows(response):
    sheet = load_workbook(BytesIO(response.content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_export_has_the_filtered_rows_with_numbers_as_numbers(client, world, regions_with_indices):
    client.force_login(world.user("admin"))
    response = client.get(reverse("index_overview_export"), {"province": "32", "urut": "-kesiapan"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    # Many regions: stamped in WIB as the one clock writes file names (masterplan/clock.py).
    assert re.fullmatch(r'attachment; filename="indeks-kematangan-\d{4}-\d{2}-\d{2}-\d{4}-WIB\.xlsx"',
                        response["Content-Disposition"])
    _sheet, rows = workbook_rows(response)
    assert rows[0] == ["Kode", "Wilayah", "Provinsi", "Angkatan", "Indeks kesiapan",
                       "Indeks kinerja", "Tingkat kematangan"]
    batch = regions_with_indices["batch"].name
    assert rows[1][:4] == [OWN, "Kota Bandung", "Provinsi Jawa Barat", batch]
    assert isinstance(rows[1][4], float) and rows[1][4] == pytest.approx(200 / 3)
    assert rows[1][5] == pytest.approx(200 / 3) and rows[1][6] == "Developing"
    assert rows[2][:4] == ["32.01", "Kabupaten Bogor", "Provinsi Jawa Barat", batch]
    assert rows[2][4] == pytest.approx(100 / 3)
    assert rows[2][5:] == [None, None]
    assert len(rows) == 3


def test_export_of_a_pembimbing_has_only_their_regions(client, world, regions_with_indices):
    client.force_login(world.user("pembimbing"))
    _sheet, rows = workbook_rows(client.get(reverse("index_overview_export")))
    assert [row[0] for row in rows[1:]] == [OWN]


def test_export_writes_formula_like_text_as_literal_text(client, world):
    Batch.objects.filter(year=2017).update(name="+62 angkatan")
    Batch.objects.filter(year=2018).update(name="-1+1")
    Region.objects.filter(code=OWN).update(name='=HYPERLINK("http://example.org","x")',
                                           batch=Batch.objects.get(year=2018))
    Region.objects.filter(code=OTHER).update(batch=Batch.objects.get(year=2017), name="@SUM(A1)")
    client.force_login(world.user("admin"))
    sheet, rows = workbook_rows(client.get(reverse("index_overview_export")))
    texts = [cell for cell in sheet.iter_rows(min_row=2) for cell in cell if cell.value]
    risky = [cell for cell in texts if str(cell.value)[0] in "=+-@"]
    assert {str(cell.value)[0] for cell in risky} == {"=", "+", "-", "@"}
    for cell in risky:
        assert cell.data_type == "s", cell.value
    assert rows[1][:4] == [OWN, Region.objects.get(code=OWN).display_name, "Provinsi Jawa Barat",
                           "-1+1"]
    assert rows[2][1] == Region.objects.get(code=OTHER).display_name
    assert rows[2][1].startswith("@") and rows[2][3] == "+62 angkatan"


# --- a fixed number of queries -----------------------------------------------------------------

def test_overview_and_export_cost_the_same_queries_for_1_and_30_masterplans(
        client, world, django_assert_max_num_queries):
    # One region with a current masterplan: Kota Bandung.
    Masterplan.objects.filter(pk=world.masterplans["other"].pk).update(is_current=False)
    client.force_login(world.user("admin"))
    judge(world.masterplans["own"], "human_resources", "baik", 2)
    rate(world.masterplans["own"], "sedang")
    counts = {}
    for name in ("index_overview", "index_overview_export"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name), {"urut": "-kesiapan"}).status_code == 200
        counts[name] = len(queries)
    for region in Region.objects.exclude(kind="provinsi").exclude(code__in=[OWN, OTHER])[:29]:
        masterplan = MasterplanFactory(region=region)
        judge(masterplan, "digital", "sedang", 3)
        rate(masterplan, "baik", element__dimension__code="society")
    for name, count in counts.items():
        with django_assert_max_num_queries(count):
            response = client.get(reverse(name), {"urut": "-kesiapan"})
        assert response.status_code == 200
    assert len(overview(client).context["page"]) == 30
