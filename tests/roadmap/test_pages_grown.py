"""The region's pages do not grow with the plan: from 30 to 230 programs (demo/grow.py) every
page keeps its query count and its HTML stays under 150 KiB; the long lists come a page at a
time, with their filters kept and every program a link away."""

import re

import pytest
from django.urls import reverse

from demo.grow import grow
from roadmap.models import Program
from roadmap.programs import PAGE_SIZE, programs_of

pytestmark = pytest.mark.django_db

MAX_HTML = 150 * 1024
GROWN = 230


def region_urls(world):
    """(url, query) of the region's pages that list programs, M&E records or changes, and of the
    pages around them."""
    def url(name, **kwargs):
        return reverse(name, kwargs={"region_code": world.own.code, **kwargs})
    return [
        (url("region_detail"), {}),
        (url("workspace_nav"), {}),
        (url("program_list"), {}),
        (url("program_list"), {"halaman": "2"}),
        (url("program_list"), {"kategori": "aplikasi", "halaman": "2"}),
        (url("roadmap"), {}),
        (url("roadmap_programs"), {"dimensi": "governance", "linimasa": "1"}),
        (url("roadmap_programs"), {"jangka": "menengah", "halaman": "2"}),
        (url("monitoring_worksheet"), {"tahun": "2026", "triwulan": "2"}),
        (url("monitoring_worksheet"), {"tahun": "2026", "triwulan": "2", "halaman": "2"}),
        (url("masterplan_changes"), {}),
        (url("masterplan_changes_section", section="programs"), {}),
        (url("readiness_overview"), {}),
        (url("performance"), {}),
        (url("swot_overview"), {}),
        (url("sasaran_list"), {}),
        (url("stages"), {}),
    ]


def test_region_pages_keep_their_queries_and_stay_small_from_30_to_230_programs(
        client, world, django_assert_max_num_queries):
    masterplan = world.masterplans["own"]
    grow(masterplan, 30)
    client.force_login(world.user("ketua"))
    urls = region_urls(world)
    for url, query in urls:  # once first: what a first request loads once is not counted
        assert client.get(url, query).status_code == 200, url
    counts = {}
    for index, (url, query) in enumerate(urls):
        with django_assert_max_num_queries(1000) as queries:
            client.get(url, query)
        counts[index] = len(queries)

    assert grow(masterplan, GROWN).total == GROWN
    for url, query in urls:  # the figures of the grown content are computed once, here
        client.get(url, query)
    for index, (url, query) in enumerate(urls):
        with django_assert_max_num_queries(counts[index]):
            response = client.get(url, query)
        assert response.status_code == 200, url
        assert len(response.content) < MAX_HTML, (url, query, len(response.content))
    assert_monitoring_pages(client, world)


def assert_monitoring_pages(client, world):
    """The M&E worksheet of a grown region: numbered across its pages, the period kept."""
    url = reverse("monitoring_worksheet", kwargs={"region_code": world.own.code})
    first = client.get(url, {"tahun": "2026", "triwulan": "2"})
    rows = first.context["rows"]
    assert len(rows) > PAGE_SIZE  # the counts are of every program running in the quarter
    html = first.content.decode()
    assert html.count('id="lampiran-program-') == PAGE_SIZE
    assert "tahun=2026&amp;triwulan=2&halaman=2" in html
    second = client.get(url, {"tahun": "2026", "triwulan": "2", "halaman": "2"}).content.decode()
    assert f'id="lampiran-program-{rows[PAGE_SIZE].program.pk}"' in second
    assert f"<td>{PAGE_SIZE + 1}</td>" in second


def test_program_list_pages_keep_the_filters_and_link_each_program_back_to_its_page(
        client, world):
    masterplan = world.masterplans["own"]
    grow(masterplan, 3 * PAGE_SIZE - 5)  # three pages, the last one short
    client.force_login(world.user("dewan"))
    url = reverse("program_list", kwargs={"region_code": world.own.code})

    first = client.get(url).content.decode()
    assert "Halaman 1 dari 3" in first and f"Program 1–{PAGE_SIZE} dari 70" in first
    assert 'href="?&halaman=2"' in first
    ordered = list(programs_of(masterplan).values_list("pk", flat=True))
    assert [int(pk) for pk in re.findall(r'id="program-(\d+)"', first)] == ordered[:PAGE_SIZE]
    last = client.get(url, {"halaman": "3"}).content.decode()
    assert [int(pk) for pk in re.findall(r'id="program-(\d+)"', last)] == ordered[2 * PAGE_SIZE:]
    assert "Halaman 3 dari 3" in last and "Berikutnya" not in last
    assert "Halaman 3 dari 3" in client.get(url, {"halaman": "99"}).content.decode()

    # The counts per dimension are of all the programs, and link to the dimension's filter.
    assert re.search(r'href="\?&?dimensi=governance">1\. Smart Governance</a> '
                     r'<span class="text-muted">\((\d+)\)</span>', first)
    # A filter stays on every page's links; the dimension links keep the other filters.
    filtered = client.get(url, {"kategori": "aplikasi"}).content.decode()
    count = Program.objects.filter(masterplan=masterplan, category="aplikasi").count()
    assert f"{count} program sesuai saringan." in filtered
    assert 'href="?kategori=aplikasi&amp;dimensi=governance"' in filtered
    if count > PAGE_SIZE:
        assert 'href="?kategori=aplikasi&halaman=2"' in filtered

    # A program's page links back to the page of the list that shows it.
    program = Program.objects.get(pk=ordered[2 * PAGE_SIZE + 3])
    detail = client.get(reverse("program_detail", kwargs={"region_code": world.own.code,
                                                          "program_pk": program.pk}))
    assert f'{url}?halaman=3#program-{program.pk}' in detail.content.decode()
    first_program = reverse("program_detail", kwargs={"region_code": world.own.code,
                                                      "program_pk": ordered[0]})
    assert f'{url}#program-{ordered[0]}' in client.get(first_program).content.decode()
