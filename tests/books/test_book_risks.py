"""Buku II's lampiran carries the programs' risk register: the level rule, the heat map of the
risks still open or being mitigated, and the register table by program, in the table of contents
and in the typeset PDF."""

import re

import pytest
from django.utils.html import strip_tags

from books.contexts import BUILDERS
from books.layout import book_html, compose
from masterplan.rendering.typesetting import html_to_pdf
from roadmap.models import Program

from ..roadmap.roadmap_helpers import risk
from .test_books import fill, pdf_text

pytestmark = pytest.mark.django_db


def with_risks(world):
    masterplan = fill(world.masterplans["own"], programs=3)
    first, second, _third = Program.objects.filter(masterplan=masterplan).order_by("pk")
    risk(first, "Keterlambatan pengadaan perangkat", 3, 2, cause="Lelang gagal",
         mitigation="Pengadaan lewat e-katalog", owner="Diskominfo")
    risk(first, "Genset cadangan kurang", 1, 1, status="tertutup")
    risk(second, "Pedagang kembali ke transaksi tunai", 2, 2, status="dimitigasi", owner="Disdagin")
    return masterplan


def lampiran(html):
    return html[html.index('id="lampiran-risiko"'):]


def text(html):
    return re.sub(r"\s+", " ", strip_tags(html.replace("<br>", " "))).strip()


def test_buku_ii_lampiran_has_the_risk_register_and_its_heat_map(world):
    masterplan = with_risks(world)
    html = compose("books/book2.html", BUILDERS["2"](masterplan))
    assert html.index('id="lampiran-monev"') < html.index('id="lampiran-risiko"')
    assert 'href="#lampiran-risiko"' in html  # in the table of contents
    part = lampiran(html)
    assert "skor 1–2 berarti tingkat Rendah, 3–4 Sedang dan 6–9 Tinggi" in text(part)
    heat_map = re.search(r'<svg [^>]*id="buku-peta-risiko".*?</svg>', part, re.S).group(0)
    counts = {(int(likelihood), int(impact)): int(count) for likelihood, impact, count in re.findall(
        r'data-likelihood="(\d)" data-impact="(\d)" data-count="(\d+)"', heat_map)}
    assert len(counts) == 9 and (counts[3, 2], counts[2, 2]) == (1, 1)
    assert counts[1, 1] == 0  # closed: in the register, not on the map
    assert "Peta risiko program yang masih terbuka atau sedang dimitigasi" in part
    table = re.search(r'<table class="risks">.*?</table>', part, re.S).group(0)
    rows = [[text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr.*?</tr>", table, re.S)]
    assert rows[1:] == [
        ["Program layanan terpadu 0"],
        ["1", "Keterlambatan pengadaan perangkat Penyebab: Lelang gagal", "3 × 2 = 6", "Tinggi",
         "Pengadaan lewat e-katalog", "Diskominfo", "Terbuka"],
        ["2", "Genset cadangan kurang", "1 × 1 = 1", "Rendah", "–", "–", "Tertutup"],
        ["Program layanan terpadu 1"],
        ["3", "Pedagang kembali ke transaksi tunai", "2 × 2 = 4", "Sedang", "–", "Disdagin",
         "Sedang dimitigasi"],
    ]
    assert "Register risiko program" in text(table)


def test_a_draft_without_risks_says_so_and_draws_no_heat_map(world):
    masterplan = fill(world.masterplans["own"], programs=1)
    part = lampiran(compose("books/book2.html", BUILDERS["2"](masterplan)))
    assert "[belum ada risiko]" in part
    assert "buku-peta-risiko" not in part


def test_the_typeset_buku_ii_prints_the_register(world):
    masterplan = with_risks(world)
    pdf = pdf_text(html_to_pdf(book_html("2", masterplan)[0])[0])
    assert "Register Risiko Program" in pdf
    assert "Keterlambatan pengadaan perangkat" in pdf and "Sedang dimitigasi" in pdf
