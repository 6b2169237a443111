"""The typeset PDF itself: the same content gives the same bytes, PDF/A-3b with its metadata, and
page labels equal to the numbers printed on the pages."""

import io
import re

import pdfplumber
import pypdf
import pytest

from books.layout import book_html
from masterplan.rendering.page_labels import (
    LabelRange,
    PageNumber,
    label_ranges,
    parse_number,
    roman_value,
)
from masterplan.rendering.typesetting import html_to_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def book3(world):
    """Buku III of a masterplan, typeset twice from the same HTML."""
    html, _seconds = book_html("3", world.masterplans["own"])
    first, pages, _render = html_to_pdf(html)
    second = html_to_pdf(html)[0]
    return html, first, second, pages


def test_the_same_content_gives_the_same_bytes(book3):
    _html, first, second, _pages = book3
    assert first == second


def test_the_book_is_pdf_a_3b_with_its_metadata(book3):
    html, pdf, _second, _pages = book3
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert pdf.startswith(b"%PDF-1.7")
    assert not reader.is_encrypted
    root = reader.trailer["/Root"]
    # The checks WeasyPrint's PDF/A output is built to pass (veraPDF is not installable here).
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    identifier = reader.trailer["/ID"]
    assert len(identifier) == 2 and identifier[0]
    assert root["/Lang"] == "id"
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    info = reader.metadata
    assert info.title == title.replace("&mdash;", "—") and info.title in xmp
    assert info.author and f"<rdf:li>{info.author}</rdf:li>" in xmp
    # The information dictionary's dates and the XMP ones are the same instant, to the second.
    created = re.search(r"<xmp:CreateDate>(.*?)</xmp:CreateDate>", xmp).group(1)
    assert "." not in created
    assert info["/CreationDate"].startswith("D:" + re.sub(r"\D", "", created[:19]))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert {"/FontFile2", "/FontFile3"} & set(descriptor.get_object())


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
