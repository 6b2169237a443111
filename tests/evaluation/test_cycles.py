"""Admins create and change a cycle: weights summing to 100, stages in order, participants by
batch and by code, each with its 30 score rows."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from evaluation.models import EvaluationCycle, RegionEvaluation, Score
from masterplan.models import Region
from tests.factories import BatchFactory

from .helpers import make_cycle

pytestmark = pytest.mark.django_db

FORM = {"year": "2027", "weight_baseline": "10", "weight_output": "20", "weight_outcome": "30",
        "weight_impact": "20", "weight_quick_win": "20", "scale_max": "100",
        "survey_min_responses": "50", "stage1_start": "2027-03-01", "stage1_end": "2027-05-31",
        "stage2_start": "2027-07-01", "stage2_end": "2027-09-30", "region_codes": ""}


def test_an_admin_creates_a_cycle_with_a_batch_and_a_listed_region(client, world):
    batch = BatchFactory(year=2017, name="Angkatan uji")
    Region.objects.filter(code__in=["32.73", "35.10"]).update(batch=batch)
    client.force_login(world.users["admin"])
    response = client.post(reverse("evaluation_cycle_create"),
                           {**FORM, "batches": [batch.pk], "region_codes": "51.71"})
    assert response.status_code == 302
    cycle = EvaluationCycle.objects.get(year=2027)
    assert cycle.weights == {"baseline": 10, "output": 20, "outcome": 30, "impact": 20,
                             "quick_win": 20}
    codes = set(cycle.participants.values_list("region__code", flat=True))
    assert codes == {"32.73", "35.10", "51.71"}
    assert Score.objects.filter(evaluation__cycle=cycle).count() == 3 * 5 * 6
    page = client.get(response["Location"])
    assert "3 wilayah peserta" in page.content.decode()


def test_weights_not_summing_to_100_are_refused_and_nothing_is_saved(client, world):
    client.force_login(world.users["admin"])
    response = client.post(reverse("evaluation_cycle_create"),
                           {**FORM, "weight_impact": "15", "region_codes": "32.73"})
    assert response.status_code == 422
    assert "Jumlah kelima bobot harus 100% (sekarang 95%)." in response.content.decode()
    assert not EvaluationCycle.objects.exists() and not RegionEvaluation.objects.exists()


def test_decimal_weights_are_read_the_indonesian_way(client, world):
    client.force_login(world.users["admin"])
    response = client.post(reverse("evaluation_cycle_create"),
                           {**FORM, "weight_outcome": "29,5", "weight_impact": "20,5"})
    assert response.status_code == 302
    assert EvaluationCycle.objects.get().weight_outcome == D("29.5")


def test_stages_out_of_order_and_unknown_codes_are_named(client, world):
    client.force_login(world.users["admin"])
    response = client.post(reverse("evaluation_cycle_create"),
                           {**FORM, "stage1_end": "2027-02-01", "stage2_start": "2027-04-01",
                            "region_codes": "32.73, 99.99"})
    content = response.content.decode()
    assert response.status_code == 422
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in content
    assert "Kode wilayah tidak dikenal: 99.99" in content
    assert not EvaluationCycle.objects.exists()


def test_the_database_refuses_weights_not_summing_to_100():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationCycle.objects.create(year=2030, weight_impact=D(25))


def test_a_region_leaving_the_cycle_is_kept_only_when_it_holds_data(client, world):
    cycle = make_cycle(2026, [world.own, world.other])
    scored = cycle.participants.get(region=world.own).scores.first()
    scored.self_score = D(50)
    scored.save()
    client.force_login(world.users["admin"])
    response = client.post(reverse("evaluation_cycle_edit", kwargs={"year": 2026}),
                           {**FORM, "year": "2026", "region_codes": ""}, follow=True)
    assert set(cycle.participants.values_list("region", flat=True)) == {world.own.pk}
    assert "tetap dipertahankan" in response.content.decode()
    # The year of a cycle is not changed by its form.
    assert EvaluationCycle.objects.get().year == 2026
