import pytest

from masterplan.models import GuideEdition, Region
from masterplan.reference import display_region_name, load_regions
from masterplan.reference_data import load_reference_data

pytestmark = pytest.mark.django_db


def test_all_provinces_and_regencies_are_loaded_with_their_kind():
    assert Region.objects.filter(kind="provinsi").count() == 38
    assert Region.objects.filter(kind="kota").count() == 98
    assert Region.objects.filter(kind="kabupaten").count() == 416
    assert Region.objects.exclude(kind="provinsi").filter(province__isnull=True).count() == 0


def test_kemendagri_codes_and_names():
    bandung = Region.objects.select_related("province").get(code="32.73")
    assert (bandung.name, bandung.kind) == ("KOTA BANDUNG", "kota")
    assert bandung.display_name == "Kota Bandung"
    assert bandung.province.code == "32"
    assert bandung.province.display_name == "Provinsi Jawa Barat"


@pytest.mark.parametrize("name,kind,expected", [
    ("DKI JAKARTA", "provinsi", "Provinsi DKI Jakarta"),
    ("KABUPATEN PANGKAJENE DAN KEPULAUAN", "kabupaten", "Kabupaten Pangkajene dan Kepulauan"),
    ("KOTA BAU-BAU", "kota", "Kota Bau-Bau"),
])
def test_display_names(name, kind, expected):
    assert display_region_name(name, kind) == expected


def test_loading_again_changes_nothing():
    before = list(Region.objects.order_by("code").values_list("pk", "code", "name", "kind"))
    assert load_regions(Region) == 0
    load_reference_data()
    after = list(Region.objects.order_by("code").values_list("pk", "code", "name", "kind"))
    assert before == after
    assert GuideEdition.objects.filter(code="2017").count() == 1


def test_loader_repairs_a_changed_row():
    Region.objects.filter(code="32.73").update(name="KOTA SALAH")
    assert load_regions(Region) == 1
    assert Region.objects.get(code="32.73").name == "KOTA BANDUNG"


def test_reference_loaders_run_core_first_then_the_apps_in_dependency_order():
    from masterplan.reference_data import loaders

    assert [name for name, _loader in loaders()] == [
        "regions", "dimension elements", "readiness components", "bimtek sessions"]
