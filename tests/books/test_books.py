"""The three books: composition, numbering, daftar isi, watermark, queries and the pipeline."""

import io
import re
from datetime import timedelta

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from books.contexts import BUILDERS
from books.documents import BOOK, request_render
from books.layout import book_html, compose, number_captions
from books.models import NarrativeSection
from books.text import to_html
from masterplan.guide import guide
from masterplan.models import Masterplan, RenderJob
from masterplan.rendering import pipeline
from masterplan.rendering.fetchers import FetchRefused, resolve
from masterplan.rendering.typesetting import html_to_pdf
from readiness.models import ReadinessEntry
from roadmap.models import Financing, Program, ProgramKpi
from swot.models import Vision

pytestmark = pytest.mark.django_db


def pdf_pages(pdf):
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf):
    """All text on one line: table cells wrap words over lines."""
    return re.sub(r"\s+", " ", "\n".join(pdf_pages(pdf)))


def fill(masterplan, programs=3):
    """Some content of every kind, so each book has something of the region's own to show."""
    NarrativeSection.objects.filter(masterplan=masterplan, key="latar_belakang").update(
        text="Kota ini tumbuh **pesat**.\n\n- butir satu\n- butir dua")
    NarrativeSection.objects.filter(masterplan=masterplan, key="ringkasan_latar_belakang").update(
        text="Ringkasan latar belakang kota.")
    masterplan.outlook.trends = "Tren digitalisasi layanan publik."
    masterplan.outlook.save()
    ReadinessEntry.objects.filter(masterplan=masterplan, component__number=1,
                                  sub_area__code="human_resources").update(
        value_text="214 komunitas kreatif", interpretation="baik")
    Vision.objects.filter(masterplan=masterplan).update(statement="Kota cerdas yang melayani.")
    element = masterplan.edition.dimensions.get(code="governance").elements.first()
    for n in range(programs):
        program = Program.objects.create(
            masterplan=masterplan, name=f"Program layanan terpadu {n}", element=element,
            category="aplikasi", horizon="pendek", start_year=2026, end_year=2026,
            is_quick_win=n == 0)
        ProgramKpi.objects.create(program=program, name=f"KPI {n}")
        Financing.objects.create(program=program, year=2026, source="apbd", amount=1_500_000_000)
    return Masterplan.objects.get(pk=masterplan.pk)  # fresh: no cached related rows


def test_plain_text_format_is_safe():
    html = to_html("Paragraf <script>alert(1)</script> **tebal** *miring*\n\n- a\n- b\n\n1. x\n2. y")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>tebal</strong>" in html and "<em>miring</em>" in html
    assert "<ul><li>a</li><li>b</li></ul>" in html and "<ol><li>x</li><li>y</li></ol>" in html


def test_fetcher_serves_only_project_files(settings):
    assert resolve("file:///static/books/book.css").name == "book.css"
    for url in ["http://example.org/x.png", "file:///etc/passwd", "file:///static/../../etc/passwd",
                "file:///media/../../etc/passwd"]:
        with pytest.raises(FetchRefused):
            resolve(url)


def test_captions_are_numbered_in_order_and_listed():
    html, tables, figures = number_captions(
        "<caption data-number>A</caption><figcaption data-number>G</figcaption>"
        "<caption data-number>B</caption>")
    assert [t.text for t in tables] == ["Tabel 1. A", "Tabel 2. B"]
    assert [f.text for f in figures] == ["Gambar 1. G"]
    assert 'id="tabel-2">Tabel 2. B</caption>' in html


@pytest.mark.parametrize("book", ["1", "2", "3"])
def test_every_outline_heading_appears_in_order_and_the_toc_is_true(world, book):
    masterplan = fill(world.masterplans["own"])
    html, _seconds = book_html(book, masterplan)
    pdf, pages, _render = html_to_pdf(html)
    texts = pdf_pages(pdf)
    assert len(texts) == pages
    # Lampiran I: the outline's headings, in order, in the body of the book.
    outline = next(item for item in guide("2017")["books"]["items"] if item["no"] == int(book))
    expected = []
    for node in outline.get("outline") or [n for part in outline["parts"] for n in part["outline"]
                                           if part["title"] == "Bagian Isi"]:
        expected.append(f"{node['num']} {node['title']}")
        expected += [f"{child['num']} {child['title']}" for child in node.get("children", [])]
    body = re.sub(r"\s+", " ", "\n".join(texts))  # long headings wrap over lines
    toc_end = body.index("Daftar Tabel")
    positions = []
    for heading in expected:
        found = body.find(heading, toc_end + 20)
        assert found != -1, heading
        positions.append(found)
    assert positions == sorted(positions)
    # Every daftar isi entry's page number is the page where the heading stands.
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    first_main = next(i for i, text in enumerate(texts) if text.lstrip().startswith("I. "))
    toc_numbers = {}
    for line in "\n".join(texts[:first_main]).splitlines():
        match = re.match(r"^(.*?)\s*\.{3,}\s*([ivx]+|\d+)$", line.strip())
        if match:
            toc_numbers[match.group(1).strip()] = match.group(2)
    checked = 0
    for item in reader.outline:
        if isinstance(item, list) or item.title not in toc_numbers:
            continue
        physical = reader.get_destination_page_number(item)
        if physical >= first_main:
            assert toc_numbers[item.title] == str(physical - first_main + 1), item.title
            checked += 1
    assert checked >= 3


def test_region_content_appears_where_it_belongs(world):
    masterplan = fill(world.masterplans["own"])
    book1 = pdf_text(html_to_pdf(book_html("1", masterplan)[0])[0])
    assert "214 komunitas kreatif" in book1 and "Tren digitalisasi layanan publik." in book1
    book2 = pdf_text(html_to_pdf(book_html("2", masterplan)[0])[0])
    assert "Kota ini tumbuh pesat." in book2 and "Program layanan terpadu 1" in book2
    assert "Rp 1.500.000.000" in book2
    book3 = pdf_text(html_to_pdf(book_html("3", masterplan)[0])[0])
    assert "Ringkasan latar belakang kota." in book3 and "Kota cerdas yang melayani." in book3
    assert "Kota Bandung" in book3


def test_tables_and_figures_are_numbered_and_listed(world):
    masterplan = world.masterplans["own"]
    html = compose("books/book1.html", BUILDERS["1"](masterplan))
    # Numbered per chapter (tests/books/test_layout_numbering.py): the first of a chapter is .1.
    assert re.search(r'href="#gambar-\d+-1"', html) and re.search(r'href="#tabel-\d+-1"', html)
    assert html.count('<caption id="tabel-') == html.count('href="#tabel-')


def test_draft_has_the_watermark_and_final_has_none(world):
    masterplan = world.masterplans["own"]
    draft = pdf_pages(html_to_pdf(book_html("3", masterplan)[0])[0])
    assert all("DRAF" in text for text in draft)
    assert "[belum diisi]" in "\n".join(draft)
    Masterplan.objects.filter(pk=masterplan.pk).update(status="final")
    masterplan.refresh_from_db()
    final = pdf_pages(html_to_pdf(book_html("3", masterplan)[0])[0])
    assert not any("DRAF" in text for text in final)
    assert "[belum diisi]" not in "\n".join(final)


@pytest.mark.parametrize("book", ["1", "2", "3"])
def test_query_count_does_not_grow_with_the_number_of_programs(world, book):
    few, many = world.masterplans["own"], world.masterplans["other"]
    fill(few, programs=2)
    fill(many, programs=12)
    counts = []
    for masterplan in (few, many):
        masterplan = Masterplan.objects.get(pk=masterplan.pk)
        with CaptureQueriesContext(connection) as queries:
            compose(f"books/book{book}.html", BUILDERS[book](masterplan))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_render_job_runs_in_process_and_reuses_identical_pdfs(world, django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    with django_capture_on_commit_callbacks(execute=True):
        first = request_render(masterplan, "3", world.user("ketua"))
    first.refresh_from_db()
    assert (first.status, first.progress) == ("succeeded", 100)
    assert first.page_count > 3 and len(first.content_hash) == 64
    assert first.file.open("rb").read(5) == b"%PDF-"
    assert first.gather_seconds > 0 and first.render_seconds > 0


def test_a_failing_render_ends_failed_with_a_plain_message(world, django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    masterplan.outlook.delete()  # data the book needs is gone
    with django_capture_on_commit_callbacks(execute=True):
        job = request_render(Masterplan.objects.get(pk=masterplan.pk), "1", None)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "gagal dibuat" in job.message and "Traceback" not in job.message


def test_a_job_whose_worker_died_is_marked_failed_not_left_running(world):
    old = timezone.now() - timedelta(seconds=pipeline.HARD_TIME_LIMIT + 5)
    stuck = RenderJob.objects.create(masterplan=world.masterplans["own"], kind=BOOK, part="2",
                                     status="running")
    RenderJob.objects.filter(pk=stuck.pk).update(started_at=old)
    fresh = RenderJob.objects.create(masterplan=world.masterplans["own"], kind=BOOK, part="3",
                                     status="running", started_at=timezone.now())
    assert pipeline.fail_stale_jobs() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == "failed" and "terhenti" in stuck.message
    assert fresh.status == "running"


def test_render_page_starts_jobs_and_final_render_needs_a_clear_checklist(client, world,
                                                                          django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("ketua"))
    url = reverse("books", kwargs={"region_code": world.own.code})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"book": "3"})
    job = RenderJob.objects.get(masterplan=masterplan)
    assert (job.status, job.is_final) == ("succeeded", False)
    download = client.get(reverse("render_job_download", kwargs={
        "region_code": world.own.code, "job_pk": job.pk}))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    Masterplan.objects.filter(pk=masterplan.pk).update(status="final")
    response = client.post(url, {"book": "3"}, follow=True)
    assert "daftar periksa sudah kosong" in response.content.decode()
    assert RenderJob.objects.filter(masterplan=masterplan).count() == 1
    assert client.post(url, {"book": "9"}).status_code == 302
    assert RenderJob.objects.filter(masterplan=masterplan).count() == 1

