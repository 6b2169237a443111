"""The report as PDF in the Lampiran layout, read back with pypdf (the render job that writes it
for the pages: test_report_render.py)."""

import io

import pytest
from pypdf import PdfReader

from bimtek import pdf, reports
from bimtek.models import ReportItemNote

from .helpers import written_report

pytestmark = pytest.mark.django_db


def text_of(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_signed_report_renders_the_lampiran_layout(world):
    report = written_report(world)
    visit = report.visit
    item = visit.session.report_items.get(position=2)
    ReportItemNote.objects.create(report=report, item=item, held=False,
                                  notes="Sosialisasi diundur ke hari kedua")
    visit.pembimbing.add(world.user("pembimbing"))
    reports.sign(report, world.user("pembimbing"))
    reports.sign(report, world.user("ketua"))
    report.refresh_from_db()

    data = pdf.render_report_pdf(report)

    assert data.startswith(b"%PDF")
    reader, text = text_of(data)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4
    assert reader.pages[0].mediabox.height == pytest.approx(841.89, abs=0.5)
    fonts = {str(font.get_object()["/BaseFont"]) for font in
             reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("Noto-Sans" in name for name in fonts), fonts  # the shipped font, embedded
    for expected in ("LAMPIRAN V:", "Formulir Laporan Tim Pembimbing: Bimtek #1",
                     "Kota / Kabupaten: Kota Bandung", "Tanggal Kunjungan: 10 Maret 2026",
                     "Persiapan, Perencanaan, dan Koordinasi Penyusunan Masterplan Smart City",
                     "Hari Waktu", "Keterangan", "Hari Ke – 1", "09:00 – 10:00", "Sambutan",
                     "Tidak terlaksana. Sosialisasi diundur ke hari kedua",
                     "Terlaksana. Dibuka oleh Sekda.",
                     "Output Hasil Bimtek #1:", "Draf masterplan bab I–III disepakati.",
                     "Catatan: Lampirkan dokumen output hasil bimtek # 1",
                     "TIM PEMBIMBING", "KETUA TIM PELAKSANA SMART CITY",
                     str(world.user("pembimbing")), str(world.user("ketua")), "WIB",
                     f"Halaman 1 dari {len(reader.pages)}"):
        assert expected in text, expected


def test_an_unsigned_report_shows_blank_signature_lines(world):
    report = written_report(world, number=3)
    _reader, text = text_of(pdf.render_report_pdf(report))
    assert "LAMPIRAN VII:" in text and "Formulir Laporan Tim Pembimbing: Bimtek #3" in text
    assert text.count("Belum ditandatangani") == 2


def test_html_in_the_report_is_text_and_only_the_embedded_fonts_are_fetched(world, monkeypatch):
    report = written_report(world, output='<img src="http://example.invalid/x.png"> Selesai')
    fetched = []
    original = pdf.DataOnlyFetcher.fetch

    def spy(self, url_, headers=None):
        fetched.append(url_)
        return original(self, url_, headers)

    monkeypatch.setattr(pdf.DataOnlyFetcher, "fetch", spy)
    _reader, text = text_of(pdf.render_report_pdf(report))
    assert '<img src="http://example.invalid/x.png"> Selesai' in text
    assert fetched and all(address.startswith("data:font/woff;base64,") for address in fetched)


@pytest.mark.parametrize("address", ["http://example.invalid/font.woff", "https://example.invalid/a.css",
                                     "file:///etc/passwd", "ftp://example.invalid/x"])
def test_the_fetcher_refuses_everything_but_data_urls(address):
    fetcher = pdf.DataOnlyFetcher()
    with pytest.raises(ValueError, match="embed nothing external"):
        fetcher.fetch(address)
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


def test_the_rendering_is_a_function_of_the_report_alone(world):
    report = written_report(world)
    assert pdf.render_report_html(report) == pdf.render_report_html(report)
    report.output = "Output baru"
    report.save()
    assert "Output baru" in pdf.render_report_html(report)


def test_the_two_halves_give_the_pdf_and_its_page_count(world, monkeypatch):
    # Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools, which stamps the time of
    # the render into each font unless SOURCE_DATE_EPOCH says otherwise.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    report = written_report(world)
    data, pages = pdf.report_html_to_pdf(pdf.render_report_html(report))
    reader, _text = text_of(data)
    assert pages == len(reader.pages) >= 1
    assert data == pdf.render_report_pdf(report)  # the same content gives the same bytes
