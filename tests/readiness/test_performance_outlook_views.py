import pytest
from django.urls import reverse
from django.utils.formats import localize_input

from readiness.forms import CompetitivenessForm, OutlookForm, PerformanceForm
from readiness.models import BenchmarkCity, CompetitivenessIndicator, CompetitivenessValue, OutlookAnalysis
from readiness.services import competitiveness_table

pytestmark = pytest.mark.django_db


def performance_data(masterplan, **ratings):
    data = {}
    for assessment in masterplan.performance_assessments.select_related("element"):
        form = PerformanceForm(instance=assessment)
        for name in form.fields:
            data[form.add_prefix(name)] = form[name].value() or ""
        if assessment.element.code in ratings:
            data[form.add_prefix("rating")] = ratings[assessment.element.code]
    return data


def test_performance_grid_saves_all_rows(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    url = reverse("performance", kwargs={"region_code": world.own.code})
    response = client.post(url, performance_data(masterplan, public_service="baik",
                                                 waste="buruk"))
    assert response.status_code == 302
    ratings = dict(masterplan.performance_assessments.values_list("element__code", "rating"))
    assert (ratings["public_service"], ratings["waste"], ratings["mobility"]) == ("baik", "buruk", "")


def test_performance_conflict_in_one_row_saves_no_row(client, world):
    masterplan = world.masterplans["own"]
    stale = performance_data(masterplan, public_service="baik", health="sedang")
    client.force_login(world.user("ketua"))
    url = reverse("performance", kwargs={"region_code": world.own.code})
    client.post(url, performance_data(masterplan, public_service="buruk"))
    client.force_login(world.user("anggota"))
    response = client.post(url, stale)
    assert response.status_code == 422
    text = response.content.decode()
    assert "tidak ada yang disimpan" in text and "sudah diubah oleh" in text
    ratings = dict(masterplan.performance_assessments.values_list("element__code", "rating"))
    assert (ratings["public_service"], ratings["health"]) == ("buruk", "")


def test_performance_refuses_unknown_rating(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    url = reverse("performance", kwargs={"region_code": world.own.code})
    response = client.post(url, performance_data(masterplan, public_service="hebat",
                                                 health="baik"))
    assert response.status_code == 422
    assert not masterplan.performance_assessments.exclude(rating="").exists()


def test_outlook_narratives_are_saved(client, world):
    outlook = world.masterplans["own"].outlook
    form = OutlookForm(instance=outlook)
    data = {name: form[name].value() or "" for name in form.fields}
    data["trends"] = "Digitalisasi layanan publik"
    client.force_login(world.user("anggota"))
    response = client.post(reverse("outlook", kwargs={"region_code": world.own.code}), data)
    assert response.status_code == 302
    outlook.refresh_from_db()
    assert (outlook.trends, outlook.version) == ("Digitalisasi layanan publik", 2)


def competitiveness_data(masterplan, **values):
    cities, indicators, cells = competitiveness_table(masterplan)
    form = CompetitivenessForm(cities=cities, indicators=indicators, cells=cells,
                               initial={"version": OutlookAnalysis.objects.get(
                                   masterplan=masterplan).version})
    # As the browser would post the page: localized numbers, unticked boxes left out.
    data = {name: localize_input(form[name].value()) for name in form.fields}
    data = {key: ("" if value is None else value) for key, value in data.items()
            if value is not False}
    data.update(values)
    return data


def test_competitiveness_table_adds_cities_indicators_and_values(client, world):
    masterplan = world.masterplans["own"]
    url = reverse("competitiveness", kwargs={"region_code": world.own.code})
    client.force_login(world.user("anggota"))
    response = client.post(url, competitiveness_data(masterplan, **{
        "city-new0-name": "Kota Surabaya", "city-new0-scope": "nasional",
        "ind-new0-name": "Indeks SPBE", "ind-new0-unit": "indeks",
        "cell-new0-own-value": "3,95", "cell-new0-own-year": "2024"}))
    assert response.status_code == 302
    city = BenchmarkCity.objects.get(masterplan=masterplan)
    indicator = CompetitivenessIndicator.objects.get(masterplan=masterplan)
    assert (city.name, indicator.name) == ("Kota Surabaya", "Indeks SPBE")
    own = CompetitivenessValue.objects.get(indicator=indicator, city=None)
    assert (str(own.value), own.year) == ("3.9500", 2024)
    # The new city's column can now be filled.
    response = client.post(url, competitiveness_data(masterplan, **{
        f"cell-{indicator.pk}-{city.pk}-value": "4,1", f"cell-{indicator.pk}-{city.pk}-year": "2024"}))
    assert response.status_code == 302
    assert str(CompetitivenessValue.objects.get(indicator=indicator, city=city).value) == "4.1000"


@pytest.mark.parametrize("values,message", [
    ({"ind-new0-name": "IPM", "cell-new0-own-value": "tinggi"}, "Masukkan sebuah bilangan."),
    ({"ind-new0-name": "IPM", "cell-new0-own-year": "1900"}, "1945"),
    ({"cell-new0-own-value": "80"}, "Beri nama indikator"),
    ({"ind-new0-name": "IPM", "ind-new1-name": "ipm"}, "tercantum dua kali"),
])
def test_competitiveness_bad_input_saves_nothing(client, world, values, message):
    masterplan = world.masterplans["own"]
    url = reverse("competitiveness", kwargs={"region_code": world.own.code})
    client.force_login(world.user("anggota"))
    data = competitiveness_data(masterplan, **{"city-new0-name": "Kota Medan"}, **values)
    response = client.post(url, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not BenchmarkCity.objects.filter(masterplan=masterplan).exists()
    assert not CompetitivenessIndicator.objects.filter(masterplan=masterplan).exists()


def test_competitiveness_stale_version_is_refused_and_keeps_the_input(client, world):
    masterplan = world.masterplans["own"]
    url = reverse("competitiveness", kwargs={"region_code": world.own.code})
    stale = competitiveness_data(masterplan, **{"ind-new0-name": "Indeks B"})
    client.force_login(world.user("ketua"))
    client.post(url, competitiveness_data(masterplan, **{"ind-new0-name": "Indeks A"}))
    client.force_login(world.user("anggota"))
    response = client.post(url, stale)
    assert response.status_code == 422
    text = response.content.decode()
    assert "sudah diubah oleh" in text and 'value="Indeks B"' in text
    assert list(CompetitivenessIndicator.objects.filter(masterplan=masterplan)
                .values_list("name", flat=True)) == ["Indeks A"]
