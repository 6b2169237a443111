"""The score preview page: labelled an estimate, each part with its value, inputs and hints, the
final with the cycle's weights, the Rencana Aksi completion table and the method; a region
without a masterplan told why; linked from the evaluation's page; and its queries do not grow
with the plan."""

import re

import pytest
from django.urls import reverse

from demo.grow import grow
from evaluation import preview
from masterplan.models import Masterplan
from roadmap.models import Program

from .helpers import make_cycle
from .preview_helpers import add_survey, fill_region

pytestmark = pytest.mark.django_db


def url(region, name="evaluation_preview", year=2026):
    return reverse(name, kwargs={"region_code": region.code, "year": year})


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_page_shows_every_part_labelled_an_estimate(client, world):
    evaluation = make_cycle(2026, [world.own], survey_min_responses=2).participants.get()
    fill_region(world.masterplans["own"])
    add_survey(evaluation, [4, 5])
    client.force_login(world.users["dewan"])
    response = client.get(url(world.own))
    assert response.status_code == 200
    html = text(response)
    assert "Perkiraan nilai (bukan nilai resmi)" in html
    shown = response.context["preview"]
    assert shown.final is not None
    assert f'id="perkiraan-indeks-akhir">{shown.final_shown}</p>' in html
    assert re.fullmatch(r"\d+,\d", shown.final_shown)
    for part in shown.parts:
        assert f"{part.label}: {part.shown}</h2>" in html
        for line in part.inputs + part.raises:
            assert line.replace("“", "&#8220;") in html or line in html
    assert "87,5" in html  # Impact from the survey
    assert "2 regulasi masih draf" in html and "1 quick win masih berstatus rencana" in html
    table = re.search(r'<table[^>]*id="tabel-rencana-aksi".*?</table>', html).group(0)
    assert "SDM dan kelembagaan" in table and "Kebijakan dan kelembagaan" in table
    assert "75%" in table and "50%" in table
    assert 'id="metode-perkiraan"' in html and "docs/evaluation.md" in html


def test_an_unknown_part_says_why_and_the_final_waits(client, world):
    make_cycle(2026, [world.own])
    fill_region(world.masterplans["own"])
    client.force_login(world.users["ketua"])
    html = text(client.get(url(world.own)))
    assert "Survei warga baru 0 dari 50 tanggapan" in html
    assert "Perkiraan indeks akhir belum dapat dihitung: Impact belum diketahui." in html


def test_a_region_without_a_current_masterplan_is_told_why(client, world):
    make_cycle(2026, [world.own])
    Masterplan.objects.filter(region=world.own).update(is_current=False)
    client.force_login(world.users["admin"])
    response = client.get(url(world.own))
    assert response.status_code == 200
    html = text(response)
    assert 'id="tanpa-masterplan"' in html
    assert "Wilayah ini belum memiliki masterplan yang berlaku." in html
    assert "Tanpa masterplan yang berlaku belum ada rencana aksi yang dapat dihitung." in html


def test_the_evaluation_page_links_the_preview(client, world):
    make_cycle(2026, [world.own])
    client.force_login(world.users["anggota"])
    html = client.get(url(world.own, "evaluation_detail")).content.decode()
    links = re.search(r'<ul class="list-inline" id="bagian-evaluasi">.*?</ul>', html, re.S).group(0)
    assert f'href="{url(world.own)}"' in links


def test_a_region_outside_the_cycle_has_no_preview(client, world):
    make_cycle(2026, [world.own])
    client.force_login(world.users["admin"])
    assert client.get(url(world.other)).status_code == 404
    assert client.get(url(world.own, year=2025)).status_code == 404


def test_the_preview_keeps_its_queries_as_the_plan_grows(client, world,
                                                         django_assert_max_num_queries):
    masterplan = world.masterplans["own"]
    evaluation = make_cycle(2026, [world.own]).participants.get()
    fill_region(masterplan)
    grow(masterplan, 30)
    client.force_login(world.users["ketua"])
    client.get(url(world.own))  # what a first request loads once is not counted
    with django_assert_max_num_queries(1000) as queries:
        client.get(url(world.own))
    page_queries = len(queries)  # counted now: the query log is a bounded deque
    with django_assert_max_num_queries(12) as queries:
        before = preview.estimate(evaluation)
    estimate_queries = len(queries)

    grown = grow(masterplan, 90)
    assert Program.objects.filter(masterplan=masterplan).count() == 90 and grown.records > 0
    client.get(url(world.own))  # the grown content's cached figures are computed once, here
    with django_assert_max_num_queries(page_queries):
        response = client.get(url(world.own))
    assert response.status_code == 200
    with django_assert_max_num_queries(estimate_queries):
        grown_preview = preview.estimate(evaluation)
    planned = sum(row.planned for row in grown_preview.completion)
    assert planned == Program.objects.filter(masterplan=masterplan, start_year__lte=2026).count()
    assert planned > sum(row.planned for row in before.completion)
    assert grown_preview.part("outcome").value is not None
