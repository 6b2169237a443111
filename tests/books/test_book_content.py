"""What Buku II and III present: each program in full once with references elsewhere, the
compact budget table, the executive summary's figures computed from the data, and the demo
books' length."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils.html import strip_tags

from books.amounts import scale_for
from books.contexts import BUILDERS, summary
from books.layout import book_html, compose
from books.templatetags.book_tags import percent, rupiah
from masterplan.models import Masterplan, Region
from masterplan.rendering.typesetting import html_to_pdf
from roadmap.models import Financing, Program

from .test_books import fill, pdf_text

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def spread(masterplan):
    """Financing over several years and sources, so totals and the compact unit show."""
    programs = list(Program.objects.filter(masterplan=masterplan).order_by("pk"))
    first = programs[0]
    Program.objects.filter(pk=first.pk).update(end_year=2028, horizon="menengah",
                                               category="kebijakan")
    for year in (2027, 2028):
        Financing.objects.create(program=first, year=year, source="apbd", amount=2_000_000_000)
        Financing.objects.create(program=first, year=year, source="csr", amount=250_000_000)
    return Masterplan.objects.get(pk=masterplan.pk), programs


def text(html):
    return re.sub(r"\s+", " ", strip_tags(html)).replace(NBSP, " ")


def budget_table(html):
    return re.search(r'<table class="budget">.*?</table>', html, re.S).group(0)


def test_buku_ii_presents_each_program_in_full_once_and_the_other_views_refer_to_it(world):
    masterplan, programs = spread(fill(world.masterplans["own"], programs=3))
    html = compose("books/book2.html", BUILDERS["2"](masterplan))
    for program in programs:
        assert html.count(f'id="program-{program.pk}"') == 1
        # The action plan (IV) and the roadmap (V) name it and point at it.
        assert html.count(f'href="#program-{program.pk}"') == 2
    assert html.count('class="program-full"') == len(programs)
    first = re.search(rf'<tr>\s*<td><strong id="program-{programs[0].pk}".*?</tr>', html, re.S)
    cell = text(first.group(0))
    # One line per source with the period's total, no yearly lines: APBD 1,5 + 2 × 2 miliar.
    assert "APBD Rp 5.500.000.000" in cell and "CSR Rp 500.000.000" in cell
    assert "Jumlah Rp 6.000.000.000" in cell and "2027" not in cell
    assert "lihat III.a" in text(html)
    # Institutions and regulations once.
    assert html.count("Kelembagaan smart city daerah") == 2  # the caption and its daftar tabel line
    assert html.count("Regulasi smart city daerah") == 2


def test_budget_table_is_compact_and_its_sums_are_the_financing(world):
    masterplan, _programs = spread(fill(world.masterplans["own"], programs=3))
    html = budget_table(compose("books/book2.html", BUILDERS["2"](masterplan)))
    rows = [[strip_tags(cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr.*?</tr>", html, re.S)]
    assert "(Rp juta)" in html and "Rp 0" not in text(html)
    assert rows[0] == ["Tahun", "APBD", "CSR", "Jumlah"]
    by_year = {row[0]: row[1:] for row in rows[1:]}
    assert by_year["2026"] == ["4.500", "–", "4.500"]  # three programs × 1,5 miliar
    assert by_year["2027"] == ["2.000", "250", "2.250"]
    assert by_year["2030"] == ["–", "–", "–"]
    total = Financing.objects.filter(program__masterplan=masterplan).aggregate(s=Sum("amount"))["s"]
    apbd = Financing.objects.filter(program__masterplan=masterplan, source="apbd").aggregate(
        s=Sum("amount"))["s"]
    assert by_year["Jumlah"] == [f"{apbd / 10**6:,.0f}".replace(",", "."), "500",
                                 f"{total / 10**6:,.0f}".replace(",", ".")]
    assert by_year["Jumlah"][-1] == "9.000"


@pytest.mark.parametrize("amounts,unit,shown", [
    ([51_750_000_000, 100_000_000], "Rp miliar", ["51,75", "0,10"]),
    ([888_500_000_000], "Rp miliar", ["888,5"]),
    ([9_000_000_000, 250_000_000], "Rp juta", ["9.000", "250"]),
    ([2_500_000, 1_234_567], "Rp", ["2.500.000", "1.234.567"]),
    ([12_345_678_901], "Rp miliar", ["12,35", "–"]),
])
def test_the_compact_unit_follows_the_magnitude_and_keeps_what_it_can(amounts, unit, shown):
    scale = scale_for(amounts)
    assert scale.unit == unit
    assert [scale.format(amount) for amount in amounts + [0]][:len(shown)] == shown
    assert scale.format(0) == scale.format(None) == "–"


def test_one_rupiah_and_one_percent_format():
    assert rupiah(Decimal("1500000")) == f"Rp{NBSP}1.500.000"
    assert rupiah(0) == rupiah(None) == "–"
    assert percent(Decimal("14.6")) == "14,6%" and percent(None) == "–"


def test_buku_iii_headline_figures_come_from_the_data(world):
    masterplan, programs = spread(fill(world.masterplans["own"], programs=4))
    context = BUILDERS["3"](masterplan)
    summary = text(compose("books/book3.html", context))
    total = Financing.objects.filter(program__masterplan=masterplan).aggregate(s=Sum("amount"))["s"]
    assert total == Decimal("10500000000")  # 4 × 1,5 miliar + 2 × (2 + 0,25) miliar
    assert context["budget"]["grand_total"] == total
    figures = re.search(r"Masterplan dalam angka(.*?)Sumber dana", summary).group(1)
    assert "Rp 10.500.000.000" in figures and f"{len(programs)} program" in figures
    assert "termasuk 1 quick win" in figures
    governance = next(row for row in context["headline"]["dimensions"]
                      if row["title"] == "Smart Governance")
    assert (governance["programs"], governance["quick_wins"], governance["total"]) == (4, 1, total)
    assert "Sumber dana: APBD Rp 10.000.000.000; CSR Rp 500.000.000." in summary
    # The first year's commitments: its budget (4 × 1,5 miliar) and the programs starting in it.
    assert ("Pada tahun pertama (2026) daerah menganggarkan Rp 6.000.000.000 untuk 4 program "
            "yang berjalan. 4 program dimulai tahun ini, termasuk 1 quick win") in summary


def test_demo_books_have_the_planned_length():
    """Kota Bandung's full demo (30 programs): Buku II at most 40 pages with each program in full
    once, Buku III an executive summary of 8–12 pages."""
    call_command("seed_demo")
    masterplan = Region.objects.get(code="32.73").masterplans.get(is_current=True)
    programs = list(Program.objects.filter(masterplan=masterplan))
    assert len(programs) == 30
    html, _seconds = book_html("2", masterplan)
    assert all(html.count(f'id="program-{p.pk}"') == 1 for p in programs)
    pdf, pages, _render = html_to_pdf(html)
    assert pages <= 40
    book2 = pdf_text(pdf)
    assert all(p.name in book2 for p in programs)
    pdf, pages, _render = html_to_pdf(book_html("3", masterplan)[0])
    assert 8 <= pages <= 12
    assert "Masterplan dalam angka" in pdf_text(pdf)


def test_a_region_without_financing_gets_no_empty_budget_table(world):
    masterplan = Masterplan.objects.get(pk=world.masterplans["other"].pk)  # no programs
    for book in ("2", "3"):
        html = compose(f"books/book{book}.html", BUILDERS[book](masterplan))
        assert '<table class="budget">' not in html
        assert "[belum ada rencana pembiayaan]" in html


def test_buku_iii_names_a_few_programs_per_roadmap_cell_and_counts_the_rest(world):
    """All 12 programs are Governance, short-term and start in 2026: the overview's cell names
    the quick win and the largest budgets, and the first year's list stops at its limit."""
    masterplan = fill(world.masterplans["own"], programs=12)
    largest = Program.objects.filter(masterplan=masterplan).order_by("pk").last()
    Financing.objects.create(program=largest, year=2026, source="apbn", amount=9_000_000_000)
    context = BUILDERS["3"](masterplan)
    governance = next(s for s in context["dimension_sections"]
                      if s["dimension"].title == "Smart Governance")
    short = governance["by_horizon"][0]
    assert len(short["named"]) == summary.MATRIX_NAMES and short["more"] == 12 - summary.MATRIX_NAMES
    names = [p.name for p in short["named"]]
    assert "Program layanan terpadu 0" in names  # the quick win
    assert largest.name in names
    assert names == sorted(names, key=lambda n: int(n.rsplit(" ", 1)[1]))  # in the plan's order
    summary_text = text(compose("books/book3.html", context))
    assert f"dan {12 - summary.MATRIX_NAMES} program lainnya" in summary_text
    assert f"dan {12 - summary.STARTING_NAMES} program lainnya (Buku II, Bab V)." in summary_text
