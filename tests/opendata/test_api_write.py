"""Writing M&E records and KPI actuals through the API: the pages' form and service, so the same
validation and version check; the region's team only; nothing half-saved."""

import json
from decimal import Decimal

import pytest

from roadmap.models import KpiActual, MonitoringRecord, Program, ProgramKpi

from .helpers import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(world):
    fill(world.masterplans["own"], programs=2)
    program = Program.objects.filter(masterplan=world.masterplans["own"]).order_by("pk").first()
    MonitoringRecord.objects.filter(program=program).delete()
    return program


def call(client, method, url, token, body=None):
    response = getattr(client, method)(url, json.dumps(body or {}), content_type="application/json",
                                       headers={"Authorization": token})
    return response.status_code, json.loads(response.content) if response.content else None


def record_body(program, **changes):
    kpi = program.kpis.order_by("pk").first()
    return {"program": program.pk, "tahun": program.start_year, "triwulan": 2, "kemajuan": 40,
            "berjalan_baik": "Tim terbentuk", "realisasi": [{"kpi": kpi.pk, "nilai": "12.5"}],
            **changes}


def test_the_team_creates_a_record_with_its_actuals(client, world, program, token_for):
    status, data = call(client, "post", "/api/monev/", token_for(world.user("anggota")),
                        record_body(program))
    assert status == 201, data
    record = MonitoringRecord.objects.get(pk=data["id"])
    assert (record.year, record.quarter, record.progress_percent) == (program.start_year, 2, 40)
    assert record.updated_by == world.user("anggota")
    assert KpiActual.objects.get(record=record).value == Decimal("12.5")
    assert data["versi"] == 1 and data["realisasi"][0]["nilai"] == "12.5"
    assert data["kode_program"] == "P1" and data["kemajuan"] == 40


def test_invalid_input_is_refused_in_indonesian_and_nothing_is_saved(client, world, program,
                                                                     token_for):
    token = token_for(world.user("ketua"))
    status, data = call(client, "post", "/api/monev/", token,
                        record_body(program, kemajuan=150, tahun=program.start_year + 30))
    assert status == 400
    assert "Kemajuan paling besar 100%." in data["kesalahan"]["kemajuan"]
    assert "di luar masa program" in " ".join(data["kesalahan"]["tahun"])
    other_kpi = ProgramKpi.objects.exclude(program=program).first()
    status, data = call(client, "post", "/api/monev/", token,
                        record_body(program, realisasi=[{"kpi": other_kpi.pk, "nilai": "1"}]))
    assert status == 400 and "bukan KPI program ini" in data["kesalahan"]["realisasi"][0]
    status, data = call(client, "post", "/api/monev/", token, {"tahun": "dua ribu"})
    assert status == 400 and data["detail"].startswith("Isian ditolak")
    assert not MonitoringRecord.objects.filter(program=program).exists()
    assert not KpiActual.objects.filter(record__program=program).exists()


def test_a_stale_version_is_a_conflict_and_saves_nothing(client, world, program, token_for):
    token = token_for(world.user("ketua"))
    _status, created = call(client, "post", "/api/monev/", token, record_body(program))
    url = f"/api/monev/{created['id']}/"
    status, changed = call(client, "patch", url, token, {"versi": 1, "kemajuan": 55})
    assert status == 200 and changed["versi"] == 2 and changed["kemajuan"] == 55
    assert changed["berjalan_baik"] == "Tim terbentuk"  # what was not sent stays
    status, data = call(client, "patch", url, token_for(world.user("anggota")),
                        {"versi": 1, "kemajuan": 70,
                         "realisasi": [{"kpi": created["realisasi"][0]["kpi"], "nilai": "99"}]})
    assert status == 409
    assert data["versi_sekarang"] == 2 and "Tidak ada yang disimpan" in data["detail"]
    record = MonitoringRecord.objects.get(pk=created["id"])
    assert record.progress_percent == 55 and record.actuals.get().value == Decimal("12.5")
    status, data = call(client, "patch", url, token, {"kemajuan": 60})
    assert status == 400 and "versi" in data["kesalahan"]


def test_a_kpi_actual_is_set_and_removed_under_the_record_version(client, world, program,
                                                                  token_for):
    token = token_for(world.user("ketua"))
    _status, created = call(client, "post", "/api/monev/", token, record_body(program))
    kpi = created["realisasi"][0]["kpi"]
    url = f"/api/monev/{created['id']}/realisasi/{kpi}/"
    status, data = call(client, "put", url, token, {"versi": 1, "nilai": "-3.25"})
    assert status == 200 and data["realisasi"][0]["nilai"] == "-3.25" and data["versi"] == 2
    status, data = call(client, "put", url, token, {"versi": 1, "nilai": "7"})
    assert status == 409
    status, data = call(client, "put", url, token, {"versi": 2, "nilai": None})
    assert status == 200 and data["realisasi"] == []
    assert client.get(url, headers={"Authorization": token}).json()["nilai"] is None


def test_other_regions_and_read_only_roles_cannot_write(client, world, program, token_for):
    body = record_body(program)
    for role, expected in [("dewan", 403), ("pembimbing", 403), ("admin", 403)]:
        status, data = call(client, "post", "/api/monev/", token_for(world.user(role)), body)
        assert status == expected, role
        assert "tim pelaksana" in data["detail"]
    outsider = world.memberships["other"]["ketua"].user
    status, data = call(client, "post", "/api/monev/", token_for(outsider), body)
    assert status == 404
    status, _data = call(client, "post", "/api/monev/", "", body)
    assert status == 401
    assert not MonitoringRecord.objects.filter(program=program).exists()


def test_a_frozen_masterplan_refuses_writes(client, world, program, token_for):
    masterplan = program.masterplan
    masterplan.status = "diajukan"
    masterplan.save()
    status, data = call(client, "post", "/api/monev/", token_for(world.user("ketua")),
                        record_body(program))
    assert status == 403 and "Diajukan" in data["detail"]


def test_a_record_is_deleted_with_its_version(client, world, program, token_for):
    token = token_for(world.user("ketua"))
    _status, created = call(client, "post", "/api/monev/", token, record_body(program))
    url = f"/api/monev/{created['id']}/"
    response = client.delete(url + "?versi=9", headers={"Authorization": token})
    assert response.status_code == 409
    response = client.delete(url + "?versi=1", headers={"Authorization": token})
    assert response.status_code == 204
    assert not MonitoringRecord.objects.filter(pk=created["id"]).exists()
