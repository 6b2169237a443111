"""The changes page: a summary per section, each section's changes loaded (htmx) or opened on a
page of their own, a page at a time; queries bounded whatever the number of changes."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from masterplan import clock, workflow
from masterplan.views.changes import PAGE_SIZE
from readiness.models import BenchmarkCity, CompetitivenessIndicator, CompetitivenessValue, ReadinessEntry
from readiness.services import add_extra_component, sub_area_by_slug
from swot.models import Strategy, SwotItem

from ..roadmap.program_helpers import add_financing, add_kpi, make_opd, make_program

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def summary_url(world):
    return reverse("masterplan_changes", kwargs={"region_code": world.own.code})


def section_url(world, section, since=None, page=None):
    url = reverse("masterplan_changes_section",
                  kwargs={"region_code": world.own.code, "section": section})
    query = [f"sejak={quote(clock.format_iso(since, world.own))}"] if since else []
    query += [f"halaman={page}"] if page else []
    return f"{url}?{'&'.join(query)}" if query else url


def entries(masterplan):
    return ReadinessEntry.objects.filter(masterplan=masterplan, component__isnull=False
                                         ).order_by("sub_area", "component__number")


@pytest.fixture
def pembimbing(client, world):
    client.force_login(world.user("pembimbing"))
    return client


def test_summary_counts_the_sections_and_leaves_their_changes_to_be_opened(pembimbing, world):
    masterplan = world.masterplans["own"]
    since = timezone.now()
    row = entries(masterplan).first()
    row.value_text = "nilai yang baru"
    row.save()
    make_program(masterplan, name="Portal layanan")
    text = pembimbing.get(f"{summary_url(world)}?sejak={quote(clock.format_iso(since, world.own))}"
                          ).content.decode()
    assert "2 perubahan sejak" in text
    assert 'id="bagian-readiness"' in text and 'id="bagian-programs"' in text
    assert "Analisis kesiapan (Tabel II.2–II.10)" in text and "1 diubah" in text
    assert "1 ditambahkan" in text
    assert f'hx-get="{section_url(world, "readiness", since)}"' in text
    assert "nilai yang baru" not in text and "Portal layanan" not in text


def test_a_section_answers_htmx_with_its_changes_and_a_browser_with_a_page(pembimbing, world):
    masterplan = world.masterplans["own"]
    since = timezone.now()
    make_program(masterplan, name="Portal layanan", lead_opd=make_opd(world.own))
    fragment = pembimbing.get(section_url(world, "programs", since), headers=HTMX
                              ).content.decode()
    assert "<html" not in fragment
    assert "Portal layanan" in fragment and "OPD pelaksana utama" in fragment
    assert "Diskominfo" in fragment and "ditambahkan" in fragment
    assert f'href="{reverse("program_list", kwargs={"region_code": world.own.code})}"' in fragment
    page = pembimbing.get(section_url(world, "programs", since)).content.decode()
    assert "<html" in page and "<h1 class=\"h3\">Program dan quick win</h1>" in page
    assert "1 perubahan sejak" in page and "Portal layanan" in page


def test_a_section_is_listed_a_page_at_a_time(pembimbing, world):
    masterplan = world.masterplans["own"]
    since = timezone.now()
    rows = list(entries(masterplan)[:PAGE_SIZE + 3])
    for row in rows:
        row.note = f"catatan {row.pk}"
        row.save()
    first = pembimbing.get(section_url(world, "readiness", since), headers=HTMX).content.decode()
    assert first.count('<li class="change change-changed') == PAGE_SIZE
    assert f"perubahan 1–{PAGE_SIZE} dari {PAGE_SIZE + 3}" in first
    assert "Halaman 1 dari 2" in first
    assert f'hx-get="{section_url(world, "readiness", since, 2).replace("&", "&amp;")}"' in first
    second = pembimbing.get(section_url(world, "readiness", since, 2), headers=HTMX
                            ).content.decode()
    assert second.count('<li class="change change-changed') == 3
    assert "Sebelumnya" in second and "Berikutnya" not in second


def test_an_unknown_section_is_not_found(pembimbing, world):
    assert pembimbing.get(section_url(world, "tidak-ada")).status_code == 404


def test_page_defaults_to_the_last_submission_the_content_differs_from(pembimbing, world):
    masterplan = world.masterplans["own"]
    before = entries(masterplan)[0]
    before.value_text = "sebelum pengajuan"
    before.save()
    first = workflow.apply(masterplan, "submit", world.user("ketua"), bimtek_number=1)
    workflow.apply(masterplan, "revise", world.user("pembimbing"), comment="Perbaiki")
    after = entries(masterplan)[1]
    after.value_text = "setelah revisi"
    after.save()
    workflow.apply(masterplan, "submit", world.user("ketua"), bimtek_number=1)
    text = pembimbing.get(summary_url(world)).content.decode()
    assert "1 perubahan sejak" in text  # not "0 perubahan" since the resubmission
    assert f'<option value="{clock.format_iso(first.changed_at, world.own)}" selected>' in text
    fragment = pembimbing.get(section_url(world, "readiness", first.changed_at),
                              headers=HTMX).content.decode()
    assert "setelah revisi" in fragment and "sebelum pengajuan" not in fragment


def test_a_chosen_point_is_kept_in_the_summary_and_its_sections(pembimbing, world):
    masterplan = world.masterplans["own"]
    make_program(masterplan, name="Program sebelum pengajuan")
    workflow.apply(masterplan, "submit", world.user("ketua"), bimtek_number=1)
    start = masterplan.created_at
    text = pembimbing.get(f"{summary_url(world)}?sejak={quote(clock.format_iso(start, world.own))}"
                          ).content.decode()
    assert f'<option value="{clock.format_iso(start, world.own)}" selected>Awal masterplan</option>' in text
    assert f'hx-get="{section_url(world, "programs", start)}"' in text
    fragment = pembimbing.get(section_url(world, "programs", start), headers=HTMX
                              ).content.decode()
    assert "Program sebelum pengajuan" in fragment


def grow(world, count):
    """`count` changes of each kind in most sections, after the moment it answers."""
    masterplan = world.masterplans["own"]
    since = timezone.now()
    opd = make_opd(world.own)
    worksheet = masterplan.worksheets.first()
    sub_area = sub_area_by_slug(masterplan.edition_id, "ii-2")
    indicator = CompetitivenessIndicator.objects.create(masterplan=masterplan, name="IPM")
    for number, row in enumerate(entries(masterplan)[:count]):
        row.value_text, row.interpretation = f"nilai {number}", "baik"
        row.save()
        add_extra_component(masterplan=masterplan, sub_area=sub_area, text=f"Tambahan {number}",
                            user=world.user("anggota")).delete()
        program = make_program(masterplan, name=f"Program {number}", lead_opd=opd)
        program.supporting_opds.add(opd)
        add_kpi(program, name=f"KPI {number}", targets={2026: "10", 2027: "20.5"})
        add_financing(program, 2026, "apbd", "1500000")
        item = SwotItem.objects.create(worksheet=worksheet, factor="S", text=f"Kekuatan {number}")
        Strategy.objects.create(worksheet=worksheet, quadrant="SO", text=f"Strategi {number}"
                                ).items.add(item)
        city = BenchmarkCity.objects.create(masterplan=masterplan, name=f"Kota {number}",
                                            scope="nasional")
        CompetitivenessValue.objects.create(indicator=indicator, city=city, value=number)
    return since


@pytest.mark.parametrize("count", [1, 12])
def test_queries_do_not_grow_with_the_number_of_changes(pembimbing, world, count,
                                                        django_assert_max_num_queries):
    since = grow(world, count)
    urls = {"summary": f"{summary_url(world)}?sejak={quote(clock.format_iso(since, world.own))}"}
    urls.update((key, section_url(world, key, since))
                for key in ("readiness", "programs", "swot", "outlook"))
    # The summary computed (one query per tracked history table), then read from the cache.
    bounds = {"summary": 53, "readiness": 9, "programs": 23, "swot": 14, "outlook": 14}
    for name, url in urls.items():
        with django_assert_max_num_queries(bounds[name], info=name):
            response = pembimbing.get(url, headers=HTMX if name != "summary" else {})
        assert response.status_code == 200
        if name == "summary":
            with django_assert_max_num_queries(12, info="summary again"):
                assert pembimbing.get(url).status_code == 200
        if name == "programs":
            assert response.content.decode().count('<li class="change ') == min(5 * count,
                                                                                   PAGE_SIZE)


def test_another_regions_changes_page_is_not_found(client, world):
    client.force_login(world.user("pembimbing"))
    url = reverse("masterplan_changes_section",
                  kwargs={"region_code": world.other.code, "section": "readiness"})
    assert client.get(url).status_code == 404
