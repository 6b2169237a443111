"""The open data's round trip: the national bundle exported, every content row deleted (a new
empty database with the reference data), imported with `import_open_data`, exported again: the
same JSON but for its generation time."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masterplan.models import Masterplan
from opendata import services
from opendata.datasets import DATASETS
from roadmap.models import Opd

from ..factories import MasterplanFactory, region
from .helpers import fill, publish

pytestmark = pytest.mark.django_db


def export():
    document = services.bundle_document(services.public_masterplans())
    document.pop("dibuat_pada")
    return json.loads(json.dumps(document))


def empty_database():
    """Every masterplan and what hangs from it, and the regions' OPDs: what is left is the
    reference data, as in a new database after load_reference_data."""
    for masterplan in Masterplan.objects.all():
        masterplan.delete()
    Opd.objects.all().delete()


def test_export_import_export_gives_the_same_json(world, tmp_path):
    own = fill(world.masterplans["own"], programs=8)
    publish(own, licence="CC-BY-SA-4.0", as_draft=True)
    other = MasterplanFactory(region=region("64.72"), title="Masterplan Samarinda")  # WITA
    fill(other, programs=3)
    publish(other)
    world.masterplans["other"].delete()  # unpublished: not in the files

    before = export()
    assert {name: table["jumlah_baris"] for name, table in before["dataset"].items()}["program"] == 11
    assert all(before["dataset"][name]["jumlah_baris"] for name in DATASETS)
    path = tmp_path / "semua.json"
    path.write_text(json.dumps(services.bundle_document(services.public_masterplans())),
                    encoding="utf-8")

    empty_database()
    assert export()["dataset"]["program"]["data"] == []
    call_command("import_open_data", str(path), stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115

    after = export()
    for name in DATASETS:
        assert after["dataset"][name] == before["dataset"][name], name
    assert after == before


def test_a_region_bundle_round_trips_too(world, client, tmp_path):
    own = fill(world.masterplans["own"], programs=3)
    publish(own)
    response = client.get(f"/data/wilayah/{own.region.code}/semua.json")
    before = json.loads(response.content)
    path = tmp_path / "wilayah.json"
    path.write_bytes(response.content)
    empty_database()
    call_command("import_open_data", str(path), stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115
    after = json.loads(client.get(f"/data/wilayah/{own.region.code}/semua.json").content)
    before.pop("dibuat_pada"), after.pop("dibuat_pada")
    assert after == before


def test_an_import_into_a_region_with_a_masterplan_is_refused_and_saves_nothing(world, tmp_path):
    own = fill(world.masterplans["own"], programs=2)
    publish(own)
    path = tmp_path / "semua.json"
    path.write_text(json.dumps(services.bundle_document(services.public_masterplans())))
    count = Masterplan.objects.count()
    with pytest.raises(CommandError, match="sudah memiliki masterplan"):
        call_command("import_open_data", str(path))
    assert Masterplan.objects.count() == count


def test_a_bundle_with_a_wrong_code_imports_nothing(world, tmp_path):
    own = fill(world.masterplans["own"], programs=2)
    publish(own)
    document = services.bundle_document(services.public_masterplans())
    document["dataset"]["program"]["data"][0]["jangka"] = "selamanya"
    document["dataset"]["pembiayaan"]["data"][0]["jumlah"] = "banyak"
    empty_database()
    path = tmp_path / "semua.json"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError) as refused:
        call_command("import_open_data", str(path))
    assert "“selamanya” bukan kode daftar jangka" in str(refused.value)
    assert "jumlah tidak sesuai tipe number" in str(refused.value)
    assert not Masterplan.objects.exists()
