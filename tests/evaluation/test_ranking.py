"""The ranking by the published final (evaluation/ranking.py): competition ranks nationally and in
each province, the summary per province, the page for admins and pembimbing in a fixed number of
queries, and a region's own rank on its pages without the other regions' scores."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation import ranking, results
from masterplan.models import Region

from .helpers import make_cycle

pytestmark = pytest.mark.django_db

# Jawa Barat: Kota Bandung, Kabupaten Bandung, Kota Cimahi; Jawa Timur: Banyuwangi, Surabaya;
# Bali: Kota Denpasar.
FINALS = {"32.73": "70", "32.04": "80", "32.77": "70", "35.10": "80", "35.78": "90",
          "51.71": "60.5"}


def record(cycle, finals):
    for evaluation in cycle.participants.select_related("region", "cycle"):
        if evaluation.region.code in finals:
            final = D(finals[evaluation.region.code])
            results.record_result(evaluation, {"baseline": final, "output": final,
                                               "outcome": final, "impact": final,
                                               "quick_win": final, "final": final}, None)


def ranked_cycle(year=2026, finals=FINALS):
    cycle = make_cycle(year, Region.objects.filter(code__in=finals))
    record(cycle, finals)
    return cycle


def test_competition_ranks_share_a_place_and_skip_the_next():
    assert ranking.competition_ranks([90, 80, 80, 70]) == [1, 2, 2, 4]
    assert ranking.competition_ranks([5, 7, 5]) == [2, 1, 2]
    assert ranking.competition_ranks([]) == []


def test_the_national_and_provincial_ranks(world):
    rows = ranking.standings(ranked_cycle())
    assert [(row.region.code, row.rank, row.province_rank) for row in rows] == [
        ("35.78", 1, 1), ("32.04", 2, 1), ("35.10", 2, 2), ("32.73", 4, 2), ("32.77", 4, 2),
        ("51.71", 6, 1)]


def test_the_summary_per_province_counts_averages_and_names_the_best(world):
    summaries = ranking.province_summaries(ranking.standings(ranked_cycle()))
    assert [(summary.province.code, summary.count, summary.mean,
             [row.region.code for row in summary.best]) for summary in summaries] == [
        ("32", 3, D("73.33"), ["32.04"]), ("35", 2, D("85.00"), ["35.78"]),
        ("51", 1, D("60.50"), ["51.71"])]


def test_a_region_rank_counts_only_regions_with_a_result(world):
    cycle = ranked_cycle()
    make_cycle(2027, [world.own])  # no result yet: no rank
    rank = ranking.region_rank(cycle.participants.get(region=world.own))
    assert (rank.rank, rank.total, rank.province_rank, rank.province_total) == (4, 6, 2, 3)
    later = world.own.evaluations.get(cycle__year=2027)
    assert ranking.region_rank(later) is None


def ranking_url(year=2026, **query):
    url = reverse("evaluation_ranking", kwargs={"year": year})
    return f"{url}?{'&'.join(f'{key}={value}' for key, value in query.items())}" if query else url


def test_the_page_ranks_nationally_with_the_summary_per_province(client, world):
    ranked_cycle()
    client.force_login(world.users["pembimbing"])
    content = client.get(ranking_url()).content.decode()
    assert "6 dari 6 peserta sudah memiliki hasil resmi." in content
    table = content[content.index('id="tabel-peringkat"'):]
    assert table.index("Kota Surabaya") < table.index("Kabupaten Bandung") \
        < table.index("Kabupaten Banyuwangi") < table.index("Kota Bandung") \
        < table.index("Kota Cimahi") < table.index("Kota Denpasar")
    summary = content[content.index('id="ringkasan-provinsi"'):content.index('id="tabel-peringkat"')]
    assert '<a href="?provinsi=32">Provinsi Jawa Barat</a>' in summary
    assert "73,33" in summary and "Kabupaten Bandung (80)" in summary
    # The pembimbing opens the evaluations of its own regions only: the others are not linked.
    own = reverse("evaluation_detail", kwargs={"region_code": "32.73", "year": 2026})
    assert f'href="{own}"' in table
    assert "/wilayah/35.78/evaluasi/" not in table


def test_the_page_of_one_province(client, world):
    ranked_cycle()
    client.force_login(world.users["admin"])
    content = client.get(ranking_url(provinsi="35")).content.decode()
    table = content[content.index('id="tabel-peringkat"'):]
    assert "Peringkat di Provinsi Jawa Timur" in content and 'id="ringkasan-provinsi"' not in content
    assert "Kota Surabaya" in table and "Kabupaten Banyuwangi" in table
    assert "Kota Bandung" not in table
    # An admin opens every region's evaluation.
    assert "/wilayah/35.78/evaluasi/2026/" in table
    unknown = client.get(ranking_url(provinsi="99")).content.decode()
    assert "Tidak ada wilayah berperingkat di provinsi berkode “99”" in unknown


def test_the_page_reads_a_fixed_number_of_queries_however_many_regions(client, world):
    client.force_login(world.users["pembimbing"])
    ranked_cycle(2026, {"32.73": "70", "35.10": "60"})
    codes = Region.objects.filter(kind__in=["kota", "kabupaten"]).order_by("code").values_list(
        "code", flat=True)[:40]
    ranked_cycle(2027, {code: str(50 + number % 7) for number, code in enumerate(codes)})

    def queries(year):
        client.get(ranking_url(year))  # sessions and caches warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ranking_url(year)).status_code == 200
        return len(captured)

    assert queries(2026) == queries(2027)


def test_the_region_team_sees_its_own_rank_but_not_the_ranking(client, world):
    ranked_cycle()
    client.force_login(world.users["dewan"])
    assert client.get(ranking_url()).status_code == 403
    detail = client.get(reverse("evaluation_detail", kwargs={"region_code": "32.73",
                                                             "year": 2026})).content.decode()
    assert "Peringkat nasional 4 dari 6 · peringkat di provinsi 2 dari 3" in detail
    page = client.get(reverse("evaluation_region", kwargs={"region_code": "32.73"})).content.decode()
    assert "2026: Peringkat nasional 4 dari 6 · peringkat di provinsi 2 dari 3" in page
    # No other region's score or name reaches the team's pages.
    for text in ("80,00", "60,5", "Surabaya", "Cimahi", "Denpasar"):
        assert text not in detail and text not in page


def test_region_ranks_of_several_cycles_take_one_query(world, django_assert_num_queries):
    first = ranked_cycle(2025)
    second = ranked_cycle(2026, {"32.73": "90", "35.10": "80"})
    evaluations = [first.participants.get(region=world.own),
                   second.participants.get(region=world.own)]
    with django_assert_num_queries(1):
        ranks = ranking.region_ranks(evaluations)
    assert [(rank.rank, rank.total) for rank in ranks.values()] == [(4, 6), (1, 2)]
