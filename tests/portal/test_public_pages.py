"""The public portal (portal/views/public.py): only published masterplans, DRAF marked, the same
cacheable answer for everyone, described for search engines and link previews, and the books of
a published masterplan only."""

import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from books.documents import BOOK
from demo.grow import grow
from masterplan.models import MasterplanStatus, RenderJob
from masterplan.models_render import generated_storage
from portal import services
from portal.models import Publication

pytestmark = pytest.mark.django_db

REGION_PAGES = ("portal_region", "portal_programs", "portal_roadmap", "portal_kpi",
                "portal_institutions")


def region_urls(code):
    return [reverse(name, kwargs={"region_code": code}) for name in REGION_PAGES]


@pytest.fixture
def published(world):
    masterplan = world.masterplans["own"]
    grow(masterplan, 6)
    services.publish(masterplan, world.user("ketua"), as_draft=True)
    Publication.objects.filter(masterplan=masterplan).update(
        published_at=datetime(2026, 12, 4, 3, 0, tzinfo=UTC))
    return masterplan


def book_job(masterplan, *, final=False, part="3", status="succeeded"):
    name = generated_storage().save(f"books/uji/{masterplan.pk}-{part}.pdf",
                                    ContentFile(b"%PDF-1.7\n%uji\n"))
    return RenderJob.objects.create(masterplan=masterplan, kind=BOOK, part=part, status=status,
                                    is_final=final, file=name, page_count=2,
                                    finished_at=datetime(2026, 12, 4, 3, 0, tzinfo=UTC))


def test_a_published_masterplans_pages_answer_everyone(client, world, published):
    for url in [reverse("portal_national"), *region_urls(world.own.code)]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Kota Bandung" in response.content.decode()


def test_nothing_unpublished_is_visible_without_a_login(client, world, published):
    other = world.other.code
    for url in region_urls(other):
        assert client.get(url).status_code == 404, url
    assert "Banyuwangi" not in client.get(reverse("portal_national")).content.decode()
    # Signed in changes nothing: the portal shows published masterplans only, to admins too.
    admin = Client()
    admin.force_login(world.user("admin"))
    assert admin.get(region_urls(other)[0]).status_code == 404
    # Withdrawn: gone from every page.
    services.unpublish(published, world.user("ketua"))
    for url in region_urls(world.own.code):
        assert client.get(url).status_code == 404, url
    assert "Kota Bandung" not in client.get(reverse("portal_national")).content.decode()
    assert "32.73" not in client.get(reverse("portal_sitemap")).content.decode()


def test_a_published_draft_is_marked_draf_everywhere(client, world, published):
    national = client.get(reverse("portal_national")).content.decode()
    assert re.search(r"Kota Bandung</a>.*?DRAF", national, re.S)
    for url in region_urls(world.own.code):
        page = client.get(url).content.decode()
        assert re.search(r"<title>[^<]*\(DRAF\)", page), url
        assert "diterbitkan sebagai draf" in page, url
    job = book_job(published)
    overview = client.get(region_urls(world.own.code)[0]).content.decode()
    assert re.search(r"Unduh Buku III Executive Summary \(DRAF\)", overview)
    download = client.get(reverse("portal_book", kwargs={"region_code": world.own.code,
                                                         "job_pk": job.pk}))
    assert download["Content-Disposition"].endswith('32.73-buku-3-draf.pdf"')


def test_a_ditetapkan_masterplan_is_not_marked_draf(client, world, published):
    published.status = MasterplanStatus.DITETAPKAN
    published.save()
    services.publish(published, world.user("ketua"))
    for url in [reverse("portal_national"), *region_urls(world.own.code)]:
        assert "DRAF" not in client.get(url).content.decode(), url


def test_public_pages_are_the_same_cacheable_answer_for_everyone(client, world, published):
    signed_in = Client()
    signed_in.force_login(world.user("ketua"))
    urls = [reverse("portal_national"), reverse("portal_sitemap"), *region_urls(world.own.code)]
    for url in urls:
        anonymous, member = client.get(url), signed_in.get(url)
        for response in (anonymous, member):
            assert response["Cache-Control"] == "public, max-age=300", url
            assert not response.cookies, url
            assert "Cookie" not in response.get("Vary", ""), url
        assert anonymous.content == member.content, url
        assert b"<script" not in anonymous.content and b"style=" not in anonymous.content


def test_every_page_has_a_title_description_and_open_graph_tags(client, world, published):
    for url in [reverse("portal_national"), *region_urls(world.own.code)]:
        page = client.get(url).content.decode()
        title = re.search(r"<title>([^<]+)</title>", page).group(1)
        assert "Portal Masterplan Smart City" in title
        meta = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page))
        assert meta["description"] and meta["og:description"] == meta["description"]
        assert meta["og:title"] and meta["og:type"] in ("website", "article")
        assert meta["og:url"].startswith(settings.SITE_URL + url)


def test_numbers_and_dates_are_written_the_indonesian_way(client, world, published):
    overview = client.get(region_urls(world.own.code)[0]).content.decode()
    assert "Diterbitkan 4 Desember 2026." in overview
    assert re.search(r"Rp \d{1,3}(\.\d{3})+", overview)
    roadmap = client.get(reverse("portal_roadmap", kwargs={"region_code": world.own.code}))
    assert re.search(r"Rp \d{1,3}(\.\d{3})+", roadmap.content.decode())


def test_a_book_downloads_only_while_its_masterplan_is_published(client, world, published):
    draft_job = book_job(published)
    final_job = book_job(published, final=True, part="2")
    failed_job = book_job(published, part="1", status="failed")
    other_job = book_job(world.masterplans["other"])

    def get(job, code=world.own.code):
        return client.get(reverse("portal_book", kwargs={"region_code": code, "job_pk": job.pk}))

    response = get(draft_job)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "public, max-age=300"
    # A published draft offers its draft renders, never a final one; nothing that failed.
    assert get(final_job).status_code == 404
    assert get(failed_job).status_code == 404
    # Another region's job, through this region's URL or its own (unpublished).
    assert get(other_job).status_code == 404
    assert get(other_job, world.other.code).status_code == 404
    # Once ditetapkan and published as such: its final renders, no longer the drafts.
    published.status = MasterplanStatus.DITETAPKAN
    published.save()
    services.publish(published, world.user("ketua"))
    assert get(final_job).status_code == 200
    assert get(draft_job).status_code == 404
    services.unpublish(published, world.user("ketua"))
    assert get(final_job).status_code == 404


def test_the_national_page_filters_and_counts(client, world, published):
    other = world.masterplans["other"]
    other.status = MasterplanStatus.DITETAPKAN
    other.save()
    services.publish(other, world.user("admin"))

    def page(**query):
        return client.get(reverse("portal_national"), query).content.decode()

    everything = page()
    assert "Kota Bandung" in everything and "Kabupaten Banyuwangi" in everything
    assert re.search(r"<strong>2</strong> masterplan diterbitkan", everything)
    assert re.search(r"<strong>1</strong> sudah ditetapkan", everything)
    assert re.search(r"<strong>1</strong> masih draf", everything)
    assert "Banyuwangi" not in page(jenis="kota")
    assert "Bandung" not in page(provinsi="35")
    assert "Banyuwangi" not in page(status="draf")
    assert re.search(r"<strong>1</strong> masterplan diterbitkan", page(status="ditetapkan"))


def test_the_sitemap_lists_the_public_pages_of_published_masterplans_only(client, world, published):
    sitemap = client.get(reverse("portal_sitemap"))
    assert sitemap["Content-Type"].startswith("application/xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode())
    assert f"{settings.SITE_URL}/publik/" in locations
    assert f"{settings.SITE_URL}/publik/32.73/" in locations
    assert f"{settings.SITE_URL}/publik/32.73/program/?dimensi=governance" in locations
    assert not [url for url in locations if "35.10" in url]
    assert all(url.startswith(settings.SITE_URL + "/publik/") for url in locations)


def test_the_login_page_links_to_the_portal(client):
    assert reverse("portal_national") in client.get(reverse("login")).content.decode()


def test_an_unknown_dimension_answers_404(client, world, published):
    url = reverse("portal_programs", kwargs={"region_code": world.own.code})
    assert client.get(url, {"dimensi": "tidak-ada"}).status_code == 404
