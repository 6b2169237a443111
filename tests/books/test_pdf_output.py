"""The typeset PDF itself: the same content gives the same bytes, PDF/A-3b with its metadata, and
page labels equal to the numbers printed on the pages."""

import io
import os
import re
import time

import pdfplumber
import pypdf
import pytest
from weasyprint import HTML

from books.layout import book_html
from masterplan.rendering.page_labels import (
    LabelRange,
    PageNumber,
    label_ranges,
    parse_number,
    roman_value,
)
from masterplan.rendering.pdfa import conformance_problems
from masterplan.rendering.typesetting import html_to_pdf

pytestmark = pytest.mark.django_db

# A 2 × 2 pixel PNG.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAA"
       "BJRU5ErkJggg==")


@pytest.fixture(scope="module")
def book3(shared_world, module_db_setup):
    """Buku III of a masterplan, typeset twice from the same HTML (once per module)."""
    def build():
        html, _seconds = book_html("3", shared_world.masterplans["own"])
        # As in a fresh process, and a clock second apart: a font stamped with the time of the
        # render would differ.
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        first, pages, _render = html_to_pdf(html)
        time.sleep(1.1)
        second = html_to_pdf(html)[0]
        return html, first, second, pages
    return module_db_setup(build)


def test_the_same_content_gives_the_same_bytes(book3):
    _html, first, second, _pages = book3
    assert first == second


def test_the_book_is_pdf_a_3b_with_its_metadata(book3):
    html, pdf, _second, _pages = book3
    assert conformance_problems(pdf) == []
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert reader.trailer["/Root"]["/Lang"] == "id"
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert reader.metadata.title == title and reader.metadata.title in xmp
    assert reader.metadata.author == meta_author(html)
    # The dates are the masterplan's, to the second, the same in both places.
    created = re.search(r"<xmp:CreateDate>(.*?)</xmp:CreateDate>", xmp).group(1)
    assert "." not in created
    assert reader.metadata["/CreationDate"].startswith("D:" + re.sub(r"\D", "", created[:19]))


def meta_author(html):
    return re.search(r'<meta name="author" content="([^"]+)">', html).group(1)


def test_the_pdf_a_checks_find_what_plain_weasyprint_output_lacks():
    html = (f'<html lang="id"><head><title>Uji</title><meta name="author" content="Kota Uji">'
            f'</head><body><img src="data:image/png;base64,{PNG}" style="width: 20mm">'
            f'<a href="#isi">Isi</a><p id="isi">Teks</p></body></html>')
    plain = HTML(string=html).write_pdf()
    assert set(conformance_problems(plain)) >= {
        "no XMP metadata stream", "no PDF/A output intent with an ICC profile",
        "no file identifier", "p. 1: an image drawn with interpolation",
        "p. 1: an annotation not printed as shown"}
    variant_only = HTML(string=html).write_pdf(pdf_variant="pdf/a-3b")
    assert conformance_problems(variant_only) == ["p. 1: an image drawn with interpolation"]
    assert conformance_problems(html_to_pdf(html)[0]) == []
    untitled = html_to_pdf(html.replace("<title>Uji</title>", "").replace(' lang="id"', ""))[0]
    assert set(conformance_problems(untitled)) == {"no document title", "no document language"}


def test_page_labels_are_the_printed_numbers(book3):
    _html, pdf, _second, pages = book3
    labels = pypdf.PdfReader(io.BytesIO(pdf)).page_labels
    assert len(labels) == pages
    assert labels[0] == "Sampul"
    printed = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            footer = page.crop((0, page.height - 22 * 72 / 25.4, page.width, page.height))
            printed.append(footer.extract_text().strip())
    assert printed[0] == ""
    assert labels[1:] == printed[1:]
    assert labels[1] == "i" and "1" in labels
    first_main = labels.index("1")
    assert all(parse_number(label)[0] == "r" for label in labels[1:first_main])
    assert labels[first_main:] == [str(n) for n in range(1, pages - first_main + 1)]


def test_roman_numbers_and_label_ranges():
    assert [roman_value(text) for text in ("i", "iv", "ix", "xiv", "xl", "mcmxc")] == [
        1, 4, 9, 14, 40, 1990]
    assert parse_number(" 12 ") == ("D", 12) and parse_number("Buku I") is None
    pages = [PageNumber("cover"), PageNumber("front", "r", 1), PageNumber("front", "r", 2),
             PageNumber("main", "D", 1), PageNumber("main", "D", 2), PageNumber("main", "D", 5),
             PageNumber("blank")]
    assert label_ranges(pages) == [
        LabelRange(0, prefix="Sampul"), LabelRange(1, "r", 1), LabelRange(3, "D", 1),
        LabelRange(5, "D", 5), LabelRange(6, prefix="blank")]
    assert label_ranges([PageNumber("cover"), PageNumber("")]) == []
