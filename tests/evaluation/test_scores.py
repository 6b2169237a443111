"""The team's self-assessment and the assessor's scores of one component, and the indices the
region's pages show from them."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from evaluation.models import Score

from .helpers import make_cycle

pytestmark = pytest.mark.django_db


def url(name, region, component="outcome", year=2026):
    return reverse(name, kwargs={"region_code": region.code, "year": year,
                                 "component": component})


def form_data(scores, value, prefix_links=True, links=""):
    data = {}
    for score in scores:
        data[f"score_{score.pk}"] = value
        data[f"note_{score.pk}"] = "Catatan"
        if prefix_links:
            data[f"links_{score.pk}"] = links
    return data


def outcome_scores(evaluation):
    return list(evaluation.scores.filter(component="outcome").order_by("dimension__number"))


def test_the_ketua_fills_a_component_and_the_pembimbing_scores_beside_it(client, world):
    cycle = make_cycle(2026, [world.own])
    evaluation = cycle.participants.get()
    scores = outcome_scores(evaluation)
    client.force_login(world.users["ketua"])
    response = client.post(url("evaluation_self", world.own),
                           form_data(scores, "72,5", links="https://bandung.go.id/regulasi\n"))
    assert response.status_code == 302
    assert response["Location"].endswith("#komponen-outcome")
    saved = Score.objects.get(pk=scores[0].pk)
    assert saved.self_score == D("72.5") and saved.evidence_links == "https://bandung.go.id/regulasi"
    assert saved.self_updated_by == world.users["ketua"]

    client.force_login(world.users["pembimbing"])
    response = client.post(url("evaluation_assess", world.own), form_data(scores, "70", False))
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.assessor_score == D(70) and saved.self_score == D("72.5")
    page = client.get(reverse("evaluation_detail",
                              kwargs={"region_code": world.own.code, "year": 2026}))
    content = page.content.decode()
    assert "M 72,5" in content and "P 70" in content
    # Who filled the component last, and when, in the region's zone.
    assert f"M: {world.users['ketua']}, " in content and f"P: {world.users['pembimbing']}, " in content
    assert "WIB</div>" in content


def test_a_score_above_the_scale_or_a_bad_link_is_refused_and_nothing_is_saved(client, world):
    cycle = make_cycle(2026, [world.own], scale_max=D(5))
    scores = outcome_scores(cycle.participants.get())
    client.force_login(world.users["anggota"])
    data = form_data(scores, "4")
    data[f"score_{scores[1].pk}"] = "7"
    data[f"links_{scores[2].pk}"] = "https://a.example\nbukan tautan"
    response = client.post(url("evaluation_self", world.own), data)
    content = response.content.decode()
    assert response.status_code == 422
    assert "Nilai paling tinggi 5, sesuai skala siklus ini." in content
    assert "Baris 2 bukan tautan yang sah" in content
    assert not Score.objects.filter(self_score__isnull=False).exists()


def test_the_final_index_appears_once_every_component_is_scored(client, world):
    cycle = make_cycle(2026, [world.own])
    evaluation = cycle.participants.get()
    values = {"baseline": 80, "output": 70, "outcome": 60, "impact": 50, "quick_win": 90}
    evaluation.scores.update(self_score=None)
    for component, value in values.items():
        evaluation.scores.filter(component=component).update(self_score=value)
    client.force_login(world.users["dewan"])
    page = client.get(reverse("evaluation_detail",
                              kwargs={"region_code": world.own.code, "year": 2026}))
    assert '<p class="fs-4 mb-0" id="indeks-mandiri">68</p>' in page.content.decode()
    evaluation.scores.filter(component="impact").update(self_score=None)
    page = client.get(reverse("evaluation_region", kwargs={"region_code": world.own.code}))
    assert "Evaluasi 2026" in page.content.decode()


def test_an_unknown_component_or_a_region_outside_the_cycle_is_not_found(client, world):
    make_cycle(2026, [world.own])
    client.force_login(world.users["admin"])
    assert client.get(url("evaluation_assess", world.own, component="lain")).status_code == 404
    assert client.get(url("evaluation_assess", world.other)).status_code == 404
    assert client.get(url("evaluation_assess", world.own, year=2025)).status_code == 404


def test_the_region_pages_read_a_fixed_number_of_queries(client, world,
                                                         django_assert_max_num_queries):
    for year in range(2020, 2027):
        make_cycle(year, [world.own])
    client.force_login(world.users["ketua"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("evaluation_region",
                                  kwargs={"region_code": world.own.code})).status_code == 200
