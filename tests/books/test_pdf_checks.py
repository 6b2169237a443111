"""The visual checks of books/pdf_checks.py on small documents typeset with the books' own
stylesheet: one clean document, and one with each defect."""

import pytest

from books.pdf_checks import check_pdf
from masterplan.rendering.typesetting import html_to_pdf

PARAGRAPH = ("Pemerintah daerah menyusun masterplan smart city sebagai arah pembangunan kota yang "
             "terencana, terukur, dan berkelanjutan bagi seluruh warganya. ")


def document(main, style=""):
    """A book-like document: cover, watermark, running headers, numbered pages, `main`."""
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Uji</title>
<link rel="stylesheet" href="/static/books/book.css"><style>{style}</style></head><body>
<section class="cover"><div class="book-meta" data-book="Buku Uji" data-region="Kota Uji"></div>
<div class="watermark">DRAF</div><h1 class="cover-title">Buku Uji</h1></section>
<section class="main">{main}</section></body></html>"""


def paragraphs(count):
    return "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(count))


def defects_of(main, style=""):
    pdf, _pages, _seconds = html_to_pdf(document(main, style))
    return check_pdf(pdf)


def kinds(defects):
    return sorted({defect.kind for defect in defects})


def test_a_clean_document_has_no_defect():
    # A chapter running over two pages, a table with its caption, a short chapter (its page
    # little filled, but the next starts a chapter), headers, footers and the watermark over text.
    main = (f'<h1>I. Pendahuluan</h1>{paragraphs(14)}'
            '<table><caption>Tabel 1. Program</caption><thead><tr><th>Nama</th><th>Tahun</th>'
            '</tr></thead><tbody><tr><td>Layanan terpadu</td><td>2026</td></tr></tbody></table>'
            f'<h2>a. Latar belakang</h2>{paragraphs(2)}'
            f'<h1>II. Ringkas</h1>{paragraphs(1)}<h1>III. Penutup</h1>{paragraphs(3)}')
    assert defects_of(main) == []


def test_text_over_text_is_found():
    main = f'<h1>I. Bab</h1>{paragraphs(2)}<p class="over">Teks yang menimpa teks lain</p>'
    defects = defects_of(main, ".over { margin-top: -12mm; margin-left: 10mm }")
    assert kinds(defects) == ["overlap"]
    assert defects[0].page == 2 and defects[0].label == "1"
    assert "menimpa" in str(defects) or "Teks" in str(defects)


def test_text_past_the_right_edge_is_found():
    main = f'<h1>I. Bab</h1><p class="wide">{PARAGRAPH}</p>'
    defects = defects_of(main, ".wide { white-space: nowrap }")
    assert kinds(defects) == ["past_edge"]
    assert "mm past the text block" in defects[0].description


def test_a_table_caption_ending_a_page_is_found():
    main = ('<h1>I. Bab</h1><div class="spacer">Awal</div>'
            '<table><caption>Tabel 1. Program yang tertinggal</caption><tbody><tr>'
            '<td><div class="tall">Isi</div></td></tr></tbody></table>')
    # book.css keeps a caption with its table; released here to make the defect.
    defects = defects_of(main, ".spacer { height: 205mm } .tall { height: 100mm } "
                               "caption { break-after: auto }")
    assert kinds(defects) == ["stranded_caption"]
    assert "Tabel 1. Program yang tertinggal" in defects[0].description


def test_a_heading_ending_a_page_is_found():
    main = ('<h1>I. Bab</h1><div class="spacer">Awal</div><h2 class="loose">a. Bagian</h2>'
            '<div class="block">Isi bagian</div>')
    defects = defects_of(main, ".spacer { height: 215mm } h2.loose { break-after: auto } "
                               ".block { height: 60mm; break-inside: avoid }")
    assert kinds(defects) == ["stranded_heading"]
    assert "a. Bagian" in defects[0].description


def test_a_figure_caption_starting_a_page_is_found():
    main = ('<h1>I. Bab</h1><figure class="loose"><div class="tall">Grafik</div>'
            '<figcaption>Gambar 1. Grafik yang terpisah</figcaption></figure>')
    defects = defects_of(main, "figure.loose { break-inside: auto } .tall { height: 200mm; border: .5pt solid } "
                               "figcaption { break-before: page }")
    assert kinds(defects) == ["stranded_caption"]
    assert "starts the page" in defects[0].description


def test_a_little_filled_page_before_the_same_chapter_is_found():
    main = f'<h1>I. Bab</h1>{paragraphs(1)}<p class="next">{PARAGRAPH}</p>'
    defects = defects_of(main, ".next { break-before: page }")
    assert kinds(defects) == ["underfilled"]
    assert defects[0].label == "1"


@pytest.mark.parametrize("landscape", [False, True])
def test_the_text_block_follows_the_page_size(landscape):
    # A line 200mm wide fits a landscape page's text block (297mm - 45mm), not a portrait one's.
    style = ".wide { width: 200mm } " + ("@page { size: A4 landscape }" if landscape else "")
    defects = defects_of(f'<h1>I. Bab</h1><div class="wide">{PARAGRAPH * 2}</div>', style)
    assert kinds(defects) == ([] if landscape else ["past_edge"])
