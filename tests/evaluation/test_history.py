"""The region's evaluation page draws its final index across the years: the published final where
there is one, else the assessor's, else the self-assessment's, each labelled."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from evaluation import history, overview, results
from evaluation.charts import ASSESSOR, PUBLISHED, SELF

from .helpers import make_cycle

pytestmark = pytest.mark.django_db


def score_all(evaluation, **fields):
    evaluation.scores.update(**fields)


def three_years(world):
    published = make_cycle(2024, [world.own]).participants.get()
    assessed = make_cycle(2025, [world.own]).participants.get()
    self_only = make_cycle(2026, [world.own]).participants.get()
    make_cycle(2027, [world.own])  # nothing yet
    score_all(published, self_score=D(50), assessor_score=D(40))
    results.record_result(published, {**dict.fromkeys(
        ["baseline", "output", "outcome", "impact", "quick_win"], D("61.5")), "final": D("61.5")},
        None)
    score_all(assessed, self_score=D(70), assessor_score=D(65))
    score_all(self_only, self_score=D(72))


def test_each_year_shows_the_best_final_it_has(world):
    three_years(world)
    points = [history.point(row) for row in reversed(overview.region_rows(world.own))]
    assert [(found.year, found.value, found.source) for found in points] == [
        (2024, D("61.5"), PUBLISHED), (2025, D("65.00"), ASSESSOR), (2026, D("72.00"), SELF),
        (2027, None, None)]


def test_the_region_page_draws_the_history_and_the_rank(client, world):
    three_years(world)
    client.force_login(world.users["anggota"])
    content = client.get(reverse("evaluation_region",
                                 kwargs={"region_code": world.own.code})).content.decode()
    chart = content[content.index('<svg'):content.index('</svg>')]
    assert 'aria-describedby="tabel-evaluasi-wilayah"' in chart
    assert 'id="tabel-evaluasi-wilayah"' in content
    assert ("2024: 61,50 (resmi); 2025: 65,00 (penilai); 2026: 72,00 (mandiri); 2027: belum ada"
            in chart)
    assert "2024: Peringkat nasional 1 dari 1 · peringkat di provinsi 1 dari 1" in content


def test_a_region_without_any_final_index_gets_no_chart(client, world):
    make_cycle(2026, [world.own])
    client.force_login(world.users["ketua"])
    content = client.get(reverse("evaluation_region",
                                 kwargs={"region_code": world.own.code})).content.decode()
    assert "<svg" not in content and 'id="peringkat-wilayah"' not in content
