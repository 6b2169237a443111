"""The admins' Bimtek matrix (filters, sorting, pages, .xlsx) and a pembimbing's own reports."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from bimtek import reports
from masterplan.models import Batch, Masterplan, Region, Role

from ..factories import MasterplanFactory, MembershipFactory
from .helpers import HELD_ON, OTHER, OWN, signed_report, visit_of, written_report

pytestmark = pytest.mark.django_db

MATRIX, EXPORT, MINE = "bimtek_matrix", "bimtek_matrix_export", "bimtek_my_reports"


def matrix(client, **params):
    response = client.get(reverse(MATRIX), params)
    assert response.status_code == 200
    return response


def codes(response):
    return [row.region.code for row in response.context["rows"]]


def export(client, **params):
    response = client.get(reverse(EXPORT), params)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    sheet = load_workbook(BytesIO(response.content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def admin(client, world):
    client.force_login(world.user("admin"))
    return client


def test_matrix_shows_each_visits_state_and_the_masterplan_status(admin, world):
    signed_report(world)
    written_report(world, 2)
    planned = visit_of(world, 3)
    planned.planned_date = HELD_ON
    planned.save()
    held = visit_of(world, 1, "other")
    held.actual_date = HELD_ON
    held.save()
    Masterplan.objects.filter(pk=world.masterplans["other"].pk).update(status="diajukan")

    response = matrix(admin)

    rows = {row.region.code: row for row in response.context["rows"]}
    assert [cell.state if cell else None for _n, cell in rows[OWN].cells] == [
        "signed", "reported", "planned", ""]
    assert [cell.state if cell else None for _n, cell in rows[OTHER].cells] == ["held", "", "", ""]
    assert rows[OTHER].status_label == "Diajukan"
    page = response.content.decode()
    assert "Ditandatangani" in page and "Dilaporkan" in page and "Diajukan" in page
    assert reverse("bimtek_visit", kwargs={"region_code": OWN, "number": 2}) in page


def test_matrix_lists_only_regions_with_a_current_masterplan(admin, world):
    Masterplan.objects.filter(pk=world.masterplans["other"].pk).update(is_current=False)
    assert codes(matrix(admin)) == [OWN]


def test_matrix_filters_by_province_batch_status_and_text(admin, world):
    batch = Batch.objects.create(year=2019, name="Angkatan uji 2019")
    Region.objects.filter(code=OTHER).update(batch=batch)
    Masterplan.objects.filter(pk=world.masterplans["own"].pk).update(status="perlu_revisi")
    assert codes(matrix(admin)) == [OWN, OTHER]
    assert codes(matrix(admin, province="32")) == [OWN]  # Jawa Barat
    assert codes(matrix(admin, province="35")) == [OTHER]  # Jawa Timur
    assert codes(matrix(admin, batch=batch.pk)) == [OTHER]
    assert codes(matrix(admin, status="perlu_revisi")) == [OWN]
    assert codes(matrix(admin, status="draf")) == [OTHER]
    assert codes(matrix(admin, q="banyu")) == [OTHER]
    _sheet, rows = export(admin, province="35")
    assert [row[0] for row in rows[1:]] == [OTHER]


def test_matrix_sorts_by_columns_and_signed_reports(admin, world):
    signed_report(world, 1)
    signed_report(world, 2)
    assert codes(matrix(admin, urut="-kode")) == [OTHER, OWN]
    assert codes(matrix(admin, urut="nama")) == [OTHER, OWN]  # KABUPATEN before KOTA
    assert codes(matrix(admin, urut="ditandatangani")) == [OTHER, OWN]
    assert codes(matrix(admin, urut="-ditandatangani")) == [OWN, OTHER]
    assert codes(matrix(admin, urut="tidak-ada")) == [OWN, OTHER]
    top = matrix(admin, urut="-ditandatangani")
    assert [row.region.signed_reports for row in top.context["rows"]] == [2, 0]
    assert "2/4" in top.content.decode()


def test_matrix_paginates(admin, world, settings):
    settings.REGION_PAGE_SIZE = 5
    for region in Region.objects.exclude(kind="provinsi").exclude(code__in=[OWN, OTHER])[:5]:
        MasterplanFactory(region=region)
    first, second = matrix(admin), matrix(admin, halaman=2)
    assert len(first.context["rows"]) == 5 and len(second.context["rows"]) == 2
    assert not set(codes(first)) & set(codes(second))


@pytest.mark.parametrize("role", ["pembimbing", "ketua", "anggota", "dewan"])
def test_matrix_and_export_are_for_admins_only(client, world, role):
    client.force_login(world.user(role))
    assert client.get(reverse(MATRIX)).status_code == 403
    assert client.get(reverse(EXPORT)).status_code == 403


def test_export_has_states_dates_and_literal_text(admin, world):
    signed_report(world)
    batch = Batch.objects.create(year=2020, name="=HYPERLINK(\"http://x.invalid\")")
    Region.objects.filter(code=OWN).update(batch=batch)
    planned = visit_of(world, 2)
    planned.planned_date = HELD_ON
    planned.save()

    sheet, rows = export(admin)

    assert rows[0][:7] == ["Kode", "Wilayah", "Provinsi", "Angkatan", "Status masterplan",
                           "Bimtek #1", "Tanggal Bimtek #1"]
    assert rows[0][-1] == "Laporan ditandatangani"
    own = rows[1]
    assert own[:5] == [OWN, "Kota Bandung", "Provinsi Jawa Barat", batch.name, "Draf"]
    assert own[5] == "Ditandatangani" and own[6].date() == HELD_ON
    assert own[7] == "Direncanakan" and own[8].date() == HELD_ON
    assert own[9:13] == ["Belum direncanakan", None, "Belum direncanakan", None]
    assert own[-1] == 1
    assert sheet["D2"].data_type == "s"  # the '=' batch name stays text, not a formula


def test_matrix_and_export_cost_the_same_queries_for_2_and_12_regions(admin, world):
    signed_report(world)
    counts = {}
    for name in (MATRIX, EXPORT):
        with CaptureQueriesContext(connection) as queries:
            assert admin.get(reverse(name), {"urut": "-ditandatangani"}).status_code == 200
        counts[name] = len(queries)
    for region in Region.objects.exclude(kind="provinsi").exclude(code__in=[OWN, OTHER])[:10]:
        masterplan = MasterplanFactory(region=region)
        visit = masterplan.bimtek_visits.get(session__number=1)
        visit.planned_date = HELD_ON
        visit.save()
        reports.ensure_report(visit)
    for name, count in counts.items():
        with CaptureQueriesContext(connection) as queries:
            assert admin.get(reverse(name), {"urut": "-ditandatangani"}).status_code == 200
        assert len(queries) == count, name
    assert len(matrix(admin).context["rows"]) == 12


# --- a pembimbing's own reports ----------------------------------------------------------------

def test_my_reports_lists_unsigned_reports_first(client, world):
    signed_report(world, 1)
    written_report(world, 3)
    planned = visit_of(world, 2)
    planned.planned_date = HELD_ON
    planned.save()
    client.force_login(world.user("pembimbing"))
    response = client.get(reverse(MINE))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(row["visit"].session.number, row["state"].state) for row in rows] == [
        (2, "planned"), (3, "reported"), (4, ""), (1, "signed")]
    assert response.context["open_count"] == 3
    assert rows[1]["todo"] == "Menunggu tanda tangan tim pembimbing"
    assert {row["visit"].masterplan.region.code for row in rows} == {OWN}


def test_my_reports_spans_the_pembimbings_regions_only(client, world):
    MembershipFactory(user=world.user("pembimbing"), region=world.other, role=Role.PEMBIMBING)
    third = Region.objects.exclude(kind="provinsi").exclude(code__in=[OWN, OTHER]).first()
    MasterplanFactory(region=third)
    client.force_login(world.user("pembimbing"))
    rows = client.get(reverse(MINE)).context["rows"]
    assert {row["visit"].masterplan.region.code for row in rows} == {OWN, OTHER}
    assert len(rows) == 8


@pytest.mark.parametrize("role", ["admin", "ketua", "anggota", "dewan"])
def test_my_reports_is_for_pembimbing(client, world, role):
    client.force_login(world.user(role))
    assert client.get(reverse(MINE)).status_code == 403


def test_my_reports_refuse_a_pembimbing_assigned_to_no_region(client, world):
    pembimbing = world.user("pembimbing")
    pembimbing.memberships.all().delete()
    client.force_login(pembimbing)
    assert client.get(reverse(MINE)).status_code == 403


def test_navbar_links_for_admins_and_pembimbing(client, world):
    client.force_login(world.user("admin"))
    page = client.get(reverse("region_list")).content.decode()
    assert reverse(MATRIX) in page and reverse(MINE) not in page
    client.force_login(world.user("pembimbing"))
    page = client.get(reverse("region_list")).content.decode()
    assert reverse(MINE) in page and reverse(MATRIX) not in page
