"""books/layout.py numbers tables and figures per chapter and lists them without their values."""

import pytest

from books.layout import chapter_label, finish, number_captions, roman_value

BOOK = (
    '<h1 id="daftar-isi">Daftar Isi</h1><!--DAFTAR-ISI-->'
    '<h1 id="daftar-gambar">Daftar Gambar</h1><!--DAFTAR-GAMBAR-->'
    '<h1 id="daftar-tabel">Daftar Tabel</h1><!--DAFTAR-TABEL-->'
    '<h1 id="sambutan" data-toc="front">Kata Sambutan</h1>'
    "<table><caption data-number>Depan</caption></table>"
    '<h1 id="bab-1" data-toc="main">I. Analisis Masa Depan</h1>'
    "<table><caption data-number>Daya saing</caption></table>"
    '<h1 id="bab-2" data-toc="main">II. Analisis Kesiapan Daerah</h1>'
    '<figure><figcaption data-number>Indeks kesiapan</figcaption></figure>'
    '<h2 id="kesiapan-a" data-toc="main">a. Struktur</h2>'
    "<table><caption data-number>Kualitas SDM<span data-unlisted> — indeks 77,8</span>"
    "</caption></table>"
    "<table><caption data-number>Anggaran<span data-unlisted> — indeks 50,0</span></caption>"
    "</table>"
    '<h1 id="bab-4" data-toc="main">IV. Analisis Visi</h1>'
    '<figure><figcaption data-number>Kematangan</figcaption></figure>'
    "<table><caption data-number>Sasaran</caption></table>"
    '<h1 id="lampiran" data-toc="main">Lampiran</h1>'
    "<table><caption data-number>SWOT</caption></table>"
)


def test_tables_and_figures_are_numbered_per_chapter():
    html, tables, figures = number_captions(BOOK)
    assert [t.text for t in tables] == [
        "Tabel 1. Depan", "Tabel 1.1. Daya saing", "Tabel 2.1. Kualitas SDM",
        "Tabel 2.2. Anggaran", "Tabel 4.1. Sasaran", "Tabel L.1. SWOT"]
    assert [f.text for f in figures] == ["Gambar 2.1. Indeks kesiapan", "Gambar 4.1. Kematangan"]
    assert [t.anchor for t in tables] == ["tabel-1", "tabel-1-1", "tabel-2-1", "tabel-2-2",
                                          "tabel-4-1", "tabel-L-1"]
    # The caption itself keeps its value; the list does not.
    assert ('<caption id="tabel-2-1">Tabel 2.1. Kualitas SDM<span data-unlisted> — indeks 77,8'
            '</span></caption>') in html
    assert '<figcaption id="gambar-4-1">Gambar 4.1. Kematangan</figcaption>' in html


def test_lists_link_every_number_and_carry_no_values():
    html = finish(BOOK)
    daftar_tabel = html[html.index('id="daftar-tabel"'):html.index('id="sambutan"')]
    assert "indeks" not in daftar_tabel and "77,8" not in daftar_tabel
    for anchor in ["tabel-1", "tabel-1-1", "tabel-2-1", "tabel-2-2", "tabel-4-1", "tabel-L-1"]:
        assert f'href="#{anchor}"' in daftar_tabel
        assert f'id="{anchor}"' in html
    assert ">Tabel 2.2. Anggaran</a>" in daftar_tabel
    daftar_gambar = html[html.index('id="daftar-gambar"'):html.index('id="daftar-tabel"')]
    assert ">Gambar 2.1. Indeks kesiapan</a>" in daftar_gambar
    assert 'href="#bab-2"' in html[:html.index('id="daftar-gambar"')]


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("VI", 6), ("IX", 9),
                                                ("XIV", 14)])
def test_roman_numerals(numeral, value):
    assert roman_value(numeral) == value


def test_chapter_labels():
    assert chapter_label("III. Analisis Gap", 7) == "3"
    assert chapter_label("<b>V.</b> Peta Jalan", 1) == "5"
    assert chapter_label("Lampiran", 7) == "L"
    assert chapter_label("Penutup", 7) == "7"
